#!/usr/bin/env python3
"""Check the verb/event pattern dictionary under data/verbs/.

Usage: tools/check_verbs.py [--verbs DIR] [--codes FILE] [--quiet] [--list-forms]

Reads DIR/index.txt (default data/verbs/index.txt) and everything it @includes,
following docs/dictionaries.md ("Verb files"), and reports problems as
`file:line: message`:

  * malformed lines: unknown directives, bad @verb declarations, bad pattern
    elements (upper case, hyphens, curly quotes, stray punctuation), more than
    one `verb+`, repeated $S/$T, leading/trailing/double `*`, an optional or
    wildcard anchor, empty patterns;
  * event codes that are not in data/cameo.tsv;
  * the same pattern twice (under two different codes, or twice under one);
  * verbs written `verb+` that the regular rules would inflect wrongly and that
    have no `@verb` declaration (irregular verbs, consonant doubling, -ee/-ie/-o/-c);
  * pattern files that no @include reaches, include cycles, missing files;
  * a file named NN_*.txt holding a code outside root NN.

`@discard phrase | ...` lines (discards.txt) are accepted as the engine reads them.

Warnings (printed, not fatal): two patterns under different codes that differ
only by `*` gaps (both match the same text; the engine's length rule decides),
@verb declarations never used.

Then it prints pattern counts per root and lists the codes of cameo.tsv that
have no pattern.  Exit status 1 when there is an error or an uncovered code.
"""
import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'.]*$")
VERB_RE = re.compile(r"^[a-z][a-z']*\+$")
CODE_RE = re.compile(r"^[0-9]{2,4}$")
FORM_RE = re.compile(r"^[a-z][a-z'-]*$")

# Verbs the regular rules get wrong; each must have an @verb line when used.
IRREGULAR = set("""
arise awake be bear beat become begin bend bet bid bind bite bleed blow break
breed bring broadcast build burn burst buy cast catch choose cling come cost creep
cut deal dig do draw drink drive eat fall feed feel fight find flee fling fly
forbid forecast foresee forget forgive freeze get give go grind grow hang have
hear hide hit hold hurt keep kneel know lay lead lean leap learn leave lend let
lie light lose make mean meet mislead misunderstand offset outdo outrun overcome
overdo overhear overrun oversee overtake overthrow pay plead prove put quit read
rebuild redo relay repay rerun reset resell retake rethink rewrite rid ride ring
rise run say see seek sell send set sew shake shed shine shoot show shrink shut
sing sink sit slay sleep slide sling slit speak speed spend spill spin spit split
spread spring stand steal stick sting stink strew stride strike string strive
swear sweep swell swim swing take teach tear tell think throw thrust tread
undercut undergo underlie understand undertake undo upset uphold wake wear weave
wed weep win wind withdraw withhold withstand wring write
""".split())

# Verbs with a stressed final syllable (or -l in British spelling) that double
# their last consonant; the regular rules do not know this.
DOUBLING = set("""
abet acquit admit allot annul appal bar beg blot bob brag cancel channel chat
chop clap clip commit compel concur confer control counsel crop dab dial dig dim
dip dispel distil drag drip drop drum dub embed emit enrol enthral equal equip
excel expel extol fan fit flag flap flip flog fuel gag grab grin grip grit gum
gun hem hop hug hum impel incur instil jab jam jog jot kidnap knit knot label
lag level lob man map mar marshal model mop mug nab nag net nip nod occur omit
outstrip pad pan parcel pat patrol pedal peg permit pet pin pit plan plod plot
plug pod pop prefer prod program propel pun quarrel rap rebel rebut recommit
recur refer regret remit repel rig rip rival rob rot rub sag scan scar scrap
shed ship shop shovel shred shrug shun signal sin sip skid skim skip slam slap
slip slit slot snap snip snub sob spar spot spur stab star stem step stir stop
strap strip stun submit sum sun swap swat tag tan tap tip top total transfer
transmit trap travel trek trim trip trot tug tunnel unban unpin unplug unravel
airdrop wiretap handicap format outstrip kidnap
veto wag whip wed wet worship wrap zip
""".split())


