#!/bin/sh
# PostgreSQL: a real server (scripts/pg-test-server.sh starts a throwaway one on 127.0.0.1).
# dyad code --db postgresql://... stores exactly what dyad code prints; a rerun adds nothing;
# the aggregates equal SQLite's; three `dyad code` processes writing one database at once give
# the same database as one process; queries work the same. Skips (exit 0) when PostgreSQL's
# server binaries are not installed.
. "$(dirname "$0")/lib/db.sh"

chmod 755 "$T"   # the server runs as the postgres user when we are root
set +e
url=$(sh "$ROOT/scripts/pg-test-server.sh" start "$T/pg" 2>"$T/pg.err")
rc=$?
set -e
if [ "$rc" = 3 ]; then
    echo "skipped: PostgreSQL server binaries not installed ($(cat "$T/pg.err"))"
    exit 0
fi
[ "$rc" = 0 ] || fail "cannot start a PostgreSQL server: $(cat "$T/pg.err")"
on_exit "sh '$ROOT/scripts/pg-test-server.sh' stop '$T/pg'"
echo "server: $url"
port=$(cat "$T/pg/port")
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r | head -n 1)
psql=${PG_BINDIR:-$bindir}/psql
[ -x "$psql" ] || psql=psql
sql() { "$psql" -h 127.0.0.1 -p "$port" -U dyad -d dyad -q -c "$1" >/dev/null; }
# more databases in one: a schema each, chosen with the search_path in the URL
schema_url() { sql "CREATE SCHEMA $1"; echo "$url?options=-csearch_path%3D$1"; }

corpus "$T/c" 600 31 0   # no repeated bodies: which copy concurrent writers keep would vary
code "$T/c" | LC_ALL=C sort >"$T/expected"

# round trip
"$DYAD" code --data "$MINI" --db "$url" "$T/c" >"$T/out" 2>"$T/err" || fail "dyad code --db postgresql failed: $(cat "$T/err")"
[ -s "$T/out" ] && fail "dyad code --db wrote to stdout"
dump_mentions "$url" >"$T/m.pg"
same "$T/expected" "$T/m.pg" "dyad code output and the mentions stored in PostgreSQL"
"$DYAD" query --db "$url" --check | grep -q "^ok: postgresql database" || fail "--check on PostgreSQL"
n=$(ndocs "$url")

# idempotent
"$DYAD" code --data "$MINI" --db "$url" "$T/c" 2>"$T/err" || fail "second run failed"
grep -q ": 0 new documents, 0 events stored" "$T/err" || fail "second run stored something: $(cat "$T/err")"
[ "$(ndocs "$url")" = "$n" ] || fail "document count changed on a rerun"

# same aggregates as SQLite (event ids aside: they follow arrival order)
code --db "$T/s.db" "$T/c"
dump_events_noid "$url" >"$T/e.pg"
dump_events_noid "$T/s.db" >"$T/e.sqlite"
same "$T/e.sqlite" "$T/e.pg" "aggregates in SQLite and PostgreSQL"
for args in "--by month --dyad CHN:JPN" "--top actors" "--top dyads" "--by week --format jsonl" \
    "--by day --actor IND --format csv" "--top dyads --quad 4 --format jsonl"; do
    # shellcheck disable=SC2086
    "$DYAD" query --db "$url" $args >"$T/q.pg"
    # shellcheck disable=SC2086
    "$DYAD" query --db "$T/s.db" $args >"$T/q.sqlite"
    same "$T/q.sqlite" "$T/q.pg" "query $args on SQLite and PostgreSQL"
done
# event lists, without the event id and the time added (columns 1 and 20), sorted (mentions
# come in document id order, and ids follow arrival order)
for args in "--actor RUS --from 2024-02-01" "--source Reuters --quad 4" "--text friday --code 19*" \
    "--country IND" "--dyad CHN*:IND --to 2024-02-15" "--mentions --source AP"; do
    # shellcheck disable=SC2086
    "$DYAD" query --db "$url" --format csv $args | cut -d, -f2-19 | LC_ALL=C sort >"$T/q.pg"
    # shellcheck disable=SC2086
    "$DYAD" query --db "$T/s.db" --format csv $args | cut -d, -f2-19 | LC_ALL=C sort >"$T/q.sqlite"
    [ "$(wc -l <"$T/q.pg")" -gt 1 ] || fail "query $args: no rows"
    same "$T/q.sqlite" "$T/q.pg" "query $args on SQLite and PostgreSQL"
done

# several writers at once: three processes, overlapping inputs, one database
url2=$(schema_url w3)
# each file goes to two of the three writers
ls "$T"/c/*.txt | awk -v d="$T" '{ k = NR % 3; print > (d "/list" k); print > (d "/list" ((k + 1) % 3)) }'
writer() {
    xargs sh -c 'd=$0 m=$1 u=$2; shift 2; exec "$d" code -q --data "$m" --db-batch 20 --db "$u" "$@"' \
        "$DYAD" "$MINI" "$url2" <"$1"
}
writer "$T/list0" &
p1=$!
writer "$T/list1" &
p2=$!
writer "$T/list2" &
p3=$!
wait $p1 || fail "writer 1 failed"
wait $p2 || fail "writer 2 failed"
wait $p3 || fail "writer 3 failed"
[ "$(ndocs "$url2")" = "$n" ] || fail "concurrent writers: $(ndocs "$url2") documents, want $n"
dump_mentions "$url2" >"$T/m.pg2"
same "$T/expected" "$T/m.pg2" "mentions written by three concurrent processes"
dump_events_noid "$url2" >"$T/e.pg2"
same "$T/e.sqlite" "$T/e.pg2" "aggregates written by three concurrent processes"

# the store API against PostgreSQL, schema migration included (tests/unit/test_store.c)
if [ -x "${DYAD_BUILD:-$ROOT/build}/tests/test_store" ]; then
    url4=$(schema_url unit)
    (cd "$ROOT" && DYAD_PG_URL=$url4 "${DYAD_BUILD:-$ROOT/build}/tests/test_store") \
        >"$T/unit.log" 2>&1 || { cat "$T/unit.log" >&2; fail "test_store against PostgreSQL"; }
    grep -q "OK.*test_pg" "$T/unit.log" || fail "test_pg did not run"
fi

# a database that is not dyad's is refused
url3=$(schema_url other)
sql "CREATE TABLE other.events (x int)"
set +e
code --db "$url3" "$T/c" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "not a dyad database" "$T/err" || fail "foreign PostgreSQL database: exit $rc, $(cat "$T/err")"
# a database that does not exist
set +e
code --db "$(echo "$url" | sed 's|/dyad$|/nosuchdb|')" "$T/c" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 1 ] && grep -q 'database "nosuchdb" does not exist' "$T/err" || fail "missing database: exit $rc, $(cat "$T/err")"
echo "ok: PostgreSQL round trip, $n documents"
