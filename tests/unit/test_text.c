/* test_text.c — tokenizer and sentence splitter. */
#include "testutil.h"
#include "text/sent.h"
#include "text/token.h"
#include "util/arena.h"

static dyad_arena A;

static int setup(void **s) { (void)s; dyad_arena_init(&A, 4096, 0); return 0; }
static int teardown(void **s) { (void)s; dyad_arena_free(&A); return 0; }

/* Split text and compare with expected sentences separated by '|'. */
static void check_split(const char *text, const char *expected)
{
    dyad_span *sp;
    uint32_t n;
    assert_int_equal(dyad_split_sentences(&A, text, (uint32_t)strlen(text), &sp, &n), 0);
    char got[4096] = "";
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            strcat(got, "|");
        strncat(got, text + sp[i].start, sp[i].end - sp[i].start);
    }
    if (strcmp(got, expected))
        fail_msg("split\n  text:     %s\n  expected: %s\n  got:      %s", text, expected, got);
}

static void test_split_basic(void **s)
{
    (void)s;
    check_split("Japan protested. China denied it! Why? Nobody knows.",
                "Japan protested.|China denied it!|Why?|Nobody knows.");
}

static void test_split_abbreviations(void **s)
{
    (void)s;
    check_split("The U.S. envoy met Mr. Kim and Gen. Lee on Jan. 5 in Seoul. Talks ended.",
                "The U.S. envoy met Mr. Kim and Gen. Lee on Jan. 5 in Seoul.|Talks ended.");
    check_split("Lt. Col. Smith and Dr. Ruiz spoke to No. 10 staff.",
                "Lt. Col. Smith and Dr. Ruiz spoke to No. 10 staff.");
    check_split("Sanctions were imposed by the U.S. The move angered Moscow.",
                "Sanctions were imposed by the U.S.|The move angered Moscow.");
    check_split("The U.N. Security Council met.", "The U.N. Security Council met.");
}

static void test_split_initials_decimals(void **s)
{
    (void)s;
    check_split("George W. Bush visited. Growth was 3.5 percent in 2023.",
                "George W. Bush visited.|Growth was 3.5 percent in 2023.");
}

static void test_split_quotes_parens_ellipsis(void **s)
{
    (void)s;
    check_split("\"We will respond,\" he said. \"Now.\" Then he left.",
                "\"We will respond,\" he said.|\"Now.\"|Then he left.");
    check_split("The talks (held in Oslo.) ended. Next came Paris.",
                "The talks (held in Oslo.) ended.|Next came Paris.");
    check_split("He paused... Then he spoke. It was late\xe2\x80\xa6 Nobody moved.",
                "He paused...|Then he spoke.|It was late\xe2\x80\xa6|Nobody moved.");
    check_split("\xe2\x80\x9cWe refuse,\xe2\x80\x9d she said. Talks failed.",
                "\xe2\x80\x9cWe refuse,\xe2\x80\x9d she said.|Talks failed.");
}

static void test_split_paragraphs_and_titles(void **s)
{
    (void)s;
    check_split("Border clash reported\nTroops exchanged fire overnight.\n\nA second paragraph follows",
                "Border clash reported|Troops exchanged fire overnight.|A second paragraph follows");
    check_split("a line that wraps\nin the middle of a sentence.", "a line that wraps\nin the middle of a sentence.");
}

static void test_split_long_unpunctuated(void **s)
{
    (void)s;
    size_t n = 50000;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        t[i] = (i % 7 == 6) ? ' ' : 'a';
    t[n] = 0;
    dyad_span *sp;
    uint32_t k;
    assert_int_equal(dyad_split_sentences(&A, t, (uint32_t)n, &sp, &k), 0);
    assert_true(k >= n / (DYAD_SENT_MAX + 8));
    for (uint32_t i = 0; i < k; i++)
        assert_true(sp[i].end - sp[i].start <= DYAD_SENT_MAX + 8);
    free(t);
}

/* Tokenize and render tokens as "tok tok tok" using the original text. */
static void check_tokens(const char *text, const char *expected)
{
    dyad_token *t;
    uint32_t n;
    assert_int_equal(dyad_tokenize(&A, text, 0, (uint32_t)strlen(text), &t, &n), 0);
    char got[2048] = "";
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            strcat(got, " ");
        strncat(got, text + t[i].start, t[i].len);
    }
    if (strcmp(got, expected))
        fail_msg("tokens\n  text:     %s\n  expected: %s\n  got:      %s", text, expected, got);
}

static void test_tokens(void **s)
{
    (void)s;
    check_tokens("Taiwan's U.S.-made jets didn't fly.", "Taiwan 's U.S. made jets did n't fly .");
    check_tokens("Kim Jong-un met the U.N. chief", "Kim Jong un met the U.N. chief");
    check_tokens("3.5 percent, O'Brien said", "3.5 percent , O'Brien said");
    check_tokens("\xe2\x80\x9cNo\xe2\x80\x9d \xe2\x80\x94 Türkiye\xe2\x80\x99s envoy",
                 "\xe2\x80\x9c No \xe2\x80\x9d \xe2\x80\x94 Türkiye \xe2\x80\x99s envoy");
    check_tokens("the protesters' demands", "the protesters ' demands");
}

static void test_token_normalisation(void **s)
{
    (void)s;
    const char *t1 = "U.S.", *t2 = "US", *t3 = "us";
    assert_true(dyad_word_hash(t1, strlen(t1)) == dyad_word_hash(t2, strlen(t2)));
    assert_true(dyad_word_hash(t2, 2) == dyad_word_hash(t3, 2));   /* case via flags, not hash */
    dyad_token *t;
    uint32_t n;
    const char *x = "Taiwan\xe2\x80\x99s TAIWAN";
    assert_int_equal(dyad_tokenize(&A, x, 0, (uint32_t)strlen(x), &t, &n), 0);
    assert_int_equal(n, 3);
    assert_true(t[0].flags & TOK_CAP);
    assert_false(t[0].flags & TOK_ALLCAPS);
    assert_true(t[1].flags & TOK_POSS);
    assert_true(t[2].flags & TOK_ALLCAPS);
    assert_true(t[0].hash == t[2].hash);
    const char *h = "Kim Jong-un";
    assert_int_equal(dyad_tokenize(&A, h, 0, (uint32_t)strlen(h), &t, &n), 0);
    assert_int_equal(n, 3);
    assert_true(t[2].flags & TOK_HYPHEN_BEFORE);
}

static void test_invalid_utf8_tokens(void **s)
{
    (void)s;
    const char bad[] = "Japan \xff\xfe protested \xc3";
    dyad_token *t;
    uint32_t n;
    assert_int_equal(dyad_tokenize(&A, bad, 0, (uint32_t)strlen(bad), &t, &n), 0);
    assert_true(n >= 2);
    for (uint32_t i = 0; i < n; i++)
        assert_true(t[i].start + t[i].len <= strlen(bad));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_split_basic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_abbreviations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_initials_decimals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_quotes_parens_ellipsis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_paragraphs_and_titles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split_long_unpunctuated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_normalisation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_tokens, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
