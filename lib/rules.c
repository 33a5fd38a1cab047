/* SPDX-License-Identifier: Apache-2.0 */
/* Rule selection: the one place that decides which rules of rules_data.c and which
 * protocol row apply to a dose, and the arithmetic of weight-based limits.
 * btx_evaluate, btx_earliest_date, btx_headroom and btx_audit all ask here; none of
 * them walks the rule tables to choose a rule on its own (docs/semantics.md, "Which
 * rules apply"). */
#include "internal.h"

static int population_matches(int32_t rule_population, int32_t population)
{
    return rule_population == 0 || rule_population == population;
}

void btx__rules_for(int32_t product, int32_t indication, int32_t population, btx__rules *out)
{
    const int32_t substance = btx__substance_of(product);
    out->window = NULL;
    out->ind_window = NULL;
    out->caps = 0;
    out->interval = NULL;
    out->protocol = NULL;
    out->label_status = 0;

    /* Windows: the first substance-wide row and the first row of this indication
     * (tests/check_rules.c shows there is never a second one). */
    for (size_t i = 0; i < btx__window_rule_count; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->substance != substance || !population_matches(r->population, population))
            continue;
        if (r->indication == 0) {
            if (!out->window)
                out->window = r;
        } else if (r->indication == indication && !out->ind_window) {
            out->ind_window = r;
        }
    }
    /* Caps: every row of the product that counts this indication (bit 0 stands for
     * records without one). */
    for (size_t i = 0; i < btx__cap_rule_count; i++) {
        const btx__cap_rule *r = &btx__cap_rules[i];
        if (r->product == product && (r->indications & BTX__IND_BIT(indication)) &&
            population_matches(r->population, population))
            out->caps |= UINT32_C(1) << i;
    }
    if (indication == 0)
        return;
    for (size_t i = 0; i < btx__interval_rule_count; i++) {
        const btx__interval_rule *r = &btx__interval_rules[i];
        if (r->product == product && (r->indications & BTX__IND_BIT(indication)) &&
            population_matches(r->population, population)) {
            out->interval = r;
            break;
        }
    }
    out->protocol = btx__protocol_find(product, indication, population, &out->label_status);
}

const btx__other_rule *btx__other_rule_get(int32_t id)
{
    for (size_t i = 0; i < btx__other_rule_count; i++)
        if (btx__other_rules[i].id == id)
            return &btx__other_rules[i];
    return NULL;
}

btx_milli btx__limit_for(btx_milli limit, btx_milli per_kg, double weight_kg, int *weight_missing)
{
    *weight_missing = 0;
    if (per_kg <= 0)
        return limit;
    if (!(weight_kg > 0.0)) {
        *weight_missing = 1;
        return limit;
    }
    const btx_milli w = btx__milli_per_kg(per_kg, weight_kg);
    return w < limit ? w : limit;
}

btx_milli btx__cap_limit(const btx__cap_rule *r, int32_t limbs, double weight_kg,
                         int *weight_missing)
{
    btx_milli cap = r->cap, per_kg = r->cap_per_kg;
    if (r->per_limb != 0) {
        const btx_milli n = limbs > 0 ? limbs : BTX_LIMBS_MAX;
        per_kg *= n;
        if (r->per_limb == BTX__PER_LIMB_BOTH)
            cap *= n;
    }
    return btx__limit_for(cap, per_kg, weight_kg, weight_missing);
}

size_t btx__window_checks(const btx__patient *patient, const btx__policy *policy,
                          int32_t product, int32_t indication, btx_date d,
                          btx__window_check out[2])
{
    btx__rules rules;
    btx__rules_for(product, indication, btx__population_on(patient, d), &rules);
    const double weight = btx__weight_usable(patient, policy, d) ? patient->weight_kg : 0.0;
    const btx__window_rule *found[2] = {rules.window, rules.ind_window};
    size_t k = 0;
    for (size_t i = 0; i < 2; i++) {
        const btx__window_rule *r = found[i];
        if (!r)
            continue;
        btx__window_check *c = &out[k++];
        c->rule = r;
        c->rule_id = r->id;
        c->length = r->length;
        c->unit = r->unit;
        if (r->policy_id != 0 && policy->window_length > 0) {
            c->rule_id = r->policy_id;
            c->length = policy->window_length;
            c->unit = policy->window_unit;
        }
        c->limit = btx__limit_for(r->limit, r->limit_per_kg, weight, &c->weight_missing);
    }
    return k;
}
