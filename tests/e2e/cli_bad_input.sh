# Bad input never crashes or hangs: each case gives a clear result or a path-naming error.
. "$(dirname "$0")/lib.inc"
D="$DYAD code --data $MINI --date 2024-02-20"

# Invalid UTF-8: repaired, reported, still coded, exit 1.
printf 'Japan condemned \377\376 North Korea.\n' >"$TMP/bad_utf8.txt"
expect_status 1 $D "$TMP/bad_utf8.txt"
expect_grep "bad_utf8.txt:1: 2 invalid UTF-8 bytes" "$TMP/err"
expect_grep '"cameo":"111"' "$TMP/out"

# Empty file: skipped with a note, exit 0.
: >"$TMP/empty.txt"
expect_status 0 $D "$TMP/empty.txt"
expect_grep "empty.txt: empty file, skipped" "$TMP/err"
expect_grep "0 articles" "$TMP/err"

# A NUL byte in text: replaced and reported.
printf 'Japan condemned\000 North Korea.\n' >"$TMP/nul.txt"
expect_status 1 $D "$TMP/nul.txt"
expect_grep "nul.txt:1: 1 NUL byte replaced" "$TMP/err"
expect_grep '"cameo":"111"' "$TMP/out"

# Binary junk: refused with a clear message.
head -c 20000 /dev/urandom >"$TMP/junk.txt"
expect_status 1 $D "$TMP/junk.txt"
expect_grep "junk.txt: binary data" "$TMP/err"

# 50 MB with no newline: finishes (bounded sentences), no crash.
python3 -c "
import sys
chunk = 'Japan condemned North Korea and China criticized Japan '
sys.stdout.write(chunk * (50 * 1024 * 1024 // len(chunk)))" >"$TMP/big.txt"
start=$(date +%s)
timeout 400 $D -q "$TMP/big.txt" >"$TMP/big.out" 2>"$TMP/err" || fail "50 MB file: exit $? $(cat "$TMP/err")"
[ -s "$TMP/big.out" ] || fail "50 MB file: no events"
echo "50 MB single line: $(( $(date +%s) - start )) s"

# A directory of 1,000 files, recursive, plus an unreadable entry: the rest is coded.
mkdir -p "$TMP/many/sub"
i=0
while [ $i -lt 1000 ]; do
    printf 'Japan condemned North Korea. File %d.\n' $i >"$TMP/many/sub/a$i.txt"   # distinct: duplicates are coded once
    i=$((i + 1))
done
mkdir "$TMP/many/unreadable.txt"   # a directory named like an article: cannot be read as one
printf 'x' >"$TMP/many/sub/ignored.bin"
expect_status 0 $D "$TMP/many"
expect_grep "1000 articles" "$TMP/err"
[ "$(wc -l <"$TMP/out")" -eq 1000 ] || fail "want 1000 events"

# An unreadable file named on the command line: error naming it, other inputs still coded.
printf 'Japan condemned North Korea.\n' >"$TMP/ok.txt"
expect_status 1 $D "$TMP/missing.txt" "$TMP/ok.txt"
expect_grep "missing.txt: No such file" "$TMP/err"
expect_grep '"cameo":"111"' "$TMP/out"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    chmod 000 "$TMP/ok.txt"
    chmod 755 "$TMP"
    setpriv --reuid=65534 --regid=65534 --clear-groups $D "$TMP/ok.txt" >"$TMP/out" 2>"$TMP/err"
    [ $? -eq 1 ] || fail "unreadable file should exit 1"
    expect_grep "ok.txt: Permission denied" "$TMP/err"
elif [ "$(id -u)" != 0 ]; then
    chmod 000 "$TMP/ok.txt"
    expect_status 1 $D "$TMP/ok.txt"
    expect_grep "Permission denied" "$TMP/err"
fi

# A closed stdout (EPIPE) is an error, not a crash.
$D "$TMP/many" 2>"$TMP/err" | head -1 >/dev/null
echo ok
