#include "events/dates.h"
#include "text/words.h"
#include <stdlib.h>
#include <string.h>

static uint64_t weekday_h[7][2];   /* full name, abbreviation; index 0 = Sunday */
static uint64_t month_h[12][3];    /* full, abbreviation, alternative abbreviation */
static uint64_t h_yesterday, h_today, h_tonight, h_last, h_next, h_week, h_month, h_year,
    h_in, h_on, h_the, h_this, h_early, h_mid, h_late, h_since, h_until, h_earlier, h_ago,
    h_days, h_weeks, h_by, h_before, h_years, h_tomorrow, h_later, h_morning, h_afternoon, h_evening,
    h_night;

static uint64_t H(const char *s) { return dyad_word_hash(s, strlen(s)); }

void dyad_dates_init(void)
{
    static const char *const wd[7][2] = {{"sunday", "sun"}, {"monday", "mon"}, {"tuesday", "tue"},
        {"wednesday", "wed"}, {"thursday", "thu"}, {"friday", "fri"}, {"saturday", "sat"}};
    static const char *const mo[12][3] = {{"january", "jan", "jan"}, {"february", "feb", "feb"},
        {"march", "mar", "mar"}, {"april", "apr", "apr"}, {"may", "may", "may"},
        {"june", "jun", "jun"}, {"july", "jul", "jul"}, {"august", "aug", "aug"},
        {"september", "sep", "sept"}, {"october", "oct", "oct"}, {"november", "nov", "nov"},
        {"december", "dec", "dec"}};
    if (h_yesterday)
        return;
    for (int i = 0; i < 7; i++)
        for (int k = 0; k < 2; k++)
            weekday_h[i][k] = H(wd[i][k]);
    for (int i = 0; i < 12; i++)
        for (int k = 0; k < 3; k++)
            month_h[i][k] = H(mo[i][k]);
    h_today = H("today"); h_tonight = H("tonight"); h_last = H("last"); h_next = H("next");
    h_week = H("week"); h_month = H("month"); h_year = H("year"); h_in = H("in"); h_on = H("on");
    h_the = H("the"); h_this = H("this"); h_early = H("early"); h_mid = H("mid");
    h_morning = H("morning"); h_afternoon = H("afternoon"); h_evening = H("evening"); h_night = H("night");
    h_late = H("late"); h_since = H("since"); h_until = H("until"); h_earlier = H("earlier");
    h_ago = H("ago"); h_days = H("days"); h_weeks = H("weeks"); h_by = H("by");
    h_before = H("before"); h_years = H("years"); h_tomorrow = H("tomorrow"); h_later = H("later");
    h_yesterday = H("yesterday");
}

static int weekday_of(const dyad_token *t)
{
    if (!(t->flags & TOK_CAP))
        return -1;
    for (int i = 0; i < 7; i++)
        if (t->hash == weekday_h[i][0])
            return i;
    return -1;
}

static int month_of(const dyad_token *t)
{
    if (!(t->flags & TOK_CAP))
        return -1;
    for (int i = 0; i < 12; i++)
        for (int k = 0; k < 3; k++)
            if (t->hash == month_h[i][k])
                return i + 1;
    return -1;
}

/* Integer value of a number token (digits only, optional st/nd/rd/th suffix), or -1. */
static int number_of(const char *body, const dyad_token *t, int allow_ordinal)
{
    if (!(t->flags & TOK_NUM))
        return -1;
    int v = 0;
    uint32_t i = 0;
    const char *s = body + t->start;
    for (; i < t->len && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > 100000)
            return -1;
    }
    if (i == t->len)
        return v;
    if (allow_ordinal && t->len - i == 2)
        return v;   /* 12th, 1st, 22nd */
    return -1;
}

/* The year of a month/day without a year: the latest one not after publication (+ 7 days of
 * slack for announced events). */
static int infer_year(int32_t pub, int m, int d)
{
    int y, pm, pd;
    dyad_civil_from_days(pub, &y, &pm, &pd);
    if (dyad_days_from_civil(y, m, d) > pub + 7)
        y--;
    return y;
}

static dyad_when sentence_date(const char *body, const dyad_token *t, uint32_t nt, int32_t pub);

static dyad_when make(int32_t day, dyad_prec prec, const char *name)
{
    dyad_when w = {day, prec, name, 0, 0, 1};
    return w;
}

