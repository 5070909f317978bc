# db.sh — shared by the tests/e2e/db_*.sh and pg_roundtrip.sh scripts (sourced, not run).
# Sets ROOT, DYAD, MINI (the fixture dictionaries), T (a temp dir removed at exit) and defines
# helpers. Each script may add its own cleanup with `on_exit CMD`.
set -eu
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
MINI=$ROOT/tests/data/mini
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad_e2e.XXXXXX")
CLEANUP="rm -rf '$T'"
trap 'eval "$CLEANUP"' EXIT
trap 'exit 1' INT TERM
on_exit() { CLEANUP="$1; $CLEANUP"; }

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# corpus DIR N SEED [DUPS]: synthetic articles (tests/e2e/lib/corpus.sh)
corpus() { sh "$ROOT/tests/e2e/lib/corpus.sh" "$@"; }

# code: dyad code with the fixture dictionaries
code() { "$DYAD" code -q --data "$MINI" "$@"; }

# canonical dumps of a database, independent of row order:
#   mentions: every stored event record, as `dyad code` prints it
#   events:   the aggregate in GDELT's 61 columns without DATEADDED (a wall-clock time)
dump_mentions() { "$DYAD" query --db "$1" --mentions --format jsonl | LC_ALL=C sort; }
dump_events() { "$DYAD" query --db "$1" --format gdelt | cut -f1-59,61 | LC_ALL=C sort; }
# without GLOBALEVENTID either (ids depend on the order events first arrive in)
dump_events_noid() { "$DYAD" query --db "$1" --format gdelt | cut -f2-59,61 | LC_ALL=C sort; }

# check DB: the database is consistent (integrity, every document whole, aggregates exact)
check() { "$DYAD" query --db "$1" --check >/dev/null || fail "inconsistent database $1"; }

# ndocs DB: check DB, then print its number of documents
ndocs() {
    "$DYAD" query --db "$1" --check >"$T/.check" || fail "inconsistent database $1"
    sed -n 's/.*: \([0-9]*\) documents.*/\1/p' "$T/.check"
}

# same FILE1 FILE2 WHAT: identical files, else show a diff and fail
same() {
    if ! cmp -s "$1" "$2"; then
        diff "$1" "$2" | head -n 10 >&2
        fail "$3 differ ($(wc -l <"$1") vs $(wc -l <"$2") lines)"
    fi
}
