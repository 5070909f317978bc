#include "text/words.h"
#include <string.h>
#include "text/token.h"

dyad_words W;

static uint64_t h(const char *s) { return dyad_word_hash(s, strlen(s)); }

static uint64_t attribution[24];

#define WORDSET_MAX 48
static uint64_t wordsets[WS_COUNT][WORDSET_MAX];

static const char *const wordset_words[WS_COUNT][WORDSET_MAX] = {
    [WS_LIGHT_VERB] = {"began", "begin", "begins", "launched", "launch", "launches", "held",
                       "holds", "staged", "stages", "conducted", "conducts", "carried", "started",
                       "starts", "continued", "resumed", "mounted", "waged", "intensified",
                       "stepped", "opened", "escalated", "unleashed", "kicked", "performed",
                       "undertook", "made", "makes", "imposed", "imposes", "announced",
                       "announces", "ordered", "orders", NULL},
    [WS_INTENT] = {"ready", "willing", "prepared", "eager", "keen", "plans", "planned", "plan",
                   "intends", "intended", "wants", "wanted", "hopes", "hoped", "expected", "set",
                   "going", "aims", "aimed", "seeks", "sought", "offered", "due", "scheduled", "poised",
                   "slated", "likely", "promised", "pledged", "vowed", NULL},
    [WS_DECISION] = {"voted", "votes", "decided", "decides", "moved", "used", "uses", "went",
                     "began", "begins", "started", "continued", "resolved", "marched", "rallied",
                     "protested", "demonstrated", "gathered", NULL},
    [WS_QUANTITY] = {"thousands", "hundreds", "dozens", "millions", "tens", "scores", "some",
                     "many", "groups", "hundred", "thousand", "several", NULL},
    [WS_RECIPROCAL] = {"clash", "clashed", "clashes", "fought", "fight", "battled", "exchanged",
                       "traded", "skirmished", "clashing", "fighting", NULL},
    [WS_KILL] = {"killed", "kill", "kills", "assassinated", "slain", "killing", NULL},
    [WS_HARM_ING] = {"killing", "wounding", "injuring", "maiming", NULL},
    [WS_PAST_IRREGULAR] = {"sent", "met", "struck", "hit", "held", "led", "fought", "shot",
                           "took", "gave", "made", "put", "set", "cut", "began", "won", "lost",
                           "left", "sought", "brought", "bought", "kept", "threw", "drew",
                           "wrote", "broke", "chose", "fled", "told", "said", "seized", "sank",
                           "ran", "got", "came", "went", NULL},
    [WS_DIRECTION] = {"northern", "southern", "eastern", "western", "central", "northeastern",
                      "northwestern", "southeastern", "southwestern", "north", "south", "east",
                      "west", "occupied", "neighbouring", "neighboring", NULL},
    [WS_MASS] = {"hundreds", "thousands", "tens", NULL},
    [WS_TITLE_PREFIX] = {"vice", "deputy", "acting", "interim", "senior", "chief", "first",
                         "former", "outgoing", "incoming", "caretaker", "top", NULL},
    [WS_WATER] = {"sea", "ocean", "gulf", "strait", "straits", "channel", "bay", NULL},
    [WS_PROTEST_VERB] = {"marched", "march", "marching", "rallied", "rally", "rallying", "protested",
                         "protest", "protesting", "demonstrated", "demonstrate", "demonstrating",
                         "gathered", "gather", "gathering", "streets", NULL},
    [WS_RUMOUR] = {"unconfirmed", "rumour", "rumours", "rumor", "rumors", "rumoured", "rumored", NULL},
    [WS_ASPECT] = {"began", "begun", "begin", "begins", "started", "start", "starts", "continued",
                   "continue", "continues", "stopped", "resumed", "resume", "kept", "keep", NULL},
};

int dyad_in_wordset(dyad_wordset_id set, uint64_t x)
{
    for (int i = 0; i < WORDSET_MAX && wordsets[set][i]; i++)
        if (wordsets[set][i] == x)
            return 1;
    return 0;
}

void dyad_words_init(void)
{
    if (W.in)
        return;
    dyad_words w = {0};
    w.in = h("in"); w.at = h("at"); w.near = h("near"); w.outside = h("outside");
    w.inside = h("inside"); w.across = h("across"); w.throughout = h("throughout");
    w.of = h("of"); w.from = h("from"); w.poss = h("'s"); w.the = h("the"); w.a = h("a");
    w.an = h("an"); w.by = h("by"); w.he = h("he"); w.she = h("she"); w.and_ = h("and");
    w.or_ = h("or"); w.with = h("with"); w.to = h("to"); w.not_ = h("not"); w.nt = h("n't");
    w.never = h("never"); w.no = h("no"); w.neither = h("neither"); w.nor = h("nor");
    w.could = h("could"); w.would = h("would"); w.might = h("might"); w.may = h("may");
    w.should = h("should"); w.must = h("must"); w.can = h("can"); w.if_ = h("if");
    w.unless = h("unless"); w.whether = h("whether"); w.was = h("was"); w.were = h("were");
    w.is = h("is"); w.are = h("are"); w.be = h("be"); w.been = h("been"); w.being = h("being");
    w.has = h("has"); w.have = h("have"); w.had = h("had"); w.said = h("said");
    w.says = h("says"); w.told = h("told"); w.that = h("that"); w.which = h("which");
    w.who = h("who"); w.whom = h("whom"); w.according = h("according"); w.comma = h(",");
    w.semicolon = h(";"); w.colon = h(":"); w.dash = h("\xe2\x80\x94"); w.period = h(".");
    w.qmark = h("?"); w.lparen = h("("); w.rparen = h(")"); w.quote = h("\"");
    w.also = h("also"); w.both = h("both"); w.between = h("between"); w.against = h("against");
    w.on = h("on"); w.for_ = h("for"); w.refused = h("refused"); w.declined = h("declined");
    w.denied = h("denied"); w.failed = h("failed"); w.without = h("without"); w.will = h("will");
    w.reportedly = h("reportedly"); w.allegedly = h("allegedly"); w.its = h("its");
    w.their = h("their"); w.his = h("his"); w.her = h("her"); w.while_ = h("while");
    w.as = h("as"); w.after = h("after"); w.before = h("before"); w.when = h("when");
    w.than = h("than"); w.any = h("any"); w.they = h("they"); w.we = h("we"); w.it = h("it");
    w.do_ = h("do"); w.does = h("does"); w.did = h("did"); w.met = h("met");
    w.former = h("former"); w.ex = h("ex"); w.because = h("because"); w.until = h("until"); w.other = h("other"); w.but = h("but"); w.then_ = h("then"); w.despite = h("despite");
    w.used = h("used"); w.uses = h("uses"); w.using = h("using"); w.them = h("them"); w.two = h("two"); w.accompanied = h("accompanied"); w.through = h("through"); w.during = h("during");
    static const char *const attr[] = {"said", "says", "say", "told", "tells", "added", "adds",
        "stated", "noted", "insisted", "argued", "explained", "wrote", "according",
        "claimed", "reported", "quoted", NULL};
    for (int i = 0; attr[i]; i++)
        attribution[i] = h(attr[i]);
    for (int set = 0; set < WS_COUNT; set++)
        for (int i = 0; i < WORDSET_MAX && wordset_words[set][i]; i++)
            wordsets[set][i] = h(wordset_words[set][i]);
    W = w;
}

int dyad_is_attribution_verb(uint64_t x)
{
    for (int i = 0; attribution[i]; i++)
        if (attribution[i] == x)
            return 1;
    return 0;
}
