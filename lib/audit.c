/* SPDX-License-Identifier: Apache-2.0 */
/* Population audit (docs/audit.md).
 *
 * One pass over rows sorted by patient key and date. Rows of one patient and one date
 * form a group; a group is validated and counted whole before any of its results is
 * written, because rows of one date count together. The state is O(1) per rule:
 *
 * - substance-wide windows: every substance shares the length L (the policy's, else the
 *   table's 3 months), so the trailing window [S(D), D] of every substance starts on the
 *   same day; one tail index into the rows and one running sum per substance suffice.
 *   The tail only moves forward because S(D) never decreases as D grows; rows of an
 *   earlier patient leave the window like old rows, so a new patient resets nothing.
 * - indication windows (blepharospasm, 30 days): one tail and one sum per rule row,
 *   moved only when a row of that indication asks.
 * - intervals and spacing: the last session date per substance and indication and the
 *   last visit date per substance, as stamps (the date plus a per-patient base, see
 *   `stamp`) so that a new patient needs no reset.
 * - session and visit caps: the totals of the date per substance and indication,
 *   stamped with the group's first row; a group of one row needs none.
 *
 * The rule rows come from rules_data.c (the tables btx_evaluate uses) and the label
 * status from btx__protocol_find, looked up once per call and per product, indication
 * and population into a table on the stack. A row whose rules are the common ones (a
 * window without a weight part, an interval, at most two caps without a weight part,
 * the label) takes a short path without branches, in the fast lane (alone on its date
 * or in a same-date pair) or in a small group of such rows; every other row takes the
 * general one (judge, audit_group). Results agree with btx_evaluate row by row, and are
 * the same with every row on the general path (BTX_AUDIT_GENERAL_ONLY): see
 * tests/check_audit.c, run both ways.
 *
 * Speed (docs/performance.md): most rows take a fast lane (`lane`): good, in order, alone
 * on their date or in a same-date pair, of an adult, of a cell of the short path; its
 * tests are stricter forms of the general body's, and it stops before any other row. The
 * trailing window's rows leave it from a small ring of (stamp, units, substance) on the
 * stack rather than from the rows; a stamp is a date offset by a per-patient base, so
 * "same patient and within N days" is one unsigned comparison and a new patient needs no
 * reset; the pass is specialised for windows in days or weeks (start = date - constant)
 * and in months (calendar, cached per month).
 */
#include <stddef.h>
#include <string.h>

#include "calendar.h"
#include "internal.h"

_Static_assert(sizeof(btx_audit_row) == 48, "btx_audit_row is frozen at 48 bytes");
_Static_assert(offsetof(btx_audit_row, admin) == 8, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, weight_kg) == 32, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, birth_date) == 40, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, reserved) == 44, "btx_audit_row layout");
_Static_assert(sizeof(btx_audit_result) == 24, "btx_audit_result is frozen at 24 bytes");
_Static_assert(offsetof(btx_audit_result, flags) == 8, "btx_audit_result layout");
_Static_assert(offsetof(btx_audit_result, rule) == 12, "btx_audit_result layout");
_Static_assert(offsetof(btx_audit_result, reserved) == 16, "btx_audit_result layout");

#define NSUB (BTX__SUBSTANCE_MAX + 1)
#define NIND (BTX__INDICATION_MAX + 1)
#define NPROD (BTX__PRODUCT_MAX + 1)
#define NO_LIMIT INT64_MAX

#if defined(__GNUC__) || defined(__clang__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NOINLINE __attribute__((noinline))            /* rare paths, out of the loop */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#define NOINLINE
#define ALWAYS_INLINE inline
#endif

/* ---- units and validation ---- */

/* btx__milli_from_units, with a fast path for the common case: a dose that is an exact
 * number of milli-units (155, 12.5) rounds to itself, and the general rounding gives the
 * same answer for it. Anything else (NaN, out of range, 1.0005) takes the general path. */
static inline int milli_of(double units, btx_milli *out)
{
    if (units >= 0.0 && units <= BTX_UNITS_MAX) {
        const double x = units * 1000.0;
        const btx_milli m = (btx_milli)x;
        if ((double)m == x) {
            *out = m;
            return BTX_OK;
        }
    }
    return btx__milli_from_units(units, out);
}

/* Every check of one row but its order (validate.c), and its units. */
static int check_row(const btx_audit_row *r, btx_milli *milli)
{
    int32_t field;
    const int rc = btx__check_audit_row(r, &field);
    if (rc != BTX_OK)
        return rc;
    return milli_of(r->admin.units, milli);
}

/* check_row for the common case: the units of a good row whose units are an exact
 * number of milli-units; -1 means "ask check_row". Every test is one that a good row
 * passes, so the branches are predicted; the birth date's two cases are one test. */
static inline btx_milli row_good(const btx_audit_row *r)
{
    const btx_administration *a = &r->admin;
    const uint32_t span = (uint32_t)(BTX_DATE_MAX - BTX_DATE_MIN);
    const uint32_t birth_off = (uint32_t)r->birth_date - (uint32_t)BTX_DATE_MIN;
    if ((uint32_t)a->date - (uint32_t)BTX_DATE_MIN > span)
        return -1;
    if ((uint32_t)a->product - 1u >= (uint32_t)BTX__PRODUCT_MAX)
        return -1;
    if ((uint32_t)a->indication > (uint32_t)BTX__INDICATION_MAX)
        return -1;
    if ((a->flags | r->reserved) != 0)
        return -1;
    if ((birth_off > span) & (r->birth_date != BTX_DATE_UNKNOWN))
        return -1;
    if (!(r->weight_kg >= 0.0) || !(r->weight_kg <= 1000.0)) /* NaN fails too */
        return -1;
    if (!(a->units >= 0.0) || !(a->units <= BTX_UNITS_MAX))
        return -1;
    const double x = a->units * 1000.0; /* 0 <= x <= 1e8: converts exactly */
    const btx_milli m = (btx_milli)x;
    return (double)m == x ? m : -1;
}

/* check_row as one number: the row's units (>= 0) or its error (< 0). */
static NOINLINE btx_milli row_checked(const btx_audit_row *r)
{
    btx_milli m = 0;
    const int rc = check_row(r, &m);
    return rc != BTX_OK ? (btx_milli)rc : m;
}

int btx_validate_audit(const btx_audit_row *rows, size_t n, size_t *bad_index)
{
    int32_t field;
    return btx_check_audit_rows(rows, n, bad_index, &field);
}

/* ---- per-call tables ---- */

static inline unsigned lowest_bit(unsigned bits)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(bits);
#else
    unsigned i = 0;
    while (!(bits & 1u)) {
        bits >>= 1;
        i++;
    }
    return i;
#endif
}

/* The short path's finding order: bit i of a row's mask is the i-th rule it may break. */
enum { BIT_WINDOW, BIT_INTERVAL, BIT_SPACING, BIT_CAP0, BIT_CAP1, BIT_LABEL, BIT_NONE,
       BIT_SCHEDULE /* not a rule: the interval is a schedule */ };

