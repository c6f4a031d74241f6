# Sourced by the nano scripts: finds the two nanoFramework kits and offers the steps a .nfproj build takes
# (C# -> IL against nano mscorlib and the device libraries, IL -> .pe with the MetadataProcessor) and a run on nanoCLR.
#   NANOCLR_HOME        the interpreter and MetadataProcessor kit (default ../shared/nanoclr beside the repository)
#   NANOFRAMEWORK_LIBS  the device libraries as .dll and .pe (default ../shared/nanoframework/lib)
# Both kits are built from nanoFramework's public sources; README.md says how.

nano_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
nano_clr_home=${NANOCLR_HOME:-$nano_repo/../shared/nanoclr}
nano_libs=${NANOFRAMEWORK_LIBS:-$nano_repo/../shared/nanoframework/lib}
nano_out=$nano_repo/artifacts/nano

nano_log() { echo "nano: $*"; }
nano_fail() { echo "nano: FAILED: $*" >&2; exit 1; }

# True when both kits are present; otherwise says plainly what is missing.
nano_kits_present() {
  local missing=()
  [ -x "$nano_clr_home/nanoclr" ] && [ -x "$nano_clr_home/mdp" ] || missing+=("nanoCLR and mdp (NANOCLR_HOME=$nano_clr_home)")
  [ -f "$nano_libs/nanoFramework.UnitTestLauncher.pe" ] || missing+=("the nanoFramework libraries (NANOFRAMEWORK_LIBS=$nano_libs)")
  if [ ${#missing[@]} -gt 0 ]; then
    nano_log "not run: missing ${missing[*]}; see README.md, 'The nanoFramework kits'"
    return 1
  fi
}

# A .nfproj's property from nfproj.props, e.g. NfCoreLibrary.
nano_prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$nano_repo/nfproj.props"; }

# The assemblies a .nfproj references from packages (its Reference items), mscorlib left out: the one list of a
# project's packages, which DevicePackageListTests checks against packages.config and nfproj.props.
nano_references() { grep -o '<Reference Include="[^"]*"' "$1" | sed 's/.*"\(.*\)"/\1/' | grep -vx mscorlib; }

nano_setup() {
  local corelib_version sdk
  corelib_version=$(nano_prop NfCoreLibrary)
  nano_corelib=${NUGET_PACKAGES:-$HOME/.nuget/packages}/nanoframework.corelibrary/$corelib_version/lib
  [ -f "$nano_corelib/mscorlib.dll" ] && [ -f "$nano_corelib/mscorlib.pe" ] \
    || nano_fail "nanoFramework.CoreLibrary $corelib_version is not restored in $nano_corelib (build Terminal.Tests first)"
  sdk=$(cd "$nano_repo" && dotnet --version)
  nano_csc=$(dotnet --list-sdks | sed -n "s:^$sdk \[\(.*\)\]$:\1/$sdk/Roslyn/bincore/csc.dll:p")
  [ -f "$nano_csc" ] || nano_fail "no csc.dll for SDK $sdk"
  mkdir -p "$nano_out"
}

# nano_compile NAME library|exe OUT_DIR SOURCE_DIR_OR_FILE... -- REFERENCE.dll...
# Compiles as the .nfproj does (nfproj.props): nano mscorlib only, C# 10, nullable, warnings as errors. A SOURCE_DIR
# written DIR:core leaves out DIR/Device (the board adapters and entry point), as a project linking the core does.
nano_compile() {
  local name=$1 kind=$2 out=$3; shift 3
  local sources=() references=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    if [ -f "$1" ]; then sources+=("$1"); shift; continue; fi
    local dir=${1%:core} skip=/nano-nothing-excluded
    [ "$dir" != "$1" ] && skip="$dir/Device/*"
    while IFS= read -r file; do sources+=("$file"); done \
      < <(find "$dir" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' -not -path "$skip" | LC_ALL=C sort)
    shift
  done
  [ $# -gt 0 ] && shift
  for reference in "$@"; do references+=("-r:$reference"); done
  local extension=dll; [ "$kind" = exe ] && extension=exe
  if ! dotnet "$nano_csc" -nologo -noconfig -nostdlib+ -r:"$nano_corelib/mscorlib.dll" "${references[@]}" \
      -t:"$kind" -optimize+ -deterministic+ -nullable:enable -warn:4 -warnaserror+ -define:NANOFRAMEWORK_1_0 \
      -langversion:10 -out:"$out/$name.$extension" "${sources[@]}" > "$out/$name.csc.log" 2>&1; then
    cat "$out/$name.csc.log" >&2
    nano_fail "$name does not compile against nano mscorlib"
  fi
  nano_compiled="$out/$name.$extension"
}

# nano_convert IL_FILE PE_FILE REFERENCE.dll...: the MetadataProcessor, refused on any exception, warning or error text
# (it can print "Exception minimizing assembly" and still exit 0).
nano_convert() {
  local il=$1 pe=$2; shift 2
  local hints=(-loadHints mscorlib "$nano_corelib/mscorlib.dll")
  for reference in "$@"; do hints+=(-loadHints "$(basename "${reference%.*}")" "$reference"); done
  local log=${pe%.pe}.mdp.log
  if ! "$nano_clr_home/mdp" "${hints[@]}" -parse "$il" -compile "$pe" false > "$log" 2>&1 \
      || grep -qiE 'exception|warning|error|fail|not supported' "$log" || [ ! -s "$pe" ]; then
    cat "$log" >&2
    nano_fail "mdp refused $(basename "$il")"
  fi
}

# nano_run LOG PE...: mscorlib first, then the given assemblies; the interpreter always exits 0 and prints nothing on
# an unhandled exception, so callers check LOG for their own line. A link failure is always fatal.
nano_run() {
  local log=$1; shift
  timeout 300 "$nano_clr_home/nanoclr" "$nano_corelib/mscorlib.pe" "$@" > "$log" 2>&1 || true
  if grep -q 'Link failure' "$log"; then
    grep -E 'needs assembly|Link failure' "$log" >&2
    nano_fail "nanoCLR could not link $(basename "${@: -1}")"
  fi
}
