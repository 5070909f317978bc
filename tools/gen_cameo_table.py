#!/usr/bin/env python3
"""Generate data/cameo.tsv from the shared CAMEO reference table.

Usage: tools/gen_cameo_table.py [REF_TSV] [OUT_TSV]
  default REF_TSV: /work/shared/ref/cameo_codes.tsv (or $DYAD_REF/cameo_codes.tsv)
  default OUT_TSV: data/cameo.tsv next to this tools/ directory

Output columns: code name goldstein quad plover_category plover_mode

Filling rules (the reference leaves some cells empty):
  * goldstein: the 7 codes without a GDELT value (1213 1214 155 176 1834 1951
    1952) take the value of their nearest ancestor that has one
    (4-digit -> 3-digit -> root).
  * plover_category: 01-019 stay empty (PLOVER 2021 has no statement class);
    02-028 -> REQUEST; root 08 -> CONCEDE; the CAMEO 1.1b3-only codes take
    a category consistent with their siblings (155 MOBILIZE, 176 COERCE,
    1834/1951/1952 ASSAULT).  Everything else is copied as given.
  * plover_mode is copied as given.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PLOVER_FILL = {
    "08": "CONCEDE",
    "155": "MOBILIZE",
    "176": "COERCE",
    "1834": "ASSAULT",
    "1951": "ASSAULT",
    "1952": "ASSAULT",
}


def parent(code):
    if len(code) == 4:
        return code[:3]
    if len(code) == 3:
        return code[:2]
    return None


def main(argv):
    ref = argv[1] if len(argv) > 1 else os.path.join(
        os.environ.get("DYAD_REF", "/work/shared/ref"), "cameo_codes.tsv")
    out = argv[2] if len(argv) > 2 else os.path.join(ROOT, "data", "cameo.tsv")
    with open(ref, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by_code = {r["code"]: r for r in rows}
    if len(by_code) != len(rows):
        sys.exit("duplicate codes in " + ref)

    def goldstein(code):
        c = code
        while c is not None:
            g = by_code[c]["goldstein"].strip()
            if g:
                return g
            c = parent(c)
        sys.exit("no goldstein value for %s or its ancestors" % code)

    lines = ["code\tname\tgoldstein\tquad\tplover_category\tplover_mode"]
    for r in sorted(rows, key=lambda r: (r["code"][:2], r["code"])):
        code = r["code"]
        cat = r["plover_category"].strip()
        if not cat:
            if code.startswith("02"):
                cat = "REQUEST"
            elif code in PLOVER_FILL:
                cat = PLOVER_FILL[code]
            elif code.startswith("01"):
                cat = ""
            else:
                sys.exit("no PLOVER category rule for " + code)
        fields = [code, r["name"].strip(), goldstein(code),
                  r["quad_class"].strip(), cat, r["plover_mode"].strip()]
        for x in fields:
            if "\t" in x or "\n" in x:
                sys.exit("bad character in field of " + code)
        lines.append("\t".join(fields))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d codes)" % (out, len(lines) - 1))


if __name__ == "__main__":
    main(sys.argv)
