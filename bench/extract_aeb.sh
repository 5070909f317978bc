#!/bin/sh
# extract_aeb.sh - runs the HTML extraction benchmark (article-extraction-benchmark set).
#
# usage: sh bench/extract_aeb.sh BENCH_BINARY [OUT_DIR]
#
# BENCH_BINARY is the built bench/bench_extract program (this script builds
# nothing).  The page set is looked up relative to the repository root as
# ../shared/eval/aeb (html/*.html.gz, ground-truth.json, score_aeb.py).  When
# it is absent the script prints "skipped" and exits 0.
# Writes OUT_DIR/pred.json (default: a temporary directory) and prints the
# throughput line of bench_extract and the scorer's F1 / precision / recall.
# Set AEB_ROUNDS=N to extract every page N times for steadier timings.
# POSIX sh (the Makefile runs it with sh).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
aeb="$root/../shared/eval/aeb"

if [ $# -lt 1 ]; then
    echo "usage: $0 BENCH_BINARY [OUT_DIR]" >&2
    exit 2
fi
bin=$1
if [ ! -d "$aeb/html" ] || [ ! -f "$aeb/ground-truth.json" ] || [ ! -f "$aeb/score_aeb.py" ]; then
    echo "extract_aeb: skipped (no benchmark set at ../shared/eval/aeb)"
    exit 0
fi
if [ ! -x "$bin" ]; then
    echo "extract_aeb: $bin is not an executable (build bench/bench_extract first)" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "extract_aeb: skipped (python3 is needed for the scorer)"
    exit 0
fi

if [ $# -ge 2 ]; then
    out=$2
    mkdir -p "$out"
else
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi

set -- "$aeb"/html/*.html.gz
if [ ! -f "$1" ]; then
    echo "extract_aeb: skipped (no pages in $aeb/html)"
    exit 0
fi

"$bin" -r "${AEB_ROUNDS:-1}" -o "$out/pred.json" "$@"
python3 "$aeb/score_aeb.py" "$aeb/ground-truth.json" "$out/pred.json"
