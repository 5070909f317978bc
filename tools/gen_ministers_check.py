#!/usr/bin/env python3
"""Check the minister and IGO-leader people dictionaries.

  python3 tools/gen_ministers_check.py [--offices] [--quiet]

Files checked (errors): data/actors/people/ministers_*.txt and
data/actors/people/igo_leaders.txt, in the format of docs/dictionaries.md:

  CODE | Canonical name | alias | ...
    CODE FROM..TO   # note

  * every line parses; a role line follows an entry; codes look like CAMEO
    codes (3-letter groups); the entry code is country + ELI (warning);
  * dates are YYYY, YYYY-MM or YYYY-MM-DD and real; FROM <= TO; FROM not after
    today (2026-11-28);
  * roles of one person with different codes do not overlap (inclusive
    ranges, month/year precision widened as dyad does);
  * no alias (case, dots, hyphens, apostrophes normalised as the matcher does)
    appears under two different entries, in these files or in any other
    data/actors/people/*.txt file (clashes with other files are reported
    separately: they are people also in the heads files, to be merged);
  * forbidden aliases: single common surnames / ordinary words (list below);
  * a name that differs only by accents from another entry's name (warning).

--offices prints, per country and office (role note starting with "Foreign
Minister", "Defence Minister" or an IGO role), the holders in date order with
gaps over 45 days and overlaps between different people, to review continuity.
"""
import calendar
import collections
import datetime
import glob
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEOPLE = os.path.join(ROOT, "data", "actors", "people")
TODAY = datetime.date(2026, 11, 28)
MINE = ["ministers_g20.txt", "ministers_conflict.txt", "igo_leaders.txt"]

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ENTRY_RE = re.compile(r"^([A-Z]{3}[A-Z0-9]*)\s*\|(.*)$")
ROLE_RE = re.compile(r"^\s+([A-Z]{3}[A-Z0-9]*)\s+(\S*)\.\.(\S*)\s*(?:#\s*(.*))?$")

# single words that must never be an alias on their own
BANNED = set("""kim lee li wang khan singh ali ahmed ahmad mohammed muhammad mohamed
    mohammad xi may brown major rice powell bush hu wen park moon chung han lim tan
    ng abe kan aso noda king young long short black white green grant church bishop
    little strong bell reid rudd key wood hill hall ward price chan nguyen tran le
    pham ma lai su kang ko cho choi yoon yun song jung jeong shin suh seo lim kang
    said hassan hussein omar ibrahim abdullah abdallah salman faisal fahd sultan
    hamad khalifa tamim zayed bashir aziz mahmoud smith johnson jones williams
    wilson taylor martin thomas paul john james peter robert michael joseph george
    stephen ramos santos lopez garcia fernandez rodriguez gonzalez perez sanchez
    diaz silva costa mendes gates carter austin kerry clinton straw hague fox
    hunt cooper wallace fallon hammond cameron miliband gabriel fischer maas
    graham cannon baird anand blair joly wong payne carr dutton smith nelson
    moore emerson kenney ivanov koizumi hayashi nakatani kono kishi hamada
    onodera inada kihara tanaka ohno iwaya gul cem dar
    qureshi zardari asif sharif aziz rabbani abdullah wardak katz cohen levy
    peres barak peretz ashkenazi sa'ar saar bennett""".split())


