/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed-point units: every dose is accounted in integer milli-units (0.001 U). */
#include <float.h>
#include <math.h>

#include "internal.h"

int btx__milli_from_units(double units, btx_milli *out)
{
    if (isnan(units) || units < 0.0 || units > BTX_UNITS_MAX)
        return BTX_ERANGE; /* also catches +inf */
    double x = units * 1000.0;
    double whole = floor(x);
    double frac = x - whole;
    /* Halves away from zero, where "half" allows for the few ulps a decimal input such
     * as 1.0005 loses on its way to binary (its double is 1.000499999...). */
    double tol = 8.0 * DBL_EPSILON * (x > 1.0 ? x : 1.0);
    *out = (btx_milli)whole + (frac >= 0.5 - tol ? 1 : 0);
    return BTX_OK;
}

double btx__units_from_milli(btx_milli m)
{
    return (double)m / 1000.0;
}

btx_milli btx__milli_per_kg(btx_milli per_kg_milli, double weight_kg)
{
    /* Weight is given in kg as a double; the limit is rounded down to 0.001 U, with the
     * same few-ulps allowance so 10 U/kg x 23.45 kg is exactly 234.5 U. */
    double x = (double)per_kg_milli * weight_kg;
    double tol = 8.0 * DBL_EPSILON * (x > 1.0 ? x : 1.0);
    return (btx_milli)floor(x + tol);
}
