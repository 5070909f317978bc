#!/bin/sh
# make bench: every benchmark, one after the other. Usage: sh bench/run.sh BUILD_DIR
# Results are written to stdout; BENCHMARKS.md records them with this command.
set -u
BUILD=${1:-build}
DYAD="$BUILD/dyad"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ARTICLES=${DYAD_BENCH_ARTICLES:-4000}
SENTS=${DYAD_BENCH_SENTENCES:-40}

echo "== corpus: $ARTICLES generated articles x $SENTS sentences (bench/gen_corpus.c) =="
"$BUILD/bench/gen_corpus" "$WORK/corpus" "$ARTICLES" "$SENTS" 1
du -sh "$WORK/corpus" | awk '{print "size on disk: " $1}'

echo "== dictionaries and in-memory coding (bench/bench_core.c) =="
"$BUILD/bench/bench_core" data "$WORK/corpus"

# The shipped dictionaries hold a few thousand entries; the load-time target is for 20,000+.
# Scale them: the shipped data plus 20,000 generated people with dated roles.
echo "== dictionary load at scale: shipped data + 20,000 generated people =="
cp -R data "$WORK/bigdata"
awk 'BEGIN {
    srand(7);
    split("ARG AUS BRA CAN CHN DEU FRA GBR IND IDN ITA JPN KOR MEX RUS SAU TUR USA ZAF UKR", cc, " ");
    for (i = 0; i < 20000; i++) {
        c = cc[1 + int(rand() * 20)];
        printf "%sELI | Person%05d Example%05d | P. Example%05d\n", c, i, i, i;
        y = 1990 + int(rand() * 30);
        printf "  %sGOV %d-%02d-01..%d-12-31\n", c, y, 1 + int(rand() * 12), y + 1 + int(rand() * 5);
    }
}' >"$WORK/bigdata/actors/generated_people.txt"
echo "@include generated_people.txt" >>"$WORK/bigdata/actors/index.txt"
"$BUILD/bench/bench_core" "$WORK/bigdata" "$WORK/corpus" | head -2

echo "== end to end: dyad code (read, split, recognise, code, write JSONL) =="
for t in 1 2; do
    /usr/bin/time -f "%e s elapsed, %M KB peak RSS" "$DYAD" code -q --threads $t "$WORK/corpus" \
        >"$WORK/out.jsonl" 2>"$WORK/time.txt"
    secs=$(tail -1 "$WORK/time.txt" | awk '{print $1}')
    bytes=$(cat "$WORK"/corpus/*.txt | wc -c)
    events=$(wc -l <"$WORK/out.jsonl")
    sents=$((ARTICLES * SENTS))
    awk -v s="$secs" -v b="$bytes" -v n="$sents" -v e="$events" -v t="$t" -v m="$(tail -1 "$WORK/time.txt")" \
        'BEGIN { printf "threads %d: %d sentences, %d events: %.0f sentences/s, %.1f MB/s (%s)\n", t, n, e, n / s, b / 1e6 / s, m }'
done
for b in "$BUILD"/bench/bench_*; do
    # bench_parsers belongs to `make bench-extract` (it parses the extraction benchmark pages)
    case "$b" in */bench_core|*/bench_extract|*/bench_store|*/bench_parsers) continue ;; esac
    [ -x "$b" ] || continue
    echo "== $(basename "$b") =="
    "$b" "$WORK" || echo "($(basename "$b") failed)"
done

# The event database (bench/bench_store.c): events/s into SQLite, and into PostgreSQL via COPY
# ($DYAD_PG_URL, or a throwaway server from scripts/pg-test-server.sh when PostgreSQL is
# installed); dyad time-series query latency over 1,000,000 events.
echo "== event database: store throughput and query latency (bench/bench_store.c) =="
if [ -x "$BUILD/bench/bench_store" ]; then
    PG_DIR=""
    if [ -z "${DYAD_PG_URL:-}" ]; then
        PG_DIR=$(mktemp -d)
        chmod 755 "$PG_DIR"
        if DYAD_PG_URL=$(sh "$(dirname "$0")/../scripts/pg-test-server.sh" start "$PG_DIR/pg" 2>"$PG_DIR/err"); then
            export DYAD_PG_URL
            echo "(throwaway PostgreSQL server: $DYAD_PG_URL)"
        else
            echo "(no PostgreSQL server: $(head -n 1 "$PG_DIR/err"))"
            DYAD_PG_URL=""
        fi
    fi
    DYAD_BENCH_PG_EVENTS=${DYAD_BENCH_PG_EVENTS:-200000} "$BUILD/bench/bench_store" "$WORK" \
        "${DYAD_BENCH_STORE_EVENTS:-1000000}" || echo "(bench_store failed)"
    if [ -n "$PG_DIR" ]; then
        sh "$(dirname "$0")/../scripts/pg-test-server.sh" stop "$PG_DIR/pg"
        rm -rf "$PG_DIR"
        unset DYAD_PG_URL
    fi
fi

# The HTTP API (bench/bench_serve.sh): requests/s of `dyad serve` under wrk on loopback.
echo "== dyad serve: requests/s under wrk (bench/bench_serve.sh) =="
sh "$(dirname "$0")/bench_serve.sh" "$BUILD" || echo "(bench_serve below target or failed)"
