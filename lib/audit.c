/* Population audit (design.md section 6, docs/audit.md).
 *
 * One pass over rows sorted by patient key and date. Rows of one patient and one date
 * form a group; a group is validated and counted whole before any of its results is
 * written, because rows of one date count together. The state is O(1) per rule:
 *
 * - substance-wide windows: every substance shares the length L (the policy's, else the
 *   table's 3 months), so the trailing window [S(D), D] of every substance starts on the
 *   same day; one tail index into the rows and one running sum per substance suffice.
 *   The tail only moves forward because S(D) never decreases as D grows.
 * - indication windows (blepharospasm, 30 days): one tail and one sum per rule row,
 *   moved only when a row of that indication asks.
 * - intervals and spacing: the last session date per substance and indication and the
 *   last visit date per substance, stamped with a patient sequence number so that a new
 *   patient needs no reset.
 * - session and visit caps: the totals of the date per substance and indication,
 *   stamped with the group's first row; a group of one row needs none.
 *
 * The rule rows come from rules_data.c (the tables btx_evaluate uses) and the label
 * status from btx__protocol_find, looked up once per call and per product, indication
 * and population into a table on the stack. A row alone on its date whose rules are the
 * common ones (a window without a weight part, a day or week interval, the label) takes
 * a short path; every other row takes the general one (judge). Results agree with
 * btx_evaluate row by row: see tests/check_audit.c.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

_Static_assert(sizeof(btx_audit_row) == 48, "btx_audit_row is frozen at 48 bytes");
_Static_assert(offsetof(btx_audit_row, admin) == 8, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, weight_kg) == 32, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, birth_date) == 40, "btx_audit_row layout");
_Static_assert(offsetof(btx_audit_row, reserved) == 44, "btx_audit_row layout");
_Static_assert(sizeof(btx_audit_result) == 24, "btx_audit_result is frozen at 24 bytes");
_Static_assert(offsetof(btx_audit_result, flags) == 8, "btx_audit_result layout");
_Static_assert(offsetof(btx_audit_result, rule) == 12, "btx_audit_result layout");
_Static_assert(offsetof(btx_audit_result, reserved) == 16, "btx_audit_result layout");

#define NSUB (BTX__SUBSTANCE_MAX + 1)
#define NIND (BTX__INDICATION_MAX + 1)
#define NPROD (BTX__PRODUCT_MAX + 1)
#define MAX_IND_RULES 4   /* indication-limited window rules (the table has 1) */
#define MAX_CAP_RULES 16  /* bits of cell.caps */
#define NO_LIMIT INT64_MAX

#if defined(__GNUC__) || defined(__clang__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#endif

/* ---- units and validation ---- */

/* btx__milli_from_units, with a fast path for the common case: a dose that is an exact
 * number of milli-units (155, 12.5) rounds to itself, and the general rounding gives the
 * same answer for it. Anything else (NaN, out of range, 1.0005) takes the general path. */
static inline int milli_of(double units, btx_milli *out)
{
    if (units >= 0.0 && units <= BTX_UNITS_MAX) {
        const double x = units * 1000.0;
        const btx_milli m = (btx_milli)x;
        if ((double)m == x) {
            *out = m;
            return BTX_OK;
        }
    }
    return btx__milli_from_units(units, out);
}

/* Every check of one row but its order, in the documented order. */
static int check_row(const btx_audit_row *r, btx_milli *milli)
{
    const btx_administration *a = &r->admin;
    /* The fields of btx__validate_record, in its order. */
    if (a->date < BTX_DATE_MIN || a->date > BTX_DATE_MAX)
        return BTX_ERANGE;
    if (a->product < 1 || a->product > BTX__PRODUCT_MAX)
        return BTX_EINVAL;
    if (a->indication < 0 || a->indication > BTX__INDICATION_MAX)
        return BTX_EINVAL;
    if (a->flags != 0)
        return BTX_EINVAL;
    int rc = milli_of(a->units, milli);
    if (rc != BTX_OK)
        return rc;
    if (!(r->weight_kg >= 0.0 && r->weight_kg <= 1000.0)) /* NaN fails too */
        return BTX_ERANGE;
    if (r->birth_date != BTX_DATE_UNKNOWN &&
        (r->birth_date < BTX_DATE_MIN || r->birth_date > BTX_DATE_MAX))
        return BTX_ERANGE;
    if (r->reserved != 0)
        return BTX_EINVAL;
    return BTX_OK;
}