class Checker:
    def __init__(self, verbs_dir, codes_file):
        self.verbs_dir = os.path.abspath(verbs_dir)
        self.codes_file = codes_file
        self.errors = []
        self.warnings = []
        self.notes = []
        self.codes = {}
        self.forms = collections.defaultdict(list)   # base -> [(forms, loc)]
        self.verbs_used = collections.defaultdict(list)  # base -> [loc]
        self.patterns = collections.defaultdict(list)  # norm -> [(code, loc)]
        self.loose = collections.defaultdict(list)     # norm without * -> [(code, loc, norm)]
        self.by_code = collections.Counter()
        self.files_seen = []
        self.pattern_lines = 0

    def err(self, loc, msg):
        self.errors.append("%s: %s" % (loc, msg))

    def warn(self, loc, msg):
        self.warnings.append("%s: warning: %s" % (loc, msg))

    def rel(self, path):
        try:
            return os.path.relpath(path, ROOT)
        except ValueError:
            return path

    def load_codes(self):
        with open(self.codes_file, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            want = ["code", "name", "goldstein", "quad", "plover_category", "plover_mode"]
            if header != want:
                self.err(self.rel(self.codes_file) + ":1",
                         "header is %r, expected %r" % (header, want))
            for n, line in enumerate(f, 2):
                line = line.rstrip("\n")
                if not line:
                    continue
                parts = line.split("\t")
                if len(parts) != 6:
                    self.err("%s:%d" % (self.rel(self.codes_file), n),
                             "expected 6 tab-separated fields, got %d" % len(parts))
                    continue
                self.codes[parts[0]] = parts[1]

    # ---- file walking -------------------------------------------------
    def run(self):
        self.load_codes()
        index = os.path.join(self.verbs_dir, "index.txt")
        if not os.path.exists(index):
            self.err(self.rel(index), "missing")
            return
        self.read_file(index, [])
        seen = set(os.path.abspath(p) for p in self.files_seen)
        for name in sorted(os.listdir(self.verbs_dir)):
            p = os.path.join(self.verbs_dir, name)
            if name.endswith(".txt") and p not in seen:
                self.err(self.rel(p), "not reached by any @include from index.txt")
        self.cross_checks()

    def read_file(self, path, stack):
        path = os.path.abspath(path)
        if path in stack:
            self.err(self.rel(stack[-1]), "@include cycle through %s" % self.rel(path))
            return
        if path in self.files_seen:
            self.warn(self.rel(path), "included more than once")
            return
        self.files_seen.append(path)
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
        except UnicodeDecodeError:
            self.err(self.rel(path), "not valid UTF-8")
            return
        m = re.match(r"^(\d\d)_", os.path.basename(path))
        file_root = m.group(1) if m else None
        for n, raw in enumerate(lines, 1):
            loc = "%s:%d" % (self.rel(path), n)
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("@"):
                self.directive(line, loc, path, stack + [path])
            else:
                self.pattern_line(line, loc, file_root)

    def directive(self, line, loc, path, stack):
        parts = line.split()
        kw = parts[0]
        if kw == "@include":
            if len(parts) != 2:
                self.err(loc, "@include takes exactly one file name")
                return
            target = os.path.join(os.path.dirname(path), parts[1])
            if not os.path.exists(target):
                self.err(loc, "@include: no such file %s" % parts[1])
                return
            self.read_file(target, stack)
        elif kw == "@verb":
            forms = parts[1:]
            if len(forms) != 5:
                self.err(loc, "@verb needs 5 forms (base past participle -ing 3sg), got %d"
                         % len(forms))
                return
            for x in forms:
                if not FORM_RE.match(x):
                    self.err(loc, "@verb form %r is not a lower-case word" % x)
                    return
            base, past, pp, ing, s3 = forms
            if not ing.endswith("ing"):
                self.err(loc, "@verb %s: -ing form %r does not end in -ing" % (base, ing))
            if not s3.endswith("s"):
                self.err(loc, "@verb %s: 3sg form %r does not end in -s" % (base, s3))
            for prev, ploc in self.forms[base]:
                if prev == tuple(forms):
                    self.err(loc, "@verb %s declared again with the same forms (first at %s)"
                             % (base, ploc))
                    return
            self.forms[base].append((tuple(forms), loc))
        elif kw == "@discard":
            # discard phrases (sport, business...): src/events/verbs.c add_discards()
            phrases = [x.strip() for x in line[len("@discard"):].split("|")]
            if not any(phrases):
                self.err(loc, "@discard needs at least one phrase")
        else:
            self.err(loc, "unknown directive %s" % kw)

    # ---- patterns -----------------------------------------------------
    def pattern_line(self, line, loc, file_root):
        fields = [x.strip() for x in line.split("|")]
        code = fields[0]
        if not CODE_RE.match(code):
            self.err(loc, "bad event code %r (expected 2-4 digits)" % code)
            return
        if code not in self.codes:
            self.err(loc, "code %s is not in data/cameo.tsv" % code)
        if file_root and not code.startswith(file_root):
            self.err(loc, "code %s does not belong in a root-%s file" % (code, file_root))
        pats = fields[1:]
        if not pats:
            self.err(loc, "code %s has no pattern" % code)
            return
        self.pattern_lines += 1
        for i, pat in enumerate(pats, 1):
            if not pat:
                self.err(loc, "empty pattern #%d" % i)
                continue
            norm = self.check_pattern(pat, loc)
            if norm is None:
                continue
            self.patterns[norm].append((code, loc))
            loose = " ".join(e for e in norm.split() if e != "*")
            self.loose[loose].append((code, loc, norm))
            self.by_code[code] += 1

    def check_pattern(self, pat, loc):
        elems = pat.split()
        ok = True
        verbs = []
        nslot = collections.Counter()
        norm = []
        for e in elems:
            if e in ("$S", "$T"):
                nslot[e] += 1
                norm.append(e)
                continue
            if e == "*":
                norm.append(e)
                continue
            if any(c in e for c in "\u2019\u2018\u201c\u201d"):
                self.err(loc, "%r: use straight apostrophes" % e)
                ok = False
                continue
            if e != e.lower():
                self.err(loc, "%r: write pattern words in lower case" % e)
                ok = False
                continue
            if "-" in e:
                self.err(loc, "%r: hyphens separate tokens; write the parts as separate words"
                         % e)
                ok = False
                continue
            if e.endswith("+"):
                if not VERB_RE.match(e):
                    self.err(loc, "%r: bad verb element" % e)
                    ok = False
                    continue
                verbs.append(e[:-1])
                norm.append(e)
                continue
            if "/" in e:
                alts = e.split("/")
                if len(alts) < 2 or not all(WORD_RE.match(a) for a in alts):
                    self.err(loc, "%r: alternatives must be plain words separated by /" % e)
                    ok = False
                    continue
                if len(set(alts)) != len(alts):
                    self.err(loc, "%r: repeated alternative" % e)
                norm.append("/".join(sorted(alts)))
                continue
            if e.endswith("?"):
                if not WORD_RE.match(e[:-1]):
                    self.err(loc, "%r: bad optional element (only a plain word may be optional)"
                             % e)
                    ok = False
                    continue
                norm.append(e)
                continue
            if not WORD_RE.match(e):
                self.err(loc, "%r: bad pattern element" % e)
                ok = False
                continue
            norm.append(e)
        if not ok:
            return None
        if len(verbs) > 1:
            self.err(loc, "%r: more than one verb element (%s)" % (pat, ", ".join(verbs)))
            return None
        for s, c in nslot.items():
            if c > 1:
                self.err(loc, "%r: %s appears %d times" % (pat, s, c))
                return None
        if norm[0] == "*" or norm[-1] == "*":
            self.err(loc, "%r: a pattern must not start or end with *" % pat)
            return None
        for a, b in zip(norm, norm[1:]):
            if a == "*" and b == "*":
                self.err(loc, "%r: two * in a row" % pat)
                return None
        lits = [e for e in norm if e not in ("*", "$S", "$T")]
        if not lits:
            self.err(loc, "%r: no word to anchor on" % pat)
            return None
        if not verbs:
            if lits[0].endswith("?"):
                self.err(loc, "%r: the anchor (first word) must not be optional" % pat)
                return None
            if all(e.endswith("?") for e in lits):
                self.err(loc, "%r: every word is optional" % pat)
                return None
        for v in verbs:
            self.verbs_used[v].append(loc)
        return " ".join(norm)

    # ---- cross checks -------------------------------------------------
    def cross_checks(self):
        for v, locs in sorted(self.verbs_used.items()):
            if v in self.forms:
                continue
            why = None
            if v in IRREGULAR:
                why = "is irregular"
            elif v in DOUBLING:
                why = "doubles its final consonant"
            elif re.search(r"(ee|ie|oe|ye)$", v):
                why = "ends in -%s (the -ing rule drops the e)" % v[-2:]
            elif re.search(r"[^o]o$", v):
                why = "ends in -o (3sg -oes)"
            elif v.endswith("c"):
                why = "ends in -c (-cked, -cking)"
            elif (re.match(r"^[^aeiou]*[aeiou][^aeiouwxy]$", v)
                  and not re.search(r"[aeiou]{2}", v)):
                why = "looks like a one-syllable consonant-vowel-consonant verb (doubling)"
            if why:
                self.err(locs[0], "verb %s+ %s: declare it with @verb (used %d times)"
                         % (v, why, len(locs)))
        for base, decls in sorted(self.forms.items()):
            if base not in self.verbs_used:
                self.notes.append("%s: note: @verb %s is never used in a pattern"
                                  % (decls[0][1], base))
        for norm, occ in self.patterns.items():
            first_code, first_loc = occ[0]
            for code, loc in occ[1:]:
                if code != first_code:
                    self.err(loc, "pattern '%s' is also under code %s at %s"
                             % (norm, first_code, first_loc))
                else:
                    self.err(loc, "duplicate pattern '%s' (also at %s)" % (norm, first_loc))
        for loose, occ in self.loose.items():
            norms = {}
            for code, loc, norm in occ:
                norms.setdefault(norm, (code, loc))
            if len(norms) < 2:
                continue
            items = sorted(norms.items(), key=lambda kv: kv[1][1])
            codes = set(c for _, (c, _) in items)
            if len(codes) > 1:
                (n0, (c0, l0)) = items[0]
                for n1, (c1, l1) in items[1:]:
                    if c1 != c0:
                        self.warn(l1, "'%s' (%s) and '%s' (%s, %s) differ only by * gaps"
                                  % (n1, c1, n0, c0, l0))

    def agent_literals(self, actors_dir):
        """Pattern words that the actor dictionary tags as agents ("military",
        "troops", "protesters"): the engine only matches literal words on tokens
        outside actor mentions, so such a pattern cannot match where the agent is
        recognised. Returns {agent phrase: [pattern locations]}."""
        path = os.path.join(actors_dir, "agents.txt")
        agents = set()
        if not os.path.exists(path):
            return {}
        mode = None
        for raw in open(path, encoding="utf-8"):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("@"):
                mode = line.split()[0]
                continue
            if mode == "@agents" and "|" in line:
                for a in line.split("|")[1:]:
                    a = a.strip().lower().replace("-", " ")
                    if a:
                        agents.add(a)
        found = collections.defaultdict(list)
        for norm, occ in self.patterns.items():
            el = norm.split()
            lit = lambda e: not (e.endswith("+") or e in ("*", "$S", "$T") or "/" in e
                                 or e.endswith("?"))
            for i in range(len(el)):
                for n in (3, 2, 1):
                    seg = el[i:i + n]
                    if len(seg) == n and all(lit(e) for e in seg) and " ".join(seg) in agents:
                        found[" ".join(seg)].append((occ[0][1], occ[0][0], norm))
                        break
        return found

    def report(self, quiet=False):
        for m in self.errors:
            print(m)
        for m in self.warnings:
            print(m)
        if not quiet:
            for m in self.notes:
                print(m)
        total = sum(self.by_code.values())
        roots = collections.Counter()
        for code, n in self.by_code.items():
            roots[code[:2]] += n
        missing = [c for c in self.codes if self.by_code[c] == 0]
        if not quiet:
            print("patterns per root:")
            for r in sorted(set(c[:2] for c in self.codes)):
                ncodes = sum(1 for c in self.codes if c[:2] == r)
                ncov = sum(1 for c in self.codes if c[:2] == r and self.by_code[c])
                print("  %s %-45s %5d patterns, %3d/%3d codes covered"
                      % (r, self.codes.get(r, "")[:45], roots[r], ncov, ncodes))
            print("total: %d patterns on %d lines, %d @verb declarations, %d files"
                  % (total, self.pattern_lines,
                     sum(len(v) for v in self.forms.values()), len(self.files_seen)))
            print("codes covered: %d/%d" % (len(self.codes) - len(missing), len(self.codes)))
        if missing:
            print("codes without a pattern (%d): %s" % (len(missing), " ".join(missing)))
        print("%d error(s), %d warning(s)" % (len(self.errors), len(self.warnings)))
        return 1 if (self.errors or missing) else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbs", default=os.path.join(ROOT, "data", "verbs"))
    ap.add_argument("--codes", default=os.path.join(ROOT, "data", "cameo.tsv"))
    ap.add_argument("--quiet", action="store_true", help="only problems and the summary line")
    ap.add_argument("--actors", default=os.path.join(ROOT, "data", "actors"),
                    help="actor dictionaries, for the agent-word report")
    ap.add_argument("--agent-literals", action="store_true",
                    help="list every pattern whose literal words are an agent of the actor "
                         "dictionary (such words are actor mentions, which literals never match)")
    args = ap.parse_args()
    c = Checker(args.verbs, args.codes)
    c.run()
    agents = c.agent_literals(args.actors)
    if args.agent_literals:
        for a in sorted(agents, key=lambda a: -len(agents[a])):
            for loc, code, norm in agents[a]:
                print("%s: note: %s '%s': '%s' is an agent (actor mention)" % (loc, code, norm, a))
    elif agents and not args.quiet:
        n = sum(len(v) for v in agents.values())
        top = sorted(agents, key=lambda a: -len(agents[a]))[:12]
        print("note: %d patterns use %d agent words as literals (%s ...); "
              "see --agent-literals" % (n, len(agents), ", ".join(top)))
    sys.exit(c.report(args.quiet))


if __name__ == "__main__":
    main()
