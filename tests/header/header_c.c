/* The umbrella header must compile alone as strict C99 with every warning an error. */
#include <btxdose/btxdose.h>

int btx_header_test_c(void);
int btx_header_test_c(void)
{
    btx_protocol p;
    p.struct_size = sizeof p;
    p.product = BTX_PRODUCT_BOTOX;
    return p.product + (int)sizeof(btx_region) + BTX_INDICATION_CHRONIC_MIGRAINE;
}
