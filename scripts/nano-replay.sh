#!/usr/bin/env bash
# Whole taps on the real nanoFramework interpreter: replays a script recorded on .NET (a generated RecordedRuns.cs,
# written by `bench device`) on nanoCLR. Terminal.NanoReplay (nano subset) boots the unchanged firmware over in-memory
# flash holding the recorded files, a replayed reader chip, scanner UART and clock, runs every recorded phase (card
# taps, a QR scan, downlink messages) and checks each outcome and its journal bytes against the recording; the first
# board call that differs from the recording fails the run with its position. Prints the harness's "replay ..." lines
# and fails unless the closing one is "replay ok". Without the kits it says so and exits 0.
#   nano-replay.sh RECORDED_RUNS.cs
set -euo pipefail
source "$(dirname "$0")/nano-kit.sh"
recorded=${1:?usage: nano-replay.sh RECORDED_RUNS.cs (written by: dotnet run --project Terminal.Emulator -c Release -- bench device)}
[ -f "$recorded" ] || nano_fail "no recorded script at $recorded"
nano_kits_present || exit 0
nano_setup

out=$nano_out/replay
rm -rf "$out/pe" && mkdir -p "$out/pe"
native=$nano_libs/nanoFramework.Runtime.Native

nano_compile Terminal.Drivers library "$out/pe" "$nano_repo/Terminal.Drivers"
drivers=$nano_compiled
nano_convert "$drivers" "$out/pe/Terminal.Drivers.pe"
nano_compile NanoReplay exe "$out/pe" "$nano_repo/Terminal.NanoReplay" "$recorded" \
  "$nano_repo/Terminal.NanoTests/MemoryStorage.cs" \
  "$nano_repo/Terminal.Firmware:core" -- "$drivers" "$native.dll"
nano_convert "$nano_compiled" "$out/pe/NanoReplay.pe" "$drivers" "$native.dll"
nano_run "$out/run.log" "$native.pe" "$out/pe/Terminal.Drivers.pe" "$out/pe/NanoReplay.pe"
grep '^replay ' "$out/run.log" || true
grep -q '^replay ok' "$out/run.log" || { tail -n 20 "$out/run.log" >&2; nano_fail "the replay did not match the recording on nanoCLR (no 'replay ok' line; a crash prints nothing)"; }