def parse_date(s, is_end):
    m = DATE_RE.match(s)
    if not m:
        raise ValueError("bad date %r" % s)
    y = int(m.group(1))
    if m.group(3):
        return datetime.date(y, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError("bad month in %r" % s)
        return datetime.date(y, mo, calendar.monthrange(y, mo)[1] if is_end else 1)
    return datetime.date(y, 12, 31) if is_end else datetime.date(y, 1, 1)


def match_key(name):
    s = name.replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    s = re.sub(r"[-\s]+", " ", s)
    return s.strip().lower()


def fold(s):
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    s = s.replace("Đ", "D").replace("ß", "ss").replace("ʻ", "'").replace("ʼ", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def parse(path):
    """Return list of entries: dict(code, names, line, roles=[(line, code, f, t, note)])
    and list of errors."""
    entries, errors = [], []
    cur = None
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("@"):
                errors.append((n, "directive not expected here: %s" % line.strip()))
                continue
            if line[0].isspace():
                m = ROLE_RE.match(line)
                if not m:
                    errors.append((n, "bad role line: %r" % line.strip()))
                    continue
                if cur is None:
                    errors.append((n, "role line before any entry"))
                    continue
                cur["roles"].append((n, m.group(1), m.group(2), m.group(3), (m.group(4) or "").strip()))
                continue
            body = line.split("#", 1)[0].strip()
            m = ENTRY_RE.match(body)
            if not m:
                errors.append((n, "bad entry line: %r" % line))
                cur = None
                continue
            names = [x.strip() for x in m.group(2).split("|")]
            cur = {"code": m.group(1), "names": names, "line": n, "roles": []}
            entries.append(cur)
    return entries, errors


def main():
    show_offices = "--offices" in sys.argv
    quiet = "--quiet" in sys.argv
    errors, warnings, clashes = [], [], []
    code_re = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
    mine = [os.path.join(PEOPLE, f) for f in MINE]
    others = [p for p in sorted(glob.glob(os.path.join(PEOPLE, "*.txt")))
              if os.path.basename(p) not in MINE
              and not os.path.basename(p).startswith("ministers_")]
    mine += [p for p in sorted(glob.glob(os.path.join(PEOPLE, "ministers_*.txt"))) if p not in mine]
    owner = {}      # match_key -> (entry id, where, is_mine)
    folded = {}     # fold(match_key) -> (entry id, where)
    offices = collections.defaultdict(list)
    counts = collections.Counter()
    roles_n = collections.Counter()
    for path in mine + others:
        if not os.path.exists(path):
            if path in mine[:3]:
                errors.append("%s: missing" % os.path.relpath(path, ROOT))
            continue
        is_mine = path in mine
        rel = os.path.relpath(path, ROOT)
        entries, perr = parse(path)
        if is_mine:
            for n, msg in perr:
                errors.append("%s:%d: %s" % (rel, n, msg))
        for e in entries:
            where = "%s:%d" % (rel, e["line"])
            eid = "%s %s (%s)" % (e["code"], e["names"][0], where)
            if is_mine:
                counts[rel] += 1
                roles_n[rel] += len(e["roles"])
                if not code_re.match(e["code"]):
                    errors.append("%s: bad entry code %s" % (where, e["code"]))
                if not e["code"].endswith("ELI"):
                    warnings.append("%s: entry code %s is not country+ELI" % (where, e["code"]))
                if not e["roles"]:
                    warnings.append("%s: entry without roles" % where)
            seen_here = set()
            for nm in e["names"]:
                if not nm:
                    if is_mine:
                        errors.append("%s: empty name" % where)
                    continue
                k = match_key(nm)
                if k in seen_here:
                    if is_mine:
                        warnings.append("%s: name %r repeated in the entry" % (where, nm))
                    continue
                seen_here.add(k)
                if is_mine:
                    if k in BANNED:
                        errors.append("%s: forbidden alias %r" % (where, nm))
                    if nm == nm.lower():
                        errors.append("%s: lower-case name %r" % (where, nm))
                    if nm.lower().startswith("the "):
                        errors.append("%s: leading 'the' in %r" % (where, nm))
                if k in owner and owner[k][0] != eid:
                    o = owner[k]
                    msg = "alias %r: %s and %s" % (nm, o[0], eid)
                    if is_mine and o[2]:
                        errors.append(msg)
                    else:
                        clashes.append(msg)
                else:
                    owner.setdefault(k, (eid, where, is_mine))
                fk = fold(k)
                if fk in folded and folded[fk][0] != eid and owner.get(k, (None,))[0] == eid and is_mine:
                    warnings.append("%s: %r equals a name of %s without accents" % (where, nm, folded[fk][0]))
                folded.setdefault(fk, (eid, where))
            if not is_mine:
                continue
            spans = []
            for (ln, code, f, t, note) in e["roles"]:
                w = "%s:%d" % (rel, ln)
                if not code_re.match(code):
                    errors.append("%s: bad role code %s" % (w, code))
                try:
                    lo = parse_date(f, False) if f else None
                    hi = parse_date(t, True) if t else None
                except ValueError as ex:
                    errors.append("%s: %s" % (w, ex))
                    continue
                if lo and hi and lo > hi:
                    errors.append("%s: FROM %s after TO %s" % (w, f, t))
                if lo and lo > TODAY:
                    errors.append("%s: FROM %s in the future" % (w, f))
                if not f and not t:
                    warnings.append("%s: role without dates" % w)
                spans.append((lo or datetime.date(1800, 1, 1), hi or TODAY, code, ln))
                m = re.match(r"(Foreign Minister|Defence Minister|[A-Za-z .'-]*Secretary-General|"
                             r"High Representative|Director-General|President of the European Commission|"
                             r"Chairperson of the African Union Commission)", note)
                if m:
                    offices[(code, m.group(1))].append((lo, hi, e["names"][0], w, note, f, t))
            for i in range(len(spans)):
                for j in range(i + 1, len(spans)):
                    a, b = spans[i], spans[j]
                    if a[2] != b[2] and a[0] <= b[1] and b[0] <= a[1]:
                        errors.append("%s:%d: role %s overlaps role %s (line %d) of %s" % (
                            rel, b[3], b[2], a[2], a[3], e["names"][0]))
    if show_offices:
        for key in sorted(offices):
            rows = sorted(offices[key], key=lambda r: (r[0] or datetime.date(1800, 1, 1)))
            print("== %s %s" % key)
            prev = None
            for r in rows:
                flag = ""
                if prev is not None and r[0] and prev[1]:
                    gap = (r[0] - prev[1]).days
                    if gap > 45:
                        flag = "   <-- gap %d days" % gap
                    elif gap < -1 and r[2] != prev[2] and "acting" not in r[4] and "acting" not in prev[4] \
                            and "rival" not in r[4] and "rival" not in prev[4]:
                        flag = "   <-- overlap %d days" % -gap
                print("  %-12s %-12s %-38s %s%s" % (r[5], r[6], r[2], r[4][len(key[1]):].strip("; "), flag))
                if prev is None or (r[1] or TODAY) > (prev[1] or TODAY):
                    prev = (r[0], r[1] or TODAY, r[2], r[3], r[4])
    if not quiet:
        for w in warnings:
            print("warning: " + w)
    for c in clashes:
        print("clash with another helper's file: " + c)
    for e in errors:
        print("error: " + e)
    for p in mine:
        rel = os.path.relpath(p, ROOT)
        if counts[rel] or os.path.exists(p):
            print("%-45s %5d entries %6d role lines" % (rel, counts[rel], roles_n[rel]))
    print("total: %d entries, %d role lines; %d errors, %d warnings, %d clashes with other files" % (
        sum(counts.values()), sum(roles_n.values()), len(errors), len(warnings), len(clashes)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
