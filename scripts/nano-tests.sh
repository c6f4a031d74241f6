#!/usr/bin/env bash
# The nano test suite on the real nanoFramework interpreter: Terminal.NanoTests (nanoFramework.TestFramework tests
# of the firmware's pure parts with known answers) built as its .nfproj builds it, the NFUnitTest assembly with the
# firmware's core linked in, converted by the MetadataProcessor and run by nanoFramework's UnitTestLauncher on nanoCLR.
# The interpreter exits 0 whatever happens, so this counts the launcher's "Test passed," and "Test failed," lines and
# fails unless every [TestMethod] passed. Ends with "nano tests: N passed, N failed". Without the kits it says so.
set -euo pipefail
source "$(dirname "$0")/nano-kit.sh"
nano_kits_present || exit 0
nano_setup

out=$nano_out/tests
rm -rf "$out" && mkdir -p "$out"
project=$nano_repo/Terminal.NanoTests/Terminal.NanoTests.nfproj

libraries=()
for assembly in $(nano_references "$project"); do
  [ -f "$nano_libs/$assembly.dll" ] && [ -f "$nano_libs/$assembly.pe" ] || nano_fail "$assembly (a .nfproj reference) is not in $nano_libs"
  libraries+=("$nano_libs/$assembly.dll")
done

nano_compile Terminal.Drivers library "$out" "$nano_repo/Terminal.Drivers"
drivers=$nano_compiled
nano_convert "$drivers" "$out/Terminal.Drivers.pe"
nano_compile NFUnitTest library "$out" "$nano_repo/Terminal.NanoTests" "$nano_repo/Terminal.Firmware:core" -- "$drivers" "${libraries[@]}"
nano_convert "$nano_compiled" "$out/NFUnitTest.pe" "$drivers" "${libraries[@]}"

image=()
for library in "${libraries[@]}"; do image+=("${library%.dll}.pe"); done
started=$(date +%s)
nano_run "$out/run.log" "${image[@]}" "$out/Terminal.Drivers.pe" "$out/NFUnitTest.pe"
seconds=$(($(date +%s) - started))

expected=$(cat "$nano_repo"/Terminal.NanoTests/*.cs | grep -c '\[TestMethod\]')
passed=$(grep -c '^Test passed,' "$out/run.log" || true)
failed=$(grep -c '^Test failed,' "$out/run.log" || true)
grep '^Test failed,' "$out/run.log" >&2 || true
echo "nano tests: $passed passed, $failed failed (of $expected [TestMethod]s, on nanoCLR in ${seconds} s)"
if [ "$failed" -ne 0 ] || [ "$passed" -ne "$expected" ]; then
  [ "$passed" -eq "$expected" ] || tail -n 20 "$out/run.log" >&2
  nano_fail "the nano test suite did not pass on nanoCLR ($passed of $expected passed; a crash or an unhandled exception prints nothing)"
fi