static dyad_when month_date(const char *body, const dyad_token *t, uint32_t nt, uint32_t i, int m,
                            int32_t pub)
{
    int y, pm, pd;
    dyad_civil_from_days(pub, &y, &pm, &pd);
    /* "January 5" / "Jan. 5" [, 2024] */
    uint32_t k = i + 1;
    if (k < nt && body[t[k].start] == '.')
        k++;
    int d = k < nt ? number_of(body, &t[k], 1) : -1;
    int32_t day;
    if (d >= 1 && d <= 31) {
        int year = -1;
        uint32_t j = k + 1;
        if (j < nt && body[t[j].start] == ',')
            j++;
        if (j < nt)
            year = number_of(body, &t[j], 0);
        if (year < 1000 || year > 2999)
            year = infer_year(pub, m, d < 29 ? d : 28);
        if (d > dyad_days_in_month(year, m))
            return make(DYAD_NO_DATE, DYAD_PREC_NONE, "");
        day = dyad_days_from_civil(year, m, d);
        return make(day, DYAD_PREC_DAY, "day");
    }
    /* "5 January [2024]" */
    int before = i > 0 ? number_of(body, &t[i - 1], 1) : -1;
    if (before >= 1 && before <= 31) {
        int year = i + 1 < nt ? number_of(body, &t[i + 1], 0) : -1;
        if (year < 1000 || year > 2999)
            year = infer_year(pub, m, before < 29 ? before : 28);
        if (before > dyad_days_in_month(year, m))
            return make(DYAD_NO_DATE, DYAD_PREC_NONE, "");
        return make(dyad_days_from_civil(year, m, before), DYAD_PREC_DAY, "day");
    }
    /* "March 2023" or "in (early) March" */
    int year = i + 1 < nt ? number_of(body, &t[i + 1], 0) : -1;
    if (year < 1000 || year > 2999)
        year = infer_year(pub, m, 1);
    return make(dyad_days_from_civil(year, m, 1), DYAD_PREC_MONTH, "month");
}

/* Does the sentence name a year two or more years before publication ("the 1994 genocide",
 * "eighty years ago") outside "since"/"until" spans? Then it is background, not news. */
static int names_old_time(const char *body, const dyad_token *t, uint32_t nt, int pub_year)
{
    for (uint32_t i = 2; i < nt; i++)
        if (t[i].hash == h_ago && t[i - 1].hash == h_years)
            return 2;
    for (uint32_t i = 0; i < nt; i++) {
        uint64_t prev = i > 0 ? t[i - 1].hash : 0;
        /* "since 1974" is a span up to now, but "since 1974, when Turkey invaded" tells of 1974 */
        int when_clause = i + 2 < nt && t[i + 1].hash == W.comma && t[i + 2].hash == W.when;
        if ((prev == h_since || prev == h_until || prev == h_by || prev == h_before) && !when_clause)
            continue;
        if ((t[i].flags & TOK_NUM) && t[i].len == 4) {
            int y = number_of(body, &t[i], 0);
            if (y >= 1800 && y < pub_year - 4)   /* "the 1994 genocide", not "the 2022 election" */
                return 1;
        }
        if (t[i].hash == h_ago && i >= 2 && t[i - 1].hash == h_years)
            return 2;
    }
    return 0;
}

dyad_when dyad_sentence_date(const char *body, const dyad_token *t, uint32_t nt, int32_t pub)
{
    dyad_when w = sentence_date(body, t, nt, pub);
    if (pub != DYAD_NO_DATE && !w.history) {
        int y, m, d;
        dyad_civil_from_days(pub, &y, &m, &d);
        /* an old year only counts when the sentence gives no day of its own; "N years ago"
         * always */
        int old = names_old_time(body, t, nt, y);
        w.history = old == 2 || (old == 1 && (!w.explicit_date || w.prec != DYAD_PREC_DAY));
    }
    return w;
}

