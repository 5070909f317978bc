/* lang.c — script counts and function-word scores; see lang.h. */
#include "ingest/lang.h"
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "util/hmap.h"

#define SCAN_BYTES (3u << 10)   /* about 500 words: enough to decide */

/* ---- Latin-script languages by function words ---- */

enum { L_EN, L_FR, L_ES, L_DE, L_IT, L_PT, L_NL, L_SV, L_DA, L_NO, L_PL, L_TR, L_ID, L_RO, L_CS,
       L_HU, L_FI, L_SW, L_TL, L_CA, L_COUNT };

static const char *const latin_code[L_COUNT] = {"en", "fr", "es", "de", "it", "pt", "nl", "sv", "da", "no",
                                                "pl", "tr", "id", "ro", "cs", "hu", "fi", "sw", "tl", "ca"};

/* Frequent, fairly distinctive function words. Words that are common English words are left
 * out of the other lists ("a", "as", "is", "to", "do", "no", "men", "over", "for"). */
static const char *const latin_words[L_COUNT] = {
    [L_EN] = "the of and to in is that for it was on with as by at from his he she are were have "
             "has had be been this which an not they will would after but or their who said its "
             "also we about more than there can when what into over last told could should our "
             "them these those other while because during before against between under such "
             "you i my if so up out all one two says did does being where how",
    [L_FR] = "le la les des du et est une un dans que qui pour pas sur au aux avec il elle ce cette "
             "ces sont ont été par plus mais ses leur leurs nous vous ils elles être fait était "
             "comme selon lors entre après contre depuis sans déjà où aussi très tout tous même "
             "deux ainsi qu l sa son ne y avait peut dont",
    [L_ES] = "el los las del que en y por con una para es se al lo como más pero sus fue ha este "
             "esta entre sobre también según desde donde cuando hasta muy sin ya han porque está "
             "son ser su un otro dijo tras durante le hay ni estos esa eso",
    [L_DE] = "der die das und ist nicht ein eine einen einer mit den von zu auf für sich dem im des "
             "auch es wird werden hat sind wurde nach bei aus sie er wie noch über dass nur oder "
             "aber vor zum zur haben kann soll diese dieser seine ihre sagte bereits gegen worden "
             "wir ich man schon mehr als um am bis",
    [L_IT] = "il di che la e per non un una del della dei delle degli sono è con gli le ha nel "
             "nella alla al anche più da si lo come ma dal dalla questo questa essere stato stata "
             "loro suo sua ci tra fra dopo ancora hanno già sul sulla secondo perché quando molto ad",
    [L_PT] = "o os do da dos das em um uma não para com que na nos nas é ao aos pelo pela foi são "
             "mais mas se seu sua também ele ela eles já está entre sobre como quando muito ser "
             "ter tem pelos ainda disse após segundo isso este esta até",
    [L_NL] = "de het een en van dat niet op te zijn met voor die ook werd wordt aan er maar om als "
             "bij nog naar uit door dan hij zij ze heeft hebben deze dit wel geen kan zal tot "
             "worden meer moet jaar zo",
    [L_SV] = "och att det som är av för på med till den har inte om ett var jag sig från vi så kan "
             "när efter också eller skulle hade detta sina enligt mot över",
    [L_DA] = "og ikke det er til på med af en et den som har vil kan var jeg han hun de om fra "
             "efter også skal blev bliver hvor eller når dette sig meget deres nu",
    [L_NO] = "og ikke det er til på med av en et den som har vil kan var jeg han hun de om fra "
             "etter også skal ble blir hvor eller når dette seg mye deres nå",
    [L_PL] = "w z na się nie że jest jak po co tak za od ale przez dla już czy jego który która "
             "które przy także oraz może był była było są ich tylko jednak został została według "
             "roku",
    [L_TR] = "ve bir bu da de için ile olarak çok daha olan gibi en ama sonra kadar ne mi değil "
             "var yok her ya ise göre ancak oldu olduğu şekilde üzerine yeni tarafından etti eden "
             "büyük",
    [L_ID] = "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada oleh "
             "saat bahwa mereka kami telah sudah atau bisa lebih menjadi tersebut seperti hal "
             "setelah namun kata sebagai",
    [L_RO] = "și în de la cu pe din care că nu o este au mai un să pentru fost sunt ale lui sau fi "
             "dar după despre acest această își ca prin între spus",
    [L_CS] = "se na je že v s z o k jako ale pro by jsou byl bylo byla už podle také jeho které "
             "který která po od za při než jen může ještě však roce",
    [L_HU] = "az és hogy nem egy meg van volt már csak de el ki mint ez azt még pedig szerint után "
             "között lesz kell most mert ha való valamint amely aki amit",
    [L_FI] = "ja on ei että oli se hän ovat mutta kuin myös tai jo sen joka ole vain nyt kun niin "
             "mukaan vuonna tämä hänen olla voi jotka sekä jälkeen ollut",
    [L_SW] = "na ya wa kwa za la katika ni kuwa hiyo hiyo huo kama lakini pia bila wakati "
             "baada kwamba amesema alisema serikali",
    [L_TL] = "ang ng sa na mga at ay si ni kay para hindi ito siya nang kung may pa rin din "
             "naman lamang po",
    [L_CA] = "el la els les de i que per amb del va és una als en al seu seva són però també "
             "aquest aquesta ha han dels més"};

