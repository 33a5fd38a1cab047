/* The umbrella header must compile alone as strict C99 with every warning an error. */
#include <btxdose/btxdose.h>

int btx_header_test_c(void);
int btx_header_test_c(void)
{
    btx_date d = BTX_DATE_MIN;
    return (int)d + BTX_OK;
}
