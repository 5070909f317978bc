#!/usr/bin/env python3
"""Check the people actor dictionaries (data/actors/people/*.txt).

  python3 tools/gen_people_check.py [DIR]

Checks, for every file in data/actors/people/ (and data/actors/*.txt when
they exist, for alias clashes):
  * every line parses (entry line, indented role line, @include, comment);
  * role codes and entry codes look like CAMEO codes; roles follow an entry;
  * dates are YYYY, YYYY-MM or YYYY-MM-DD, real dates, FROM <= TO, not after
    today (2026-11-28) for FROM;
  * roles of one person with different codes do not overlap;
  * an entry's code is country + ELI (warning only) and its role codes share
    the entry's country or another known country;
  * no alias (case, dots, hyphens and apostrophes normalised as the matcher
    does) is listed under two different entries, in any of the files;
  * forbidden aliases: banned single words (Kim, Lee, Li, Wang, Khan, Singh,
    Ali, Ahmed, Xi, May, Brown, Major, Rice, Powell, Bush ...) and
    lower-case-only names;
  * index.txt @includes every other .txt file of the folder, and the
    included files exist.
Exit status 1 when there is an error.
"""
import collections
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_people_common import parse_actor_file, parse_date, match_key, TODAY  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BANNED = {match_key(x) for x in """Kim Lee Li Wang Khan Singh Ali Ahmed Ahmad Mohammed Muhammad
    Mohamed Xi May Brown Major Rice Powell Bush Hu Wen Park Moon Chung Han Lim Tan Ng Abe Kan
    Aso Noda Rama King Young Long Short Black White Green Grant Church Bishop Little Strong
    Bell Reid Rudd Key Wood Hill Hall Ward Bell Price Chan Nguyen Tran Le Pham Ma Lai Su Kang Ko
    Mar Said Hassan Hussein Omar Ibrahim Abdullah Abdallah Salman Faisal Fahd Sultan Hamad
    Khalifa Tamim Zayed Bashir Aziz Mahmoud Charles Elizabeth Felipe Philippe Albert Henri
    Harald Carl Gustaf Willem Frederik Margrethe Francis Benedict Leo
    Martin Thomas Paul John James Peter Robert Michael Joseph George Stephen Ramos Santos Lopez
    Garcia Fernandez Rodriguez Gonzalez Perez Sanchez Diaz Silva Costa Mendes Da Silva""".split()}


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "actors", "people")
    files = sorted(glob.glob(os.path.join(d, "*.txt")))
    extra = sorted(glob.glob(os.path.join(ROOT, "data", "actors", "*.txt")))
    errors = []
    warnings = []
    alias_owner = {}
    countries = set()
    cfile = os.path.join(ROOT, "data", "actors", "countries.txt")
    if os.path.exists(cfile):
        for kind, *rest in parse_actor_file(cfile):
            if kind == "entry":
                countries.add(rest[1][:3])
    nent = collections.Counter()
    nrole = collections.Counter()

    def add_alias(name, owner, where):
        k = match_key(name)
        if k in alias_owner and alias_owner[k][0] != owner:
            errors.append("%s: alias %r also under %s" % (where, name, alias_owner[k][0]))
        else:
            alias_owner.setdefault(k, (owner, where))

    for path in files + extra:
        rel = os.path.relpath(path, ROOT)
        in_people = path in files
        cur = None
        roles = []

        def finish():
            if cur is None:
                return
            spans = []
            for (ln, code, f, t) in roles:
                spans.append((parse_date(f, False) if f else None, parse_date(t, True) if t else None, code, ln))
            for i in range(len(spans)):
                for j in range(i + 1, len(spans)):
                    a, b = spans[i], spans[j]
                    if a[2] == b[2]:
                        continue
                    alo = a[0] or parse_date("1800", False)
                    ahi = a[1] or TODAY
                    blo = b[0] or parse_date("1800", False)
                    bhi = b[1] or TODAY
                    if alo <= bhi and blo <= ahi:
                        errors.append("%s:%d: role %s overlaps role %s at line %d (%s)" % (
                            rel, b[3], b[2], a[2], a[3], cur[1]))

        section = "actors"
        for item in parse_actor_file(path):
            kind, ln = item[0], item[1]
            where = "%s:%d" % (rel, ln)
            if kind == "error":
                errors.append("%s: %s" % (where, item[2]))
            elif kind == "directive":
                low = item[2].lower()
                if low.startswith("@agents") or low.startswith("@titles"):
                    section = "agents"
                elif low.startswith("@actors"):
                    section = "actors"
            elif kind == "include":
                if not os.path.exists(os.path.join(os.path.dirname(path), item[2])):
                    errors.append("%s: @include of missing file %s" % (where, item[2]))
            elif kind == "entry":
                finish()
                code, names = item[2], item[3]
                cur = (code, names[0] if names else "?", ln)
                roles = []
                if section != "actors":
                    continue
                if in_people:
                    nent[rel] += 1
                    if not re.match(r"^[A-Z]{3}([A-Z]{3})*$", code):
                        errors.append("%s: bad code %s" % (where, code))
                    if not code.endswith("ELI") and "heads_" in rel:
                        warnings.append("%s: entry code %s is not country+ELI" % (where, code))
                    if countries and code[:3] not in countries:
                        warnings.append("%s: %s is not a country of countries.txt" % (where, code[:3]))
                for n in names:
                    if not n:
                        errors.append("%s: empty name" % where)
                        continue
                    if "#" in n:
                        errors.append("%s: '#' in name" % where)
                    if in_people:
                        if match_key(n) in BANNED:
                            errors.append("%s: forbidden alias %r" % (where, n))
                        if n == n.lower():
                            errors.append("%s: lower-case person name %r" % (where, n))
                        if re.match(r"(?i)^the\s", n):
                            errors.append("%s: leading 'the' in %r" % (where, n))
                    add_alias(n, "%s %s (%s)" % (code, names[0], where), where)
            elif kind == "role":
                code, f, t, note = item[2], item[3], item[4], item[5]
                if cur is None:
                    errors.append("%s: role line without entry" % where)
                    continue
                nrole[rel] += 1
                if not re.match(r"^[A-Z]{3}([A-Z]{3})*$", code):
                    errors.append("%s: bad role code %s" % (where, code))
                try:
                    lo = parse_date(f, False) if f else None
                    hi = parse_date(t, True) if t else None
                except ValueError as e:
                    errors.append("%s: %s" % (where, e))
                    continue
                if lo and hi and lo > hi:
                    errors.append("%s: FROM %s after TO %s" % (where, f, t))
                if lo and lo > TODAY:
                    errors.append("%s: FROM %s in the future" % (where, f))
                if not f and not t:
                    warnings.append("%s: role with neither FROM nor TO" % where)
                roles.append((ln, code, f, t))
        finish()

    idx = os.path.join(d, "index.txt")
    if os.path.exists(idx):
        inc = {it[2] for it in parse_actor_file(idx) if it[0] == "include"}
        for p in files:
            b = os.path.basename(p)
            if b != "index.txt" and b not in inc:
                errors.append("%s: does not @include %s" % (os.path.relpath(idx, ROOT), b))
    else:
        errors.append("no index.txt in %s" % d)

    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("error: " + e)
    for p in files:
        rel = os.path.relpath(p, ROOT)
        print("%-45s %5d entries %6d role lines" % (rel, nent[rel], nrole[rel]))
    print("total: %d entries, %d role lines; %d errors, %d warnings" % (
        sum(nent.values()), sum(nrole.values()), len(errors), len(warnings)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