static dyad_hmap words;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;
static int words_ok;

static void free_words(void) { dyad_hmap_free(&words); }

static void build_words(void)
{
    if (dyad_hmap_init(&words, 1024))
        return;
    for (int l = 0; l < L_COUNT; l++) {
        const char *s = latin_words[l];
        while (*s) {
            while (*s == ' ')
                s++;
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if (e > s) {
                uint64_t h = dyad_hash_bytes(s, (size_t)(e - s));
                uint32_t m = 0;
                dyad_hmap_get(&words, h, &m);
                if (dyad_hmap_put(&words, h, m | (1u << l)))
                    return;
            }
            s = e;
        }
    }
    words_ok = 1;
    atexit(free_words);
}

/* ---- scripts ---- */

enum { S_LATIN, S_CYRILLIC, S_GREEK, S_ARMENIAN, S_HEBREW, S_ARABIC, S_DEVANAGARI, S_BENGALI,
       S_GURMUKHI, S_GUJARATI, S_ORIYA, S_TAMIL, S_TELUGU, S_KANNADA, S_MALAYALAM, S_SINHALA,
       S_THAI, S_LAO, S_TIBETAN, S_MYANMAR, S_GEORGIAN, S_ETHIOPIC, S_KHMER, S_KANA, S_HAN,
       S_HANGUL, S_COUNT };

static const char *const script_code[S_COUNT] = {
    [S_GREEK] = "el",     [S_ARMENIAN] = "hy", [S_HEBREW] = "he",   [S_DEVANAGARI] = "hi",
    [S_BENGALI] = "bn",   [S_GURMUKHI] = "pa", [S_GUJARATI] = "gu", [S_ORIYA] = "or",
    [S_TAMIL] = "ta",     [S_TELUGU] = "te",   [S_KANNADA] = "kn",  [S_MALAYALAM] = "ml",
    [S_SINHALA] = "si",   [S_THAI] = "th",     [S_LAO] = "lo",      [S_TIBETAN] = "bo",
    [S_MYANMAR] = "my",   [S_GEORGIAN] = "ka", [S_ETHIOPIC] = "am", [S_KHMER] = "km",
    [S_HANGUL] = "ko"};

static int script_of(int32_t c)
{
    if (c < 0x250)
        return S_LATIN;
    if (c >= 0x1E00 && c <= 0x1EFF)
        return S_LATIN;
    if (c >= 0x370 && c <= 0x3FF) return S_GREEK;
    if (c >= 0x1F00 && c <= 0x1FFF) return S_GREEK;
    if (c >= 0x400 && c <= 0x52F) return S_CYRILLIC;
    if (c >= 0x530 && c <= 0x58F) return S_ARMENIAN;
    if (c >= 0x590 && c <= 0x5FF) return S_HEBREW;
    if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0x8A0 && c <= 0x8FF) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
        return S_ARABIC;
    if (c >= 0x900 && c <= 0xDFF)
        return S_DEVANAGARI + (c - 0x900) / 0x80;   /* the nine Brahmic blocks in order */
    if (c >= 0xE00 && c <= 0xE7F) return S_THAI;
    if (c >= 0xE80 && c <= 0xEFF) return S_LAO;
    if (c >= 0xF00 && c <= 0xFFF) return S_TIBETAN;
    if (c >= 0x1000 && c <= 0x109F) return S_MYANMAR;
    if (c >= 0x10A0 && c <= 0x10FF) return S_GEORGIAN;
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xAC00 && c <= 0xD7AF))
        return S_HANGUL;
    if (c >= 0x1200 && c <= 0x139F) return S_ETHIOPIC;
    if (c >= 0x1780 && c <= 0x17FF) return S_KHMER;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
        return S_KANA;
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x2FFFF))
        return S_HAN;
    return -1;
}

static int is_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_mark(int32_t c)
{
    if (c < 0x300)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
}

