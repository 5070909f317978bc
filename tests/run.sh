#!/bin/sh
# Run every unit test binary in BUILD/tests and every end-to-end script in tests/e2e.
# Usage: sh tests/run.sh BUILD_DIR. Prints "N passed, N failed" last; exit 1 on any failure.
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DYAD="$ROOT/$BUILD/dyad"
export DYAD_DATA="$ROOT/data"
export DYAD_ROOT="$ROOT"
export DYAD_BUILD="$ROOT/$BUILD"
pass=0
fail=0
failed=""
for t in "$ROOT/$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if (cd "$ROOT" && "$t") > "$ROOT/$BUILD/tests/$name.log" 2>&1; then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        echo "FAIL $name"
        tail -n 30 "$ROOT/$BUILD/tests/$name.log"
    fi
done
mkdir -p "$ROOT/$BUILD/e2e"
for t in "$ROOT"/tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    if (cd "$ROOT" && sh "$t") > "$ROOT/$BUILD/e2e/$name.log" 2>&1; then
        pass=$((pass + 1))
        echo "ok   e2e/$name"
    else
        fail=$((fail + 1))
        failed="$failed e2e/$name"
        echo "FAIL e2e/$name"
        tail -n 30 "$ROOT/$BUILD/e2e/$name.log"
    fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
