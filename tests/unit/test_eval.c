/* test_eval.c — scoring: matching levels, multisets and the confusion table. */
#include "testutil.h"
#include "eval/eval.h"

static dyad_eval_event E(const char *s, const char *t, const char *c)
{
    dyad_eval_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.source, sizeof e.source, "%s", s);
    snprintf(e.target, sizeof e.target, "%s", t);
    snprintf(e.code, sizeof e.code, "%s", c);
    return e;
}

static void test_levels(void **s)
{
    (void)s;
    dyad_eval ev;
    memset(&ev, 0, sizeof ev);
    dyad_eval_event g[] = {E("JPNGOV", "CHN", "112")};
    dyad_eval_event p[] = {E("JPN", "CHNGOV", "111")};   /* same countries and root */
    assert_true(dyad_eval_sentence(&ev, g, 1, p, 1));
    assert_int_equal(ev.dyad.tp, 1);
    assert_int_equal(ev.full.tp, 0);
    assert_int_equal(ev.full.fp, 1);
    assert_int_equal(ev.full.fn, 1);
    assert_int_equal(ev.confusion[11][11], 1);
}

static void test_multiset_and_igos(void **s)
{
    (void)s;
    dyad_eval ev;
    memset(&ev, 0, sizeof ev);
    dyad_eval_event g[] = {E("IGOUNO", "SYR", "111"), E("IGOUNO", "SYR", "111"), E("USA", "", "010")};
    dyad_eval_event p[] = {E("IGOUNO", "SYRGOV", "111"), E("IGOWSTNAT", "SYR", "111")};
    assert_false(dyad_eval_sentence(&ev, g, 3, p, 2));
    assert_int_equal(ev.dyad.tp, 1);
    assert_int_equal(ev.dyad.fp, 1);
    assert_int_equal(ev.dyad.fn, 2);
    assert_int_equal(ev.confusion[1][0], 1);
    assert_true(dyad_eval_f1(&ev.dyad) > 0.39 && dyad_eval_f1(&ev.dyad) < 0.41);
}

static void test_empty_is_perfect(void **s)
{
    (void)s;
    dyad_eval ev;
    memset(&ev, 0, sizeof ev);
    assert_true(dyad_eval_sentence(&ev, NULL, 0, NULL, 0));
    dyad_eval_event p[] = {E("RUS", "UKR", "190")};
    assert_false(dyad_eval_sentence(&ev, NULL, 0, p, 1));
    assert_int_equal(ev.confusion[0][19], 1);
    assert_true(dyad_eval_precision(&ev.dyad) < 0.01);
}

static void test_actor_keys(void **s)
{
    (void)s;
    char k[24];
    dyad_eval_actor_key("USAGOV", k);
    assert_string_equal(k, "USA");
    dyad_eval_actor_key("IGOUNOHRI", k);   /* a UN body counts as the UN */
    assert_string_equal(k, "IGOUNO");
    dyad_eval_actor_key("IGOWSTNAT", k);
    assert_string_equal(k, "IGOWST");
    dyad_eval_actor_key("", k);
    assert_string_equal(k, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_multiset_and_igos),
        cmocka_unit_test(test_empty_is_perfect),
        cmocka_unit_test(test_actor_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
