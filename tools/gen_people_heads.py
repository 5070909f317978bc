#!/usr/bin/env python3
"""Heads of state / government people dictionaries for dyad.

Two commands:

  draft [--ref ../shared/ref/leaders.tsv] [--out DIR]
      Reads the reference table of dated office-holders (development-time
      input only; dyad never reads it) and writes one draft file per region,
      DIR/heads_<region>.txt, in the people-dictionary format, with review
      comments.  Rows of the different sources (factbook, wikidata_2021,
      countryinfo, REIGN, Archigos) that describe the same person are merged:
        * per country, rows are clustered by name: a name whose tokens are all
          contained in another's (accents, case, particles, initials ignored,
          near-equal tokens such as Dmitriy/Dmitry accepted) is the same
          person; a name that shares only one token (REIGN surnames such as
          "Merkel", "Liz Truss" vs "Mary Elizabeth Truss") joins the cluster
          whose dates overlap it most;
        * per person and role, overlapping spells are merged and the most
          precise and most trusted date is kept for each end (day > month >
          year; a factbook "since" date, CountryInfo and Archigos before
          REIGN, Wikidata years and factbook first-seen dates last);
        * REIGN/Archigos "leader" spells covered by an office spell of the
          same person are dropped, others are kept as "leader" for review;
        * foreign/defence minister rows are attached to a head of state or
          government of the same country when the names match strongly.
      The drafts were then reviewed and corrected by hand into
      data/actors/people/heads_<region>.txt (the committed product).

  index
      Rewrites data/actors/people/index.txt: @include of every .txt file of
      the folder (heads_*, ministers_*, igo_leaders.txt ...), creating an
      empty igo_leaders.txt placeholder if it does not exist.

  dedupe
      One entry per person across the folder: a head of state/government who
      already has a complete entry in a file written by another tool
      (ministers_*.txt, igo_leaders.txt) is removed from the heads files and
      replaced by a "# Name: see FILE" comment.  Other alias clashes are
      printed for manual review.

  normalize [FILES...]
      Rewrites the committed heads files in place: adds the accent-free form
      of every name that has accents (e.g. "Recep Tayyip Erdogan" next to
      "Recep Tayyip Erdoğan"), drops aliases that repeat another name of the
      same entry, and sorts role lines newest first.  Idempotent.
"""
import argparse
import collections
import csv
import difflib
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_people_common import (REGION_OF, TODAY, fold, match_key, parse_date,  # noqa: E402
                               precision, ROLE_RE, ENTRY_RE)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEOPLE = os.path.join(ROOT, "data", "actors", "people")

PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "van",
             "von", "der", "den", "la", "le", "y", "di", "du", "ould", "ag", "ben",
             "abu", "mac", "del", "e", "i", "ter", "zu", "af"}
DROP = {"jr", "sr", "dr", "sheikh", "shaykh", "gen", "general", "king", "queen", "prince",
        "princess", "sultan", "emir", "amir", "sir", "dame", "hrh", "lt", "col", "maj",
        "brig", "mr", "mrs", "ii", "iii", "iv", "v", "vi", "x", "xvi", "haji", "hajji"}

SRC_RANK_START = {"countryinfo_leaders": 5, "archigos_4.1": 5, "factbook": 5,
                  "countryinfo_government": 4, "reign_2021": 3, "wikidata_2021": 1}


def name_tokens(name):
    s = fold(name).lower()
    s = re.sub(r'"[^"]*"', " ", s)
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"\s+of\s+(the\s+)?[a-z]+.*$", " ", s)
    s = re.sub(r"[^a-z' -]", " ", s.replace("-", " "))
    s = s.replace("'", "")
    toks = [t for t in s.split() if len(t) > 1 and t not in PARTICLES and t not in DROP]
    return toks


def tok_eq(a, b):
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4:
        return a[0] == b[0] and difflib.SequenceMatcher(None, a, b).ratio() >= 0.86
    return False


def contained(small, big):
    used = set()
    for t in small:
        for i, u in enumerate(big):
            if i not in used and tok_eq(t, u):
                used.add(i)
                break
        else:
            return False
    return True


