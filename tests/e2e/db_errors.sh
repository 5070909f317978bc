#!/bin/sh
# Bad databases and bad places: a corrupt, foreign or truncated SQLite file, a read-only file
# or directory, a full disk (ulimit -f), a wrong PostgreSQL connection string. Each gives a
# clear error naming the database and exit status 1; nothing is half written, and what was
# committed before a failure stays consistent and can be completed by running again.
. "$(dirname "$0")/lib/db.sh"

corpus "$T/c" 150 21
# must_fail WHAT PATTERN CMD...: CMD exits 1 and its stderr matches PATTERN
must_fail() {
    what=$1
    pat=$2
    shift 2
    set +e
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    set -e
    [ "$rc" = 1 ] || fail "$what: exit status $rc, want 1 (stderr: $(cat "$T/err"))"
    grep -q -- "$pat" "$T/err" || fail "$what: stderr does not say '$pat': $(cat "$T/err")"
    [ -s "$T/out" ] && fail "$what: wrote to stdout"
    echo "ok: $what: $(head -n 1 "$T/err")"
}

# a file that is not SQLite: refused and left as it was
head -c 20000 /dev/urandom >"$T/junk.db"
cp "$T/junk.db" "$T/junk.orig"
must_fail "garbage file" "junk.db: not an SQLite database" code --db "$T/junk.db" "$T/c"
must_fail "garbage file (query)" "junk.db: not an SQLite database" "$DYAD" query --db "$T/junk.db"
cmp -s "$T/junk.db" "$T/junk.orig" || fail "the garbage file was modified"
[ -e "$T/junk.db-wal" ] && fail "a -wal file was created next to a foreign file"

# a truncated database
code --db "$T/good.db" "$T/c"
head -c 300 "$T/good.db" >"$T/trunc.db"
must_fail "truncated database" "trunc.db: corrupt SQLite database" code --db "$T/trunc.db" "$T/c"

# a database with damaged pages: found on write and by --check
corpus "$T/c2" 40 22
cp "$T/good.db" "$T/bad.db"
size=$(wc -c <"$T/good.db")
dd if=/dev/urandom of="$T/bad.db" bs=1024 seek=4 count=$((size / 1024 - 4)) conv=notrunc 2>/dev/null
must_fail "corrupt database (write)" "bad.db: the database file is corrupt" code --db "$T/bad.db" "$T/c2"
must_fail "corrupt database (--check)" "bad.db: .*corrupt" "$DYAD" query --db "$T/bad.db" --check

# a foreign SQLite database (needs the sqlite3 shell or Python to make one)
mkforeign() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$1" "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'a');"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE customers (id INTEGER, name TEXT)'); c.commit()" "$1"
    else
        return 1
    fi
}
if mkforeign "$T/foreign.db"; then
    cp "$T/foreign.db" "$T/foreign.orig"
    must_fail "foreign SQLite database" "foreign.db: not a dyad database.*customers" code --db "$T/foreign.db" "$T/c"
    must_fail "foreign SQLite database (query)" "foreign.db: not a dyad database" "$DYAD" query --db "$T/foreign.db"
    cmp -s "$T/foreign.db" "$T/foreign.orig" || fail "the foreign database was modified"
else
    echo "skipped: foreign database (neither sqlite3 nor python3 to make one; tests/unit/test_store.c covers it)"
fi

# places that cannot hold a database
must_fail "a directory" "is a directory" code --db "$T" "$T/c"
must_fail "missing directory" "no directory" code --db "$T/nowhere/x.db" "$T/c"
must_fail "unwritable place" "/proc/x.db: cannot" code --db /proc/x.db "$T/c"
must_fail "query of a missing database" "no such database file" "$DYAD" query --db "$T/missing.db"
[ -e "$T/missing.db" ] && fail "query created a database"

