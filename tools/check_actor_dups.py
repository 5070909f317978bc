#!/usr/bin/env python3
"""Check the actor dictionaries for malformed lines and duplicate aliases.

  python3 tools/check_actor_dups.py [options] [FILE ...]

FILE defaults to data/actors/index.txt; @include lines are followed. The
format is the one in docs/dictionaries.md:

  CODE | Canonical name | alias | ...           entry
    CODE FROM..TO   # note                       dated role of the entry above
  @include FILE | @agents | @titles | @actors     directives
  # comment                                       anywhere, to end of line

Reported as errors (exit status 1):
  * a line that is not an entry, a role line, a directive or a comment;
  * a code that is not upper-case letters in groups of three (a bare sector
    code in @agents/@titles, anything CAMEO-like elsewhere);
  * an empty name field, a name with a leading "the", a role line without
    an entry before it, a bad date or FROM > TO, overlapping roles of one
    entry with different codes;
  * an @include whose file does not exist (a warning with --allow-missing);
  * the same alias (compared as the matcher does: case, dots, hyphens and
    apostrophes normalised, accents kept) under two different codes;
  * the same alias under two different entries of the same code in
    different sections (agent vs title), which the loader would also see
    as a clash.
Reported as warnings:
  * an ordinary (@actors) entry name written all in lower case, which
    matches in any case (usually a mistake: "turkey"), unless the line's
    comment says "any case";
  * with -v, an alias repeated under the same code (e.g. "U.S." and "US").
With --ref PATH (a countries.tsv with an iso3 column) it also checks that
every ISO code has a block in the file that declares countries.

The script reads only the dictionary files it is given (and, with --ref,
that one table); dyad itself never reads ../shared.
"""
import argparse
import collections
import datetime
import os
import re
import sys

CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
ROLE_RE = re.compile(r"^\s+([A-Z]+)\s+(\S*)\.\.(\S*)\s*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def match_key(name):
    """The matcher's view of a name: case, dots, hyphens and apostrophes
    normalised; accents kept."""
    s = name.replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    s = re.sub(r"[-\s]+", " ", s)
    # a plural possessive apostrophe may be dropped by the tokenizer:
    # "Peoples' Party" and "Peoples Party" are treated as the same name
    s = re.sub(r"(?<=s)'(?= |$)", "", s.strip())
    return s.casefold()


def parse_date(s, is_end):
    if s == "":
        return None
    m = DATE_RE.match(s)
    if not m:
        raise ValueError("bad date %r" % s)
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is None:
        return datetime.date(y, 12, 31) if is_end else datetime.date(y, 1, 1)
    if d is None:
        if is_end:
            nxt = datetime.date(y + (mo == 12), mo % 12 + 1, 1)
            return nxt - datetime.timedelta(days=1)
        return datetime.date(y, mo, 1)
    return datetime.date(y, mo, d)


class Checker:
    def __init__(self, allow_missing=False, verbose=False):
        self.allow_missing = allow_missing
        self.verbose = verbose
        self.errors = []
        self.warnings = []
        self.seen_files = set()
        # key -> list of (code, section, file, line, written form)
        self.aliases = collections.defaultdict(list)
        self.entries = []   # (file, line, section, code, names, roles)
        self.country_codes = {}  # code -> file of first line-1 use

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))

    def read(self, path):
        path = os.path.normpath(path)
        if path in self.seen_files:
            self.err(path, "included twice")
            return
        self.seen_files.add(path)
        section = "actors"
        last = None
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                where = "%s:%d" % (path, n)
                line = raw.rstrip("\n").rstrip("\r")
                body, _, comment = line.partition("#")
                if not body.strip():
                    continue
                stripped = body.strip()
                if stripped.startswith("@"):
                    parts = stripped.split(None, 1)
                    d = parts[0]
                    if d == "@include":
                        if len(parts) != 2:
                            self.err(where, "@include without a file")
                            continue
                        inc = os.path.join(os.path.dirname(path), parts[1].strip())
                        if not os.path.exists(inc):
                            (self.warn if self.allow_missing else self.err)(
                                where, "included file does not exist: %s" % inc)
                            continue
                        self.read(inc)
                    elif d in ("@agents", "@titles", "@actors"):
                        if len(parts) > 1:
                            self.err(where, "text after %s" % d)
                        section = d[1:]
                        last = None
                    else:
                        self.err(where, "unknown directive %s" % d)
                    continue
                if body[0].isspace():
                    m = ROLE_RE.match(body)
                    if not m:
                        self.err(where, "bad role line: %r" % stripped)
                        continue
                    if last is None or section != "actors":
                        self.err(where, "role line without an entry before it")
                        continue
                    code, a, b = m.groups()
                    if not CODE_RE.match(code):
                        self.err(where, "bad role code %r" % code)
                    try:
                        da = parse_date(a, False)
                        db = parse_date(b, True)
                    except ValueError as e:
                        self.err(where, str(e))
                        continue
                    if da and db and da > db:
                        self.err(where, "FROM after TO")
                    last[5].append((code, da, db, where))
                    continue
                fields = [x.strip() for x in body.split("|")]
                code, names = fields[0], fields[1:]
                if not names:
                    self.err(where, "entry without a name: %r" % stripped)
                    continue
                if not CODE_RE.match(code):
                    self.err(where, "bad code %r" % code)
                    continue
                if section in ("agents", "titles") and len(code) > 6:
                    self.warn(where, "long code %r in @%s (a sector code is expected)"
                              % (code, section))
                ok = True
                for nm in names:
                    if not nm:
                        self.err(where, "empty name field")
                        ok = False
                    elif re.match(r"(?i)^the\s", nm):
                        self.err(where, "name with a leading 'the': %r" % nm)
                    elif section == "actors" and "any case" not in comment and nm == nm.lower() and re.search("[a-z]", nm) \
                            and not re.match(r"^(al|el|ul|ad|as|an|ash|at|az|bin|ibn|uM|e)[- ]", nm):
                        self.warn(where, "lower-case actor name %r matches in any case" % nm)
                if not ok:
                    continue
                entry = (path, n, section, code, names, [])
                self.entries.append(entry)
                last = entry if section == "actors" else None
                for nm in names:
                    self.aliases[match_key(nm)].append((code, section, where, nm))

    def finish(self):
        # overlapping roles
        for path, n, section, code, names, roles in self.entries:
            for i in range(len(roles)):
                for j in range(i + 1, len(roles)):
                    c1, a1, b1, w1 = roles[i]
                    c2, a2, b2, w2 = roles[j]
                    if c1 == c2:
                        continue
                    lo1 = a1 or datetime.date.min
                    hi1 = b1 or datetime.date.max
                    lo2 = a2 or datetime.date.min
                    hi2 = b2 or datetime.date.max
                    if lo1 <= hi2 and lo2 <= hi1:
                        self.err(w2, "role overlaps %s with a different code" % w1)
        # duplicates
        for key, uses in sorted(self.aliases.items()):
            codes = {(u[0], u[1]) for u in uses}
            bare = {u[0] for u in uses}
            if len(bare) > 1:
                self.err(uses[1][2], "alias %r under %s; also %s" % (
                    uses[1][3], uses[1][0],
                    "; ".join("%s at %s" % (u[0], u[2]) for u in uses if u is not uses[1])))
            elif len(codes) > 1:
                self.err(uses[1][2], "alias %r both as %s (%s) and %s" % (
                    uses[1][3], uses[0][1], uses[0][2], uses[1][1]))
            elif len(uses) > 1 and self.verbose:
                self.warn(uses[1][2], "alias %r repeated under %s (first at %s)" % (
                    uses[1][3], uses[0][0], uses[0][2]))

    def check_ref(self, ref, countries_file):
        with open(ref, encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            col = head.index("iso3")
            want = {line.split("\t")[col] for line in f if line.strip()}
        have = {e[3] for e in self.entries
                if os.path.basename(e[0]) == countries_file and len(e[3]) == 3}
        for c in sorted(want - have):
            self.err(countries_file, "no block for %s" % c)
        for c in sorted(have - want):
            self.warn(countries_file, "code %s is not in %s" % (c, ref))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*",
                    default=[os.path.join(root, "data", "actors", "index.txt")])
    ap.add_argument("--allow-missing", action="store_true",
                    help="a missing @include file is a warning, not an error")
    ap.add_argument("--ref", help="countries.tsv to check ISO coverage against")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also report aliases repeated under the same code")
    ap.add_argument("--stats", action="store_true", help="print entry counts per file")
    args = ap.parse_args()
    ck = Checker(args.allow_missing, args.verbose)
    for f in args.files:
        ck.read(f)
    ck.finish()
    if args.ref:
        ck.check_ref(args.ref, "countries.txt")
    if args.stats:
        per = collections.Counter()
        names = collections.Counter()
        for e in ck.entries:
            per[(os.path.relpath(e[0]), e[2])] += 1
            names[(os.path.relpath(e[0]), e[2])] += len(e[4])
        for (f, sec), c in sorted(per.items()):
            print("%-50s %-7s %5d entries %6d names" % (f, sec, c, names[(f, sec)]))
    for w in ck.warnings:
        print("warning: " + w)
    for e in ck.errors:
        print("error: " + e)
    print("%d error(s), %d warning(s)" % (len(ck.errors), len(ck.warnings)))
    return 1 if ck.errors else 0


if __name__ == "__main__":
    sys.exit(main())