/* check_row for the common case with few branches: 1 when the row is good and its units
 * are an exact number of milli-units; 0 means "ask check_row". */
static inline int row_good(const btx_audit_row *r, btx_milli *milli)
{
    const btx_administration *a = &r->admin;
    const uint32_t span = (uint32_t)(BTX_DATE_MAX - BTX_DATE_MIN);
    const uint32_t birth_off = (uint32_t)r->birth_date - (uint32_t)BTX_DATE_MIN;
    const int bad = ((uint32_t)a->date - (uint32_t)BTX_DATE_MIN > span) |
                    ((uint32_t)a->product - 1u >= (uint32_t)BTX__PRODUCT_MAX) |
                    ((uint32_t)a->indication > (uint32_t)BTX__INDICATION_MAX) |
                    (a->flags != 0) | (r->reserved != 0) |
                    (birth_off > span && r->birth_date != BTX_DATE_UNKNOWN) |
                    !(r->weight_kg >= 0.0 && r->weight_kg <= 1000.0) |
                    !(a->units >= 0.0 && a->units <= BTX_UNITS_MAX);
    const double x = a->units * 1000.0;
    const btx_milli m = bad ? 0 : (btx_milli)x;
    *milli = m;
    return !bad && (double)m == x;
}

/* Order against the row before: keys ascending, dates ascending within a key. */
static int in_order(const btx_audit_row *prev, const btx_audit_row *r)
{
    return prev->patient < r->patient ||
           (prev->patient == r->patient && prev->admin.date <= r->admin.date);
}

int btx_validate_audit(const btx_audit_row *rows, size_t n, size_t *bad_index)
{
    if (bad_index)
        *bad_index = 0;
    if (!rows && n > 0)
        return BTX_EINVAL;
    for (size_t i = 0; i < n; i++) {
        btx_milli m;
        int rc = check_row(&rows[i], &m);
        if (rc == BTX_OK && i > 0 && !in_order(&rows[i - 1], &rows[i]))
            rc = BTX_EINVAL;
        if (rc != BTX_OK) {
            if (bad_index)
                *bad_index = i;
            return rc;
        }
    }
    return BTX_OK;
}

/* ---- per-call tables ---- */

static inline unsigned lowest_bit(unsigned bits)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(bits);
#else
    unsigned i = 0;
    while (!(bits & 1u)) {
        bits >>= 1;
        i++;
    }
    return i;
#endif
}


/* What applies to a row of one product, indication and population; filled on first use
 * from the rule tables and the protocol rows. */
typedef struct cell {
    btx_milli limit;       /* substance window limit (absolute part); NO_LIMIT if none */
    uint8_t ready;
    uint8_t simple;        /* the short path applies (see fill_cell) */
    uint16_t caps;         /* bit i: btx__cap_rules[i] applies */
    int16_t window_id;     /* substance window rule id as reported (the policy id when the
                              policy sets the length); 0 = no substance window */
    int8_t window;         /* index in btx__window_rules of that rule, -1 none */
    int8_t ind_window;     /* index in audit.ind[] of an indication window, -1 none */
    int16_t interval;      /* index in btx__interval_rules, -1 none */
    int16_t interval_id;   /* its rule id */
    int32_t interval_days; /* its length in days for day and week rules; 0 for months */
    int32_t interval_flag; /* BTX_AUDIT_TOO_SOON (minimum) or BTX_AUDIT_SCHEDULE */
    int32_t label_flag;    /* BTX_AUDIT_NOT_LABELLED when not labelled/established, else 0 */
    int16_t label_rule;    /* 111, 112 or 0 */
    int16_t age_min;       /* age check still needed beyond the population: 0 = none */
    int16_t age_max;       /* 0 = none */
    int16_t interval_months; /* its length for month rules; 0 otherwise */
    int16_t cap_id[2];     /* short path: the first two cap rules (table order), 0 = none */
    int32_t pad;
    btx_milli cap[2];      /* ... and their caps; NO_LIMIT when none */
} cell;

