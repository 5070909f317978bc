#!/usr/bin/env python3
"""Validate the gold files in this directory (stdlib only).

Usage: python3 tests/gold/check_gold.py [REF_DIR]

REF_DIR is the folder holding cameo_codes.tsv and countries.tsv (default: the
first of ../shared/ref and ../../shared/ref found next to the repository). When
it cannot be found, code tables are not checked, only the structure.
Exit status 1 when a problem is found; every problem is printed as file:line: message.
"""
import json, os, re, sys, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SECTORS = {"GOV", "MIL", "REB", "OPP", "CVL", "COP", "LEG", "JUD", "MED", "BUS", "ELI", "SPY",
           "EDU", "HLH", "LAB", "AGR", "CRM", "REF", "INS", "SEP", "PTY", "UAF", "HRI", "ENV",
           "DEV", "MOD", "RAD"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
problems = []


def load_ref(argv):
    cands = [argv[1]] if len(argv) > 1 else [
        os.path.join(ROOT, "..", "shared", "ref"), os.path.join(ROOT, "..", "..", "shared", "ref")]
    for d in cands:
        if os.path.exists(os.path.join(d, "cameo_codes.tsv")):
            codes = {l.split("\t")[0] for l in open(os.path.join(d, "cameo_codes.tsv"), encoding="utf-8")}
            iso = set()
            p = os.path.join(d, "countries.tsv")
            if os.path.exists(p):
                iso = {l.split("\t")[0] for l in open(p, encoding="utf-8")}
            return codes, iso
    return None, None


def actor_ok(code, iso):
    if code is None:
        return True
    if not re.fullmatch(r"[A-Z]{3,15}", code) or len(code) % 3:
        return False
    if code in SECTORS or code.startswith(("IGO", "NGO", "IMG", "MNC")):
        return True
    if iso and code[:3] not in iso:
        return False
    return all(code[i:i + 3] in SECTORS for i in range(3, len(code), 3))


def check(path, kind, codes, iso):
    seen = set()
    n = 0
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        where = f"{os.path.basename(path)}:{ln}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            o = json.loads(line)
        except ValueError as e:
            problems.append(f"{where}: invalid JSON ({e})")
            continue
        n += 1
        oid = o.get("id", "")
        if not re.fullmatch(("ev" if kind == "events" else "ac") + r"\d{4}", oid or ""):
            problems.append(f"{where}: bad id {oid!r}")
        if oid in seen:
            problems.append(f"{where}: duplicate id {oid}")
        seen.add(oid)
        d = o.get("date", "")
        try:
            pub = dt.date.fromisoformat(d)
        except (TypeError, ValueError):
            problems.append(f"{where}: bad date {d!r}")
            continue
        text = o.get("text")
        if not isinstance(text, str) or not text:
            problems.append(f"{where}: missing text")
            continue
        if kind == "events":
            for e in o.get("events", None) if isinstance(o.get("events"), list) else [None]:
                if not isinstance(e, dict):
                    problems.append(f"{where}: events must be a list of objects")
                    break
                c = e.get("code", "")
                if not re.fullmatch(r"\d{3,4}", c) or (codes and c not in codes):
                    problems.append(f"{where}: bad event code {c!r}")
                if not e.get("source") or not actor_ok(e.get("source"), iso):
                    problems.append(f"{where}: bad source {e.get('source')!r}")
                if not actor_ok(e.get("target"), iso):
                    problems.append(f"{where}: bad target {e.get('target')!r}")
                if "event_date" in e:
                    try:
                        ed = dt.date.fromisoformat(e["event_date"])
                        if ed > pub:
                            problems.append(f"{where}: event_date after publication date")
                    except (TypeError, ValueError):
                        problems.append(f"{where}: bad event_date {e['event_date']!r}")
        else:
            ms = o.get("mentions")
            if not isinstance(ms, list):
                problems.append(f"{where}: mentions must be a list")
                continue
            for m in ms:
                t = m.get("text", "")
                if not t or t not in text:
                    problems.append(f"{where}: mention {t!r} is not in the text")
                elif "start" in m and text[m["start"]:m["end"]] != t:
                    problems.append(f"{where}: offsets of {t!r} do not match the text")
                if not m.get("code") or not actor_ok(m.get("code"), iso):
                    problems.append(f"{where}: bad mention code {m.get('code')!r}")
    return n


def main(argv):
    codes, iso = load_ref(argv)
    if codes is None:
        print("note: reference tables not found; code tables are not checked")
    ne = check(os.path.join(HERE, "events.jsonl"), "events", codes, iso)
    na = check(os.path.join(HERE, "actors.jsonl"), "actors", codes, iso)
    for p in problems:
        print(p)
    print(f"events.jsonl: {ne} sentences; actors.jsonl: {na} sentences; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
