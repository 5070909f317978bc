# The dashboard in headless Chromium (tests/e2e/dashboard.mjs, playwright-core from npm): opens
# it on a database coded from data/samples, checks that the timeline, the network and the event
# table show what `dyad query` says, opens a row's evidence and its article, and saves
# $DYAD_BUILD/dashboard.png. Skips (exit 0, "skipped: ...") without Chromium or node_modules;
# `DYAD_FULL_DEPS=1 sh scripts/deps.sh` installs both.
. "$(dirname "$0")/lib.inc"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "skipped: no Chromium at $CHROMIUM (apt-get install chromium)"; exit 0; }
command -v node >/dev/null 2>&1 || { echo "skipped: no node"; exit 0; }
[ -f "$DYAD_ROOT/node_modules/playwright-core/package.json" ] ||
    { echo "skipped: no node_modules/playwright-core (run 'npm ci' in $DYAD_ROOT)"; exit 0; }
: "${DYAD_BUILD:=$DYAD_ROOT/build}"

DB="$TMP/samples.sqlite"
"$DYAD" code -q --db "$DB" "$DYAD_ROOT/data/samples" || fail "cannot build the database"

# What the page must show, from the command line (not from the API the page uses).
"$DYAD" query --db "$DB" --format csv >"$TMP/events.csv" || fail "query"
"$DYAD" query --db "$DB" --mentions --format jsonl >"$TMP/mentions.jsonl" || fail "query --mentions"
"$DYAD" query --db "$DB" --top dyads --limit 1 --format csv >"$TMP/top.csv" || fail "query --top"
python3 - "$TMP" >"$TMP/expect.json" <<'PY' || fail "expectations"
import csv, json, sys
t = sys.argv[1]
ev = list(csv.DictReader(open(f"{t}/events.csv")))
ments = [json.loads(l) for l in open(f"{t}/mentions.jsonl")]
def tally(rows):
    q = [0, 0, 0, 0]
    for r in rows:
        if r["date"]:
            q[int(r["quad"]) - 1] += 1
    return q
top = next(csv.DictReader(open(f"{t}/top.csv")))
dy = [r for r in ev if r["source_code"] == top["source_code"] and r["target_code"] == top["target_code"]]
first = ev[0]
# the mentions of the first event: `dyad query --mentions` in document order; match by the aggregate key
key = (first["date"], first["source_code"], first["target_code"], first["cameo"])
evid = [m for m in ments if (m["date"] or "", m["source"]["code"], (m.get("target") or {}).get("code", "") or "", m["cameo"]) == key]
print(json.dumps({
    "events": len(ev),
    "quad": tally(ev),
    "first_page": [[r["date"], r["source_code"], r["target_code"] or "–", r["cameo"]] for r in ev[:25]],
    "first_evidence": sorted(m["evidence"] for m in evid),
    "top_dyad": [top["source_code"], top["target_code"], int(top["events"])],
    "top_dyad_quad": tally(dy),
}))
PY

"$DYAD" serve --db "$DB" --port 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while ! grep -q "^listening on " "$TMP/serve.out" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 100 ] || { cat "$TMP/serve.err" >&2; fail "server did not start"; }
    sleep 0.1
done
URL=$(sed -n 's/^listening on //p' "$TMP/serve.out")

mkdir -p "$DYAD_BUILD"
cd "$DYAD_ROOT" && timeout 120 node tests/e2e/dashboard.mjs "$URL" "$TMP/expect.json" "$DYAD_BUILD/dashboard.png" \
    "$CHROMIUM" "$TMP/chromium-profile" || fail "dashboard checks (see above)"
echo "ok: screenshot in $DYAD_BUILD/dashboard.png"
