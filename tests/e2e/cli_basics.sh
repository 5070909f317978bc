# The CLI's contract: help, version, exit codes, formats, the README example.
. "$(dirname "$0")/lib.inc"

expect_status 0 "$DYAD" --help
expect_grep "code \[PATH" "$TMP/out"
expect_status 0 "$DYAD" code --help
expect_grep "\-\-format" "$TMP/out"
expect_status 0 "$DYAD" --version
expect_grep "^dyad [0-9]" "$TMP/out"
expect_status 2 "$DYAD"
expect_status 2 "$DYAD" nonsense
expect_status 2 "$DYAD" code --format xml
expect_status 2 "$DYAD" code --date 2024-13-40
expect_status 2 "$DYAD" code --no-such-option

# The README example (real dictionaries): one 04x event IND -> JPN dated 2024-02-19.
printf 'Date: 2024-02-20\n\nIndian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Tokyo on Monday.\n' \
    | "$DYAD" code - >"$TMP/ev" 2>"$TMP/err" || fail "code failed: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/ev")" -eq 1 ] || { cat "$TMP/ev"; fail "want exactly one event"; }
python3 - "$TMP/ev" <<'PY' || fail "event fields"
import json, sys
e = json.loads(open(sys.argv[1]).readline())
assert e["source"]["country"] == "IND", e
assert e["target"]["country"] == "JPN", e
assert e["cameo"].startswith("04") and e["root"] == "04", e
assert e["date"] == "2024-02-19", e
for k in ("doc", "sent", "goldstein", "quad", "plover", "evidence", "span"):
    assert k in e, k
PY
expect_grep "1 articles, 1 sentences, 1 events" "$TMP/err"

# --quiet silences the summary; TSV has a header and one row per event.
printf 'Japan condemned North Korea.\n' | "$DYAD" code --data "$MINI" -q --format tsv --date 2024-01-02 - >"$TMP/tsv" 2>"$TMP/err"
[ ! -s "$TMP/err" ] || fail "--quiet printed: $(cat "$TMP/err")"
head -1 "$TMP/tsv" | grep -q "^doc	sent	date" || fail "tsv header"
[ "$(wc -l <"$TMP/tsv")" -eq 2 ] || fail "tsv rows"
grep -q "JPN	JPN	Japan	Japan	PRK" "$TMP/tsv" || fail "tsv content: $(cat "$TMP/tsv")"

# --date applies when the article has no Date: header; the header wins otherwise.
printf 'Japan condemned North Korea on Monday.\n' | "$DYAD" code --data "$MINI" -q --date 2024-02-20 - | grep -q '"date":"2024-02-19"' || fail "--date"
printf 'Date: 2023-05-05\n\nJapan condemned North Korea.\n' | "$DYAD" code --data "$MINI" -q --date 2024-02-20 - | grep -q '"date":"2023-05-05"' || fail "header date"
# An unreadable Date: header is reported with its line.
printf 'Title: x\nDate: someday\n\nJapan condemned North Korea.\n' >"$TMP/baddate.txt"
expect_status 1 "$DYAD" code --data "$MINI" "$TMP/baddate.txt"
expect_grep "baddate.txt:2: unreadable date" "$TMP/err"
expect_grep "PRK" "$TMP/out"
echo ok