/* The flags of a short-path mask (BIT_* above). */
#define FL(m)                                                                                 \
    (uint8_t)(((m) & 1u ? BTX_AUDIT_OVER_WINDOW : 0) |                                        \
              ((m) >> BIT_INTERVAL & 1u                                                       \
                   ? ((m) >> BIT_SCHEDULE & 1u ? BTX_AUDIT_SCHEDULE : BTX_AUDIT_TOO_SOON)     \
                   : 0) |                                                                     \
              ((m) >> BIT_SPACING & 1u ? BTX_AUDIT_TOO_SOON : 0) |                            \
              (((m) >> BIT_CAP0 | (m) >> BIT_CAP1) & 1u ? BTX_AUDIT_OVER_SESSION : 0) |       \
              ((m) >> BIT_LABEL & 1u ? BTX_AUDIT_NOT_LABELLED : 0))
#define FL4(m) FL(m), FL((m) + 1u), FL((m) + 2u), FL((m) + 3u)
#define FL16(m) FL4(m), FL4((m) + 4u), FL4((m) + 8u), FL4((m) + 12u)
#define FL64(m) FL16(m), FL16((m) + 16u), FL16((m) + 32u), FL16((m) + 48u)
static const uint8_t flags_of[256] = {FL64(0u), FL64(64u), FL64(128u), FL64(192u)};

/* What applies to a row of one product, indication and population; filled on first use
 * from the rule tables and the protocol rows. The first part is all the short path
 * reads; 64 bytes. */
typedef struct cell {
    btx_milli limit;       /* substance window limit (absolute part); NO_LIMIT if none */
    btx_milli cap[2];      /* short path: the first two caps (table order); NO_LIMIT none */
    int32_t ivl_lo;        /* label interval: a gap in days below ivl_lo is too soon; */
    int32_t ivl_hi;        /* ... from ivl_lo to below ivl_hi (months) asks the calendar */
    int8_t rule_id[8];     /* short path: the rule id of each BIT_*, 0 for BIT_NONE */
    uint16_t slot;         /* substance * NIND + indication: last_session index */
    uint8_t subst;         /* the product's substance */
    uint8_t state;         /* 0 not filled yet, 1 general path, STATE_SHORT(_AGE) short */
    uint8_t ivl_flag;      /* BTX_AUDIT_TOO_SOON (minimum) or BTX_AUDIT_SCHEDULE; 0 none */
    uint8_t label_flag;    /* BTX_AUDIT_NOT_LABELLED when not labelled/established, else 0 */
    uint8_t rest_bits;     /* short path: BIT_LABEL, BIT_NONE (always), BIT_SCHEDULE */
    int8_t ind_add;        /* index in audit.ind[] the row's units count in, -1 none */
    /* the general path */
    int8_t window;         /* index in btx__window_rules of the substance window, -1 none */
    int8_t ind_window;     /* index in audit.ind[] of an indication window, -1 none */
    uint16_t caps;         /* bit i: btx__cap_rules[i] applies */
    int16_t window_id;     /* substance window rule id as reported (the policy id when the
                              policy sets the length); 0 = no substance window */
    int16_t interval;      /* index in btx__interval_rules, -1 none */
    int16_t interval_months; /* its length for month rules; 0 otherwise */
    int16_t label_rule;    /* 111, 112 or 0 */
    int16_t age_min;       /* age check still needed beyond the population: 0 = none */
    int16_t age_max;       /* 0 = none */
} cell;

_Static_assert(sizeof(cell) == 64, "a cell is one cache line");

#define NCELLS (NPROD * NIND * 2)
#define STATE_SHORT 2 /* the short path, in the lane or not */
#define STATE_SHORT_AGE 3 /* the short path with an age check, outside the lane */
#define RING 64

/* Build switches (docs/performance.md, "The fast lanes, measured again").
 * BTX_AUDIT_GENERAL_ONLY (the CMake option of that name; the tests build a second copy of
 * audit.c with it) sends every row through the general path: run's general body counts
 * its group and judge or audit_group judges it, with check_row's tests, rows leaving the
 * trailing window read back from the rows and the calendar for every start in months. Its
 * answers must be the lanes' (check_audit_general, fuzz_audit_general). BTX_AUDIT_NO_LANE,
 * _NO_PAIR, _NO_BODY_SHORT, _NO_GROUP_SHORT, _NO_MONTH_CACHE and _NO_ROW_GOOD turn off one
 * lane each, to measure it. */
#if defined(BTX_AUDIT_GENERAL_ONLY) || defined(BTX_AUDIT_NO_LANE)
#define USE_LANE 0 /* lane: rows alone on their date, through short_path */
#else
#define USE_LANE 1
#endif
#if !USE_LANE || defined(BTX_AUDIT_NO_PAIR)
#define USE_PAIR 0 /* lane_pair: same-date pairs stay in the lane */
#else
#define USE_PAIR 1
#endif
#if defined(BTX_AUDIT_GENERAL_ONLY) || defined(BTX_AUDIT_NO_BODY_SHORT)
#define USE_BODY_SHORT 0 /* short_path for single rows outside the lane */
#else
#define USE_BODY_SHORT 1
#endif
#if defined(BTX_AUDIT_GENERAL_ONLY) || defined(BTX_AUDIT_NO_GROUP_SHORT)
#define USE_GROUP_SHORT 0 /* short_path for groups of up to GROUP_SHORT rows */
#else
#define USE_GROUP_SHORT 1
#endif
#if defined(BTX_AUDIT_GENERAL_ONLY)
#define USE_RING 0 /* rows leave the trailing window from the ring (the lane needs it) */
#else
#define USE_RING 1
#endif
#if defined(BTX_AUDIT_GENERAL_ONLY) || defined(BTX_AUDIT_NO_MONTH_CACHE)
#define USE_MONTH_CACHE 0 /* window starts in months through the per-call cache */
#else
#define USE_MONTH_CACHE 1
#endif
#if defined(BTX_AUDIT_GENERAL_ONLY) || defined(BTX_AUDIT_NO_ROW_GOOD)
#define USE_ROW_GOOD 0 /* row_good before check_row in the general body */
#else
#define USE_ROW_GOOD 1
#endif

typedef struct day_total {
    size_t owner;
    btx_milli milli;
    int32_t limbs;   /* the limbs its rows state (record.h), added */
    int32_t unknown; /* 1 when one of its rows does not state them */
} day_total;

/* A previous session or visit, or "now": the patient's base plus the date's offset from
 * BTX_DATE_MIN (less than 2^17). Each patient's base is STAMP_PATIENT above the one
 * before, so a stamp of an earlier patient (or 0, none) is at least STAMP_PATIENT -
 * 109,572 days before any date of the current one: far beyond every interval and the
 * longest spacing (BTX__MAX_SPAN_DAYS), and a single unsigned comparison of the gap
 * answers "too soon" with no patient test. */
typedef uint64_t stamp;
#define STAMP_PATIENT (UINT64_C(1) << 20)
#define STAMP_LIMIT (UINT64_C(1) << 62) /* then every stamp is forgotten (never in practice) */

typedef struct ind_window {
    const btx__window_rule *rule;
    stamp base;         /* the patient the tail and sum belong to */
    size_t tail;        /* first row that may still be in the window */
    btx_milli sum;      /* counted rows in [tail, end of the current group) */
} ind_window;

