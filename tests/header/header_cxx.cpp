// The umbrella header must compile alone as C++ with every warning an error.
#include <btxdose/btxdose.h>

int btx_header_test_cxx();
int btx_header_test_cxx()
{
    btx_protocol p;
    p.struct_size = sizeof p;
    p.product = BTX_PRODUCT_BOTOX;
    return p.product + static_cast<int>(sizeof(btx_region)) + BTX_INDICATION_CHRONIC_MIGRAINE;
}