# read-only file and directory: as an unprivileged user (root may write anywhere)
AS=""
if [ "$(id -u)" = 0 ]; then
    AS=none
    if command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
        chmod 755 "$T"
        chmod -R a+rX "$T/c"
        runuser -u nobody -- "$DYAD" --version >/dev/null 2>&1 && AS="runuser -u nobody --"
    fi
fi
if [ "$AS" = none ]; then
    echo "skipped: read-only file and directory (running as root without runuser/nobody)"
else
    mkdir "$T/ro"
    cp "$T/good.db" "$T/ro.db"
    chmod 444 "$T/ro.db"
    chmod 555 "$T/ro"
    cp "$T/ro.db" "$T/ro.orig"
    must_fail "read-only directory" "ro/x.db: cannot create the database: directory .* is not writable" \
        $AS "$DYAD" code -q --data "$MINI" --db "$T/ro/x.db" "$T/c"
    must_fail "read-only file" "ro.db: cannot write: the file is read-only" \
        $AS "$DYAD" code -q --data "$MINI" --db "$T/ro.db" "$T/c2"
    cmp -s "$T/ro.db" "$T/ro.orig" || fail "the read-only database was modified"
    # but it can be queried
    $AS "$DYAD" query --db "$T/ro.db" --format csv >"$T/ro.csv" || fail "cannot query a read-only database"
    "$DYAD" query --db "$T/good.db" --format csv >"$T/good.csv"
    same "$T/good.csv" "$T/ro.csv" "query of a read-only copy"
    chmod 755 "$T/ro"
fi

# a full disk: the process's file size limit (ulimit -f) stops the writes part way
corpus "$T/big" 1500 23
code --db "$T/clean.db" "$T/big"
set +e
(ulimit -f 4000 && exec "$DYAD" code -q --data "$MINI" --db-batch 50 --db "$T/full.db" "$T/big") >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "full disk: exit status $rc, want 1 (stderr: $(cat "$T/err"))"
grep -q "full.db: cannot write: .*file size limit" "$T/err" || fail "full disk: unclear message: $(cat "$T/err")"
echo "ok: full disk: $(head -n 1 "$T/err")"
n=$(ndocs "$T/full.db")   # consistent: whole documents only, exact aggregates
total=$(ndocs "$T/clean.db")
[ "$n" -lt "$total" ] || fail "full disk: all $total documents stored despite the limit"
# with space again, the same command completes it to what a clean run gives
code --db "$T/full.db" "$T/big" || fail "rerun after the full disk failed"
[ "$(ndocs "$T/full.db")" = "$total" ] || fail "rerun did not complete the database"
dump_mentions "$T/clean.db" >"$T/m.clean"
dump_mentions "$T/full.db" >"$T/m.full"
same "$T/m.clean" "$T/m.full" "event records after a full disk and a rerun"
dump_events "$T/clean.db" >"$T/e.clean"
dump_events "$T/full.db" >"$T/e.full"
same "$T/e.clean" "$T/e.full" "aggregates after a full disk and a rerun"
echo "ok: full disk: $n of $total documents kept, rerun completed the database"

# PostgreSQL connection strings that cannot work (no server needed); no password in messages
must_fail "malformed connection URL" "bad connection string" code --db "postgresql://u:s3cret@[::1/db" "$T/c"
grep -q s3cret "$T/err" && fail "the password was printed"
must_fail "nothing listening" "postgresql://u:\*\*\*@127.0.0.1:1/db.*: connecting failed" \
    code --db "postgresql://u:s3cret@127.0.0.1:1/db?connect_timeout=3" "$T/c"
grep -q s3cret "$T/err" && fail "the password was printed"
must_fail "unknown host" "connecting failed" code --db "postgresql://nobody@host.invalid/db?connect_timeout=3" "$T/c"

# usage errors
set +e
"$DYAD" code --data "$MINI" --db "$T/x.db" --format tsv "$T/c" >/dev/null 2>&1
rc=$?
set -e
[ "$rc" = 2 ] || fail "--db with --format: exit $rc, want 2"
echo "ok: database errors"
