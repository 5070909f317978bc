#!/bin/sh
# Crash safety: `dyad code --db` killed with SIGKILL at random moments leaves a consistent
# database each time (no half document, exact aggregates), and running the same command again
# completes it to exactly what one uninterrupted run gives: the same documents, event records,
# aggregate counts and event ids.
. "$(dirname "$0")/lib/db.sh"

corpus "$T/c" 4000 5
# small transactions, so that kills land between and inside many commits
run() { "$DYAD" code -q --data "$MINI" --db-batch 25 --db "$1" "$T/c"; }

# the reference: one uninterrupted run (with the default, larger transactions)
"$DYAD" code -q --data "$MINI" --db "$T/clean.sqlite" "$T/c" || fail "clean run failed"
total=$(ndocs "$T/clean.sqlite")

# Four kills, each once a random number of further documents is stored (kill_at.py watches
# the database, so the kills land mid-run however fast or slow this build is); after each,
# the database must be consistent and hold no more than a clean run.
seed=$(date +%s)
n=0
for i in 1 2 3 4; do
    target=$(awk -v s=$((seed + i)) -v n="$n" -v t="$total" 'BEGIN { srand(s); printf "%d", n + 1 + rand() * (t - n) / 3 }')
    seen=$(python3 "$ROOT/tests/e2e/lib/kill_at.py" "$T/k.sqlite" "$target" \
        "$DYAD" code -q --data "$MINI" --db-batch 25 --db "$T/k.sqlite" "$T/c")
    n=$(ndocs "$T/k.sqlite")
    [ "$n" -le "$total" ] || fail "more documents than a clean run"
    [ "$seen" != done ] || fail "kill $i: the run ended before $target documents were stored"
    [ "$n" -lt "$total" ] || fail "kill $i: the run was complete when killed"
    echo "kill $i at $seen documents: $n of $total stored, database consistent"
done

# resume: the same command completes the database
run "$T/k.sqlite" || fail "resumed run failed"
[ "$(ndocs "$T/k.sqlite")" = "$total" ] || fail "resumed: $(ndocs "$T/k.sqlite") documents, clean: $total"
dump_mentions "$T/clean.sqlite" >"$T/m.clean"
dump_mentions "$T/k.sqlite" >"$T/m.k"
same "$T/m.clean" "$T/m.k" "event records of the resumed and the clean database"
dump_events "$T/clean.sqlite" >"$T/e.clean"
dump_events "$T/k.sqlite" >"$T/e.k"
same "$T/e.clean" "$T/e.k" "aggregated events (GDELT export) of the resumed and the clean database"
echo "ok: killed 4 times mid-run, resumed database equals the clean one ($total documents, $(wc -l <"$T/e.k") events)"
