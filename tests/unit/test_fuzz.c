/* test_fuzz.c — robustness: thousands of generated inputs (word salad from the dictionaries'
 * vocabulary, punctuation storms, invalid UTF-8, very long tokens) through the whole coder.
 * Nothing may crash or leak (the sanitizer run checks that); every event must point inside
 * its document. Deterministic: a fixed seed. */
#include "testutil.h"

static uint64_t seed = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

static const char *const words[] = {
    "Japan", "China", "U.S.", "U.N.", "Russia's", "troops", "the", "said", "met", "attacked",
    "was", "by", "and", "not", "if", "would", "to", "threatened", "on", "Monday", "in", "Seoul",
    "President", "Joe", "Biden", "Kim", "Jong-un", "\xe2\x80\x9c", "\xe2\x80\x9d", "...", "(", ")",
    ",", ";", ":", ".", "?", "!", "Mr.", "Gen.", "3.5", "100,000", "12th", "January", "5",
    "\xc3\xa9", "\xff", "\xe2\x80\x94", "-", "'s", "n't", "he", "she", "it", "they", "that",
    "which", "talks", "between", "with", "demanded", "protesters", "police", "in", "1950",
    "yesterday", "next", "week", "Hamas", "NATO", "EU", "accused", "of", "killing", "civilians"};

static void fuzz_with(dyad_coder *c, int rounds)
{
    char buf[8192];
    for (int r = 0; r < rounds; r++) {
        size_t n = 0, want = 1 + rnd(sizeof buf - 64);
        int mode = (int)rnd(4);
        while (n + 40 < sizeof buf && n < want) {
            if (mode == 3 && rnd(5) == 0) {
                buf[n++] = (char)rnd(256);   /* raw bytes, NUL included */
                continue;
            }
            const char *w = words[rnd(sizeof words / sizeof words[0])];
            size_t wl = strlen(w);
            memcpy(buf + n, w, wl);
            n += wl;
            buf[n++] = mode == 1 ? '\n' : ' ';
        }
        if (mode == 2)   /* one enormous token */
            memset(buf, 'a', n / 2);
        char date[11];
        snprintf(date, sizeof date, "20%02u-%02u-%02u", rnd(30), 1 + rnd(12), 1 + rnd(28));
        char err[256];
        dyad_result *res = dyad_code_text(c, "fuzz", buf, n, date, err, sizeof err);
        assert_non_null(res);
        for (size_t i = 0; i < dyad_result_event_count(res); i++) {
            const dyad_event *e = dyad_result_event(res, i);
            assert_true(e->sent_start <= e->sent_end && e->sent_end <= n);
            assert_true(e->source.end <= n);
            assert_non_null(e->evidence);
        }
        for (size_t i = 0; i < dyad_result_mention_count(res); i++)
            assert_true(dyad_result_mention(res, i)->end <= n);
        dyad_result_free(res);
    }
}

static void test_fuzz_mini(void **s)
{
    (void)s;
    dyad_coder *c = open_mini();
    fuzz_with(c, 1500);
    dyad_coder_free(c);
}

static void test_fuzz_real_dictionaries(void **s)
{
    (void)s;
    char err[512];
    dyad_coder *c = dyad_coder_open("data", err, sizeof err);
    assert_non_null(c);
    fuzz_with(c, 800);
    dyad_coder_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_mini),
        cmocka_unit_test(test_fuzz_real_dictionaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
