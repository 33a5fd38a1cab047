/* The umbrella header must compile alone as strict C99 with every warning an error. */
#include <btxdose/btxdose.h>

int btx_header_test_c(void);
int btx_header_test_c(void)
{
    btx_administration a = {BTX_DATE_MIN, BTX_PRODUCT_BOTOX, BTX_INDICATION_CHRONIC_MIGRAINE, 0, 155.0};
    return a.product + (int)sizeof(btx_finding) + BTX_RULE_ONA_ADULT_WINDOW;
}