def shared(a, b):
    return any(tok_eq(t, u) for t in a for u in b if len(t) >= 3)


def nice_case(word):
    """'OBAMA' -> 'Obama', 'al-ASAD' -> 'al-Asad', "O'NEILL" -> "O'Neill"."""
    def one(w):
        if not w:
            return w
        if w.lower() in PARTICLES and w.lower() not in ("e", "i", "y"):
            return w.lower()
        if w.isupper() and len(w) > 1 and not re.match(r"^[IVX]+$", w):
            w = w[0] + w[1:].lower()
        return w
    parts = re.split(r"([-'])", word)
    out = []
    for p in parts:
        out.append(p if p in "-'" else one(p))
    res = "".join(out)
    if res and res[0].islower() and res.split("-")[0] not in PARTICLES:
        res = res[0].upper() + res[1:]
    return res


def display_name(raw):
    s = re.sub(r'"[^"]*"', " ", raw)
    s = re.sub(r"\([^)]*\)", " ", s)
    s = s.replace(", Jr.", " Jr.").replace(",", " ")
    words = s.split()
    if raw.isupper() or all(not w.islower() for w in words):
        words = [nice_case(w) for w in words]
    else:
        words = [nice_case(w) if (w.isupper() and len(w) > 1 and not re.match(r"^[IVX]+$", w)) else w
                 for w in words]
    if words:
        words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words)


class Row:
    def __init__(self, d):
        self.d = d
        self.c = d["country_iso3"]
        self.role = d["role"]
        self.name = d["name"]
        self.src = d["source"]
        self.note = d["note"]
        self.start = d["start"]
        self.end = d["end"]
        self.lo = parse_date(self.start, False) if self.start else parse_date("1900", False)
        self.hi = parse_date(self.end, True) if self.end else TODAY
        self.toks = name_tokens(self.name)
        if not self.end and self.src != "factbook":
            self.hi = min(TODAY, parse_date(self.open_until(), True))

    def start_rank(self):
        r = SRC_RANK_START.get(self.src, 2)
        if self.src == "factbook" and ("no since-date" in self.note or "first seen" in self.note):
            r = 1
        return (precision(self.start), r)

    def end_rank(self):
        if not self.end:
            return (0, 0)
        r = SRC_RANK_START.get(self.src, 2)
        if self.src == "factbook" and ("last seen" in self.note or "end uncertain" in self.note):
            r = 0
        return (precision(self.end), r)

    def open_until(self):
        """Coverage end of a source when the row is open-ended."""
        if self.src == "factbook":
            return self.d["last_seen"] or "2026-01"
        if self.src == "wikidata_2021":
            return "2022-10"
        if self.src == "countryinfo_leaders" or self.src == "countryinfo_government":
            return "2011"
        if self.src == "archigos_4.1":
            return "2015-12"
        if self.src == "reign_2021":
            return "2021-03"
        return "?"


def overlap_days(a_lo, a_hi, b_lo, b_hi, slack=40):
    import datetime
    s = datetime.timedelta(days=slack)
    lo = max(a_lo, b_lo)
    hi = min(a_hi + s, b_hi + s)
    return (hi - lo).days


