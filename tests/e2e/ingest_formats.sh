# Ingestion formats through the CLI: dyad extract and dyad code on text, HTML, JSONL (good and
# bad lines, custom field names), gzip and zstd, a truncated .gz, binary junk, stdin, directories.
. "$(dirname "$0")/lib.inc"
X="$DYAD extract"
C="$DYAD code --data $MINI --date 2024-02-20"

expect_status 0 $DYAD --help
expect_grep "extract \[PATH" "$TMP/out"
expect_status 0 $X --help
expect_grep "jsonl-text" "$TMP/out"
expect_status 2 $X --input-format xml
expect_status 2 $X --field nosuch=x
expect_status 2 $X --lang 'e n'

# --- JSONL: good and bad lines; the bad ones reported as path:LINE, the others still read
cat >"$TMP/n.jsonl" <<'EOF'
{"text": "Japan condemned North Korea on Monday after the missile launch, officials in Tokyo said.", "title": "Launch", "date": "2024-02-19", "url": "https://x.example/1", "source": "Kyodo"}
{"text": "unterminated
[1, 2, 3]
{"title": "no text field"}
{"html": "<html><body><article><p>China criticized Japan on Tuesday over its plans to release water from the plant, the foreign ministry in Beijing said.</p></article></body></html>", "date": 1708387200}

{"text": 17}
{"text": "North Korea accused Japan of provocations at sea on Wednesday, state media said in a statement.", "id": "nk-3"}
EOF
expect_status 1 $X "$TMP/n.jsonl"
expect_grep "n.jsonl:2: bad JSON" "$TMP/err"
expect_grep "n.jsonl:3: not a JSON object" "$TMP/err"
expect_grep 'n.jsonl:4: no "text,body" or "html" field' "$TMP/err"
expect_grep 'n.jsonl:7: field "text" is not a string' "$TMP/err"
expect_grep "3 articles, 0 skipped, 0 non-English, 0 duplicates, 4 errors" "$TMP/err"
[ "$(wc -l <"$TMP/out")" -eq 3 ] || fail "want 3 JSONL articles"
python3 - "$TMP/out" <<'PY' || fail "extract fields"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows:
    assert set(r) >= {"id", "path", "url", "title", "date", "author", "source", "language", "body"}, r
a, b, c = rows
assert a["id"] == "n:1" and a["title"] == "Launch" and a["date"] == "2024-02-19", a
assert a["url"] == "https://x.example/1" and a["source"] == "Kyodo" and a["language"] == "en", a
assert b["id"] == "n:5" and b["date"] == "2024-02-20" and "China criticized Japan" in b["body"], b
assert c["id"] == "nk-3", c
PY
# dyad code reads the same file the same way: events carry url and outlet
expect_status 1 $C "$TMP/n.jsonl"
expect_grep '"doc":"n:1"' "$TMP/out"
expect_grep '"url":"https://x.example/1"' "$TMP/out"
expect_grep '"outlet":"Kyodo"' "$TMP/out"
expect_grep "n.jsonl:2: bad JSON" "$TMP/err"

# --- custom field names (--jsonl-FIELD and --field FIELD=NAME), alternatives and nested fields
cat >"$TMP/c.ndjson" <<'EOF'
{"content": "Japan condemned North Korea after the test.", "published": "2024-03-01", "headline": "H1", "meta": {"link": "https://c/1"}}
{"body": "North Korea criticized Japan over the drills.", "published": "March 2, 2024"}
EOF
expect_status 0 $X --jsonl-text content,body --jsonl-date published --field title=headline --field url=meta.link "$TMP/c.ndjson"
expect_grep '"id":"c:1","path":"[^"]*c.ndjson","url":"https://c/1","title":"H1","date":"2024-03-01"' "$TMP/out"
expect_grep '"date":"2024-03-02"' "$TMP/out"
expect_status 0 $C --jsonl-text content,body --jsonl-date published "$TMP/c.ndjson"
expect_grep '"date":"2024-03-01"' "$TMP/out"
# the output of dyad extract is itself JSONL dyad can read again (body field)
$X -q "$TMP/n.jsonl" >"$TMP/again.jsonl" 2>/dev/null
expect_status 0 $X "$TMP/again.jsonl"
expect_grep "3 articles" "$TMP/err"

# --- compressed inputs; a truncated .gz is an error naming the file; binary junk is refused
printf 'Title: Gz\n\nJapan condemned North Korea in a gzip file.\n' | gzip >"$TMP/g.txt.gz"
gzip -c "$TMP/n.jsonl" >"$TMP/n2.jsonl.gz"
expect_status 1 $X "$TMP/g.txt.gz" "$TMP/n2.jsonl.gz"
expect_grep '"id":"g",.*"title":"Gz"' "$TMP/out"
expect_grep '"id":"n2:5"' "$TMP/out"
if command -v zstd >/dev/null 2>&1; then
    printf 'Japan condemned North Korea in a zstd file.\n' | zstd -q >"$TMP/z.txt.zst"
    expect_status 0 $X "$TMP/z.txt.zst"
    expect_grep '"id":"z",.*zstd file' "$TMP/out"
fi
python3 -c "
import random, sys
random.seed(1)
s = ' '.join('Japan condemned North Korea %d.' % i for i in range(20000)).encode()
sys.stdout.buffer.write(s)" | gzip >"$TMP/full.txt.gz"
head -c 30000 "$TMP/full.txt.gz" >"$TMP/cut.txt.gz"
expect_status 1 $X "$TMP/cut.txt.gz"
expect_grep "cut.txt.gz: truncated gzip data" "$TMP/err"
head -c 30000 "$TMP/full.txt.gz" >"$TMP/cut.jsonl.gz"
expect_status 1 $X "$TMP/cut.jsonl.gz"
expect_grep "cut.jsonl.gz:1: truncated gzip data" "$TMP/err"
head -c 30000 /dev/urandom >"$TMP/junk.txt"
cp "$TMP/junk.txt" "$TMP/junk.jsonl"
cp "$TMP/junk.txt" "$TMP/junk.html"
head -c 30000 /dev/urandom | gzip >"$TMP/junk.txt.gz"
expect_status 1 $X "$TMP/junk.txt" "$TMP/junk.jsonl" "$TMP/junk.txt.gz" "$TMP/n.jsonl"
expect_grep "junk.txt: binary data" "$TMP/err"
expect_grep "junk.jsonl: binary data" "$TMP/err"
expect_grep "junk.txt.gz: binary data" "$TMP/err"
expect_grep "3 articles" "$TMP/err"
$X "$TMP/junk.html" >/dev/null 2>&1
[ $? -le 1 ] || fail "junk.html crashed"

# --- stdin: text, HTML, JSONL and WARC are recognised by their content
printf 'Japan condemned North Korea from stdin.\n' | $X >"$TMP/out" 2>"$TMP/err" || fail "stdin text"
expect_grep '"id":"stdin","path":"-"' "$TMP/out"
printf '<!DOCTYPE html><html lang="en"><head><title>S</title></head><body><article><p>China criticized Japan on Tuesday over its plans, the foreign ministry in Beijing said in a statement.</p></article></body></html>' \
    | $X - >"$TMP/out" 2>"$TMP/err" || fail "stdin html"
expect_grep '"title":"S"' "$TMP/out"
cat "$TMP/c.ndjson" | $X --jsonl-text content,body - >"$TMP/out" 2>"$TMP/err" || fail "stdin jsonl"
expect_grep '"id":"stdin:2"' "$TMP/out"
printf 'Plain text that starts with a brace is text when forced.\n' | $X --input-format text - >"$TMP/out" 2>&1 || fail "forced text"

# --- directories: recursive, every known extension, sorted, hidden and unknown files ignored
mkdir -p "$TMP/d/sub/deeper"
cp "$TMP/n.jsonl" "$TMP/d/sub/a.jsonl"
cp "$TMP/g.txt.gz" "$TMP/d/b.txt.gz"
printf '<html><body><article><p>Japan condemned North Korea on Monday, the foreign ministry in Tokyo said in a statement.</p></article></body></html>' >"$TMP/d/sub/deeper/p.htm"
printf 'Japan condemned North Korea, a hidden file said.\n' >"$TMP/d/.hidden.txt"
printf 'not read\n' >"$TMP/d/notes.md"
expect_status 1 $X "$TMP/d"
[ "$(wc -l <"$TMP/out")" -eq 5 ] || { cat "$TMP/out"; fail "want 5 articles from the directory"; }
head -1 "$TMP/out" | grep -q '"id":"b"' || fail "directory order"
tail -1 "$TMP/out" | grep -q '"id":"p"' || fail "directory order (last)"
expect_grep "5 articles" "$TMP/err"
echo ok
