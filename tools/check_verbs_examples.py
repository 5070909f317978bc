#!/usr/bin/env python3
"""Smoke-test the verb dictionary on example sentences.

Usage: tools/check_verbs_examples.py [-v] [--verbs DIR] [SENTENCE ...]

A small stand-in for the engine's pattern matcher, written from
docs/dictionaries.md, so that the dictionary can be checked before (and
independently of) the C engine:

  * tokens: lower-cased, hyphens split, dots dropped, a possessive 's dropped;
  * actors: runs of capitalised words (not at the start of the sentence when
    they are ordinary words), plus a few lower-case agent words;
  * `verb+` matches the forms from @verb or the regular rules; `*` skips 0-3
    tokens that are not actors; `$S`/`$T` match one actor run (a leading
    "the" is skipped);
  * the winning pattern is the one with the most words (verb and literal
    elements), then the most tokens covered.

It checks each built-in example (sentence -> expected code) and prints the
misses; with sentences on the command line it prints the best matches for
them instead. Exit status 1 when an example fails. This is a sanity check of
the dictionary, not the engine: passive voice, negation, modality and the
choice of source and target are not modelled.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_verbs  # noqa: E402

AGENTS = set("""
troops soldiers police protesters demonstrators rebels militants forces army military
government officials diplomats activists insurgents fighters gunmen workers students
""".split())

# (sentence, expected code)
EXAMPLES = [
    ("Obama said on Tuesday that the economy was improving", "010"),
    ("Merkel declined to comment on the report", "011"),
    ("Putin expressed concern over the situation", "012"),
    ("Abe voiced optimism about the talks", "013"),
    ("Ankara is considering a proposal from Brussels", "014"),
    ("Hamas claimed responsibility for the blast", "015"),
    ("Moscow denied any involvement in the poisoning", "016"),
    ("Modi laid a wreath at the memorial", "017"),
    ("Macron expressed condolences to Turkey", "018"),
    ("Tokyo agreed with Seoul that the threat was serious", "019"),
    ("Washington urged Israel to show restraint", "0256"),
    ("Guterres called for a ceasefire in Gaza", "0256"),
    ("Kiev appealed for humanitarian aid", "0233"),
    ("Zelensky asked for more weapons from Berlin", "0232"),
    ("Athens sought a bailout from Brussels", "0231"),
    ("Britain called for the release of the detained journalists", "0253"),
    ("Paris urged Tehran to release the prisoners", "0253"),
    ("The opposition called on Mubarak to step down", "0241"),
    ("Washington urged Pyongyang to return to the negotiating table", "026"),
    ("Cairo called for a political solution in Syria", "027"),
    ("Khartoum asked Addis Ababa to mediate", "028"),
    ("China pledged to boost trade with Africa", "0311"),
    ("Germany pledged 500 million euros in humanitarian aid to Syria", "0333"),
    ("Washington pledged military aid to Ukraine", "0332"),
    ("Iran agreed to allow inspectors into the site", "0355"),
    ("Hamas agreed to a ceasefire with Israel", "0871"),   # as the gold set codes it
    ("Putin agreed to meet Trump in Helsinki", "036"),
    ("Qatar offered to mediate between Hamas and Israel", "039"),
    ("Kerry met Lavrov in Geneva", "040"),
    ("Obama held talks with Xi", "040"),
    ("Biden spoke to Macron by phone", "041"),
    ("Modi paid a visit to Japan", "042"),
    ("Xi arrived in Moscow for a state visit", "042"),
    ("Beijing hosted Putin", "043"),
    ("Erdogan met Putin on the sidelines of the summit", "044"),
    ("Egypt brokered a truce between Hamas and Israel", "045"),
    ("Iran negotiated with the powers", "046"),
    ("Obama praised Merkel for her leadership", "051"),
    ("Moscow came to the defense of Damascus", "052"),
    ("Israel established diplomatic relations with the Emirates", "054"),
    ("Tokyo apologized to Seoul", "055"),
    ("Israel and Egypt signed a peace treaty", "057"),
    ("China signed a trade agreement with Chile", "057"),
    ("Russia and China held joint military exercises", "062"),
    ("Spain extradited the suspect to France", "063"),
    ("Washington shared intelligence with Riyadh", "064"),
    ("Beijing invested in Kenya", "061"),
    ("The IMF approved a loan to Pakistan", "071"),
    ("Washington sent weapons to Kiev", "072"),
    ("Turkey sent humanitarian aid to Gaza", "073"),
    ("The UN deployed peacekeepers in Mali", "074"),
    ("Ecuador granted asylum to Assange", "075"),
    ("Minsk lifted the curfew", "0813"),
    ("Bangkok lifted martial law", "0814"),
    ("Mubarak resigned", "0831"),
    ("Iran released the British sailors", "0841"),
    ("Washington lifted sanctions on Cuba", "085"),
    ("Khartoum allowed inspectors into Darfur", "0862"),
    ("Damascus opened a humanitarian corridor", "0863"),
    ("Israel declared a ceasefire", "0871"),
    ("Israel lifted the blockade of Gaza", "0872"),
    ("Russia withdrew troops from Syria", "0874"),
    ("Rebels laid down their arms", "0873"),
    ("Manila launched an investigation into the killings", "090"),
    ("Kiev opened a corruption investigation", "091"),
    ("The ICC launched a war crimes investigation into Myanmar", "094"),
    ("Washington demanded the release of the hostages", "1053"),
    ("Protesters demanded the resignation of the prime minister", "1041"),
    ("Moscow demanded a halt to the attacks", "1056"),
    ("Seoul demanded an apology from Tokyo", "102"),
    ("Beijing criticized Washington over the sale", "111"),
    ("Ankara condemned the attack", "111"),
    ("Israel accused Iran of aggression", "1123"),
    ("Kiev accused Moscow of war crimes", "1124"),
    ("Beijing accused Washington of spying", "1125"),
    ("The opposition accused the government of corruption", "1121"),
    ("Beijing lodged a protest with Tokyo", "114"),
    ("China summoned the Japanese ambassador", "114"),
    ("Gambia filed a lawsuit against Myanmar", "115"),
    ("A court convicted Navalny", "116"),
    ("Tehran rejected the proposal", "120"),
    ("Damascus rejected the ceasefire", "1246"),
    ("Maduro refused to step down", "1231"),
    ("Pyongyang rejected an offer of talks from Seoul", "125"),
    ("Moscow vetoed the resolution", "129"),
    ("Iran defied the UN resolution", "128"),
    ("Washington threatened sanctions against Ankara", "1312"),
    ("Trump threatened to cut aid to Honduras", "1311"),
    ("Pyongyang threatened to attack Seoul", "138"),
    ("Moscow threatened to use nuclear weapons", "1385"),
    ("Beijing threatened to invade Taiwan", "1382"),
    ("Israel gave Hamas an ultimatum", "139"),
    ("Protesters rallied against the government", "141"),
    ("Thousands of demonstrators protested against the new law", "1412"),
    ("Prisoners went on hunger strike", "142"),
    ("Unions staged a general strike", "143"),
    ("Farmers blocked roads in Paris", "144"),
    ("Rioters torched police cars", "145"),
    ("Pyongyang fired missiles into the sea", "150"),
    ("Pyongyang conducted a nuclear test", "150"),
    ("Seoul put its troops on high alert", "152"),
    ("Moscow mobilized reservists", "154"),
    ("Riyadh cut diplomatic ties with Doha", "161"),
    ("Bahrain recalled its ambassador from Tehran", "161"),
    ("Washington cut aid to Egypt", "162"),
    ("The EU imposed sanctions on Russia", "163"),
    ("Washington slapped sanctions on Iran", "163"),
    ("Palestinians suspended talks with Israel", "164"),
    ("Moscow expelled American diplomats", "161"),
    ("Khartoum expelled aid agencies", "1663"),
    ("Iran seized a British tanker", "171"),
    ("Israel demolished Palestinian homes", "1712"),
    ("Ankara banned the opposition party", "1722"),
    ("Cairo imposed a curfew", "1723"),
    ("Bangkok declared a state of emergency", "1724"),
    ("Police arrested opposition leaders", "173"),
    ("Beijing expelled the journalists", "174"),
    ("Police fired tear gas at protesters", "175"),
    ("Hackers launched a cyberattack on Estonia", "176"),
    ("Boko Haram abducted schoolgirls in Chibok", "181"),
    ("Police tortured the detainees", "1822"),
    ("Militants beheaded the hostage", "1823"),
    ("A suicide bomber blew himself up in Kabul", "1831"),
    ("A car bomb exploded in Baghdad", "1832"),
    ("A roadside bomb killed soldiers in Helmand", "1833"),
    ("Gunmen assassinated the governor", "186"),
    ("Russia attacked Ukraine", "190"),
    ("Israel launched an attack on Gaza", "190"),
    ("Israel imposed a blockade on Gaza", "191"),
    ("Moscow annexed Crimea", "192"),
    ("Soldiers opened fire on the convoy", "190"),
    ("Troops shelled the town", "194"),
    ("Hamas fired rockets at Israel", "194"),
    ("Washington carried out airstrikes on Syria", "195"),
    ("Washington launched a drone strike in Yemen", "1952"),
    ("Rebels violated the ceasefire", "196"),
    ("Militias massacred villagers in Ituri", "202"),
    ("Myanmar carried out ethnic cleansing of the Rohingya", "203"),
    ("Damascus used chemical weapons against civilians", "2041"),
    ("Moscow threatened to strike Kiev", "138"),
    ("Washington imposed tariffs on Chinese goods", "163"),
    ("Tehran agreed to release the prisoners", "0353"),
    ("Kabul called for talks with the Taliban", "026"),
    ("Seoul welcomed the decision", "051"),
    ("Ankara will host talks between Kiev and Moscow", "044"),
    ("Hezbollah vowed revenge", "130"),
    ("Police dispersed the protesters", "175"),
    ("Greece received a loan from the IMF", "071"),
    ("Merkel condemned the attack on the synagogue", "111"),
    ("Obama condemned the Russian invasion of Ukraine", "111"),
    ("Washington condemned Moscow's annexation of Crimea", "111"),
    ("The two leaders held talks in Beijing", "040"),
    ("Obama welcomed Merkel to the White House", "043"),
    ("Iranian-backed militias attacked the base", "190"),
    ("US-backed forces captured the town", "192"),
    ("Protesters marched through the capital", "141"),
    ("Beijing sent two warships through the Taiwan Strait", "150"),
    ("Iran fired a ballistic missile at Israel", "195"),
    ("Pyongyang fired a ballistic missile over Japan", "150"),
    ("Seoul scrambled fighter jets", "152"),
    ("The court sentenced the activist to ten years in prison", "116"),
    ("Police charged the journalist with sedition", "173"),
    ("Washington accused Beijing of human rights abuses", "1122"),
    ("Washington pledged 100 million dollars to Haiti", "033"),
    ("Tehran called on Riyadh to lift the blockade", "0256"),
    ("Damascus refused to release the prisoners", "1243"),
    ("Russia expelled 10 British diplomats", "161"),
    ("Stocks rallied on Monday", None),
    ("The storm hit Japan on Sunday", None),
    ("The pound fell against the dollar", None),
    ("He was released from hospital", None),
    ("The government released its annual budget", None),
    ("Fighting broke out in March", "190"),
    ("Paris condemned the terrorist attack in Nice", "111"),
    ("Ankara denounced the bombing", "111"),
    ("Tokyo condemned the missile launch", "111"),
    ("Washington called for an investigation into the killings", "020"),
    ("Moscow demanded the extradition of the suspects", "1013"),
    ("Beijing lifted the embargo on Australian wine", "085"),
    ("Israel eased the blockade of Gaza", "0872"),
    ("Hamas violated the ceasefire with Israel", "196"),
    ("Israel signed a ceasefire with Hamas", "057"),
    ("Kiev rejected a ceasefire with Moscow", "1246"),
    ("Paris called for sanctions on Moscow", "113"),
    ("Nigeria vowed to strike back", "1384"),
    ("Tehran is ready to fight", "190"),
    ("Washington imposed new sanctions against Pyongyang", "163"),
    ("Bolivia broke off diplomatic relations with Israel", "161"),
    ("The junta banned protests", "1721"),
    ("Moscow denied the accusations against it", "016"),
    ("Kabul welcomed the prisoner swap", "0841"),
    ("Seoul and Tokyo agreed to share intelligence", "0314"),
    ("Khartoum refused to extradite Bashir to The Hague", "1213"),
    ("Russia and Ukraine exchanged prisoners", "0841"),
    ("The militants kidnapped two aid workers", "181"),
    ("Thousands of protesters clashed with police in Hong Kong", "145"),
    ("Abbas held a telephone conversation with Putin", "041"),
]


def regular_forms(base):
    forms = {base}
    if re.search(r"(s|sh|ch|x|z)$", base):
        forms.add(base + "es")
    elif re.search(r"[^aeiou]y$", base):
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if re.search(r"[^aeiou]y$", base):
        forms.add(base[:-1] + "ied")
    elif base.endswith("e"):
        forms.add(base + "d")
    else:
        forms.add(base + "ed")
    if base.endswith("e") and not base.endswith("ee"):
        forms.add(base[:-1] + "ing")
    else:
        forms.add(base + "ing")
    return forms


class Matcher:
    def __init__(self, verbs_dir, codes_file):
        c = check_verbs.Checker(verbs_dir, codes_file)
        c.run()
        if c.errors:
            for e in c.errors:
                print(e)
            sys.exit("the dictionary has errors; run tools/check_verbs.py")
        self.forms = {}
        for base, decls in c.forms.items():
            s = set()
            for f, _ in decls:
                s.update(f)
            self.forms[base] = s
        self.patterns = []
        for norm, occ in c.patterns.items():
            self.patterns.append((occ[0][0], norm.split(), norm))

    def verb_forms(self, base):
        if base not in self.forms:
            self.forms[base] = regular_forms(base)
        return self.forms[base]

    @staticmethod
    def tokenize(sentence):
        raw = re.findall(r"[A-Za-z0-9'\u2019.]+", sentence.replace("-", " "))
        toks = []
        for i, t in enumerate(raw):
            t = t.replace("\u2019", "'").replace(".", "")
            if t.endswith("'s"):
                t = t[:-2]
            if not t:
                continue
            toks.append(t)
        actor = []
        for i, t in enumerate(toks):
            is_cap = t[0].isupper()
            if i == 0 and t.lower() in ("a", "an", "the", "thousands", "police", "prisoners",
                                        "protesters", "unions", "farmers", "rioters",
                                        "hackers", "militants", "gunmen", "rebels",
                                        "troops", "soldiers", "militias"):
                is_cap = False
            actor.append(is_cap or t.lower() in AGENTS)
        return [t.lower() for t in toks], actor

    def match_at(self, elems, toks, actor, i):
        """Yield end positions for elems matched from token i."""
        if not elems:
            yield i
            return
        e, rest = elems[0], elems[1:]
        n = len(toks)
        if e == "*":
            for k in range(0, 4):
                if i + k > n or any(actor[i:i + k]):
                    break
                yield from self.match_at(rest, toks, actor, i + k)
            return
        if e in ("$S", "$T"):
            j = i
            if j < n and toks[j] == "the":
                j += 1
            if j < n and actor[j]:
                k = j
                while k < n and actor[k]:
                    k += 1
                # an actor run may be shorter than the capitalised run
                # ("American diplomats": $T = American, then "diplomats")
                for end in range(k, j, -1):
                    yield from self.match_at(rest, toks, actor, end)
            return
        if e.endswith("?"):
            if i < n and toks[i] == e[:-1]:
                yield from self.match_at(rest, toks, actor, i + 1)
            yield from self.match_at(rest, toks, actor, i)
            return
        if i >= n:
            return
        t = toks[i]
        if e.endswith("+"):
            ok = t in self.verb_forms(e[:-1])
        elif "/" in e:
            ok = t in e.split("/")
        else:
            ok = t == e
        if ok:
            yield from self.match_at(rest, toks, actor, i + 1)

    def best(self, sentence, top=5):
        toks, actor = self.tokenize(sentence)
        found = []
        for code, elems, norm in self.patterns:
            weight = sum(1 for e in elems if e not in ("*", "$S", "$T"))
            for i in range(len(toks)):
                ends = list(self.match_at(elems, toks, actor, i))
                if ends:
                    found.append((weight, max(ends) - i, code, norm))
                    break
        found.sort(key=lambda x: (-x[0], -x[1]))
        return found[:top]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true", help="show the best matches of every example")
    ap.add_argument("--verbs", default=os.path.join(check_verbs.ROOT, "data", "verbs"))
    ap.add_argument("--codes", default=os.path.join(check_verbs.ROOT, "data", "cameo.tsv"))
    ap.add_argument("sentence", nargs="*")
    args = ap.parse_args()
    m = Matcher(args.verbs, args.codes)
    if args.sentence:
        for s in args.sentence:
            print(s)
            for w, span, code, norm in m.best(s):
                print("   %-5s %d/%d  %s" % (code, w, span, norm))
        return
    bad = 0
    for s, want in EXAMPLES:
        res = m.best(s)
        got = res[0][2] if res else None
        if got != want or args.v:
            mark = "ok  " if got == want else "MISS"
            if got != want:
                bad += 1
            print("%s %s  want %s got %s" % (mark, s, want, got))
            for w, span, code, norm in res[:3]:
                print("        %-5s %d/%d  %s" % (code, w, span, norm))
    print("%d/%d examples coded as expected" % (len(EXAMPLES) - bad, len(EXAMPLES)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