typedef struct audit {
    const btx_audit_row *rows;
    btx__policy pol;
    int32_t length, unit;                             /* substance-wide window */
    int8_t ind_rule[NSUB][NIND];                      /* index in ind[], -1 none */
    ind_window ind[BTX__AUDIT_MAX_IND_WINDOWS];
    size_t ind_count;
    cell cells[NCELLS];                               /* [product][indication][pediatric] */
    uint32_t cap_ind[NCELLS][2];                      /* short path caps: the indications
                                                         counted with the row's substance */
    /* patient state (base is kept in the loop; written here before the general path
     * runs) */
    stamp base;                                       /* the current patient's base */
    btx_milli sum[NSUB];
    stamp last_session[NSUB * NIND];
    stamp last_visit[NSUB];
    /* the last RING rows entered (row k at k % RING): their stamp, units and
     * substance; rows leave the trailing window from here */
    stamp ring_at[RING];
    btx_milli ring_milli[RING];
    uint8_t ring_subst[RING];
    /* group state (only for groups of more than one row) */
    size_t group;                                     /* first row + 1 */
    day_total day[NSUB][NIND];
    /* the substance window's start by month, for windows in months (calendar.h) */
    btx__month_slot months[BTX__MONTH_SLOTS];
    /* birthday cache for the current birth date */
    btx_date birth;
    btx_date bday_day[3];
    int32_t bday_years[3];
    unsigned bday_next;
} audit;

static NOINLINE void fill_cell(audit *a, size_t ci, int32_t product, int32_t indication,
                               int pediatric)
{
    const int32_t population = pediatric ? BTX_PEDIATRIC : BTX_ADULT;
    const int32_t substance = btx__product_substances[product];
    cell *c = &a->cells[ci];
    memset(c, 0, sizeof *c);
    c->limit = NO_LIMIT;
    c->interval = -1;
    c->subst = (uint8_t)substance;
    c->slot = (uint16_t)(substance * NIND + indication);
    int per_kg = 0;
    int32_t ids[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    /* Which rules apply: rules.c decides, as for btx_evaluate. */
    btx__rules rules;
    btx__rules_for(product, indication, population, &rules);
    c->window = -1;
    if (rules.window) {
        const btx__window_rule *r = rules.window;
        c->window = (int8_t)(r - btx__window_rules);
        c->window_id = (int16_t)(a->pol.window_length > 0 && r->policy_id != 0 ? r->policy_id
                                                                                : r->id);
        c->limit = r->limit;
        per_kg = r->limit_per_kg > 0;
    }
    /* The indication window this row's units count in (whatever the population), and
     * the one that applies to it (rules.c). */
    c->ind_add = a->ind_rule[substance][indication];
    c->ind_window = -1;
    if (rules.ind_window)
        c->ind_window = a->ind_rule[rules.ind_window->substance][rules.ind_window->indication];
    c->caps = (uint16_t)rules.caps; /* rules_data.c: at most BTX__AUDIT_MAX_CAP_RULES rows */
    if (rules.interval) {
        const btx__interval_rule *ir = rules.interval;
        c->interval = (int16_t)(ir - btx__interval_rules);
        ids[BIT_INTERVAL] = ir->id;
        /* interval_open, as a gap in days: L months span 28L - 3 to 31L days. */
        if (ir->unit == BTX_MONTHS) {
            c->interval_months = (int16_t)ir->length;
            c->ivl_lo = 28 * ir->length - 3;
            c->ivl_hi = 31 * ir->length;
        } else {
            c->ivl_lo = c->ivl_hi = ir->unit == BTX_WEEKS ? 7 * ir->length : ir->length;
        }
        c->ivl_flag = (uint8_t)(ir->kind == BTX_INTERVAL_MINIMUM ? BTX_AUDIT_TOO_SOON
                                                                 : BTX_AUDIT_SCHEDULE);
    }
    if (indication != 0) { /* else: no session, no label check */
        const btx__protocol_row *p = rules.protocol;
        if (!p) {
            c->label_flag = (uint8_t)BTX_AUDIT_NOT_LABELLED;
            c->label_rule = (int16_t)(rules.label_status == BTX_LABEL_NOT_ESTABLISHED
                                          ? BTX_RULE_LABEL_NOT_ESTABLISHED
                                          : BTX_RULE_LABEL_NOT_LABELLED);
        } else {
            /* The population already bounds the age: adults are 18 or over, children
             * under 18. */
            if (p->age_min_years > 0 && !(population == BTX_ADULT && p->age_min_years <= 18))
                c->age_min = (int16_t)p->age_min_years;
            if (p->age_max_years > 0 && !(population == BTX_PEDIATRIC && p->age_max_years >= 17))
                c->age_max = (int16_t)p->age_max_years;
        }
    }
    /* The short path: no weight-based part, no indication window (nor units counted in
     * one), at most two caps without a weight part (a row alone on its date is their
     * whole total). An age check (only for a labelled row) is its BIT_LABEL, outside the
     * lane. */
    c->cap[0] = c->cap[1] = NO_LIMIT;
    a->cap_ind[ci][0] = a->cap_ind[ci][1] = 0;
    int caps_simple = 1;
    size_t k = 0;
    for (unsigned bits = c->caps; bits != 0; bits &= bits - 1) {
        const btx__cap_rule *r = &btx__cap_rules[lowest_bit(bits)];
        if (r->cap_per_kg > 0 || k == 2) {
            caps_simple = 0;
            break;
        }
        c->cap[k] = r->cap;
        a->cap_ind[ci][k] = r->visit ? r->indications : BTX__IND_BIT(indication);
        ids[BIT_CAP0 + k] = r->id;
        k++;
    }
    ids[BIT_WINDOW] = c->window_id;
    ids[BIT_SPACING] = BTX_RULE_POLICY_SPACING;
    ids[BIT_LABEL] = (c->age_min | c->age_max) != 0 ? BTX_RULE_LABEL_AGE : c->label_rule;
    int ids_fit = 1; /* rule ids are below 128; a later table might not be */
    for (size_t i = 0; i < 8; i++) {
        ids_fit &= ids[i] >= 0 && ids[i] <= INT8_MAX;
        c->rule_id[i] = (int8_t)(ids[i] >= 0 && ids[i] <= INT8_MAX ? ids[i] : 0);
    }
    c->rest_bits = (uint8_t)((c->label_flag != 0 ? 1u : 0u) << BIT_LABEL | 1u << BIT_NONE |
                             (c->ivl_flag == BTX_AUDIT_SCHEDULE ? 1u : 0u) << BIT_SCHEDULE);
    /* The stamps answer "within N days" for N well below STAMP_PATIENT only (the rule
     * table's intervals are a few months). */
    const int ivl_fits = c->ivl_hi < 50000;
    const int simple = !per_kg && c->ind_add < 0 && caps_simple && ids_fit && ivl_fits;
    c->state = !simple ? 1 : (c->age_min | c->age_max) != 0 ? STATE_SHORT_AGE : STATE_SHORT;
}

static int setup(audit *a, const btx_policy *policy, const btx_audit_row *rows)
{
    int rc = btx__load_policy(policy, &a->pol);
    if (rc != BTX_OK)
        return rc;
    a->rows = rows;
    memset(a->ind_rule, -1, sizeof a->ind_rule);
    for (size_t ci = 0; ci < NCELLS; ci++)
        a->cells[ci].state = 0;
    memset(a->ind, 0, sizeof a->ind);
    a->ind_count = 0;
    a->length = 3;
    a->unit = BTX_MONTHS;
    /* Every substance-wide window has one length (3 months; tests/check_rules.c), so
     * the trailing window of every substance starts on the same day. */
    int have_length = 0;
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->indication == 0) {
            if (!have_length) {
                a->length = r->length;
                a->unit = r->unit;
                have_length = 1;
            }
        } else if (a->ind_rule[r->substance][r->indication] < 0) {
            /* rules_data.c has at most BTX__AUDIT_MAX_IND_WINDOWS such rows. */
            a->ind[a->ind_count].rule = r;
            a->ind_rule[r->substance][r->indication] = (int8_t)a->ind_count;
            a->ind_count++;
        }
    }
    if (a->pol.window_length > 0) {
        a->length = a->pol.window_length;
        a->unit = a->pol.window_unit;
    }
    if (a->unit == BTX_MONTHS)
        memset(a->months, 0, sizeof a->months);
    a->base = STAMP_PATIENT;
    a->group = 0;
    memset(a->sum, 0, sizeof a->sum);
    memset(a->last_session, 0, sizeof a->last_session);
    memset(a->last_visit, 0, sizeof a->last_visit);
    memset(a->day, 0, sizeof a->day);
    a->birth = BTX_DATE_UNKNOWN;
    a->bday_next = 0;
    for (size_t i = 0; i < 3; i++) {
        a->bday_years[i] = -1;
        a->bday_day[i] = 0;
    }
    return BTX_OK;
}

