/* date.h — civil dates as day numbers (days since 1970-01-01), proleptic Gregorian. */
#ifndef DYAD_DATE_H
#define DYAD_DATE_H
#include <stdint.h>

#define DYAD_NO_DATE INT32_MIN

typedef enum { DYAD_PREC_NONE = 0, DYAD_PREC_YEAR, DYAD_PREC_MONTH, DYAD_PREC_DAY } dyad_prec;

int32_t dyad_days_from_civil(int y, int m, int d);
void    dyad_civil_from_days(int32_t z, int *y, int *m, int *d);
int     dyad_weekday(int32_t days);                 /* 0 = Sunday .. 6 = Saturday */
int     dyad_days_in_month(int y, int m);
/* Parse YYYY, YYYY-MM or YYYY-MM-DD (whole string of length len). For end=1 a partial date
 * gives the last day of its period, else the first. Returns DYAD_NO_DATE when malformed. */
int32_t dyad_parse_date(const char *s, int len, int end, dyad_prec *prec);
/* Write YYYY-MM-DD into out (11 bytes). */
void    dyad_format_date(int32_t days, char out[11]);
const char *dyad_prec_name(dyad_prec p);
#endif
