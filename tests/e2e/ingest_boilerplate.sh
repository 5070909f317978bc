# Scraped text: boilerplate lines removed, related-story lists cut, the opening dateline and a
# closing "Source:" line turned into place/source metadata; the pattern file is user-editable.
. "$(dirname "$0")/lib.inc"
cat >"$TMP/scraped.txt" <<'EOF'
No menu items!
Skip to main content
North Korea fires missile
SEOUL, Feb 20 (Reuters) - North Korea fired a ballistic missile into the sea off its east coast on Tuesday, South Korea's military said, days after Pyongyang warned of "overwhelming" action against joint drills.
- Advertisement -
Share This Post
Japan condemned the launch and said it would lodge a protest through diplomatic channels in Beijing.

Click here to read the full statement
Subscribe to our newsletter for daily updates
We use cookies to ensure that we give you the best experience on our website.
ADVERTISEMENT
The United States called on North Korea to return to talks.
Related Posts
Kim Jong Un inspects new tank factory
South Korea, US begin drills
Source: Yonhap
EOF
expect_status 0 "$DYAD" extract "$TMP/scraped.txt"
python3 - "$TMP/out" <<'PY' || fail "cleaned article"
import json, sys
a = json.loads(open(sys.argv[1]).readline())
body = a["body"]
for junk in ("Advertisement", "ADVERTISEMENT", "Share This", "menu items", "Click here", "newsletter",
             "cookies", "Related Posts", "Kim Jong Un inspects", "Skip to", "(Reuters)", "SEOUL,"):
    assert junk not in body, (junk, body)
assert body.startswith("North Korea fires missile\nNorth Korea fired a ballistic missile"), body
assert "Japan condemned the launch" in body and "called on North Korea to return to talks." in body, body
assert body.endswith("return to talks."), body
assert a["place"] == "Seoul" and a["source"] == "Reuters", a
PY

# a closing Source line alone gives the source; datelines of several wire styles give places
printf 'Japan condemned North Korea on Tuesday.\n\nSource: Kyodo News\n' >"$TMP/src.txt"
printf 'KYIV, Ukraine (AP) \342\200\224 Russia launched a wave of drones overnight, officials said.\n' >"$TMP/ap.txt"
printf 'Paris (AFP) - France called for calm in the region on Tuesday.\n' >"$TMP/afp.txt"
printf 'WASHINGTON \342\200\224 President Joe Biden said on Tuesday that the United States would not send troops to the region.\n' >"$TMP/nyt.txt"
printf 'BREAKING - Earthquake hits Turkey\n\nA strong earthquake hit southern Turkey on Monday.\n' >"$TMP/notdl.txt"
expect_status 0 "$DYAD" extract "$TMP/src.txt" "$TMP/ap.txt" "$TMP/afp.txt" "$TMP/nyt.txt" "$TMP/notdl.txt"
expect_grep '"id":"src",.*"source":"Kyodo News","place":null' "$TMP/out"
expect_grep '"id":"ap",.*"source":"AP","place":"Kyiv, Ukraine".*"body":"Russia launched' "$TMP/out"
expect_grep '"id":"afp",.*"source":"AFP","place":"Paris"' "$TMP/out"
expect_grep '"id":"nyt",.*"source":null,"place":"Washington".*"body":"President Joe Biden' "$TMP/out"
expect_grep '"id":"notdl",.*"place":null.*"body":"BREAKING - Earthquake' "$TMP/out"

# --keep-boilerplate leaves the lines alone
expect_status 0 "$DYAD" extract --keep-boilerplate "$TMP/scraped.txt"
expect_grep 'Advertisement' "$TMP/out"

# a pattern file of one's own (--boilerplate FILE), or boilerplate.txt in the --data directory
cat >"$TMP/pat.txt" <<'EOF'
# my patterns
north korea fires missile
!!south korea, us begin drills
japan condemned*
EOF
expect_status 0 "$DYAD" extract --boilerplate "$TMP/pat.txt" "$TMP/scraped.txt"
grep -q 'North Korea fires missile\\n' "$TMP/out" && fail "custom exact pattern not applied"
grep -q 'Japan condemned' "$TMP/out" && fail "custom prefix pattern not applied"
expect_grep 'Advertisement' "$TMP/out"   # the built-in list is replaced, not extended
mkdir -p "$TMP/data"
cp "$TMP/pat.txt" "$TMP/data/boilerplate.txt"
expect_status 0 "$DYAD" extract --data "$TMP/data" "$TMP/scraped.txt"
grep -q 'Japan condemned' "$TMP/out" && fail "boilerplate.txt in --data not used"
# the shipped data/boilerplate.txt is what is used by default
DYAD_DATA="$DYAD_ROOT/data" "$DYAD" extract "$TMP/scraped.txt" >"$TMP/out1" 2>/dev/null
"$DYAD" extract --boilerplate "$DYAD_ROOT/data/boilerplate.txt" "$TMP/scraped.txt" >"$TMP/out2" 2>/dev/null
cmp "$TMP/out1" "$TMP/out2" || fail "default patterns differ from data/boilerplate.txt"
# a bad pattern file is an error naming the file and line, before any input is read
printf 'ok\n---\n' >"$TMP/bad.txt"
expect_status 1 "$DYAD" extract --boilerplate "$TMP/bad.txt" "$TMP/scraped.txt"
expect_grep "bad.txt:2: pattern is empty" "$TMP/err"
[ ! -s "$TMP/out" ] || fail "input read despite a bad pattern file"
expect_status 1 "$DYAD" code --data "$MINI" --boilerplate "$TMP/missing.txt" "$TMP/scraped.txt"
expect_grep "missing.txt: cannot open" "$TMP/err"
echo ok
