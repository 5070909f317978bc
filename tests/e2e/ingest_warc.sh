# WARC input: a file written here record by record (warcinfo, request, metadata, redirects,
# images, a malformed record, HTML responses, a WET conversion record, a French page, a
# duplicate), plain and as .warc.gz with one gzip member per record (as Common Crawl does),
# through dyad extract and dyad code.
. "$(dirname "$0")/lib.inc"
W="$TMP/w"
mkdir -p "$W"
n=0
# rec TYPE URI CONTENT-TYPE PAYLOAD-FILE [CONTENT-LENGTH|none]: append one record to $TMP/t.warc
# and keep it as its own file for the per-record gzip version.
rec() {
    n=$((n + 1))
    len=${5:-$(wc -c <"$4")}
    {
        printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n' "$1" "$n"
        [ -n "$2" ] && printf 'WARC-Target-URI: %s\r\n' "$2"
        printf 'Content-Type: %s\r\n' "$3"
        [ "$len" != none ] && printf 'Content-Length: %s\r\n' "$len"
        printf '\r\n'
        cat "$4"
        printf '\r\n\r\n'
    } >"$W/r$(printf %03d $n)"
    cat "$W/r$(printf %03d $n)" >>"$TMP/t.warc"
}
offset() { wc -c <"$TMP/t.warc" | tr -d ' '; }
# page N SUBJECT OBJECT: an HTTP response with an English news page
page() {
    body="<!DOCTYPE html><html lang=\"en\"><head><title>Story $1</title><meta property=\"og:site_name\" content=\"Wire\"></head><body><nav>Home | World</nav><article><h1>Story $1</h1><p>TOKYO (Wire) - $2 condemned $3 on Monday after the missile launch, officials said in statement number $1.</p><p>- Advertisement -</p><p>The ministry said it would raise the matter at the United Nations, according to a spokesman.</p></article></body></html>"
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %s\r\n\r\n%s' "${#body}" "$body"
}
: >"$TMP/t.warc"
printf 'software: test\r\nformat: WARC File Format 1.0\r\n' >"$W/p"; rec warcinfo "" application/warc-fields "$W/p"
printf 'GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n' >"$W/p"; rec request https://a.example/1 "application/http; msgtype=request" "$W/p"
page 1 Japan "North Korea" >"$W/p"; rec response https://a.example/1 "application/http; msgtype=response" "$W/p"
printf 'fetchTimeMs: 12\r\n' >"$W/p"; rec metadata https://a.example/1 application/warc-fields "$W/p"
printf 'HTTP/1.1 301 Moved Permanently\r\nLocation: https://a.example/2b\r\nContent-Type: text/html\r\n\r\n<html>moved</html>' >"$W/p"
rec response https://a.example/2 "application/http; msgtype=response" "$W/p"
printf 'HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\377\330\377\340binary' >"$W/p"; rec response https://a.example/3.jpg "application/http; msgtype=response" "$W/p"
bad=$(offset)
page 4 China Japan >"$W/p"; rec response https://a.example/4 "application/http; msgtype=response" "$W/p" none
page 5 "North Korea" Japan >"$W/p"; rec response https://a.example/5 "application/http; msgtype=response" "$W/p"
printf 'SEOUL (Yonhap) - Japan criticized North Korea on Tuesday, the foreign ministry said in a statement.\n' >"$W/p"
rec conversion https://a.example/6 text/plain "$W/p"
body='<html lang="fr"><body><article><p>Le gouvernement japonais a condamné mardi le tir de missile nord-coréen, selon un communiqué du ministère des Affaires étrangères publié à Tokyo.</p></article></body></html>'
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n%s' "$body" >"$W/p"; rec response https://a.example/fr "application/http; msgtype=response" "$W/p"
page 1 Japan "North Korea" >"$W/p"; rec response https://mirror.example/1 "application/http; msgtype=response" "$W/p"
short=$(offset)
page 8 Japan China >"$W/p"; rec response https://a.example/8 "application/http; msgtype=response" "$W/p" 100
page 9 China "North Korea" >"$W/p"; rec response https://a.example/9 "application/http; msgtype=response" "$W/p"

expect_status 1 "$DYAD" extract -v "$TMP/t.warc"
expect_grep "t.warc: record at byte $bad: no Content-Length; skipped" "$TMP/err"
expect_grep "t.warc: record at byte $short: no blank line after its 100-byte payload" "$TMP/err"
expect_grep "language fr; skipped" "$TMP/err"
expect_grep "duplicate of an earlier article; skipped" "$TMP/err"
expect_grep "4 articles, 0 skipped, 1 non-English, 1 duplicates, 2 errors" "$TMP/err"
python3 - "$TMP/out" <<'PY' || fail "WARC articles"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["url"] for r in rows] == ["https://a.example/1", "https://a.example/5", "https://a.example/6",
                                     "https://a.example/9"], [r["url"] for r in rows]
a = rows[0]
assert a["id"].startswith("t@") and a["title"] == "Story 1" and a["place"] == "Tokyo", a
assert a["source"] == "Wire", a
assert "Advertisement" not in a["body"] and a["body"].startswith("Japan condemned North Korea"), a["body"]
assert rows[2]["source"] == "Yonhap" and rows[2]["place"] == "Seoul", rows[2]
PY

# the same records, one gzip member each, and the whole file gzipped at once
for f in "$W"/r*; do gzip -c "$f"; done >"$TMP/t2.warc.gz"
gzip -c "$TMP/t.warc" >"$TMP/t3.warc.gz"
for f in t2.warc.gz t3.warc.gz; do
    expect_status 1 "$DYAD" extract "$TMP/$f"
    expect_grep "4 articles, 0 skipped, 1 non-English, 1 duplicates, 2 errors" "$TMP/err"
    expect_grep "record at byte $bad: no Content-Length" "$TMP/err"
done
# from stdin, recognised by its first line
expect_status 1 sh -c "cat '$TMP/t2.warc.gz' | '$DYAD' extract -"
expect_grep "4 articles" "$TMP/err"

# a truncated .warc.gz: the records before the cut, then an error naming the file
size=$(wc -c <"$TMP/t2.warc.gz")
head -c $((size - 300)) "$TMP/t2.warc.gz" >"$TMP/cut.warc.gz"
expect_status 1 "$DYAD" extract "$TMP/cut.warc.gz"
expect_grep "cut.warc.gz: .*truncated" "$TMP/err"
expect_grep "https://a.example/5" "$TMP/out"

# not a WARC at all, but named like one
printf 'hello\nworld\n' >"$TMP/no.warc"
expect_status 1 "$DYAD" extract "$TMP/no.warc"
expect_grep "no.warc: record at byte 0: no \"WARC/\" version line (is this a WARC file?)" "$TMP/err"

# dyad code on the WARC: events with the page's url and outlet
expect_status 1 "$DYAD" code --data "$MINI" --date 2024-02-20 "$TMP/t.warc"
expect_grep '"cameo":"111"' "$TMP/out"
expect_grep '"url":"https://a.example/1"' "$TMP/out"
expect_grep "4 articles, .* 1 non-English, 1 duplicates, 2 errors" "$TMP/err"
echo ok
