// SPDX-License-Identifier: Apache-2.0
// The umbrella header must compile alone as C++ with every warning an error, its
// initialisers included.
#include <btxdose/btxdose.h>

int btx_header_test_cxx();
int btx_header_test_cxx()
{
    btx_administration a = {BTX_DATE_MIN, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0};
    btx_administration b = BTX_ADMINISTRATION_INIT;
    btx_patient p = BTX_PATIENT_INIT;
    btx_policy pol = BTX_POLICY_INIT;
    btx_finding findings[4] = {BTX_FINDING_INIT};
    btx_finding one = BTX_FINDING_INIT;
    btx_protocol proto = BTX_PROTOCOL_INIT;
    btx_region region = BTX_REGION_INIT;
    return a.product + b.product + static_cast<int>(sizeof(btx_finding)) +
           BTX_RULE_ONA_ADULT_WINDOW + static_cast<int>(p.struct_size) +
           static_cast<int>(pol.struct_size) + static_cast<int>(findings[0].struct_size) +
           static_cast<int>(one.struct_size) + static_cast<int>(proto.struct_size) +
           static_cast<int>(region.struct_size);
}
