#!/bin/sh
# Regenerate src/ingest/boiler_default.inc (the built-in boilerplate patterns) from
# data/boilerplate.txt. Run from the repository root after editing the data file;
# the unit test test_ingest checks that the two agree.
set -eu
awk 'BEGIN { print "/* generated from data/boilerplate.txt by tools/gen_boiler_default.sh; do not edit */" }
{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "    \"%s\\n\"\n", $0 }' data/boilerplate.txt \
    > src/ingest/boiler_default.inc