typedef struct day_total {
    size_t owner;
    btx_milli milli;
} day_total;

typedef struct ind_window {
    const btx__window_rule *rule;
    size_t tail;        /* first row that may still be in the window */
    btx_milli sum;      /* counted rows in [tail, end of the current group) */
} ind_window;

/* A previous session or visit: (patient sequence << 32) | date as uint32; 0 = none. */
typedef uint64_t stamp;

typedef struct audit {
    const btx_audit_row *rows;
    btx__policy pol;
    int32_t length, unit;                             /* substance-wide window */
    int8_t subst_window[NSUB][2];                     /* [substance][pediatric] -> rule */
    int8_t ind_rule[NSUB][NIND];                      /* index in ind[], -1 none */
    ind_window ind[MAX_IND_RULES];
    size_t ind_count;
    cell cells[NPROD][NIND][2];
    /* patient state */
    uint32_t seq;                                     /* patient sequence number, >= 1 */
    btx_milli sum[NSUB];
    stamp last_session[NSUB][NIND];
    stamp last_visit[NSUB];
    /* group state (only for groups of more than one row) */
    size_t group;                                     /* first row + 1 */
    day_total day[NSUB][NIND];
    /* birthday cache for the current birth date */
    btx_date birth;
    btx_date bday_day[3];
    int32_t bday_years[3];
    unsigned bday_next;
} audit;

static void fill_cell(const audit *a, cell *c, int32_t product, int32_t indication,
                      int pediatric)
{
    const int32_t population = pediatric ? BTX_PEDIATRIC : BTX_ADULT;
    const int32_t substance = btx__product_substances[product];
    memset(c, 0, sizeof *c);
    c->ready = 1;
    c->limit = NO_LIMIT;
    c->interval = -1;
    int per_kg = 0;
    c->window = a->subst_window[substance][pediatric];
    if (c->window >= 0) {
        const btx__window_rule *r = &btx__window_rules[c->window];
        c->window_id = (int16_t)(a->pol.window_length > 0 && r->policy_id != 0 ? r->policy_id
                                                                                : r->id);
        c->limit = r->limit;
        per_kg = r->limit_per_kg > 0;
    }
    c->ind_window = a->ind_rule[substance][indication];
    if (c->ind_window >= 0) {
        const int32_t p = a->ind[c->ind_window].rule->population;
        if (p != 0 && p != population)
            c->ind_window = -1;
    }
    for (size_t i = 0; i < btx__cap_rule_count && i < MAX_CAP_RULES; i++) {
        const btx__cap_rule *r = &btx__cap_rules[i];
        if (r->product == product && (r->indications & BTX__IND_BIT(indication)) &&
            (r->population == 0 || r->population == population))
            c->caps = (uint16_t)(c->caps | (1u << i));
    }
    if (indication != 0) { /* else: no session, no interval rule, no label check */
        const btx__interval_rule *ir = btx__interval_rule_for(product, indication, population);
        if (ir) {
            c->interval = (int16_t)(ir - btx__interval_rules);
            c->interval_id = (int16_t)ir->id;
            c->interval_days = ir->unit == BTX_DAYS    ? ir->length
                               : ir->unit == BTX_WEEKS ? 7 * ir->length
                                                       : 0;
            c->interval_months = (int16_t)(ir->unit == BTX_MONTHS ? ir->length : 0);
            c->interval_flag =
                ir->kind == BTX_INTERVAL_MINIMUM ? BTX_AUDIT_TOO_SOON : BTX_AUDIT_SCHEDULE;
        }
        int32_t status = 0;
        const btx__protocol_row *p = btx__protocol_find(product, indication, population, &status);
        if (!p) {
            c->label_flag = BTX_AUDIT_NOT_LABELLED;
            c->label_rule = (int16_t)(status == BTX_LABEL_NOT_ESTABLISHED
                                          ? BTX_RULE_LABEL_NOT_ESTABLISHED
                                          : BTX_RULE_LABEL_NOT_LABELLED);
        } else {
            /* The population already bounds the age: adults are 18 or over, children
             * under 18. */
            if (p->age_min_years > 0 && !(population == BTX_ADULT && p->age_min_years <= 18))
                c->age_min = (int16_t)p->age_min_years;
            if (p->age_max_years > 0 && !(population == BTX_PEDIATRIC && p->age_max_years >= 17))
                c->age_max = (int16_t)p->age_max_years;
        }
    }
    /* The short path: no weight-based part, no indication window, no age check, at most
     * two caps without a weight part (a row alone on its date is their whole total). */
    c->cap[0] = c->cap[1] = NO_LIMIT;
    int caps_simple = 1;
    size_t k = 0;
    for (unsigned bits = c->caps; bits != 0; bits &= bits - 1) {
        const btx__cap_rule *r = &btx__cap_rules[lowest_bit(bits)];
        if (r->cap_per_kg > 0 || k == 2) {
            caps_simple = 0;
            break;
        }
        c->cap[k] = r->cap;
        c->cap_id[k] = (int16_t)r->id;
        k++;
    }
    c->simple = !per_kg && c->ind_window < 0 && caps_simple && c->age_min == 0 &&
                c->age_max == 0;
}

