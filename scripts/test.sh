#!/usr/bin/env bash
# The project's test command: starts the services the tests need, then runs every test
# project (the nano gate included), the device build, the nano test suite and the replayed taps on nanoCLR, and prints one closing
# line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(bash scripts/test-services.sh)"

results=$(mktemp -d)
status=0
dotnet build BusFare.slnx -c Release -v q -nologo 2>&1 | tail -n 3
# The device build and the firmware on the real nanoFramework interpreter, where its kits are present.
bash scripts/nano-device-build.sh || status=1
nano=$(bash scripts/nano-tests.sh) || status=1
echo "$nano"
# Whole taps, a QR scan and downlink messages recorded on .NET and replayed on nanoCLR (scripts/nano-replay.sh), with
# the same journal bytes required; without the kits the replay runs on .NET only.
dotnet run --project Terminal.Emulator -c Release --no-build -- bench device || status=1
for project in Terminal.Tests Backend.Tests; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --results-directory "$results" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
rm -rf "$results"
# The nano test suite's counts ("nano tests: N passed, N failed") join the total.
if [[ "$nano" =~ nano\ tests:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
fi
echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] || status=1
exit $status
