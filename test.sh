#!/usr/bin/env bash
# Runs every test suite and ends with one line: "tests: N passed, N failed, N skipped".
# The Pulumi layer (tests/Infra.Tests: Components/, Stacks/, Program.cs, Plugin/) runs wherever the pinned
# Pulumi packages restore; where they do not, it prints one SKIPPED line naming them.
set -uo pipefail
cd "$(dirname "$0")"

passed=0 failed=0 skipped=0 status=0

run_suite() {
  local project=$1 log rc counts
  log=$(mktemp)
  dotnet test "$project" --nologo 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  counts=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -1)
  if [[ -z $counts ]]; then
    echo "FAILED: $project ran no tests (exit $rc)"
    status=1
  else
    read -r f p s < <(echo "$counts" | grep -Eo '[0-9]+' | tr '\n' ' ')
    failed=$((failed + f)) passed=$((passed + p)) skipped=$((skipped + s))
  fi
  [[ $rc -eq 0 ]] || status=1
  rm -f "$log"
}

run_suite tests/Manifests.Tests
run_suite tests/Cli.Tests

restore_log=$(dotnet restore tests/Infra.Tests --nologo 2>&1)
if [[ $? -eq 0 ]]; then
  run_suite tests/Infra.Tests
elif grep -qE 'NU110[123].*Pulumi' <<<"$restore_log"; then
  echo "SKIPPED: Pulumi layer tests (tests/Infra.Tests over Components/, Stacks/, Program.cs, Plugin/): packages Pulumi 3.112.1, Pulumi.Kubernetes 4.32.0 and Pulumi.Random 4.21.1 do not restore from this machine's NuGet sources"
else
  echo "$restore_log"
  echo "FAILED: tests/Infra.Tests did not restore for a reason other than missing Pulumi packages"
  status=1
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