static int setup(audit *a, const btx_policy *policy, const btx_audit_row *rows)
{
    int rc = btx__load_policy(policy, &a->pol);
    if (rc != BTX_OK)
        return rc;
    a->rows = rows;
    memset(a->subst_window, -1, sizeof a->subst_window);
    memset(a->ind_rule, -1, sizeof a->ind_rule);
    memset(a->cells, 0, sizeof a->cells);
    memset(a->ind, 0, sizeof a->ind);
    a->ind_count = 0;
    a->length = 3;
    a->unit = BTX_MONTHS;
    int have_length = 0;
    for (size_t i = 0; i < btx__window_rule_count && i < 100; i++) {
        const btx__window_rule *r = &btx__window_rules[i];
        if (r->indication == 0) {
            /* Substance-wide: the table gives every one the same length (3 months). */
            if (!have_length) {
                a->length = r->length;
                a->unit = r->unit;
                have_length = 1;
            }
            if (r->population != BTX_PEDIATRIC)
                a->subst_window[r->substance][0] = (int8_t)i;
            if (r->population != BTX_ADULT)
                a->subst_window[r->substance][1] = (int8_t)i;
        } else if (a->ind_count < MAX_IND_RULES) {
            a->ind[a->ind_count].rule = r;
            a->ind_rule[r->substance][r->indication] = (int8_t)a->ind_count;
            a->ind_count++;
        }
    }
    if (a->pol.window_length > 0) {
        a->length = a->pol.window_length;
        a->unit = a->pol.window_unit;
    }
    a->seq = 0;
    a->group = 0;
    memset(a->sum, 0, sizeof a->sum);
    memset(a->last_session, 0, sizeof a->last_session);
    memset(a->last_visit, 0, sizeof a->last_visit);
    memset(a->day, 0, sizeof a->day);
    a->birth = BTX_DATE_UNKNOWN;
    a->bday_next = 0;
    for (size_t i = 0; i < 3; i++) {
        a->bday_years[i] = -1;
        a->bday_day[i] = 0;
    }
    return BTX_OK;
}

/* A new patient starts at row i. */
static void start_patient(audit *a, size_t i)
{
    if (++a->seq == 0) {
        /* 2^32 patients: old stamps could match again; forget them all. */
        memset(a->last_session, 0, sizeof a->last_session);
        memset(a->last_visit, 0, sizeof a->last_visit);
        a->seq = 1;
    }
    memset(a->sum, 0, sizeof a->sum);
    for (size_t w = 0; w < a->ind_count; w++) {
        a->ind[w].tail = i;
        a->ind[w].sum = 0;
    }
}

static inline stamp stamp_of(uint32_t seq, btx_date d)
{
    return ((uint64_t)seq << 32) | (uint32_t)d;
}

