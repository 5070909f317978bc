# --threads N gives output identical to one thread, in the same order.
. "$(dirname "$0")/lib.inc"
GEN="${DYAD_BUILD:-$DYAD_ROOT/build}/bench/gen_corpus"
[ -x "$GEN" ] || fail "missing $GEN (make builds bench/gen_corpus)"
"$GEN" "$TMP/corpus" 300 30 7 || fail "generator"
"$DYAD" code --data "$MINI" -q -j 1 "$TMP/corpus" >"$TMP/one" || fail "1 thread"
"$DYAD" code --data "$MINI" -q -j 3 "$TMP/corpus" >"$TMP/three" || fail "3 threads"
"$DYAD" code --data "$MINI" -q --threads 8 --format tsv "$TMP/corpus" >"$TMP/eight" || fail "8 threads"
"$DYAD" code --data "$MINI" -q --format tsv "$TMP/corpus" >"$TMP/eight1" || fail "tsv 1 thread"
[ -s "$TMP/one" ] || fail "no events"
cmp "$TMP/one" "$TMP/three" || fail "3 threads differ from 1"
cmp "$TMP/eight" "$TMP/eight1" || fail "8 threads differ from 1 (tsv)"
expect_status 2 "$DYAD" code -j 0
echo ok
