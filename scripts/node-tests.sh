#!/usr/bin/env bash
# node --test ARGS... with the spec reporter, then a failure unless tests ran: `node --test` on a
# folder with no test file exits 0, and a file that defines no test counts as one passing test
# (named by its path). So this fails when no test ran, and names each file that defines none.
# Used by scripts/test.sh for every browser stage (tests/browser/, tests/engines/core-set-*.mjs).
set -uo pipefail
tap="$(mktemp)"
trap 'rm -f "$tap"' EXIT
rc=0
node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@" || rc=$?
count() { sed -n "s/^# $1 \([0-9][0-9]*\)\$/\1/p" "$tap" | tail -n 1; }
tests="$(count tests)" pass="$(count pass)" fail="$(count fail)" skipped="$(count skipped)" todo="$(count todo)"
# A file that defines no test: a top-level result named by the file's path.
empty="$(sed -n 's|^\(not \)\{0,1\}ok [0-9][0-9]* - \(/.*\.[cm]\{0,1\}js\)$|\2|p' "$tap")"
passed=$((${pass:-0} - $(printf '%s' "$empty" | grep -c .)))
ran=$((passed + ${fail:-0}))
echo "[node-tests] $passed passed, ${fail:-0} failed, ${skipped:-0} skipped, ${todo:-0} todo, of ${tests:-0} (node --test exit $rc): $*"
if [ -n "$empty" ]; then
    echo "[node-tests] FAIL: these test files define no test:" >&2
    printf '%s\n' "$empty" | sed 's/^/  /' >&2
    rc=1
fi
if [ "$ran" -le 0 ]; then
    echo "[node-tests] FAIL: no test ran (no test file found, or none defines a test): $*" >&2
    rc=1
fi
exit "$rc"