def cluster_country(rows):
    heads = [r for r in rows if r.role in ("head_of_state", "head_of_government", "leader")]
    heads.sort(key=lambda r: (-len(r.toks), r.src != "wikidata_2021"))
    clusters = []  # list of list[Row]
    for r in heads:
        best = None
        for cl in clusters:
            for m in cl:
                if len(r.toks) >= 2 and len(m.toks) >= 2 and (contained(r.toks, m.toks) or contained(m.toks, r.toks)):
                    best = cl
                    break
            if best is not None:
                break
        if best is None and len(r.toks) == 1:
            for cl in clusters:
                if any(m.toks == r.toks and overlap_days(r.lo, r.hi, m.lo, m.hi, 0) > 30 for m in cl):
                    best = cl
                    break
        if best is None:
            cands = []
            for cl in clusters:
                for m in cl:
                    if not (r.toks and m.toks and (shared(r.toks, [m.toks[-1]]) or (len(r.toks) >= 2 and shared([r.toks[-1]], m.toks)))):
                        continue
                    ov = overlap_days(r.lo, r.hi, m.lo, m.hi, slack=0)
                    short = min((r.hi - r.lo).days, (m.hi - m.lo).days)
                    if ov > 30 and (len(r.toks) == 1 or len(m.toks) == 1
                                    or tok_eq(r.toks[0], m.toks[0]) or ov >= 0.8 * short):
                        cands.append((ov, id(cl), cl))
            if cands:
                cands.sort(key=lambda x: -x[0])
                best = cands[0][2]
        if best is None:
            clusters.append([r])
        else:
            best.append(r)
    # attach ministers (strong match only)
    for r in rows:
        if r.role not in ("foreign_minister", "defence_minister"):
            continue
        for cl in clusters:
            if len(r.toks) >= 2 and any(contained(r.toks, m.toks) or contained(m.toks, r.toks)
                                        for m in cl if len(m.toks) >= 2):
                cl.append(r)
                break
    return clusters


ROLE_LABEL = {"head_of_state": "head of state", "head_of_government": "head of government",
              "leader": "leader", "foreign_minister": "Foreign Minister",
              "defence_minister": "Defence Minister"}


def merge_spells(rows):
    """Rows of one role of one person -> list of (start, end, open_note, rows)."""
    rows = sorted(rows, key=lambda r: r.lo)
    groups = []
    for r in rows:
        if groups and overlap_days(r.lo, r.hi, min(x.lo for x in groups[-1]),
                                   max(x.hi for x in groups[-1]), slack=60) > 0:
            groups[-1].append(r)
        else:
            groups.append([r])
    out = []
    for g in groups:
        st = max(g, key=lambda r: r.start_rank())
        closed = [r for r in g if r.end]
        opened = [r for r in g if not r.end]
        open_note = ""
        latest_open = max((r.open_until() for r in opened), default="")
        latest_closed = max((r.end for r in closed), default="")
        if opened and latest_open >= latest_closed[:len(latest_open)]:
            end = ""
            open_note = "open in %s (to %s)" % ("/".join(sorted({r.src for r in opened})), latest_open)
        else:
            en = max(closed, key=lambda r: r.end_rank())
            end = en.end
        start = st.start
        alts = sorted({r.start for r in g if r.start and r.start != start and precision(r.start) == 3})
        alte = sorted({r.end for r in g if r.end and r.end != end and precision(r.end) == 3})
        out.append((start, end, open_note, g, alts, alte))
    return out


def best_names(cl):
    names = []
    pref = {"wikidata_2021": 0, "factbook": 1, "archigos_4.1": 2, "reign_2021": 3,
            "countryinfo_leaders": 4, "countryinfo_government": 5}
    for r in sorted(cl, key=lambda r: (pref.get(r.src, 9), -len(r.toks))):
        if len(r.toks) < 2 and len(cl) > 1:
            continue
        dn = display_name(r.name)
        if match_key(dn) not in {match_key(n) for n in names}:
            names.append(dn)
        m = re.search(r'"([^"]+)"', r.name)
        if m and len(r.toks) >= 2:
            nick = m.group(1) + " " + display_name(r.name.split()[-1])
            if match_key(nick) not in {match_key(n) for n in names}:
                names.append(nick)
        m = re.search(r"also written: (.*)$", r.note)
        if m:
            for v in m.group(1).split(" / "):
                dv = display_name(v.strip())
                if match_key(dv) not in {match_key(n) for n in names}:
                    names.append(dv)
    if not names:
        names = [display_name(cl[0].name)]
    # prefer a name with lower-case letters and accents as canonical
    names.sort(key=lambda n: (n == n.upper(), -(fold(n) != n)), reverse=False)
    return names


