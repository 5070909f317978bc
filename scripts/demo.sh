#!/bin/sh
# make demo: code the bundled sample articles into the default SQLite database and show what
# was found. Usage: sh scripts/demo.sh BUILD_DIR
set -eu
BUILD=${1:-build}
DYAD="$BUILD/dyad"
DB=dyad.sqlite
echo "== dyad demo: coding data/samples/ =="
if "$DYAD" code --help | grep -q -- "--db"; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$DYAD" code --db "$DB" data/samples
    echo
    echo "== events in $DB =="
    "$DYAD" query --db "$DB" --format table
    echo
    echo "Query it yourself:  $DYAD query --db $DB --dyad USA:CHN   (see README.md)"
else
    "$DYAD" code --format tsv data/samples > "$BUILD/demo.tsv"
    awk -F '\t' 'NR == 1 { printf "%-10s %-12s %-5s %-12s %s\n", "date", "source", "code", "target", "evidence"; next }
                 { ev = $22; if (length(ev) > 70) ev = substr(ev, 1, 67) "...";
                   printf "%-10s %-12s %-5s %-12s %s\n", $3, $5, $13, ($9 == "" ? "-" : $9), ev }' "$BUILD/demo.tsv"
fi
