#!/usr/bin/env bash
# The device build, checked here as the nanoFramework project system would build it: Terminal.Drivers and
# Terminal.Firmware with their Device/ folders (the ESP32 entry point and board adapters), compiled against nano
# mscorlib and the libraries their .nfproj reference, warnings as errors; each converted to .pe by the
# MetadataProcessor (any refusal or warning text fails); then the whole image (firmware, drivers and every library
# .pe) loaded on nanoCLR, which must link it and reach the firmware's entry point (its boot line).
# Without the kits it says so and exits 0. Output in artifacts/nano/device.
set -euo pipefail
source "$(dirname "$0")/nano-kit.sh"
nano_kits_present || exit 0
nano_setup

out=$nano_out/device
rm -rf "$out" && mkdir -p "$out"
drivers_project=$nano_repo/Terminal.Drivers/Device/Terminal.Drivers.nfproj
firmware_project=$nano_repo/Terminal.Firmware/Device/Terminal.Firmware.nfproj

libraries=()
for assembly in $(nano_references "$drivers_project") $(nano_references "$firmware_project"); do
  [ -f "$nano_libs/$assembly.dll" ] && [ -f "$nano_libs/$assembly.pe" ] || nano_fail "$assembly (a .nfproj reference) is not in $nano_libs"
  [[ " ${libraries[*]} " == *" $nano_libs/$assembly.dll "* ]] || libraries+=("$nano_libs/$assembly.dll")
done

nano_compile Terminal.Drivers library "$out" "$nano_repo/Terminal.Drivers" -- "${libraries[@]}"
drivers=$nano_compiled
nano_convert "$drivers" "$out/Terminal.Drivers.pe" "${libraries[@]}"
nano_compile Terminal.Firmware exe "$out" "$nano_repo/Terminal.Firmware" -- "$drivers" "${libraries[@]}"
nano_convert "$nano_compiled" "$out/Terminal.Firmware.pe" "$drivers" "${libraries[@]}"

image=()
for library in "${libraries[@]}"; do image+=("${library%.dll}.pe"); done
image+=("$out/Terminal.Drivers.pe" "$out/Terminal.Firmware.pe")
nano_run "$out/boot.log" "${image[@]}"
boot_line=$(sed -n 's/.*BootLine = "\(.*\)";/\1/p' "$nano_repo/Terminal.Firmware/Device/Program.cs")
if ! grep -q "^$boot_line" "$out/boot.log"; then
  tail -n 20 "$out/boot.log" >&2
  nano_fail "the device image linked but never reached the firmware's entry point (no \"$boot_line\" line)"
fi
bytes=0
for pe in "${image[@]}"; do bytes=$((bytes + $(stat -c %s "$pe"))); done
nano_log "device build ok: Terminal.Drivers.pe $(stat -c %s "$out/Terminal.Drivers.pe") B, Terminal.Firmware.pe $(stat -c %s "$out/Terminal.Firmware.pe") B, image of $((${#image[@]} + 1)) assemblies ($bytes B without mscorlib) linked on nanoCLR and reached \"$(grep -m1 "^$boot_line" "$out/boot.log")\""