/* The date of a stamp of the current patient, or BTX_DATE_UNKNOWN. */
static inline btx_date stamp_date(stamp s, uint32_t seq)
{
    return (uint32_t)(s >> 32) == seq ? (btx_date)(uint32_t)s : BTX_DATE_UNKNOWN;
}

/* ---- dates ---- */

/* The day a person born on birth turns `years`, through a three-entry cache. */
static btx_date birthday(audit *a, btx_date birth, int32_t years)
{
    if (birth != a->birth) {
        a->birth = birth;
        a->bday_years[0] = a->bday_years[1] = a->bday_years[2] = -1;
    }
    for (size_t i = 0; i < 3; i++)
        if (a->bday_years[i] == years)
            return a->bday_day[i];
    const unsigned k = a->bday_next;
    a->bday_next = (k + 1) % 3;
    a->bday_years[k] = years;
    a->bday_day[k] = btx__birthday(birth, years);
    return a->bday_day[k];
}

/* Whether a person born on birth is at least `years` old on d. A span of y years is
 * at least 365y - 1 days (a 29 February birthday clamps to the 28th) and at most 366y
 * days, so only dates near the birthday need the calendar. */
static inline int age_at_least(audit *a, btx_date birth, int32_t years, btx_date d)
{
    const int64_t delta = (int64_t)d - birth;
    if (LIKELY(delta >= 366 * (int64_t)years))
        return 1;
    if (delta < 365 * (int64_t)years - 1)
        return 0;
    return d >= birthday(a, birth, years);
}

/* Under 18 on d (an unknown birth date: adult). BTX_DATE_UNKNOWN is INT32_MIN, so its
 * "age" is far above 18 and needs no test of its own. */
static inline int pediatric_on(audit *a, btx_date birth, btx_date d)
{
    const int64_t delta = (int64_t)d - birth;
    if (LIKELY(delta >= 366 * 18))
        return 0;
    return birth != BTX_DATE_UNKNOWN && !age_at_least(a, birth, 18, d);
}

/* Whether p + length (days, weeks or months) lies after d: an interval not yet over.
 * L months span 28L - 3 to 31L days, so only gaps in between need the calendar. */
static inline int interval_open(btx_date p, int32_t length, int32_t unit, btx_date d)
{
    const int64_t gap = (int64_t)d - p;
    switch (unit) {
    case BTX_DAYS: return gap < length;
    case BTX_WEEKS: return gap < 7 * (int64_t)length;
    default: break;
    }
    if (gap >= 31 * (int64_t)length)
        return 0;
    if (gap < 28 * (int64_t)length - 3)
        return 1;
    return btx__add_months(p, length) > d;
}

/* Smallest S whose window [S, S + length) still holds d (btx__first_start_covering,
 * in closed form for months: the day after d, `length` months back, or the first of
 * the next month when that day does not exist or d is the last day of its month). */
static btx_date trailing_start(btx_date d, int32_t length, int32_t unit)
{
    if (unit == BTX_DAYS)
        return d - length + 1;
    if (unit == BTX_WEEKS)
        return d - 7 * length + 1;
    int32_t y, m, day;
    btx__civil_from_days(d, &y, &m, &day);
    int32_t idx = y * 12 + (m - 1) - length;
    int32_t sy = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    int32_t sm = idx - sy * 12 + 1;
    if (day < btx__days_in_month(y, m) && day + 1 <= btx__days_in_month(sy, sm))
        return btx__days_from_civil(sy, sm, day + 1);
    return btx__days_from_civil(sy, sm, 1) + btx__days_in_month(sy, sm);
}

/* ---- rows ---- */

static inline int32_t substance_of(int32_t product)
{
    return btx__product_substances[product];
}

static inline btx_milli units_of(const btx_audit_row *r)
{
    btx_milli m = 0;
    (void)milli_of(r->admin.units, &m); /* validated before */
    return m;
}


/* The limit of a rule with an absolute part and maybe a per-kg part; *missing when the
 * per-kg part needs a weight the row does not have. */
