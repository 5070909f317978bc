# `dyad serve`: options, errors, start on a free loopback port, answers that agree with
# `dyad query`, a clean stop on SIGTERM.
. "$(dirname "$0")/lib.inc"

expect_status 0 "$DYAD" serve --help
expect_grep "\-\-bind" "$TMP/out"
expect_grep "127.0.0.1" "$TMP/out"
"$DYAD" --help | grep -q "serve --db" || fail "serve not in dyad --help"
expect_status 2 "$DYAD" serve
expect_status 2 "$DYAD" serve --db x.sqlite --port 70000
expect_status 2 "$DYAD" serve --db x.sqlite --port abc
expect_status 2 "$DYAD" serve --db x.sqlite --timeout 0
expect_status 2 "$DYAD" serve --db x.sqlite --cors "a b"
expect_status 2 "$DYAD" serve --db x.sqlite extra
expect_status 2 "$DYAD" serve --no-such-option
expect_status 1 "$DYAD" serve --db "$TMP/missing.sqlite" --port 0
expect_grep "no such database" "$TMP/err"
printf 'not a database, just text that is long enough to be looked at\n' >"$TMP/junk.sqlite"
expect_status 1 "$DYAD" serve --db "$TMP/junk.sqlite" --port 0
expect_status 1 "$DYAD" serve --db "$TMP/junk.sqlite" --bind 300.1.1.1 --port 0

DB="$TMP/samples.sqlite"
"$DYAD" code -q --db "$DB" "$DYAD_ROOT/data/samples" || fail "cannot build the database"

# start_server ARGS...: run dyad serve in the background, wait for its URL (sets PID, URL)
start_server() {
    "$DYAD" serve --db "$DB" --port 0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    PID=$!
    i=0
    while ! grep -q "^listening on " "$TMP/serve.out" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 100 ] || { cat "$TMP/serve.err" >&2; kill "$PID" 2>/dev/null; fail "server did not start"; }
        kill -0 "$PID" 2>/dev/null || { cat "$TMP/serve.err" >&2; fail "server exited"; }
        sleep 0.1
    done
    URL=$(sed -n 's/^listening on //p' "$TMP/serve.out")
}
stop_server() {
    kill -TERM "$PID"
    i=0
    while kill -0 "$PID" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 50 ] || { kill -KILL "$PID"; fail "server did not stop on SIGTERM"; }
        sleep 0.1
    done
    wait "$PID" || fail "server exit status $? after SIGTERM"
}

start_server --log
case "$URL" in http://127.0.0.1:*/) ;; *) stop_server; fail "not on loopback by default: $URL" ;; esac

"$DYAD" query --db "$DB" --check >"$TMP/check" || fail "query --check"
"$DYAD" query --db "$DB" --top dyads --limit 5 --format csv >"$TMP/top.csv"
"$DYAD" query --db "$DB" --dyad RUSGOV: --format csv >"$TMP/rus.csv"
python3 - "$URL" "$TMP/check" "$TMP/top.csv" "$TMP/rus.csv" <<'PY' || { stop_server; fail "API answers"; }
import csv, json, re, sys, urllib.request, urllib.error
url, check, top, rus = sys.argv[1:]
def get(path):
    with urllib.request.urlopen(url + path, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("application/json"), r.headers["Content-Type"]
        return json.load(r)
m = re.search(r"(\d+) documents, (\d+) sentences, (\d+) actor mentions, (\d+) event mentions, (\d+) events", open(check).read())
s = get("api/stats")
assert [s["documents"], s["sentences"], s["actor_mentions"], s["event_mentions"], s["events"]] == [int(x) for x in m.groups()], s
rows = list(csv.DictReader(open(top)))
d = get("api/dyads?limit=5")["dyads"]
assert [(x["source"], x["target"], x["events"]) for x in d] == [(r["source_code"], r["target_code"], int(r["events"])) for r in rows], (d, rows)
want = [int(r["id"]) for r in csv.DictReader(open(rus))]
got, path = [], "api/events?dyad=RUSGOV:&limit=3"
while path:
    page = get(path.lstrip("/"))
    got += [e["id"] for e in page["events"]]
    path = page["next"]
assert got == want, (got, want)
try:
    urllib.request.urlopen(url + "api/events?quad=7", timeout=10)
    raise AssertionError("quad=7 accepted")
except urllib.error.HTTPError as e:
    assert e.code == 400 and json.load(e)["status"] == 400
html = urllib.request.urlopen(url, timeout=10).read().decode()
assert "<script src=\"app.js\"" in html
PY
stop_server
grep -q "GET /api/stats 200" "$TMP/serve.err" || fail "--log wrote no request line: $(cat "$TMP/serve.err")"

# one thread per connection, and no cache: the same answers
start_server --threads 0 --no-cache
python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "api/events?limit=500", timeout=10).read()' "$URL" \
    || { stop_server; fail "--threads 0"; }
stop_server
expect_status 2 "$DYAD" serve --db "$DB" --threads 65

# IPv6 loopback, where the machine has it
if python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
    start_server --bind ::1
    case "$URL" in "http://[::1]:"*) ;; *) stop_server; fail "IPv6 URL: $URL" ;; esac
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "api/stats", timeout=10).read()' "$URL" \
        || { stop_server; fail "IPv6 request"; }
    stop_server
fi
echo "ok"
