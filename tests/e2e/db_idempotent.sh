#!/bin/sh
# dyad code --db: storing the same documents again adds nothing; the database holds exactly
# what `dyad code` prints; a document is its body (a copy under another name or outlet, or
# with other line breaks, is the same document).
. "$(dirname "$0")/lib/db.sh"

corpus "$T/c" 400 11 0
code "$T/c" | LC_ALL=C sort >"$T/expected.jsonl"
[ -s "$T/expected.jsonl" ] || fail "the corpus codes to no events"

# stdout gets nothing with --db; the summary goes to stderr
"$DYAD" code --data "$MINI" --db "$T/a.sqlite" "$T/c" >"$T/out" 2>"$T/err" || fail "dyad code --db failed: $(cat "$T/err")"
[ -s "$T/out" ] && fail "dyad code --db wrote to stdout"
grep -q "new documents" "$T/err" || fail "no store summary on stderr: $(cat "$T/err")"
check "$T/a.sqlite"

# round trip: the stored event records are exactly the coder's output
dump_mentions "$T/a.sqlite" >"$T/m1"
same "$T/expected.jsonl" "$T/m1" "stored mentions and dyad code output"
dump_events "$T/a.sqlite" >"$T/e1"
n1=$(ndocs "$T/a.sqlite")

# again: nothing added, nothing changed
"$DYAD" code --data "$MINI" --db "$T/a.sqlite" "$T/c" >"$T/out" 2>"$T/err" || fail "second run failed"
grep -q ": 0 new documents, 0 events stored" "$T/err" || fail "second run stored something: $(cat "$T/err")"
dump_mentions "$T/a.sqlite" >"$T/m2"
dump_events "$T/a.sqlite" >"$T/e2"
same "$T/m1" "$T/m2" "mentions after a second run"
same "$T/e1" "$T/e2" "events after a second run"
[ "$(ndocs "$T/a.sqlite")" = "$n1" ] || fail "document count changed"

# the same body under another name, outlet and with other whitespace: not a new document
f=$(ls "$T/c" | head -n 1)
mkdir "$T/copies"
{ printf 'Title: A copy\nDate: 2024-03-30\nSource: Elsewhere\n\n'; awk 'f; /^$/ { f = 1 }' "$T/c/$f" | sed 's/\. /.\n\n/g'; } >"$T/copies/copy.txt"
"$DYAD" code --data "$MINI" --db "$T/a.sqlite" "$T/copies" 2>"$T/err" || fail "copy run failed"
grep -q ": 0 new documents" "$T/err" || fail "a copy of a stored body was stored again: $(cat "$T/err")"

# new documents are added, the old ones untouched; then a rerun of everything adds nothing
corpus "$T/more" 60 12 0
"$DYAD" code -q --data "$MINI" --db "$T/a.sqlite" "$T/more" "$T/c" || fail "run with new documents failed"
n2=$(ndocs "$T/a.sqlite")
[ "$n2" -gt "$n1" ] || fail "new documents were not stored ($n1 -> $n2)"
code "$T/c" "$T/more" | LC_ALL=C sort >"$T/expected2.jsonl"
dump_mentions "$T/a.sqlite" >"$T/m3"
same "$T/expected2.jsonl" "$T/m3" "stored mentions after adding documents"
"$DYAD" code --data "$MINI" --db "$T/a.sqlite" "$T/c" "$T/more" 2>"$T/err" || fail "rerun failed"
grep -q ": 0 new documents" "$T/err" || fail "rerun stored something: $(cat "$T/err")"
check "$T/a.sqlite"

# one database built in one go equals the one built in two steps (aggregates included; event
# ids follow arrival order, so they are left out)
"$DYAD" code -q --data "$MINI" --db "$T/b.sqlite" "$T/more" "$T/c"
dump_events_noid "$T/a.sqlite" >"$T/ea"
dump_events_noid "$T/b.sqlite" >"$T/eb"
same "$T/ea" "$T/eb" "aggregates of a one-step and a two-step build"
echo "ok: $n2 documents, idempotent"