def draft(args):
    rows = [Row(d) for d in csv.DictReader(open(args.ref, encoding="utf-8"), delimiter="\t")]
    rows = [r for r in rows if r.hi >= parse_date("2000-01-01", False)]
    by_c = collections.defaultdict(list)
    for r in rows:
        by_c[r.c].append(r)
    out = collections.defaultdict(list)
    nent = collections.Counter()
    for c in sorted(by_c):
        code = "SRB" if c in ("YUG", "SCG") else c
        region = REGION_OF.get(c, "other")
        clusters = cluster_country(by_c[c])
        ents = []
        for cl in clusters:
            spells = []
            byrole = collections.defaultdict(list)
            for r in cl:
                byrole[r.role].append(r)
            office = []
            for role in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
                for sp in merge_spells(byrole.get(role, [])):
                    office.append((role, sp))
            for sp in merge_spells(byrole.get("leader", [])):
                lo = parse_date(sp[0] or "1900", False)
                hi = parse_date(sp[1], True) if sp[1] else TODAY
                covered = sum(max(0, overlap_days(lo, hi, parse_date(o[1][0] or "1900", False),
                                                  parse_date(o[1][1], True) if o[1][1] else TODAY, 0))
                              for o in office if o[0] in ("head_of_state", "head_of_government"))
                if covered < 0.5 * max(1, (hi - lo).days):
                    office.append(("leader", sp))
            if not office:
                continue
            spells = sorted(office, key=lambda o: o[1][0] or "0", reverse=True)
            ents.append((min(o[1][0] or "0" for o in spells), cl, spells))
        ents.sort(key=lambda e: e[0])
        lines = ["", "# ---- %s ----" % c]
        for _, cl, spells in ents:
            names = best_names(cl)
            lines.append("%sELI | %s" % (code, " | ".join(names)))
            for role, (s, e, on, g, alts, alte) in spells:
                srcs = ",".join(sorted({r.src.split("_")[0] for r in g}))
                note = ROLE_LABEL[role]
                extra = []
                if on:
                    extra.append(on)
                if alts:
                    extra.append("alt start " + "/".join(alts))
                if alte:
                    extra.append("alt end " + "/".join(alte))
                if any("check" in r.note for r in g):
                    extra.append("CHECK")
                lines.append("  %sGOV %s..%s   # %s [%s]%s" % (code, s, e, note, srcs,
                                                              ("; " + "; ".join(extra)) if extra else ""))
            nent[region] += 1
        out[region].extend(lines)
    os.makedirs(args.out, exist_ok=True)
    for region, lines in out.items():
        with open(os.path.join(args.out, "heads_%s.txt" % region), "w", encoding="utf-8") as f:
            f.write("# DRAFT generated by tools/gen_people_heads.py draft -- review before use\n")
            f.write("\n".join(lines) + "\n")
        print("%s: %d entries" % (region, nent[region]))


# ---------------------------------------------------------------- normalize

