#!/usr/bin/env bash
# Builds the native render binary (NativeAOT: no JIT, no reflection) and prints its path.
# Needs the .NET SDK, clang and zlib1g-dev (Debian: apt-get install clang zlib1g-dev).
# Fails on any trimming or AOT warning, so a reflection-based call on the render path never ships.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v clang >/dev/null || { echo "error: the native build needs clang and zlib1g-dev (apt-get install clang zlib1g-dev)" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet publish Cli -c Release -r linux-x64 --nologo -p:TrimmerSingleWarn=false >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
if grep -E 'warning IL[0-9]+' "$log" >&2; then
  echo "error: the native build has warnings (above); the render path must not use reflection" >&2
  exit 1
fi
echo "$PWD/Cli/bin/Release/net10.0/linux-x64/publish/ipfs-infra"
