#!/usr/bin/env bash
# ./test.sh — everything CI runs: system packages if missing, a project-local PostgreSQL, restore, build with
# warnings as errors, format and i18n checks, "no pending EF model changes", then every test (Core, integration
# against PostgreSQL, bUnit, Playwright in headless Chromium), then the fault tests alone (they restart PostgreSQL).
# Ends with "N passed, N failed, N skipped".
#   KEEP_PG=1 ./test.sh     leave PostgreSQL running afterwards
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
CONFIG="${CONFIG:-Release}"
T0=$SECONDS
step() { printf '\n== [%4ss] %s\n' "$((SECONDS - T0))" "$*"; }

export HOME="${HOME:-$(getent passwd "$(id -un)" | cut -d: -f6)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TEST_ARTIFACTS="$ROOT/TestResults/artifacts"

step "system packages"
WITH_BROWSER=1 scripts/install-deps.sh
echo "chromium: $(chromium --version 2>/dev/null | head -n1)"

step "postgres"
scripts/pg.sh start
eval "$(scripts/pg.sh env)"
[[ "${KEEP_PG:-0}" == 1 ]] || trap 'scripts/pg.sh stop >/dev/null 2>&1 || true' EXIT

step "restore"
dotnet restore KoproGo.Web.sln -nodeReuse:false -v:q
# the local S3-compatible server the file store tests talk to (s3rver), from the lock file
[[ -d tests/fakes/s3/node_modules/s3rver ]] || npm ci --prefix tests/fakes/s3 --no-audit --no-fund --loglevel=error
dotnet tool restore >/dev/null

step "build ($CONFIG, warnings are errors)"
dotnet build KoproGo.Web.sln -c "$CONFIG" --no-restore -nodeReuse:false -clp:ErrorsOnly -v:q

step "format, texts, migrations"
dotnet format KoproGo.Web.sln --verify-no-changes --no-restore -v:q
python3 scripts/i18n.py check
dotnet ef migrations has-pending-model-changes --no-build --configuration "$CONFIG" \
  --project KoproGo.Data --startup-project KoproGo.Web

step "tests"
rm -rf TestResults
mkdir -p "$TEST_ARTIFACTS"
set +e
dotnet test KoproGo.Web.sln -c "$CONFIG" --no-build --results-directory TestResults --filter "FullyQualifiedName!~FaultTests" \
  --logger "trx;LogFilePrefix=tests" 2>&1 | tee TestResults.log
rc=${PIPESTATUS[0]}
# alone, because they stop and start this PostgreSQL under the running jobs (tests/KoproGo.E2E/FaultTests.cs)
step "fault tests"
KOPROGO_FAULT_TESTS=1 dotnet test tests/KoproGo.E2E -c "$CONFIG" --no-build --results-directory TestResults --filter "FullyQualifiedName~FaultTests" \
  --logger "trx;LogFilePrefix=faults" --logger "console;verbosity=detailed" 2>&1 | tee -a TestResults.log
rc_faults=${PIPESTATUS[0]}
(( rc != 0 )) || rc=$rc_faults
# the detailed console logger prints no "Passed! - Failed: …" summary: one in that form from the run's counters
trx=$(ls -t TestResults/faults*.trx 2>/dev/null | head -n1 || true)
if [[ -n $trx ]]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  total=$(count total) passed_f=$(count passed) failed_f=$(( $(count failed) + $(count error) ))
  label=Passed; (( failed_f == 0 )) || label=Failed
  printf '%s!  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - fault tests\n' "$label" "$failed_f" "$passed_f" "$(( total - passed_f - failed_f ))" "$total" >>TestResults.log
fi
set -e
dotnet build-server shutdown >/dev/null 2>&1 || true

# one closing line from the per-assembly summaries; never green when dotnet test failed
read -r assemblies passed failed skipped < <(
  grep -E '^(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' TestResults.log |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{n++; p+=$1; f+=$2; s+=$3} END {print n+0, p+0, f+0, s+0}')
step "done in $((SECONDS - T0)) s; $assemblies test assemblies; dotnet test exit code $rc; artifacts in $TEST_ARTIFACTS"
if [[ $rc -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
