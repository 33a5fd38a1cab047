/* SPDX-License-Identifier: Apache-2.0 */
/* Rule names: every rule id of rule.h, looked up in the rule tables. */
#include "internal.h"

const char *btx_rule_name(int32_t rule)
{
    for (size_t i = 0; i < btx__window_rule_count; i++)
        if (btx__window_rules[i].id == rule)
            return btx__window_rules[i].name;
    for (size_t i = 0; i < btx__cap_rule_count; i++)
        if (btx__cap_rules[i].id == rule)
            return btx__cap_rules[i].name;
    for (size_t i = 0; i < btx__interval_rule_count; i++)
        if (btx__interval_rules[i].id == rule)
            return btx__interval_rules[i].name;
    for (size_t i = 0; i < btx__other_rule_count; i++)
        if (btx__other_rules[i].id == rule)
            return btx__other_rules[i].name;
    return "unknown";
}