const char *dyad_lang_detect(const char *text, size_t len)
{
    pthread_once(&words_once, build_words);
    if (len > SCAN_BYTES)
        len = SCAN_BYTES;
    size_t script[S_COUNT] = {0};
    size_t score[L_COUNT] = {0};
    size_t nwords = 0, letters = 0;
    /* letters that tell Cyrillic and Arabic-script languages apart */
    size_t uk = 0, be = 0, sr = 0, mk = 0, kk = 0, ru = 0, hard = 0, fa = 0, ur = 0, viet = 0;
    char w[32];
    size_t wl = 0;
    int wlatin = 1, wover = 0, wcap = 0;
    size_t capitalised = 0;
    for (size_t i = 0; i <= len;) {
        utf8proc_int32_t c = 0;
        utf8proc_ssize_t k = 1;
        if (i < len && (unsigned char)text[i] < 0x80) {
            c = (unsigned char)text[i];   /* ASCII: no decoding */
        } else if (i < len) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &c);
            if (k <= 0) {
                c = 0xFFFD;
                k = 1;
                if (len - i < 4)   /* a sequence cut by the scan limit */
                    c = ' ';
            }
        }
        i += (size_t)k;
        int letter = i <= len && c && (is_letter(c) || (wl && is_mark(c)));
        if (letter) {
            int s = script_of(c);
            if (s >= 0 && !is_mark(c)) {
                script[s]++;
                letters++;
            }
            if (s != S_LATIN)
                wlatin = 0;
            switch (c) {
            case 0x456: case 0x457: case 0x454: case 0x491: case 0x406: case 0x407: case 0x404: uk++; break;
            case 0x45E: case 0x40E: be++; break;
            case 0x452: case 0x45B: case 0x45F: case 0x458: case 0x459: case 0x45A: sr++; break;
            case 0x453: case 0x45C: case 0x455: mk++; break;
            case 0x4D9: case 0x493: case 0x49B: case 0x4A3: case 0x4E9: case 0x4B1: case 0x4AF: case 0x4BB: kk++; break;
            case 0x44B: case 0x44D: case 0x451: ru++; break;
            case 0x44A: hard++; break;
            case 0x67E: case 0x686: case 0x698: case 0x6AF: case 0x6A9: case 0x6CC: fa++; break;
            case 0x679: case 0x688: case 0x691: case 0x6BA: case 0x6D2: case 0x6C1: ur++; break;
            default:
                if ((c >= 0x1EA0 && c <= 0x1EF9) || c == 0x1A1 || c == 0x1B0 || c == 0x111)
                    viet++;
            }
            if (wl == 0)
                wcap = c < 0x80 ? (c >= 'A' && c <= 'Z') : utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
            int32_t lc = c < 0x80 ? (c | 32) : utf8proc_tolower(c);
            if (wl + 4 < sizeof w) {
                utf8proc_ssize_t n = utf8proc_encode_char(lc, (utf8proc_uint8_t *)w + wl);
                wl += (size_t)(n > 0 ? n : 0);
            } else {
                wover = 1;
            }
            continue;
        }
        if (wl) {
            if (wlatin) {
                nwords++;
                capitalised += (size_t)wcap;
                uint32_t m;
                if (!wover && words_ok && dyad_hmap_get(&words, dyad_hash_bytes(w, wl), &m))
                    for (int l = 0; l < L_COUNT; l++)
                        if (m & (1u << l))
                            score[l]++;
            }
            wl = 0;
            wlatin = 1;
            wover = 0;
        }
        if (i > len)
            break;
    }
    if (letters < 20)
        return "und";
    int best = S_LATIN;
    for (int s = 0; s < S_COUNT; s++)
        if (script[s] > script[best])
            best = s;
    /* Japanese: Han with kana; Chinese: Han alone */
    if (best == S_HAN || best == S_KANA)
        return script[S_KANA] * 10 > script[S_HAN] + script[S_KANA] ? "ja" : "zh";
    if (best == S_CYRILLIC) {
        size_t n = script[S_CYRILLIC];
        if (uk * 100 >= n)
            return "uk";
        if (be * 200 >= n)
            return "be";
        if (sr * 200 >= n)
            return "sr";
        if (mk * 200 >= n)
            return "mk";
        if (kk * 100 >= n)
            return "kk";
        if (ru == 0 && hard * 200 >= n)
            return "bg";
        return "ru";
    }
    if (best == S_ARABIC) {
        size_t n = script[S_ARABIC];
        if (ur * 200 >= n)
            return "ur";
        if (fa * 100 >= n)
            return "fa";
        return "ar";
    }
    if (best != S_LATIN)
        return script_code[best] ? script_code[best] : "xx";
    if (viet * 20 >= script[S_LATIN])
        return "vi";
    if (nwords < 8)
        return "und";
    int top = L_EN;
    for (int l = 0; l < L_COUNT; l++)
        if (score[l] > score[top])
            top = l;
    if (score[top] * 10 < nwords || score[top] < 3) {
        /* no known language speaks here. Plenty of words, almost no English function words, and
         * not a list of names (mostly capitalised): some other language */
        return nwords >= 40 && score[L_EN] * 25 < nwords && capitalised * 2 < nwords ? "xx" : "und";
    }
    if (top != L_EN && score[L_EN] >= score[top])
        top = L_EN;
    return latin_code[top];
}

