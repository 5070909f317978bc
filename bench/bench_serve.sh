#!/bin/sh
# bench_serve.sh BUILD_DIR — requests/s of `dyad serve` under wrk (Debian package wrk), on
# loopback only: codes data/samples into a temporary database, starts the server on a free
# 127.0.0.1 port pinned to one core (wrk on the other, when there are two), runs
# `wrk -t1 -c16 -d5s` against a few endpoints, prints requests/s and errors, stops the server.
# Bounded: about 25 s. Target for /api/events (default page of 50 events): >= 5,000 requests/s.
set -u
BUILD=${1:-build}
DYAD="$BUILD/dyad"
SECS=${DYAD_BENCH_SERVE_SECONDS:-5}
if ! command -v wrk >/dev/null 2>&1; then
    echo "skipped: wrk is not installed (DYAD_FULL_DEPS=1 sh scripts/deps.sh installs it)"
    exit 0
fi
WORK=$(mktemp -d)
PID=""
cleanup() {
    [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$DYAD" code -q --db "$WORK/demo.sqlite" data/samples || { echo "cannot build the demo database"; exit 1; }
SERVER_CPU="" CLIENT_CPU=""
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
    SERVER_CPU="taskset -c 0" CLIENT_CPU="taskset -c 1"
fi
# start_server ARGS...: dyad serve on a free loopback port (sets PID, URL)
start_server() {
    # shellcheck disable=SC2086
    $SERVER_CPU "$DYAD" serve --db "$WORK/demo.sqlite" --bind 127.0.0.1 --port 0 "$@" >"$WORK/out" 2>"$WORK/err" &
    PID=$!
    i=0
    while ! grep -q "^listening on " "$WORK/out" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -ge 100 ] || ! kill -0 "$PID" 2>/dev/null; then
            echo "server did not start:"; cat "$WORK/err"; exit 1
        fi
        sleep 0.1
    done
    URL=$(sed -n 's/^listening on //p' "$WORK/out")
    case "$URL" in http://127.0.0.1:*) ;; *) echo "not on loopback: $URL"; exit 1 ;; esac
}
stop_server() {
    kill -TERM "$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    PID=""
}
# run PATH LABEL: wrk against one endpoint; sets RPS and ERRS
run() {
    # shellcheck disable=SC2086
    $CLIENT_CPU wrk -t1 -c16 -d1s "$URL$1" >/dev/null 2>&1   # warm up
    # shellcheck disable=SC2086
    $CLIENT_CPU wrk -t1 -c16 -d"${SECS}s" "$URL$1" >"$WORK/wrk" 2>&1
    RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk")
    total=$(awk '/requests in/ {print $1}' "$WORK/wrk")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk")
    sockerr=$(awk '/Socket errors/ {sub(/^ +/, ""); print}' "$WORK/wrk")
    lat=$(awk '/^    Latency/ {print $2}' "$WORK/wrk")
    ERRS="${non2xx:-0} non-2xx${sockerr:+, $sockerr}"
    [ -z "$non2xx" ] && [ -z "$sockerr" ] && ERRS="no errors"
    printf '%-42s %9s requests/s  (%s in %ss, mean latency %s, %s)\n' "$2" "${RPS:-?}" "${total:-?}" "$SECS" \
        "${lat:-?}" "$ERRS"
}

echo "dyad serve under wrk -t1 -c16 -d${SECS}s on loopback${SERVER_CPU:+; server pinned to CPU 0, wrk to CPU 1}"
echo "database: data/samples ($("$DYAD" query --db "$WORK/demo.sqlite" --check | sed 's/.*: //'))"
status=0
start_server
run "api/events" "/api/events (50 events a page)"
events_rps=$RPS events_errs=$ERRS
run "api/events?dyad=RUS*:&limit=10" "/api/events?dyad=RUS*:&limit=10"
run "api/timeseries?by=month" "/api/timeseries?by=month"
run "api/dyads?limit=20" "/api/dyads?limit=20"
run "" "/ (the dashboard page)"
stop_server
echo "the same with --no-cache (every request runs its queries):"
start_server --no-cache
run "api/events" "/api/events --no-cache"
run "api/timeseries?by=month" "/api/timeseries?by=month --no-cache"
stop_server
ok=$(awk -v r="${events_rps:-0}" 'BEGIN { print (r >= 5000) ? 1 : 0 }')
if [ "$ok" != 1 ] || [ "$events_errs" != "no errors" ]; then
    echo "FAIL: /api/events below the target of 5,000 requests/s without errors"
    status=1
fi
exit $status
