#!/usr/bin/env bash
# Runs every test suite of `make test` and ends with the line "N passed, N failed".
#
# Each suite prints TAP lines ("ok N - name" / "not ok N - name"); this script runs them one by
# one, keeps each log in build/test-logs/, and counts the results. A suite that crashes or exits
# non-zero without reporting a failure counts as one failed test, so nothing fails silently.
set -uo pipefail
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
logs=build/test-logs
rm -rf "$logs"
mkdir -p "$logs"

# The suites, in order: name and the make target that runs it.
suites=(
  "unit:test-unit"
  "unit-default-config:CONFIG=default test-unit"
  "unit-asan:test-unit-asan"
  "core-checks:test-core"
  "protos:test-protos"
  "fuzz:test-fuzz"
  "interop:test-interop"
)

passed=0
failed=0
for entry in "${suites[@]}"; do
  name=${entry%%:*}
  target=${entry#*:}
  log="$logs/$name.log"
  echo "=== $name ($MAKE $target)"
  # shellcheck disable=SC2086 # a target may carry variables: "CONFIG=default test-unit"
  $MAKE --no-print-directory $target >"$log" 2>&1
  rc=$?
  ok=$(grep -cE '^ok ' "$log")
  nok=$(grep -cE '^not ok ' "$log")
  grep -E '^(not ok|ok) ' "$log" | sed 's/^/  /'
  if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
    echo "  not ok - $name exited with status $rc (see $log):"
    tail -n 30 "$log" | sed 's/^/    | /'
    nok=$((nok + 1))
  elif [ "$nok" -gt 0 ]; then
    grep -B2 -A12 -E '^not ok ' "$log" | sed 's/^/    | /' | head -80
  fi
  passed=$((passed + ok))
  failed=$((failed + nok))
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