static dyad_when sentence_date(const char *body, const dyad_token *t, uint32_t nt, int32_t pub)
{
    dyad_when none = make(pub, pub == DYAD_NO_DATE ? DYAD_PREC_NONE : DYAD_PREC_DAY,
                          pub == DYAD_NO_DATE ? "" : "day");
    none.explicit_date = 0;
    if (pub == DYAD_NO_DATE)
        return none;
    int y, pm, pd;
    dyad_civil_from_days(pub, &y, &pm, &pd);
    for (uint32_t i = 0; i < nt; i++) {
        uint64_t h = t[i].hash;
        uint64_t prev = i > 0 ? t[i - 1].hash : 0;
        if (prev == h_since || prev == h_until || prev == h_by || prev == h_before)
            continue;   /* spans and deadlines do not date the event */
        int wd = weekday_of(&t[i]);
        if (wd >= 0) {
            if (prev == h_next || prev == h_this) {
                dyad_when w = none;
                w.future = prev == h_next;
                return w;
            }
            int delta = (dyad_weekday(pub) - wd + 7) % 7;
            if (prev == h_last && delta == 0)
                delta = 7;
            return make(pub - delta, DYAD_PREC_DAY, "day");
        }
        if (h == h_yesterday)
            return make(pub - 1, DYAD_PREC_DAY, "day");
        /* "tomorrow", "later this week", "later this month": still to come */
        if (h == h_tomorrow || (h == h_later && i + 2 < nt && t[i + 1].hash == h_this &&
                                (t[i + 2].hash == h_week || t[i + 2].hash == h_month ||
                                 t[i + 2].hash == h_year))) {
            dyad_when w = make(h == h_tomorrow ? pub + 1 : pub, DYAD_PREC_DAY, "day");
            w.future = 1;
            return w;
        }
        if (h == h_today || h == h_tonight)
            return none;
        if ((h == h_week || h == h_month || h == h_year) && (prev == h_last || prev == h_next)) {
            if (prev == h_next) {
                dyad_when w = none;
                w.future = 1;
                return w;
            }
            if (h == h_week)
                return make(pub - 7, DYAD_PREC_DAY, "week");
            if (h == h_month) {
                int m = pm == 1 ? 12 : pm - 1, yy = pm == 1 ? y - 1 : y;
                return make(dyad_days_from_civil(yy, m, 1), DYAD_PREC_MONTH, "month");
            }
            return make(dyad_days_from_civil(y - 1, 1, 1), DYAD_PREC_YEAR, "year");
        }
        /* "two days ago", "3 weeks ago" */
        if (h == h_ago && i >= 2) {
            int n = number_of(body, &t[i - 2], 0);
            if (n > 0 && n < 60 && (t[i - 1].hash == h_days || t[i - 1].hash == h_weeks))
                return make(pub - n * (t[i - 1].hash == h_days ? 1 : 7), DYAD_PREC_DAY, "day");
        }
        int m = month_of(&t[i]);
        /* "May" is also a modal verb: only as a date next to a number or after in/on/early */
        if (m == 5 && !(i + 1 < nt && (t[i + 1].flags & TOK_NUM)) &&
            !(i > 0 && (t[i - 1].flags & TOK_NUM)) && prev != h_in && prev != h_early &&
            prev != h_mid && prev != h_late)
            m = -1;
        if (m > 0) {
            dyad_when w = month_date(body, t, nt, i, m, pub);
            if (w.day != DYAD_NO_DATE) {
                w.history = w.day < pub - 366;
                return w;
            }
        }
        /* "on the 12th" */
        if (h == h_the && prev == h_on && i + 1 < nt) {
            int d = number_of(body, &t[i + 1], 1);
            if (d >= 1 && d <= 31 && t[i + 1].len > 2) {
                int mm = pm, yy = y;
                if (d > pd) {
                    mm = pm == 1 ? 12 : pm - 1;
                    yy = pm == 1 ? y - 1 : y;
                }
                if (d <= dyad_days_in_month(yy, mm))
                    return make(dyad_days_from_civil(yy, mm, d), DYAD_PREC_DAY, "day");
            }
        }
        /* "in 2019" */
        if (prev == h_in && (t[i].flags & TOK_NUM) && t[i].len == 4) {
            int year = number_of(body, &t[i], 0);
            if (year >= 1000 && year <= 2999) {
                dyad_when w = make(dyad_days_from_civil(year, 1, 1), DYAD_PREC_YEAR, "year");
                w.history = year < y - 1;
                w.future = year > y;
                return w;
            }
        }
    }
    return none;
}

static int is_part_of_day(uint64_t h)
{
    return h == h_morning || h == h_afternoon || h == h_evening || h == h_night;
}

uint32_t dyad_time_phrase_len(const char *body, const dyad_token *t, uint32_t nt, uint32_t i)
{
    if (i >= nt)
        return 0;
    uint32_t k = i;
    uint64_t h = t[k].hash;
    if (h == h_yesterday || h == h_today || h == h_tonight)
        return 1;
    if (h == h_early && k + 1 < nt && t[k + 1].hash == h_on)
        k++;
    if (t[k].hash == h_on && k + 1 < nt) {
        if (weekday_of(&t[k + 1]) >= 0)   /* "on Saturday", "on Saturday night" */
            return k + 2 + (k + 2 < nt && is_part_of_day(t[k + 2].hash)) - i;
        if (t[k + 1].hash == h_the && k + 2 < nt && number_of(body, &t[k + 2], 1) > 0)
            return k + 3 - i;
        if (month_of(&t[k + 1]) > 0 && k + 2 < nt && number_of(body, &t[k + 2], 1) > 0)
            return k + 3 - i;
    }
    if (h == h_last && i + 1 < nt && (t[i + 1].hash == h_week || t[i + 1].hash == h_month))
        return 2;
    return 0;
}
