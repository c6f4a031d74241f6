#!/usr/bin/env bash
# bench device: the firmware's per-operation cost on the real nanoFramework interpreter (nanoCLR), with the same
# work on .NET 10 as the baseline, and the ESP32 estimate (interpreter time here × a published factor: an
# estimate, not a measurement). The work is Terminal.NanoBench (nano subset), compiled twice from the same sources:
# against nano mscorlib and converted to .pe for nanoCLR, and against .NET 10 with the host build of the firmware.
# Each side runs the work twice and the second pass counts. Prints one line per operation and a final JSON line. Needs the kits and a Release build of Terminal.Firmware.
#   --scale N   repeat every operation N times more (default 4)
set -euo pipefail
source "$(dirname "$0")/nano-kit.sh"
scale=4
[ "${1:-}" = --scale ] && scale=$2
nano_kits_present || exit 1
nano_setup

# Published ESP32 speeds of an interpreted loop against this host's (nanoframework/Home#1013): PSRAM and non-PSRAM builds.
esp32_factor=56
esp32_factor_slow=170

out=$nano_out/bench
rm -rf "$out" && mkdir -p "$out"
helpers=()
for file in MemoryStorage Hex FixedClock ExampleFareTableBytes; do helpers+=("$nano_repo/Terminal.NanoTests/$file.cs"); done
sed "s/DeviceBench.Run(1)/DeviceBench.Run($scale)/g" "$nano_repo/Terminal.NanoBench/Program.cs" > "$out/Program.cs"
bench_sources=("$nano_repo/Terminal.NanoBench/DeviceBench.cs" "$out/Program.cs" "${helpers[@]}")

# On nanoCLR.
nano_compile Terminal.Drivers library "$out" "$nano_repo/Terminal.Drivers"
drivers=$nano_compiled
nano_convert "$drivers" "$out/Terminal.Drivers.pe"
mkdir -p "$out/nano"
nano_compile NanoBench exe "$out/nano" "${bench_sources[@]}" "$nano_repo/Terminal.Firmware:core" -- "$drivers"
nano_convert "$nano_compiled" "$out/nano/NanoBench.pe" "$drivers"
nano_run "$out/nano.log" "$out/Terminal.Drivers.pe" "$out/nano/NanoBench.pe"
grep -q '^bench done' "$out/nano.log" || { tail -n 20 "$out/nano.log" >&2; nano_fail "the bench did not finish on nanoCLR"; }

# On .NET 10: the same sources against the reference pack and the host build of the firmware.
host_bin=$nano_repo/Terminal.Firmware/bin/Release/net10.0
[ -f "$host_bin/Terminal.Firmware.dll" ] || nano_fail "no Release build of Terminal.Firmware (dotnet build Terminal.Firmware -c Release)"
runtime=$(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \(10\.[^ ]*\) .*/\1/p' | tail -n 1)
pack=$(ls -d "$(dirname "$(readlink -f "$(command -v dotnet)")")"/packs/Microsoft.NETCore.App.Ref/10.*/ref/net10.0 | tail -n 1)
mkdir -p "$out/dotnet"
cp "$host_bin/Terminal.Firmware.dll" "$host_bin/Terminal.Drivers.dll" "$out/dotnet/"
dotnet "$nano_csc" -nologo -noconfig -nostdlib+ $(for r in "$pack"/*.dll; do printf -- '-r:%s ' "$r"; done) \
  -r:"$out/dotnet/Terminal.Firmware.dll" -r:"$out/dotnet/Terminal.Drivers.dll" -t:exe -optimize+ -nullable:enable \
  -nowarn:CS8632 -out:"$out/dotnet/DotnetBench.dll" "${bench_sources[@]}" > "$out/dotnet.csc.log" 2>&1 \
  || { cat "$out/dotnet.csc.log" >&2; nano_fail "the bench does not compile for .NET"; }
printf '{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"%s"}}}\n' "$runtime" \
  > "$out/dotnet/DotnetBench.runtimeconfig.json"
dotnet "$out/dotnet/DotnetBench.dll" > "$out/dotnet.log"

awk -v f="$esp32_factor" -v s="$esp32_factor_slow" '
  FNR == 1 { side++ }
  { sub(/\r$/, "") }
  /^bench [a-zA-Z]+ [0-9]+ [0-9]+$/ { us[side, $2] = $4 / 10 / $3; names[$2] = 1 }
  END {
    order[1] = "qrVerify"; order[2] = "journalAppend"; order[3] = "farePrice"; order[4] = "blacklistLookup"
    json = "{"
    for (i = 1; i <= 4; i++) {
      n = order[i]; here = us[1, n]; net = us[2, n]
      printf "%-16s nanoCLR %10.1f us   .NET 10 %8.3f us   ratio %6.0f   ESP32 estimate %9.1f-%.1f us (x%d-%d)\n", n, here, net, here / net, here * f, here * s, f, s
      json = json sprintf("\"%sInterpreterUs\":%.1f,\"%sDotnetUs\":%.3f,\"%sEsp32EstimateUs\":%.0f,", n, here, n, net, n, here * f)
    }
    printf "%s\"qrInterpreterMs\":%.2f,\"qrEsp32EstimateMs\":%.0f,\"qrEsp32EstimateSlowMs\":%.0f,\"esp32Factor\":%d,\"esp32FactorSlow\":%d}\n", json, us[1, "qrVerify"] / 1000, us[1, "qrVerify"] * f / 1000, us[1, "qrVerify"] * s / 1000, f, s
  }' "$out/nano.log" "$out/dotnet.log"
