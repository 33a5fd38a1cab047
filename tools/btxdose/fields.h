/* SPDX-License-Identifier: Apache-2.0 */
/* Strict conversion of the text a user types or a file holds (numbers, dates, product
 * and indication names, units) into the library's values. Shared by the option parser
 * and the row readers, so a value means the same on the command line and in a file. */
#ifndef BTXDOSE_TOOL_FIELDS_H
#define BTXDOSE_TOOL_FIELDS_H

#include <stdint.h>

#include <btxdose/btxdose.h>

/* Bytes of a converter's message buffer. */
#define FIELD_MSG_SIZE 256

/* Strict decimal number: [+-]digits[.digits][(e|E)[+-]digits] (".5" and "5." allowed),
 * the whole text, finite. No hex, no "nan"/"inf", no spaces. Returns 0 or -1. */
int field_number(const char *text, double *out);

/* Strict non-negative decimal integer up to max. Returns 0 or -1. */
int field_count(const char *text, int32_t max, int32_t *out);

/* Each converter returns 0, or -1 with a message without prefix ("-5 is negative") in
 * msg. The library has the last word on ranges: see the btx_check_* calls. */
int field_date(const char *text, btx_date *out, char msg[FIELD_MSG_SIZE]);
int field_product(const char *text, int32_t *out, char msg[FIELD_MSG_SIZE]);
/* Once the indication is known: a product text that is a nonproprietary name
 * ("onabotulinumtoxinA") becomes the product labelled for that indication
 * (btx_substance_lookup, btx_product_for_indication: glabellar lines give BOTOX Cosmetic);
 * a brand is left as field_product read it. */
void field_product_for_indication(const char *text, int32_t indication, int32_t *product);
/* An empty indication gives 0 (not recorded) when allow_empty, else an error. */
int field_indication(const char *text, int allow_empty, int32_t *out,
                     char msg[FIELD_MSG_SIZE]);
int field_units(const char *text, double *out, char msg[FIELD_MSG_SIZE]);
/* An empty weight gives 0 (unknown); any other text must be a number. */
int field_weight(const char *text, double *out, char msg[FIELD_MSG_SIZE]);
/* An empty date gives BTX_DATE_UNKNOWN; any other text must be a date. */
int field_optional_date(const char *text, btx_date *out, char msg[FIELD_MSG_SIZE]);

/* The limbs treated (bits 0-1 of btx_administration.flags, record.h): an empty text
 * gives 0 (not stated), "1" or "2" give BTX_LIMBS_FLAGS(n) in *flags; any other text is
 * an error ("'3' is not a number of limbs treated: 1 or 2"). Whether the record's
 * indication takes a count is the library's to say (btx_check_record). */
int field_limbs(const char *text, int32_t *flags, char msg[FIELD_MSG_SIZE]);

/* The text after "FIELD: " when the library refused a record for its limb count
 * (a check named BTX_FIELD_FLAGS): "2 on a chronic_migraine record: refused by libbtxdose:
 * ...". what: "record", "proposal". */
void field_limbs_refused(const btx_administration *a, const char *what, int rc,
                         char msg[FIELD_MSG_SIZE]);

/* A setting name (btx_setting_lookup); the message of an unknown name lists the
 * library's names (btx_setting_name). */
int field_setting(const char *text, int32_t *out, char msg[FIELD_MSG_SIZE]);

/* Parses --propose DATE,PRODUCT,INDICATION,UNITS (indication required) and --limbs N
 * (limbs: NULL when not given) and asks the library whether it takes the result as a
 * proposal (btx_check_proposal). Prints "btxdose: --propose: FIELD: ..." (or
 * "btxdose: --limbs: ...") and returns -1 when bad. */
int field_proposal(const char *text, const char *limbs, btx_administration *out);

#endif /* BTXDOSE_TOOL_FIELDS_H */
