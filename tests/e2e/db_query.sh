#!/bin/sh
# dyad query: every filter, every output format (table, csv, jsonl, the 61 GDELT columns),
# time series and top lists, over a small database whose content is known.
. "$(dirname "$0")/lib/db.sh"

mkdir "$T/c"
art() { printf 'Title: %s\nDate: %s\nSource: %s\nURL: https://news.example/%s\n\n%s\n' "$1" "$2" "$3" "$1" "$4" >"$T/c/$1.txt"; }
art q1 2024-02-21 Reuters "China condemned Japan on Monday. The United States met Russia in Geneva."
art q2 2024-03-05 AP "Russia accused Ukraine on Monday. Russian forces attacked Ukraine."
art q3 2024-01-10 Kyodo "Japan met China in Tokyo."
art q4 2024-02-22 AP "China condemned Japan on Monday, officials said."
db=$T/q.sqlite
code --db "$db" "$T/c" || fail "dyad code --db failed"
q() { "$DYAD" query --db "$db" "$@"; }
# rows FILTERS...: number of aggregated events matching
rows() { q --format gdelt "$@" | wc -l | tr -d ' '; }
expect() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

# the aggregate: China condemned Japan on Monday 2024-02-19 in two articles from two outlets
expect "all events" "$(rows)" 5
q --format gdelt >"$T/g"
awk -F '\t' 'NF != 61 { print "line " NR ": " NF " columns"; bad = 1 } END { exit bad }' "$T/g" || fail "GDELT rows must have 61 columns"
line=$(awk -F '\t' '$6 == "CHN" && $16 == "JPN"' "$T/g")
f() { printf '%s\n' "$line" | cut -f "$1"; }
expect SQLDATE "$(f 2)" 20240219
expect MonthYear "$(f 3)" 202402
expect Year "$(f 4)" 2024
expect Actor1Name "$(f 7)" China
expect Actor1CountryCode "$(f 8)" CHN
expect IsRootEvent "$(f 26)" 1
expect EventCode "$(f 27)" 111
expect EventBaseCode "$(f 28)" 111
expect EventRootCode "$(f 29)" 11
expect QuadClass "$(f 30)" 3
expect GoldsteinScale "$(f 31)" -2.0
expect NumMentions "$(f 32)" 2
expect NumSources "$(f 33)" 2
expect NumArticles "$(f 34)" 2
expect AvgTone "$(f 35)" ""
expect DATEADDED "$(f 60 | tr -c -d '0-9' | wc -c | tr -d ' ')" 14
expect SOURCEURL "$(f 61)" https://news.example/q1   # the earliest published article
line=$(awk -F '\t' '$6 == "JPN"' "$T/g")
expect ActionGeo_FullName "$(f 53)" Tokyo
expect ActionGeo_CountryCode "$(f 54)" JPN
line=$(awk -F '\t' '$6 == "RUSMIL"' "$T/g")
expect Actor1Type1Code "$(f 13)" MIL
expect EventRootCode "$(f 29)" 19

# filters
expect "--actor CHN" "$(rows --actor CHN)" 2
expect "--actor RU*" "$(rows --actor 'RU*')" 3
expect "--dyad USA:RUS" "$(rows --dyad USA:RUS)" 1
expect "--dyad :UKR" "$(rows --dyad :UKR)" 2
expect "--dyad RUS*:" "$(rows --dyad 'RUS*:')" 2
expect "--code 040" "$(rows --code 040)" 2
expect "--code 11*" "$(rows --code '11*')" 2
expect "--root 19" "$(rows --root 19)" 1
expect "--quad 1" "$(rows --quad 1)" 2
expect "--from --to" "$(rows --from 2024-02-01 --to 2024-02-29)" 2
expect "--to" "$(rows --to 2024-01-31)" 1
expect "--country UKR" "$(rows --country UKR)" 2
expect "--source Kyodo" "$(rows --source Kyodo)" 1
expect "--source AP" "$(rows --source AP)" 3
expect "--text geneva" "$(rows --text geneva)" 1
expect "--text 100%" "$(rows --text '100%')" 0
expect "--limit 2" "$(rows --limit 2)" 2
expect "combined" "$(rows --actor CHN --source AP --quad 3)" 1
expect "SQL in a value" "$(rows --actor "CHN' OR 1=1 --")" 0