/* STAMP_LIMIT reached (2^42 patients): forget every stamp, the next base is the first. */
static NOINLINE void forget_stamps(audit *a)
{
    memset(a->last_session, 0, sizeof a->last_session);
    memset(a->last_visit, 0, sizeof a->last_visit);
    for (size_t w = 0; w < a->ind_count; w++)
        a->ind[w].base = 0;
}

static inline stamp stamp_of(stamp base, btx_date d)
{
    return base + (uint32_t)(d - BTX_DATE_MIN);
}

/* The date of a stamp of the current patient, or BTX_DATE_UNKNOWN. */
static inline btx_date stamp_date(stamp s, stamp base)
{
    return s >= base ? (btx_date)(s - base) + BTX_DATE_MIN : BTX_DATE_UNKNOWN;
}

/* An indication window belongs to the current patient from its first use on, at row k:
 * every row of the patient before k is of another substance or indication (a row the
 * window counts uses it), so the tail may start at k. */
static inline ind_window *ind_touch(audit *a, int8_t w, size_t k)
{
    ind_window *iw = &a->ind[w];
    if (iw->base != a->base) {
        iw->base = a->base;
        iw->tail = k;
        iw->sum = 0;
    }
    return iw;
}

/* ---- dates ---- */

/* The day a person born on birth turns `years`, through a three-entry cache. */
static btx_date birthday(audit *a, btx_date birth, int32_t years)
{
    if (birth != a->birth) {
        a->birth = birth;
        a->bday_years[0] = a->bday_years[1] = a->bday_years[2] = -1;
    }
    for (size_t i = 0; i < 3; i++)
        if (a->bday_years[i] == years)
            return a->bday_day[i];
    const unsigned k = a->bday_next;
    a->bday_next = (k + 1) % 3;
    a->bday_years[k] = years;
    a->bday_day[k] = btx__birthday(birth, years);
    return a->bday_day[k];
}

/* Whether a person born on birth is at least `years` old on d. A span of y years is
 * at least 365y - 1 days (a 29 February birthday clamps to the 28th) and at most 366y
 * days, so only dates near the birthday need the calendar. */
static inline int age_at_least(audit *a, btx_date birth, int32_t years, btx_date d)
{
    const int64_t delta = (int64_t)d - birth;
    if (LIKELY(delta >= 366 * (int64_t)years))
        return 1;
    if (delta < 365 * (int64_t)years - 1)
        return 0;
    return d >= birthday(a, birth, years);
}

/* Under 18 on d, for a birth date less than 366 * 18 days before d (an unknown birth
 * date is INT32_MIN, its "age" far above 18, and never comes here). */
static NOINLINE int pediatric_near(audit *a, btx_date birth, btx_date d)
{
    return birth != BTX_DATE_UNKNOWN && !age_at_least(a, birth, 18, d);
}

/* Under 18 on d (an unknown birth date: adult). */
static inline int pediatric_on(audit *a, btx_date birth, btx_date d)
{
    if (LIKELY((int64_t)d - birth >= 366 * 18))
        return 0;
    return pediatric_near(a, birth, d);
}

/* Whether p + length (days, weeks or months) lies after d: an interval not yet over.
 * L months span 28L - 3 to 31L days, so only gaps in between need the calendar. */
static inline int interval_open(btx_date p, int32_t length, int32_t unit, btx_date d)
{
    const int64_t gap = (int64_t)d - p;
    switch (unit) {
    case BTX_DAYS: return gap < length;
    case BTX_WEEKS: return gap < 7 * (int64_t)length;
    default: break;
    }
    if (gap >= 31 * (int64_t)length)
        return 0;
    if (gap < 28 * (int64_t)length - 3)
        return 1;
    return btx__add_months(p, length) > d;
}

/* Smallest S whose window [S, S + length) still holds d (btx__first_start_covering,
 * in closed form for months: the day after d, `length` months back, or the first of
 * the next month when that day does not exist or d is the last day of its month). */
static btx_date trailing_start(btx_date d, int32_t length, int32_t unit)
{
    if (unit == BTX_DAYS)
        return d - length + 1;
    if (unit == BTX_WEEKS)
        return d - 7 * length + 1;
    return btx__months_start_u(d, length); /* d is valid, length at most 3,225 months */
}

/* The substance window's start on d for windows in months (a->length months). */
static ALWAYS_INLINE btx_date months_start(audit *a, btx_date d)
{
    return USE_MONTH_CACHE ? btx__months_start_cached(a->months, d, a->length)
                           : btx__months_start_u(d, a->length);
}

/* ---- rows ---- */

static inline int32_t substance_of(int32_t product)
{
    return btx__product_substances[product];
}

/* The units of a row validated before. */
static inline btx_milli units_of(const btx_audit_row *r)
{
    const double x = r->admin.units * 1000.0; /* 0 <= x <= 1e8: converts exactly */
    const btx_milli m = (btx_milli)x;
    if (LIKELY((double)m == x))
        return m;
    btx_milli rounded = 0;
    (void)btx__milli_from_units(r->admin.units, &rounded);
    return rounded;
}

static inline void flag(int32_t *flags, int32_t *rule, int32_t bit, int32_t id)
{
    *flags |= bit;
    if (*rule == 0)
        *rule = id;
}

