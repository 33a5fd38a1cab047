// The umbrella header must compile alone as C++ with every warning an error.
#include <btxdose/btxdose.h>

int btx_header_test_cxx();
int btx_header_test_cxx()
{
    btx_administration a = {BTX_DATE_MIN, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0};
    return a.product + static_cast<int>(sizeof(btx_finding)) + BTX_RULE_ONA_ADULT_WINDOW;
}
