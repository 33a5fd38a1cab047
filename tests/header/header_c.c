/* SPDX-License-Identifier: Apache-2.0 */
/* The umbrella header must compile alone as strict C99 with every warning an error,
 * its initialisers included. */
#include <btxdose/btxdose.h>

int btx_header_test_c(void);
int btx_header_test_c(void)
{
    btx_administration a = {BTX_DATE_MIN, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0};
    btx_administration b = BTX_ADMINISTRATION_INIT;
    btx_patient p = BTX_PATIENT_INIT;
    btx_policy pol = BTX_POLICY_INIT;
    btx_finding findings[4] = {BTX_FINDING_INIT};
    btx_finding one = BTX_FINDING_INIT;
    btx_protocol proto = BTX_PROTOCOL_INIT;
    btx_region region = BTX_REGION_INIT;
    return a.product + b.product + (int)sizeof(btx_finding) + BTX_RULE_ONA_ADULT_WINDOW +
           (int)p.struct_size + (int)pol.struct_size + (int)findings[0].struct_size +
           (int)one.struct_size + (int)proto.struct_size + (int)region.struct_size;
}