static inline void write_result(btx_audit_result *out, btx_milli total, int32_t flags,
                                int32_t rule)
{
    out->window_total = (double)total / 1000.0; /* as btx__units_from_milli */
    out->flags = flags;
    out->rule = rule;
    out->reserved[0] = 0;
    out->reserved[1] = 0;
}

/* A row of the short path and of a month interval with a gap between 28L - 3 and 31L
 * days: whether the previous session p + L months (btx__add_months: the same day L
 * months on, the last day of the month when that day does not exist) is after d. */
static inline int months_open(btx_date d, uint64_t gap, int32_t months)
{
    return btx__add_months_u(d - (btx_date)gap, months) > d;
}

/* The short path's result of a row of a simple cell: `total` is its window total, t0 and
 * t1 what its two caps count (its own units when it is alone on its date), `now` its
 * stamp, `age` whether an age check fails. Each rule gives a bit; the flags follow from
 * them and the rule is the first bit's. Returns the flags. */
static ALWAYS_INLINE int32_t short_path(const audit *a, const cell *c, btx_milli total,
                                        btx_milli t0, btx_milli t1, stamp now, btx_date d,
                                        unsigned age, uint64_t spacing, btx_audit_result *out)
{
    const uint64_t gap = now - a->last_session[c->slot];
    unsigned soon = gap < (uint64_t)c->ivl_lo;
    if (UNLIKELY(gap - (uint64_t)c->ivl_lo < (uint64_t)(c->ivl_hi - c->ivl_lo)))
        soon = (unsigned)months_open(d, gap, c->interval_months);
    const unsigned over = total > c->limit;
    const unsigned spaced = now - a->last_visit[c->subst] < spacing;
    const unsigned cap0 = t0 > c->cap[0], cap1 = t1 > c->cap[1];
    const unsigned m = over << BIT_WINDOW | soon << BIT_INTERVAL | spaced << BIT_SPACING |
                       cap0 << BIT_CAP0 | cap1 << BIT_CAP1 | age << BIT_LABEL | c->rest_bits;
    const int32_t flags = flags_of[m];
    write_result(out, total, flags, c->rule_id[lowest_bit(m)]);
    return flags;
}

/* Whether an age check of a STATE_SHORT_AGE cell fails (the label's age range). */
static NOINLINE unsigned age_outside(audit *a, const cell *c, btx_date birth, btx_date d)
{
    if (birth == BTX_DATE_UNKNOWN)
        return 0;
    return (c->age_min > 0 && !age_at_least(a, birth, c->age_min, d)) ||
           (c->age_max > 0 && age_at_least(a, birth, c->age_max + 1, d));
}

/* The general path: the result of row k, whose date's rows are already counted; `own`
 * is its units and `single` says it is the only row of its date. Returns its flags. */
