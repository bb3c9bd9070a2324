#!/usr/bin/env bash
# ./test.sh — installs what is missing, builds, runs every test project (unit and, as root,
# integration), and ends with one line: "N passed, N failed, N skipped". Exits non-zero on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# one project at a time: root tests of several projects change the same host state (bridges, iptables, ip_forward)
dotnet test Berth.slnx -c Release --no-build -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# one summary line per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '^(Passed|Failed)!' "$log")
expected=$(grep -c 'Tests.csproj' Berth.slnx)
if [[ $status -ne 0 && $failed -eq 0 ]] || [[ $projects -lt $expected ]]; then
  echo "test run incomplete: $projects of $expected test projects reported" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $status -eq 0 ]]