def normalize_file(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    changed = 0
    while i < len(lines):
        line = lines[i]
        body, hash_, comment = line.partition("#")
        m = ENTRY_RE.match(body.strip()) if line and not line[0].isspace() else None
        if not m:
            out.append(line)
            i += 1
            continue
        names = [x.strip() for x in m.group(2).split("|") if x.strip()]
        new = []
        keys = set()
        for n in names:
            for v in (n, fold(n)):
                k = match_key(v)
                if k not in keys:
                    keys.add(k)
                    new.append(v)
        newline = "%s | %s" % (m.group(1), " | ".join(new))
        if comment.strip():
            newline += "   # " + comment.strip()
        if newline != line:
            changed += 1
        out.append(newline)
        i += 1
        roles = []
        while i < len(lines) and lines[i][:1].isspace() and lines[i].strip():
            roles.append(lines[i])
            i += 1

        def key(rl):
            mm = ROLE_RE.match(rl)
            return (mm.group(2) if mm else "")
        sroles = sorted(roles, key=key, reverse=True)
        if sroles != roles:
            changed += 1
        out.extend(sroles)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return changed


def normalize(args):
    files = args.files or sorted(glob.glob(os.path.join(PEOPLE, "heads_*.txt")))
    for p in files:
        print("%s: %d lines changed" % (os.path.relpath(p, ROOT), normalize_file(p)))


def write_index(args):
    """(Re)write data/actors/people/index.txt so that it @includes every other
    .txt file of the folder (heads first, then ministers, then the rest).
    igo_leaders.txt is created as an empty placeholder if it does not exist;
    existing files are never overwritten."""
    for name in ("igo_leaders.txt",):
        p = os.path.join(PEOPLE, name)
        if not os.path.exists(p):
            with open(p, "w", encoding="utf-8") as f:
                f.write("# Leaders of international organisations (placeholder; written by another tool).\n")
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(PEOPLE, "*.txt")))
    files = [f for f in files if f != "index.txt"]
    order = lambda f: (0 if f.startswith("heads_") else 1 if f.startswith("ministers_") else 2, f)
    lines = ["# People (dated roles): loaded from data/actors/index.txt.",
             "# Written by tools/gen_people_heads.py index: every .txt file of this folder.",
             "# One entry per person across all files: a person is listed in exactly one file."]
    lines += ["@include %s" % f for f in sorted(files, key=order)]
    with open(os.path.join(PEOPLE, "index.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("index.txt: %d files" % len(files))


def dedupe(args):
    """One entry per person across data/actors/people/: a person who already
    has an entry in another people file (ministers_*.txt, igo_leaders.txt --
    written by other tools with all of the person's offices) is removed from
    the heads files and replaced by a comment pointing to that file.  Same
    person = same country prefix and a shared multi-word name.  Other alias
    clashes are only reported."""
    from gen_people_common import parse_actor_file
    others = {}
    for f in sorted(glob.glob(os.path.join(PEOPLE, "*.txt"))):
        b = os.path.basename(f)
        if b.startswith("heads_") or b == "index.txt":
            continue
        for it in parse_actor_file(f):
            if it[0] == "entry":
                for n in it[3]:
                    others.setdefault(match_key(n), []).append((b, it[2], it[3][0]))
    for f in sorted(glob.glob(os.path.join(PEOPLE, "heads_*.txt"))):
        lines = open(f, encoding="utf-8").read().split("\n")
        out, i, removed = [], 0, []
        while i < len(lines):
            line = lines[i]
            m = ENTRY_RE.match(line.partition("#")[0].strip()) if line and not line[0].isspace() else None
            if not m:
                out.append(line)
                i += 1
                continue
            code = m.group(1)
            names = [x.strip() for x in m.group(2).split("|") if x.strip()]
            same, clashes = None, []
            for n in names:
                for (b, ocode, oname) in others.get(match_key(n), []):
                    if len(n.split()) > 1 and ocode[:3] == code[:3]:
                        same = (b, oname)
                    else:
                        clashes.append("CLASH %s: %r of %s also in %s (%s)" % (os.path.basename(f), n, names[0], b, oname))
            if not same:
                for c in clashes:
                    print(c)
            j = i + 1
            while j < len(lines) and lines[j][:1].isspace() and lines[j].strip():
                j += 1
            if same:
                # keep the reviewed block, commented out, so that it can be
                # restored if the other file drops the person
                out.append("# %s: entry in %s (one entry per person); reviewed heads entry kept below as a comment" % (names[0], same[0]))
                out.extend("#~ " + l for l in lines[i:j])
                removed.append(names[0])
            else:
                out.extend(lines[i:j])
            i = j
        if removed:
            with open(f, "w", encoding="utf-8") as fh:
                fh.write("\n".join(out))
            print("%s: %d entries moved to other files: %s" % (os.path.basename(f), len(removed), "; ".join(removed)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draft")
    d.add_argument("--ref", default=os.path.join(ROOT, "..", "shared", "ref", "leaders.tsv"))
    d.add_argument("--out", default="/tmp/heads_draft")
    n = sub.add_parser("normalize")
    n.add_argument("files", nargs="*")
    sub.add_parser("index")
    sub.add_parser("dedupe")
    args = ap.parse_args()
    {"draft": draft, "normalize": normalize, "index": write_index, "dedupe": dedupe}[args.cmd](args)


if __name__ == "__main__":
    main()
