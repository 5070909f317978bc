# Quality gates on the gold sets (tests/gold, format in docs/gold.md) and a clean dictionary.
. "$(dirname "$0")/lib.inc"
"$DYAD" dict check >"$TMP/dict.txt" 2>&1 || { cat "$TMP/dict.txt"; fail "dyad dict check found problems"; }

# Actors: at least 95% of the gold mentions get the right code (issue: actors).
"$DYAD" eval actors -q --min 0.95 "$DYAD_ROOT/tests/gold/actors.jsonl" >"$TMP/actors.txt" 2>&1 \
    || { cat "$TMP/actors.txt"; fail "actor accuracy below 0.95"; }
tail -1 "$TMP/actors.txt"

# Events: F1 at (source country, target country, root) must stay at 0.85 or above.
MIN_F1=${DYAD_MIN_EVENT_F1:-0.85}
"$DYAD" eval events -q --min "$MIN_F1" "$DYAD_ROOT/tests/gold/events.jsonl" >"$TMP/events.txt" 2>&1 \
    || { cat "$TMP/events.txt"; fail "event F1 below $MIN_F1"; }
grep "(source, target" "$TMP/events.txt"

# The fresh set (written after the engine, see docs/gold.md) must not fall back either.
MIN_FRESH=${DYAD_MIN_FRESH_F1:-0.60}
"$DYAD" eval events -q --min "$MIN_FRESH" "$DYAD_ROOT/tests/gold/fresh/events.jsonl" >"$TMP/fresh.txt" 2>&1 \
    || { cat "$TMP/fresh.txt"; fail "fresh-set event F1 below $MIN_FRESH"; }
grep "(source, target, root)" "$TMP/fresh.txt" | sed 's/^/fresh: /'
echo ok
