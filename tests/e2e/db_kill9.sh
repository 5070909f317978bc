#!/bin/sh
# Crash safety: `dyad code --db` killed with SIGKILL at random moments leaves a consistent
# database each time (no half document, exact aggregates), and running the same command again
# completes it to exactly what one uninterrupted run gives: the same documents, event records,
# aggregate counts and event ids.
. "$(dirname "$0")/lib/db.sh"

corpus "$T/c" 4000 5
# small transactions, so that kills land between and inside many commits
run() { "$DYAD" code -q --data "$MINI" --db-batch 25 --db "$1" "$T/c"; }

# the reference: one uninterrupted run (with the default, larger transactions), timed, so
# that the kills below land within a run however fast this build is (sanitizers are slow)
t0=$(date +%s.%N)
"$DYAD" code -q --data "$MINI" --db "$T/clean.sqlite" "$T/c" || fail "clean run failed"
t1=$(date +%s.%N)
total=$(ndocs "$T/clean.sqlite")

rand_sleep() { awk -v s="$1" -v a="$t0" -v b="$t1" 'BEGIN { srand(s); printf "%.3f", 0.02 + rand() * (b - a) * 0.4 }'; }
seed=$(date +%s)
i=0
midrun=0
n=0
# kill, check, and run again until 4 kills landed mid-run or the database is complete
while [ "$i" -lt 8 ] && [ "$midrun" -lt 4 ] && [ "$n" != "$total" ]; do
    i=$((i + 1))
    run "$T/k.sqlite" &
    pid=$!
    sleep "$(rand_sleep $((seed + i)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    n=0
    [ -s "$T/k.sqlite" ] && n=$(ndocs "$T/k.sqlite")
    [ "$n" -le "$total" ] || fail "more documents than a clean run"
    [ "$n" -lt "$total" ] && midrun=$((midrun + 1))
    echo "kill $i: $n of $total documents stored, database consistent"
done
[ "$midrun" -ge 2 ] || fail "only $midrun kills landed before the end (the corpus codes too fast?)"

# resume: the same command completes the database
run "$T/k.sqlite" || fail "resumed run failed"
[ "$(ndocs "$T/k.sqlite")" = "$total" ] || fail "resumed: $(ndocs "$T/k.sqlite") documents, clean: $total"
dump_mentions "$T/clean.sqlite" >"$T/m.clean"
dump_mentions "$T/k.sqlite" >"$T/m.k"
same "$T/m.clean" "$T/m.k" "event records of the resumed and the clean database"
dump_events "$T/clean.sqlite" >"$T/e.clean"
dump_events "$T/k.sqlite" >"$T/e.k"
same "$T/e.clean" "$T/e.k" "aggregated events (GDELT export) of the resumed and the clean database"
echo "ok: killed $midrun times mid-run, resumed database equals the clean one ($total documents, $(wc -l <"$T/e.k") events)"
