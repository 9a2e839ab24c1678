#!/usr/bin/env bash
# Benchmark, not a test: start-to-exit wall time of
#   - the native render of the prod stack (scripts/build-native.sh builds it),
#   - `kubectl kustomize` of that rendered output (Go tooling building the same objects; when kubectl exists),
#   - an empty .NET console program (JIT, framework-dependent: the floor of any .NET start),
#   - the JIT render (the framework-dependent build, as `dotnet run` starts it minus the build check),
# alternating round by round so load on the machine hits all alike. Prints medians and ratios.
# Goals: native render below the kustomize build, and within 2x of the empty .NET start.
# Usage: scripts/benchmark-native.sh [ROUNDS]   (default 21; IPFS_INFRA_NATIVE=path skips the native build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-21}

native=${IPFS_INFRA_NATIVE:-$(bash scripts/build-native.sh | tail -1)} # a binary built before, or build it now
dotnet build Cli -c Release --nologo -v quiet >/dev/null
jit=$PWD/Cli/bin/Release/net10.0/ipfs-infra

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy of the project's stack files: the benchmark never touches this checkout's material or out/.
mkdir -p "$work/project" "$work/empty"
cp Pulumi.yaml Pulumi.prod.yaml "$work/project/"
cat >"$work/empty/empty.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
</Project>
PROJ
echo 'return 0;' >"$work/empty/Program.cs"
dotnet build "$work/empty" -c Release --nologo -v quiet -o "$work/empty/bin" >/dev/null
empty=$work/empty/bin/empty

"$native" render --stack prod --project "$work/project" --out "$work/out" >/dev/null # creates the material once
has_kubectl=false
command -v kubectl >/dev/null && has_kubectl=true

# Milliseconds one command takes from start to exit (bash's microsecond clock).
elapsed_ms() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  end=$EPOCHREALTIME
  echo "$(( (${end/./} - ${start/./}) ))" | awk '{ printf "%.2f\n", $1 / 1000 }'
}

: >"$work/native.ms"; : >"$work/kustomize.ms"; : >"$work/empty.ms"; : >"$work/jit.ms"
for ((i = 0; i < rounds; i++)); do
  elapsed_ms "$native" render --stack prod --project "$work/project" --out "$work/out" >>"$work/native.ms"
  $has_kubectl && elapsed_ms kubectl kustomize "$work/out" >>"$work/kustomize.ms"
  elapsed_ms "$empty" >>"$work/empty.ms"
  elapsed_ms "$jit" render --stack prod --project "$work/project" --out "$work/out" >>"$work/jit.ms"
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v goal="$2" 'BEGIN { print (r < goal) ? "goal met" : "goal MISSED" }'; }

native_ms=$(median "$work/native.ms"); empty_ms=$(median "$work/empty.ms"); jit_ms=$(median "$work/jit.ms")
echo "rounds: $rounds, alternating; wall time from start to exit, median"
printf '  %-38s %9s ms\n' "native render of prod" "$native_ms"
if $has_kubectl; then
  kustomize_ms=$(median "$work/kustomize.ms")
  printf '  %-38s %9s ms\n' "kubectl kustomize of that output" "$kustomize_ms"
else
  echo "  kubectl kustomize: SKIPPED (kubectl is not installed)"
fi
printf '  %-38s %9s ms\n' "empty .NET console start" "$empty_ms"
printf '  %-38s %9s ms\n' "JIT render of prod (framework-dependent)" "$jit_ms"
if $has_kubectl; then
  r=$(ratio "$native_ms" "$kustomize_ms")
  echo "native / kustomize:   $r (goal: below 1; $(verdict "$r" 1))"
fi
r=$(ratio "$native_ms" "$empty_ms")
echo "native / empty .NET:  $r (goal: at most 2; $(verdict "$r" 2.0001))"
echo "JIT / native:         $(ratio "$jit_ms" "$native_ms")"