# formats
q >"$T/table"
head -n 1 "$T/table" | grep -q '^ID  *DATE  *SOURCE_CODE  *TARGET_CODE  *CAMEO' || fail "table header: $(head -n 1 "$T/table")"
expect "table rows" "$(wc -l <"$T/table" | tr -d ' ')" 6
q --format csv >"$T/csv"
expect "csv header" "$(head -n 1 "$T/csv")" "id,date,source_code,source_name,source_country,target_code,target_name,target_country,cameo,root,quad,goldstein,num_mentions,num_sources,num_articles,min_sent,location_name,location_country,url,first_added"
grep -q ',2024-02-19,CHN,China,CHN,JPN,Japan,JPN,111,11,3,-2.0,2,2,2,0,,,https://news.example/q1,' "$T/csv" || fail "csv row: $(cat "$T/csv")"
q --format jsonl --actor CHN --dyad CHN:JPN >"$T/jsonl"
grep -q '"cameo":"111".*"num_mentions":2,"num_sources":2,"num_articles":2' "$T/jsonl" || fail "jsonl: $(cat "$T/jsonl")"

# the event records: exactly what dyad code prints
code "$T/c" | LC_ALL=C sort >"$T/expected"
q --mentions --format jsonl | LC_ALL=C sort >"$T/got"
same "$T/expected" "$T/got" "dyad code output and stored mentions"
expect "mentions of one event" "$(q --mentions --format jsonl --dyad CHN:JPN --code 111 | wc -l | tr -d ' ')" 2
expect "mentions from one outlet" "$(q --mentions --format csv --source AP | tail -n +2 | wc -l | tr -d ' ')" 3
q --mentions >"$T/mt"
head -n 1 "$T/mt" | grep -q '^DOC  *SENT  *DATE' || fail "mentions table: $(head -n 1 "$T/mt")"

# time series and top lists
expect "--by month" "$(q --by month --dyad RUS:UKR --format csv | tail -n +2)" "2024-03,RUS,UKR,1,-2.00"
expect "--by week" "$(q --by week --dyad CHN:JPN --format csv | tail -n +2)" "2024-02-19,CHN,JPN,1,-2.00"
expect "--by day rows" "$(q --by day --format csv | tail -n +2 | wc -l | tr -d ' ')" 5
q --by day --format jsonl --dyad USA:RUS | grep -q '"period":"2024-02-21","source_code":"USA","target_code":"RUS","events":1,"mean_goldstein":1.00' \
    || fail "--by day jsonl: $(q --by day --format jsonl --dyad USA:RUS)"
expect "--top actors" "$(q --top actors --limit 1 --format csv | tail -n +2)" "CHN,2,3"
expect "--top dyads" "$(q --top dyads --limit 1 --format csv | tail -n +2)" "CHN,JPN,1,2"
expect "--top actors (default 10)" "$(q --top actors --format csv | tail -n +2 | wc -l | tr -d ' ')" 6

# DYAD_DB instead of --db; --check
DYAD_DB=$db "$DYAD" query --format csv >/dev/null || fail "DYAD_DB not used"
q --check | grep -q '^ok: sqlite database, schema version [0-9]*: 4 documents' || fail "--check: $(q --check)"

# usage errors: exit 2
usage() {
    set +e
    "$DYAD" query "$@" >/dev/null 2>"$T/uerr"
    rc=$?
    set -e
    [ "$rc" = 2 ] || fail "dyad query $*: exit $rc, want 2"
}
usage --db "$db" --quad 5
usage --db "$db" --from 2024-13-01
usage --db "$db" --by year
usage --db "$db" --top countries
usage --db "$db" --format xml
usage --db "$db" --format gdelt --by day
usage --db "$db" --mentions --top actors
usage --db "$db" --dyad USA
usage --db "$db" --root 4
usage --db "$db" --by day --top dyads
(unset DYAD_DB; usage --format csv)
echo "ok: query filters and formats"