static NOINLINE int32_t judge(audit *a, size_t k, btx_milli own, int single, const cell *c,
                              btx_audit_result *out)
{
    const btx_audit_row *row = &a->rows[k];
    const btx_date d = row->admin.date;
    const int32_t indication = row->admin.indication;
    const int32_t s = c->subst;
    int32_t flags = 0, rule = 0;
    int missing;

    /* 1. The substance window (adult or pediatric on d). */
    const btx_milli total = a->sum[s];
    if (c->window >= 0) {
        const btx__window_rule *r = &btx__window_rules[c->window];
        const btx_milli limit = btx__limit_for(r->limit, r->limit_per_kg, row->weight_kg, &missing);
        if (total > limit)
            flag(&flags, &rule, BTX_AUDIT_OVER_WINDOW, c->window_id);
        else if (missing)
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 2. An indication window (blepharospasm: 30 days of blepharospasm rows). */
    if (c->ind_window >= 0) {
        ind_window *w = ind_touch(a, c->ind_window, k);
        const btx__window_rule *r = w->rule;
        const btx_date start = trailing_start(d, r->length, r->unit);
        while (a->rows[w->tail].admin.date < start) {
            const btx_audit_row *t = &a->rows[w->tail];
            if (substance_of(t->admin.product) == r->substance &&
                t->admin.indication == r->indication)
                w->sum -= units_of(t);
            w->tail++;
        }
        const btx_milli limit = btx__limit_for(r->limit, r->limit_per_kg, row->weight_kg, &missing);
        if (w->sum > limit)
            flag(&flags, &rule, BTX_AUDIT_OVER_WINDOW, r->id);
        else if (missing)
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 3. The label interval against the previous session of this substance and
     * indication (the current date's sessions are recorded only after it). */
    if (c->interval >= 0) {
        const btx__interval_rule *r = &btx__interval_rules[c->interval];
        const btx_date p = stamp_date(a->last_session[c->slot], a->base);
        if (p != BTX_DATE_UNKNOWN && interval_open(p, r->length, r->unit, d))
            flag(&flags, &rule, c->ivl_flag, r->id);
    }
    /* 4. Policy spacing against the previous visit of this substance. */
    if (a->pol.min_spacing_days > 0) {
        const btx_date p = stamp_date(a->last_visit[s], a->base);
        if (p != BTX_DATE_UNKNOWN && (int64_t)d - p < a->pol.min_spacing_days)
            flag(&flags, &rule, BTX_AUDIT_TOO_SOON, BTX_RULE_POLICY_SPACING);
    }
    /* 5. Session and visit caps over every row of the date, in rule-id order. A row
     * counts toward every cap that applies to it, so alone on its date the total is its
     * own units. */
    for (unsigned bits = c->caps; bits != 0; bits &= bits - 1) {
        const btx__cap_rule *r = &btx__cap_rules[lowest_bit(bits)];
        btx_milli t = own;
        int32_t limbs = BTX_LIMBS_OF(row->admin.flags); /* per-limb caps are sessions */
        if (!single) {
            if (r->visit) {
                t = 0;
                for (int32_t j = 0; j < NIND; j++)
                    if ((r->indications & BTX__IND_BIT(j)) && a->day[s][j].owner == a->group)
                        t += a->day[s][j].milli;
            } else {
                const day_total *day = &a->day[s][indication];
                t = day->milli;
                limbs = day->unknown ? 0 : day->limbs;
            }
        }
        if (limbs > BTX_LIMBS_MAX)
            limbs = BTX_LIMBS_MAX;
        const btx_milli cap = btx__cap_limit(r, limbs, row->weight_kg, &missing);
        if (t > cap)
            flag(&flags, &rule, BTX_AUDIT_OVER_SESSION, r->id);
        else if (missing || (r->per_limb && limbs == 0))
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 6. Label status, or age outside the label row's range. */
    if (c->label_flag != 0) {
        flag(&flags, &rule, c->label_flag, c->label_rule);
    } else if ((c->age_min | c->age_max) != 0 && row->birth_date != BTX_DATE_UNKNOWN) {
        if ((c->age_min > 0 && !age_at_least(a, row->birth_date, c->age_min, d)) ||
            (c->age_max > 0 && age_at_least(a, row->birth_date, c->age_max + 1, d)))
            flag(&flags, &rule, BTX_AUDIT_NOT_LABELLED, BTX_RULE_LABEL_AGE);
    }
    write_result(out, total, flags, rule);
    return flags;
}

static inline size_t cell_index(const btx_audit_row *row, int pediatric)
{
    return ((size_t)(uint32_t)row->admin.product * NIND + (size_t)(uint32_t)row->admin.indication) *
               2 +
           (size_t)pediatric;
}

static inline const cell *cell_for(audit *a, const btx_audit_row *row, int pediatric)
{
    const size_t ci = cell_index(row, pediatric);
    if (UNLIKELY(a->cells[ci].state == 0))
        fill_cell(a, ci, row->admin.product, row->admin.indication, pediatric);
    return &a->cells[ci];
}

/* A group of more than one row [i, j): count it whole, then judge each row; after the
 * rows of a date are judged, it is the previous session and visit of the later dates.
 * Stamps of indication 0 are written and never read. */
#define GROUP_SHORT 8 /* groups up to this size take the short path when they can */

static NOINLINE size_t audit_group(audit *a, size_t i, size_t j, btx_audit_result *results)
{
    const btx_audit_row *rows = a->rows;
    const stamp now = stamp_of(a->base, rows[i].admin.date);
    if (USE_GROUP_SHORT && j - i <= GROUP_SHORT) {
        /* Every row of a simple cell: each cap counts the group's rows of the row's
         * substance and of the cap's indications (the row's own for a session cap). */
        const cell *cs[GROUP_SHORT];
        size_t cis[GROUP_SHORT];
        btx_milli ms[GROUP_SHORT];
        uint32_t bits[GROUP_SHORT];
        int simple = 1;
        for (size_t k = 0; k < j - i; k++) {
            const btx_audit_row *row = &rows[i + k];
            const int pediatric = pediatric_on(a, row->birth_date, row->admin.date);
            cis[k] = cell_index(row, pediatric);
            cs[k] = cell_for(a, row, pediatric);
            simple &= cs[k]->state >= STATE_SHORT;
            ms[k] = units_of(row);
            bits[k] = BTX__IND_BIT(row->admin.indication);
        }
        if (simple) {
            const uint64_t spacing = (uint64_t)a->pol.min_spacing_days;
            size_t count = 0;
            for (size_t k = 0; k < j - i; k++) {
                const cell *c = cs[k];
                const uint32_t in0 = a->cap_ind[cis[k]][0], in1 = a->cap_ind[cis[k]][1];
                btx_milli t0 = 0, t1 = 0;
                for (size_t q = 0; q < j - i; q++) { /* without a branch */
                    const btx_milli same = ms[q] & -(btx_milli)(cs[q]->subst == c->subst);
                    t0 += same & -(btx_milli)((bits[q] & in0) != 0);
                    t1 += same & -(btx_milli)((bits[q] & in1) != 0);
                }
                const unsigned age =
                    c->state == STATE_SHORT_AGE
                        ? age_outside(a, c, rows[i + k].birth_date, rows[i].admin.date)
                        : 0;
                count += short_path(a, c, a->sum[c->subst], t0, t1, now, rows[i].admin.date,
                                    age, spacing, &results[i + k]) != 0;
            }
            for (size_t k = 0; k < j - i; k++) {
                a->last_visit[cs[k]->subst] = now;
                a->last_session[cs[k]->slot] = now;
            }
            return count;
        }
    }
    a->group = i + 1;
    for (size_t k = i; k < j; k++) {
        const btx_milli m = units_of(&rows[k]);
        const int32_t s = substance_of(rows[k].admin.product);
        day_total *t = &a->day[s][rows[k].admin.indication];
        if (t->owner != a->group) {
            t->owner = a->group;
            t->milli = 0;
            t->limbs = t->unknown = 0;
        }
        t->milli += m;
        const int32_t limbs = BTX_LIMBS_OF(rows[k].admin.flags);
        t->limbs += limbs;
        t->unknown |= limbs == 0;
        const int8_t w = a->ind_rule[s][rows[k].admin.indication];
        if (w >= 0)
            ind_touch(a, w, k)->sum += m;
    }
    size_t count = 0;
    for (size_t k = i; k < j; k++) {
        const int pediatric = pediatric_on(a, rows[k].birth_date, rows[k].admin.date);
        const cell *c = cell_for(a, &rows[k], pediatric);
        count += judge(a, k, 0, 0, c, &results[k]) != 0;
    }
    for (size_t k = i; k < j; k++) {
        const int32_t s = substance_of(rows[k].admin.product);
        a->last_visit[s] = now;
        a->last_session[s * NIND + rows[k].admin.indication] = now;
    }
    return count;
}

/* Rows leave the trailing window from the row arrays when the ring no longer holds the
 * tail (more than RING rows of a patient in one window), or on the general path alone:
 * rows of earlier patients, and rows dated before the start. */
static NOINLINE size_t leave_slow(audit *a, size_t tail, uint64_t key, btx_date start)
{
    const btx_audit_row *rows = a->rows;
    while ((rows[tail].patient != key) | (rows[tail].admin.date < start)) {
        a->sum[substance_of(rows[tail].admin.product)] -= units_of(&rows[tail]);
        tail++;
    }
    return tail;
}

/* Row k (stamp now, substance s, units m) enters the trailing window. */
static ALWAYS_INLINE void enter(audit *a, size_t k, stamp now, int32_t s, btx_milli m)
{
    a->sum[s] += m;
    if (USE_RING) {
        a->ring_at[k % RING] = now;
        a->ring_milli[k % RING] = m;
        a->ring_subst[k % RING] = (uint8_t)s;
    }
}

/* Rows whose stamps are below `from` (the stamp of the window's start) leave the window
 * from the ring; returns the new tail. Usually none, one or two per date, so two steps
 * without a branch, then a loop for the rare others. */
static ALWAYS_INLINE size_t leave(audit *a, size_t tail, stamp from)
{
    for (int step = 0; step < 2; step++) {
        const size_t k = tail % RING;
        const int leaves = a->ring_at[k] < from;
        a->sum[a->ring_subst[k]] -= a->ring_milli[k] & -(btx_milli)leaves;
        tail += (size_t)leaves;
    }
    while (UNLIKELY(a->ring_at[tail % RING] < from)) {
        a->sum[a->ring_subst[tail % RING]] -= a->ring_milli[tail % RING];
        tail++;
    }
    return tail;
}

/* The state of the pass that the fast lane and the general body share. */
typedef struct pass {
    stamp base;       /* the current patient's stamp base */
    size_t tail;      /* first row that may still be in the trailing window */
    size_t count;     /* rows flagged so far */
    btx_date start_of, start; /* trailing_start cache (windows in months) */
} pass;

/* The lane's dates: from 18 years after BTX_DATE_MIN (so that "born at least 366 * 18 days
 * before" is one unsigned comparison) to BTX_DATE_MAX. Earlier rows take the general body. */
#define LANE_DATE_MIN (BTX_DATE_MIN + 366 * 18)

/* The lane's test of one row dated d: row_good, with the doubles' ranges as their bit
 * patterns (a double from +0.0 to M, not NaN, not -0.0, is one whose bits read as
 * unsigned are at most M's), a date from LANE_DATE_MIN on, and an unknown birth date or
 * one from BTX_DATE_MIN to 366 * 18 days before d (a valid birth date of an adult on d).
 * *own: the row's units when it passes. */
static ALWAYS_INLINE int lane_good(const btx_audit_row *row, btx_date d, btx_milli *own)
{
    const uint64_t units_max_bits = UINT64_C(0x40F86A0000000000);  /* 100000.0 */
    const uint64_t weight_max_bits = UINT64_C(0x408F400000000000); /* 1000.0 */
    uint64_t ubits, wbits;
    memcpy(&ubits, &row->admin.units, sizeof ubits);
    memcpy(&wbits, &row->weight_kg, sizeof wbits);
    if (UNLIKELY((uint32_t)d - (uint32_t)LANE_DATE_MIN > (uint32_t)(BTX_DATE_MAX - LANE_DATE_MIN)))
        return 0;
    if (UNLIKELY((uint32_t)row->admin.product - 1u >= (uint32_t)BTX__PRODUCT_MAX))
        return 0;
    if (UNLIKELY((uint32_t)row->admin.indication > (uint32_t)BTX__INDICATION_MAX))
        return 0;
    if (UNLIKELY((row->admin.flags | row->reserved) != 0))
        return 0;
    if (UNLIKELY(ubits > units_max_bits))
        return 0;
    if (UNLIKELY(wbits > weight_max_bits))
        return 0;
    const double x = row->admin.units * 1000.0; /* 0 <= x <= 1e8: converts exactly */
    *own = (btx_milli)x;
    if (UNLIKELY((double)*own != x))
        return 0;
    const btx_date birth = row->birth_date;
    if (UNLIKELY((birth != BTX_DATE_UNKNOWN) &
                 ((uint32_t)birth - (uint32_t)BTX_DATE_MIN > (uint32_t)d - (uint32_t)LANE_DATE_MIN)))
        return 0;
    return 1;
}

/* The lane's pair: rows i and i + 1 of one patient and date d, row i passing lane_good
 * with units own and the cell ci (of the short path), the row after them (j < n) of
 * another date. Judges both as audit_group's short path would and returns 1, or
 * returns 0 with nothing changed when the second row or the ring does not allow it.
 * st->base is the base of the pair's patient already. Out of the lane's loop: pairs are
 * a few rows in a hundred. */
static NOINLINE int lane_pair(audit *a, const btx_audit_row *rows, size_t i,
                              btx_audit_result *results, pass *st, btx_milli own, size_t ci,
                              stamp from_offset, int by_days, uint64_t spacing)
{
    const btx_audit_row *row = &rows[i];
    const btx_date d = row->admin.date;
    btx_milli own1;
    if (!lane_good(&rows[i + 1], d, &own1))
        return 0;
    const size_t ci1 = cell_index(&rows[i + 1], 0);
    const cell *c = &a->cells[ci], *c1 = &a->cells[ci1];
    if (c1->state != STATE_SHORT || i + 2 - st->tail > RING)
        return 0;
    const stamp base = st->base, now = stamp_of(base, d);
    size_t tail = st->tail;
    const uint8_t s = c->subst, s1 = c1->subst;
    enter(a, i, now, s, own);
    enter(a, i + 1, now, s1, own1);
    if (!by_days && d != st->start_of) {
        st->start_of = d;
        st->start = months_start(a, d);
    }
    const stamp from = by_days ? now - from_offset
                               : base + (uint64_t)((int64_t)st->start - BTX_DATE_MIN);
    st->tail = leave(a, tail, from);
    /* Each cap of a row counts the rows of the row's substance whose indication it
     * names (the row's own always); both rows are judged against the sessions and visits
     * before this date. */
    const uint32_t b0 = BTX__IND_BIT(row->admin.indication);
    const uint32_t b1 = BTX__IND_BIT(rows[i + 1].admin.indication);
    const btx_milli to1 = s == s1 ? own1 : 0, to0 = s == s1 ? own : 0;
    st->count += short_path(a, c, a->sum[s], own + ((a->cap_ind[ci][0] & b1) ? to1 : 0),
                            own + ((a->cap_ind[ci][1] & b1) ? to1 : 0), now, d, 0, spacing,
                            &results[i]) != 0;
    st->count += short_path(a, c1, a->sum[s1], own1 + ((a->cap_ind[ci1][0] & b0) ? to0 : 0),
                            own1 + ((a->cap_ind[ci1][1] & b0) ? to0 : 0), now, d, 0, spacing,
                            &results[i + 1]) != 0;
    a->last_visit[s] = a->last_visit[s1] = now;
    a->last_session[c->slot] = a->last_session[c1->slot] = now;
    return 1;
}

/* The fast lane, from row i (> 0): rows that pass lane_good, in order, of a STATE_SHORT
 * cell, alone on their date or in a pair of such rows (lane_pair), while the ring holds
 * the window's tail. It stops before the first row that is not such a row, and before
 * the last row; the general body takes that row's group. Returns the row it stopped
 * before.
 *
 * Every test here is one that row_good, the order test, pediatric_on and the general
 * body's tests would pass, often stricter (a weight or a dose of -0.0, a row dated before
 * 1918 take the general body), so the lane's results are the general body's and
 * audit_group's. */
static ALWAYS_INLINE size_t lane(audit *a, const btx_audit_row *restrict rows, size_t i,
                                 size_t n, btx_audit_result *restrict results, pass *st,
                                 const int32_t back, const int by_days, const int spacing_on)
{
    const uint64_t spacing = spacing_on ? (uint64_t)a->pol.min_spacing_days : 0;
    stamp base = st->base;
    size_t tail = st->tail, count = st->count;
    /* base grows by STAMP_PATIENT a row at most: the lane ends before it reaches
     * STAMP_LIMIT (the general body then forgets every stamp). */
    const size_t room = (size_t)((STAMP_LIMIT - STAMP_PATIENT - base) / STAMP_PATIENT);
    const size_t end = n - 1 - i > room ? i + room : n - 1;
    while (i < end) {
        const btx_audit_row *row = &rows[i];
        const uint64_t pp = row[-1].patient, p = row->patient, np = row[1].patient;
        const btx_date pd = row[-1].admin.date, d = row->admin.date, nd = row[1].admin.date;
        btx_milli own;
        if (UNLIKELY(!lane_good(row, d, &own)))
            break;
        /* in order: keys ascending, dates ascending within a key */
        if (UNLIKELY(p < pp))
            break;
        const uint64_t new_patient = p != pp;
        if (UNLIKELY(!new_patient & (d < pd)))
            break;
        const size_t ci = cell_index(row, 0);
        const cell *c = &a->cells[ci];
        if (UNLIKELY(c->state != STATE_SHORT))
            break;
        if (UNLIKELY((np == p) & (nd == d))) {
            /* a pair, if the row after it exists and is of another date */
            if (!USE_PAIR || i + 2 >= end || ((rows[i + 2].patient == p) & (rows[i + 2].admin.date == d)))
                break;
            st->base = base + (STAMP_PATIENT & (0 - new_patient));
            st->tail = tail;
            st->count = count;
            if (!lane_pair(a, rows, i, results, st, own, ci, (uint64_t)back, by_days,
                           spacing))
                break;
            base = st->base;
            tail = st->tail;
            count = st->count;
            i += 2;
            continue;
        }
        if (UNLIKELY(i + 1 - tail > RING))
            break;
        base += STAMP_PATIENT & (0 - new_patient); /* no branch */
        const int32_t s = c->subst;
        const stamp now = stamp_of(base, d);
        enter(a, i, now, s, own);
        stamp from;
        if (by_days) {
            from = now - (uint64_t)back;
        } else {
            if (d != st->start_of) {
                st->start_of = d;
                st->start = months_start(a, d);
            }
            from = base + (uint64_t)((int64_t)st->start - BTX_DATE_MIN);
        }
        tail = leave(a, tail, from);
        count += short_path(a, c, a->sum[s], own, own, now, d, 0, spacing, &results[i]) != 0;
        if (spacing_on)
            a->last_visit[s] = now;
        a->last_session[c->slot] = now;
        i++;
    }
    st->base = base;
    st->tail = tail;
    st->count = count;
    return i;
}

/* The pass over all rows; by_days: the substance window's length is in days or weeks
 * (its start is then the date minus a constant), else in months. */
static ALWAYS_INLINE int run(audit *a, const btx_audit_row *restrict rows, size_t n,
                             btx_audit_result *restrict results, size_t *flagged,
                             const int by_days, const int spacing_on)
{
    const uint64_t spacing = spacing_on ? (uint64_t)a->pol.min_spacing_days : 0;
    const int32_t back = (a->unit == BTX_WEEKS ? 7 * a->length : a->length) - 1;
    size_t count = 0;
    btx_date start_of = BTX_DATE_UNKNOWN, start = 0; /* trailing_start cache (months) */
    stamp base = STAMP_PATIENT;
    size_t tail = 0; /* first row that may still be in the trailing window */
    for (size_t i = 0; i < n;) {
        if (USE_LANE && LIKELY(i > 0)) {
            pass st = {base, tail, count, start_of, start};
            i = lane(a, rows, i, n, results, &st, back, by_days, spacing_on);
            base = st.base;
            tail = st.tail;
            count = st.count;
            start_of = st.start_of;
            start = st.start;
        }
        const btx_audit_row *row = &rows[i];
        btx_milli own = USE_ROW_GOOD ? row_good(row) : -1;
        if (UNLIKELY(own < 0)) {
            own = row_checked(row);
            if (own < 0)
                return (int)own;
        }
        const uint64_t p = row->patient;
        const btx_date d = row->admin.date;
        const btx_audit_row *prev = &rows[i - (i > 0)]; /* row 0: itself, in order */
        if (UNLIKELY((p < prev->patient) | ((p == prev->patient) & (d < prev->admin.date))))
            return BTX_EINVAL;
        /* A new patient: a new stamp base. Its sums need no reset: the rows of the
         * patients before leave the trailing window below as old rows do. */
        base += STAMP_PATIENT & (0 - (uint64_t)(p != prev->patient)); /* no branch */
        if (UNLIKELY(base >= STAMP_LIMIT)) {
            tail = leave_slow(a, tail, p, d); /* every row before i leaves */
            forget_stamps(a);
            base = STAMP_PATIENT;
        }

        const int pediatric = pediatric_on(a, row->birth_date, d);
        const size_t ci = cell_index(row, pediatric);
        const cell *c = &a->cells[ci];
        if (UNLIKELY(c->state == 0))
            fill_cell(a, ci, row->admin.product, row->admin.indication, pediatric);
        const int32_t s = c->subst;
        const stamp now = stamp_of(base, d);
        enter(a, i, now, s, own);

        /* The group [i, j): the rows of this patient and date, validated whole before
         * anything of it is written, because they count together. */
        size_t j = i + 1;
        const btx_audit_row *next = &rows[j < n ? j : i];
        const int single = (j >= n) | (next->patient != p) | (next->admin.date != d);
        if (UNLIKELY(!single)) {
            do {
                btx_milli m = USE_ROW_GOOD ? row_good(&rows[j]) : -1;
                if (UNLIKELY(m < 0)) {
                    m = row_checked(&rows[j]);
                    if (m < 0)
                        return (int)m;
                }
                enter(a, j, now, substance_of(rows[j].admin.product), m);
                j++;
            } while (j < n && rows[j].patient == p && rows[j].admin.date == d);
        }
        /* Rows of earlier patients, and rows dated before the trailing window's start,
         * leave it: their stamps are below the stamp of the start (`leave`). The tail
         * never passes row i. */
        if (by_days) {
            start = d - back;
        } else if (d != start_of) {
            start_of = d;
            start = months_start(a, d);
        }
        if (USE_RING && LIKELY(j - tail <= RING)) {
            const stamp from = base + (uint64_t)((int64_t)start - BTX_DATE_MIN);
            tail = leave(a, tail, from);
        } else {
            tail = leave_slow(a, tail, p, start);
        }
        if (UNLIKELY(!single)) {
            a->base = base;
            count += audit_group(a, i, j, results);
            i = j;
            continue;
        }

        int32_t flags;
        if (USE_BODY_SHORT && LIKELY(c->state == STATE_SHORT)) {
            flags = short_path(a, c, a->sum[s], own, own, now, d, 0, spacing, &results[i]);
        } else if (USE_BODY_SHORT && c->state == STATE_SHORT_AGE) {
            flags = short_path(a, c, a->sum[s], own, own, now, d,
                               age_outside(a, c, row->birth_date, d), spacing, &results[i]);
        } else {
            a->base = base;
            if (c->ind_add >= 0)
                ind_touch(a, c->ind_add, i)->sum += own;
            flags = judge(a, i, own, 1, c, &results[i]);
        }
        count += flags != 0;
        a->last_visit[s] = now;
        a->last_session[c->slot] = now;
        i = j;
    }
    *flagged = count;
    return BTX_OK;
}

int btx_audit(const btx_policy *policy, const btx_audit_row *rows, size_t n,
              btx_audit_result *results, size_t *flagged)
{
    if (n > 0 && (!rows || !results))
        return BTX_EINVAL;
    audit a;
    int rc = setup(&a, policy, rows);
    if (rc != BTX_OK)
        return rc;
    size_t count = 0;
    if (n > 0) {
        const int by_days = a.unit != BTX_MONTHS, spacing_on = a.pol.min_spacing_days > 0;
        if (by_days)
            rc = spacing_on ? run(&a, rows, n, results, &count, 1, 1)
                            : run(&a, rows, n, results, &count, 1, 0);
        else
            rc = spacing_on ? run(&a, rows, n, results, &count, 0, 1)
                            : run(&a, rows, n, results, &count, 0, 0);
        if (rc != BTX_OK)
            return rc;
    }
    if (flagged)
        *flagged = count;
    return BTX_OK;
}

size_t btx_sizeof_audit_row(void)
{
    return sizeof(btx_audit_row);
}

size_t btx_sizeof_audit_result(void)
{
    return sizeof(btx_audit_result);
}