/* ---- labels from metadata ---- */

static const char *const label_map[][2] = {
    {"english", "en"},   {"eng", "en"},     {"french", "fr"},    {"fra", "fr"},     {"fre", "fr"},
    {"français", "fr"},  {"francais", "fr"}, {"spanish", "es"},   {"spa", "es"},     {"español", "es"},
    {"espanol", "es"},   {"german", "de"},  {"deu", "de"},       {"ger", "de"},     {"deutsch", "de"},
    {"italian", "it"},   {"ita", "it"},     {"italiano", "it"},  {"portuguese", "pt"}, {"por", "pt"},
    {"português", "pt"}, {"dutch", "nl"},   {"nld", "nl"},       {"dut", "nl"},     {"russian", "ru"},
    {"rus", "ru"},       {"русский", "ru"}, {"chinese", "zh"},   {"zho", "zh"},     {"chi", "zh"},
    {"cmn", "zh"},       {"中文", "zh"},    {"japanese", "ja"},  {"jpn", "ja"},     {"korean", "ko"},
    {"kor", "ko"},       {"arabic", "ar"},  {"ara", "ar"},       {"persian", "fa"}, {"farsi", "fa"},
    {"fas", "fa"},       {"per", "fa"},     {"ukrainian", "uk"}, {"ukr", "uk"},     {"turkish", "tr"},
    {"tur", "tr"},       {"polish", "pl"},  {"pol", "pl"},       {"hebrew", "he"},  {"heb", "he"},
    {"hindi", "hi"},     {"hin", "hi"},     {"urdu", "ur"},      {"urd", "ur"},     {"indonesian", "id"},
    {"ind", "id"},       {"swedish", "sv"}, {"swe", "sv"},       {"greek", "el"},   {"ell", "el"},
    {"gre", "el"},       {"vietnamese", "vi"}, {"vie", "vi"},    {"iw", "he"},      {"in", "id"},
    {"ron", "ro"},       {"rum", "ro"},     {"ces", "cs"},       {"cze", "cs"},     {"hun", "hu"},
    {"fin", "fi"},       {"dan", "da"},     {"nor", "no"},       {"nob", "no"},     {"nb", "no"},
    {"nn", "no"},        {"swa", "sw"},     {"tgl", "tl"},       {"fil", "tl"},     {"cat", "ca"},
    {"bul", "bg"},       {"srp", "sr"},     {"hrv", "hr"},       {"bel", "be"},     {"kaz", "kk"},
    {"tha", "th"},       {"ben", "bn"},     {"tam", "ta"},       {"msa", "ms"},     {"may", "ms"}};

int dyad_lang_normalise(const char *label, char *out, size_t outlen)
{
    if (!label || outlen < 4)
        return -1;
    while (*label == ' ' || *label == '\t')
        label++;
    char low[40];
    size_t n = 0;
    /* the primary subtag: up to '-', '_', ',', ';' or space ("en-US", "eng,fra", "en_GB") */
    for (; label[n] && n + 1 < sizeof low; n++) {
        char c = label[n];
        if (c == '-' || c == '_' || c == ',' || c == ';' || c == ' ' || c == '.')
            break;
        low[n] = (char)tolower((unsigned char)c);
    }
    low[n] = 0;
    if (n == 0 || !strcmp(low, "und") || !strcmp(low, "mul") || !strcmp(low, "zxx") ||
        !strcmp(low, "x") || !strcmp(low, "mis") || !strcmp(low, "xx"))
        return -1;
    for (size_t i = 0; i < sizeof label_map / sizeof label_map[0]; i++)
        if (!strcmp(low, label_map[i][0])) {
            snprintf(out, outlen, "%s", label_map[i][1]);
            return 0;
        }
    if (n == 2 && isalpha((unsigned char)low[0]) && isalpha((unsigned char)low[1])) {
        snprintf(out, outlen, "%s", low);
        return 0;
    }
    return -1;
}

int dyad_lang_wanted(const char *list, const char *code)
{
    if (!list || !*list)
        list = "en";
    if (!code || !strcmp(code, "und"))
        return 1;
    size_t cl = strlen(code);
    for (const char *p = list; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ',' && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        if ((n == 3 && !strncasecmp(p, "any", 3)) || (n == cl && !strncasecmp(p, code, n)))
            return 1;
        p = e;
    }
    return 0;
}
