// The umbrella header must compile alone as C++ with every warning an error.
#include <btxdose/btxdose.h>

int btx_header_test_cxx();
int btx_header_test_cxx()
{
    btx_date d = BTX_DATE_MIN;
    return static_cast<int>(d) + BTX_OK;
}