static btx_milli limit_for(btx_milli limit, btx_milli per_kg, double weight_kg, int *missing)
{
    *missing = 0;
    if (per_kg > 0) {
        if (weight_kg > 0.0) {
            btx_milli w = btx__milli_per_kg(per_kg, weight_kg);
            if (w < limit)
                limit = w;
        } else {
            *missing = 1;
        }
    }
    return limit;
}

static inline void flag(int32_t *flags, int32_t *rule, int32_t bit, int32_t id)
{
    *flags |= bit;
    if (*rule == 0)
        *rule = id;
}

static inline int32_t write_result(btx_audit_result *out, btx_milli total, int32_t flags,
                                   int32_t rule)
{
    out->window_total = (double)total / 1000.0; /* as btx__units_from_milli */
    out->flags = flags;
    out->rule = rule;
    out->reserved[0] = 0;
    out->reserved[1] = 0;
    return flags;
}

/* The general path: the result of row k, whose date's rows are already counted; `own`
 * is its units and `single` says it is the only row of its date. Returns its flags. */
static int32_t judge(audit *a, size_t k, btx_milli own, int single, int pediatric,
                     const cell *c, btx_audit_result *out)
{
    const btx_audit_row *row = &a->rows[k];
    const btx_date d = row->admin.date;
    const int32_t indication = row->admin.indication;
    const int32_t s = substance_of(row->admin.product);
    int32_t flags = 0, rule = 0;
    int missing;

    /* 1. The substance window (adult or pediatric on d). */
    const btx_milli total = a->sum[s];
    if (c->window >= 0) {
        const btx__window_rule *r = &btx__window_rules[c->window];
        const btx_milli limit = limit_for(r->limit, r->limit_per_kg, row->weight_kg, &missing);
        if (total > limit)
            flag(&flags, &rule, BTX_AUDIT_OVER_WINDOW, c->window_id);
        else if (missing)
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 2. An indication window (blepharospasm: 30 days of blepharospasm rows). */
    if (c->ind_window >= 0) {
        ind_window *w = &a->ind[c->ind_window];
        const btx__window_rule *r = w->rule;
        const btx_date start = trailing_start(d, r->length, r->unit);
        while (a->rows[w->tail].admin.date < start) {
            const btx_audit_row *t = &a->rows[w->tail];
            if (substance_of(t->admin.product) == r->substance &&
                t->admin.indication == r->indication)
                w->sum -= units_of(t);
            w->tail++;
        }
        const btx_milli limit = limit_for(r->limit, r->limit_per_kg, row->weight_kg, &missing);
        if (w->sum > limit)
            flag(&flags, &rule, BTX_AUDIT_OVER_WINDOW, r->id);
        else if (missing)
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 3. The label interval against the previous session of this substance and
     * indication (the current date's sessions are recorded only after it). */
    if (c->interval >= 0) {
        const btx__interval_rule *r = &btx__interval_rules[c->interval];
        const btx_date p = stamp_date(a->last_session[s][indication], a->seq);
        if (p != BTX_DATE_UNKNOWN && interval_open(p, r->length, r->unit, d))
            flag(&flags, &rule, c->interval_flag, r->id);
    }
    /* 4. Policy spacing against the previous visit of this substance. */
    if (a->pol.min_spacing_days > 0) {
        const btx_date p = stamp_date(a->last_visit[s], a->seq);
        if (p != BTX_DATE_UNKNOWN && (int64_t)d - p < a->pol.min_spacing_days)
            flag(&flags, &rule, BTX_AUDIT_TOO_SOON, BTX_RULE_POLICY_SPACING);
    }
    /* 5. Session and visit caps over every row of the date, in rule-id order. A row
     * counts toward every cap that applies to it, so alone on its date the total is its
     * own units. */
    for (unsigned bits = c->caps; bits != 0; bits &= bits - 1) {
        const btx__cap_rule *r = &btx__cap_rules[lowest_bit(bits)];
        btx_milli t = own;
        if (!single) {
            if (r->visit) {
                t = 0;
                for (int32_t j = 0; j < NIND; j++)
                    if ((r->indications & BTX__IND_BIT(j)) && a->day[s][j].owner == a->group)
                        t += a->day[s][j].milli;
            } else {
                t = a->day[s][indication].milli;
            }
        }
        const btx_milli cap = limit_for(r->cap, r->cap_per_kg, row->weight_kg, &missing);
        if (t > cap)
            flag(&flags, &rule, BTX_AUDIT_OVER_SESSION, r->id);
        else if (missing)
            flags |= BTX_AUDIT_NOT_CHECKED;
    }
    /* 6. Label status, or age outside the label row's range. */
    if (c->label_flag != 0) {
        flag(&flags, &rule, c->label_flag, c->label_rule);
    } else if ((c->age_min | c->age_max) != 0 && row->birth_date != BTX_DATE_UNKNOWN) {
        if ((c->age_min > 0 && !age_at_least(a, row->birth_date, c->age_min, d)) ||
            (c->age_max > 0 && age_at_least(a, row->birth_date, c->age_max + 1, d)))
            flag(&flags, &rule, BTX_AUDIT_NOT_LABELLED, BTX_RULE_LABEL_AGE);
    }
    (void)pediatric;
    return write_result(out, total, flags, rule);
}

static inline const cell *cell_for(audit *a, const btx_audit_row *row, int pediatric)
{
    cell *c = &a->cells[row->admin.product][row->admin.indication][pediatric];
    if (UNLIKELY(!c->ready))
        fill_cell(a, c, row->admin.product, row->admin.indication, pediatric);
    return c;
}

/* After the rows of a date are judged, it is the previous session and visit of the
 * later dates. Stamps of indication 0 are written and never read. */
static inline void record_date(audit *a, const btx_audit_row *row)
{
    const int32_t s = substance_of(row->admin.product);
    const stamp st = stamp_of(a->seq, row->admin.date);
    a->last_visit[s] = st;
    a->last_session[s][row->admin.indication] = st;
}

/* A group of more than one row [i, j): count it whole, then judge each row. */
static size_t audit_group(audit *a, size_t i, size_t j, btx_audit_result *results)
{
    const btx_audit_row *rows = a->rows;
    a->group = i + 1;
    for (size_t k = i; k < j; k++) {
        const btx_milli m = units_of(&rows[k]);
        const int32_t s = substance_of(rows[k].admin.product);
        day_total *t = &a->day[s][rows[k].admin.indication];
        if (t->owner != a->group) {
            t->owner = a->group;
            t->milli = 0;
        }
        t->milli += m;
        const int8_t w = a->ind_rule[s][rows[k].admin.indication];
        if (w >= 0)
            a->ind[w].sum += m;
    }
    size_t count = 0;
    for (size_t k = i; k < j; k++) {
        const int pediatric = pediatric_on(a, rows[k].birth_date, rows[k].admin.date);
        const cell *c = cell_for(a, &rows[k], pediatric);
        count += judge(a, k, 0, 0, pediatric, c, &results[k]) != 0;
    }
    for (size_t k = i; k < j; k++)
        record_date(a, &rows[k]);
    return count;
}

int btx_audit(const btx_policy *policy, const btx_audit_row *rows, size_t n,
              btx_audit_result *results, size_t *flagged)
{
    if (n > 0 && (!rows || !results))
        return BTX_EINVAL;
    audit a;
    int rc = setup(&a, policy, rows);
    if (rc != BTX_OK)
        return rc;

    const int32_t spacing = a.pol.min_spacing_days;
    size_t count = 0;
    btx_date start_of = BTX_DATE_UNKNOWN, start = 0; /* trailing_start cache */
    uint64_t key = 0;
    btx_date last = 0;
    size_t tail = 0; /* first row of the patient that may still be in the trailing window */
    for (size_t i = 0; i < n;) {
        const btx_audit_row *row = &rows[i];
        btx_milli own;
        if (UNLIKELY(!row_good(row, &own))) {
            rc = check_row(row, &own);
            if (rc != BTX_OK)
                return rc;
        }
        const btx_date d = row->admin.date;
        if (i == 0 || row->patient != key) {
            if (UNLIKELY(i > 0 && row->patient < key))
                return BTX_EINVAL;
            key = row->patient;
            start_patient(&a, i);
            tail = i;
        } else if (UNLIKELY(d < last)) {
            return BTX_EINVAL;
        }
        last = d;
        const int32_t s = substance_of(row->admin.product);
        a.sum[s] += own;

        /* The group [i, j): the rows of this patient and date, validated whole before
         * anything of it is written, because they count together. */
        size_t j = i + 1;
        const int single = !(j < n && rows[j].patient == key && rows[j].admin.date == d);
        if (UNLIKELY(!single)) {
            do {
                btx_milli m;
                rc = check_row(&rows[j], &m);
                if (rc != BTX_OK)
                    return rc;
                a.sum[substance_of(rows[j].admin.product)] += m;
                j++;
            } while (j < n && rows[j].patient == key && rows[j].admin.date == d);
        }
        /* Rows dated before the trailing window's start leave it. */
        if (d != start_of) {
            start_of = d;
            start = trailing_start(d, a.length, a.unit);
        }
        /* Rows dated before the window's start leave it: usually none, one or two per
         * date, so two steps without a branch, then a loop for the rare others. The
         * tail never passes row i (its date is >= start), and rows up to i are valid. */
        for (int step = 0; step < 2; step++) {
            const btx_audit_row *t = &rows[tail];
            const btx_milli leaves = -(btx_milli)(t->admin.date < start);
            a.sum[substance_of(t->admin.product)] -= units_of(t) & leaves;
            tail += (size_t)(leaves & 1);
        }
        while (UNLIKELY(rows[tail].admin.date < start)) {
            a.sum[substance_of(rows[tail].admin.product)] -= units_of(&rows[tail]);
            tail++;
        }
        if (UNLIKELY(!single)) {
            count += audit_group(&a, i, j, results);
            i = j;
            continue;
        }

        const int pediatric = pediatric_on(&a, row->birth_date, d);
        const cell *c = cell_for(&a, row, pediatric);
        const int8_t w = a.ind_rule[s][row->admin.indication];
        if (w >= 0)
            a.ind[w].sum += own;
        int32_t flags;
        if (LIKELY(c->simple)) {
            /* The short path, with few branches: each rule gives a flag and a rule id,
             * and the first rule broken in finding order is reported. */
            const btx_milli total = a.sum[s];
            const int over = total > c->limit;
            const stamp ps = a.last_session[s][row->admin.indication];
            const int64_t pgap = (int64_t)d - (btx_date)(uint32_t)ps;
            int soon = ((uint32_t)(ps >> 32) == a.seq) & (pgap < c->interval_days);
            if (UNLIKELY(c->interval_months != 0) && (uint32_t)(ps >> 32) == a.seq)
                soon = interval_open((btx_date)(uint32_t)ps, c->interval_months, BTX_MONTHS, d);
            const stamp vs = a.last_visit[s];
            const int spaced = ((uint32_t)(vs >> 32) == a.seq) &
                               ((int64_t)d - (btx_date)(uint32_t)vs < spacing);
            const int cap0 = own > c->cap[0], cap1 = own > c->cap[1];
            flags = (over ? BTX_AUDIT_OVER_WINDOW : 0) | (soon ? c->interval_flag : 0) |
                    (spaced ? BTX_AUDIT_TOO_SOON : 0) |
                    ((cap0 | cap1) ? BTX_AUDIT_OVER_SESSION : 0) | c->label_flag;
            const int32_t rule = over     ? c->window_id
                                 : soon   ? c->interval_id
                                 : spaced ? BTX_RULE_POLICY_SPACING
                                 : cap0   ? c->cap_id[0]
                                 : cap1   ? c->cap_id[1]
                                          : c->label_rule;
            write_result(&results[i], total, flags, rule);
        } else {
            flags = judge(&a, i, own, 1, pediatric, c, &results[i]);
        }
        count += flags != 0;
        record_date(&a, row);
        i = j;
    }
    if (flagged)
        *flagged = count;
    return BTX_OK;
}

size_t btx_sizeof_audit_row(void)
{
    return sizeof(btx_audit_row);
}

size_t btx_sizeof_audit_result(void)
{
    return sizeof(btx_audit_result);
}
