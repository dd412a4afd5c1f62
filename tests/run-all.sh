#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed".
# Installs the system packages the tests need first (tests/install-prerequisites.sh).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash tests/install-prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults/trx"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
status=0
if dotnet build ShoppingConnectivity.sln -nologo -v quiet; then
  # One trx file per test project, named after it, so no two runs overwrite each other's results.
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
  done
  # Central's suite once more on PostgreSQL (a private cluster the tests start): same tests, the second provider.
  SC_TEST_DB=postgresql dotnet test tests/ShoppingConnectivity.Central.Tests/ShoppingConnectivity.Central.Tests.csproj --no-build \
    --logger "trx;LogFileName=ShoppingConnectivity.Central.Tests.PostgreSql.trx" --results-directory "$results" "$@" || status=$?
else
  status=$?
fi

# dotnet test prints per-project summaries only: add up the counters of every .trx file.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report a failure.
  echo "dotnet test exited with $status without a failed test in the results: counting it as one failure." >&2
  failed=1
fi

# Skipped tests are not a pass: say so on their own line, then the closing line CI reads.
[ "$skipped" -eq 0 ] || echo "$skipped skipped (not run: counted neither as passed nor as failed)"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
