#!/usr/bin/env bash
# Builds the solution in Release once, and again only when a source file is newer than the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$root/.data/build/release.stamp"
mkdir -p "$root/.data/build"
if [ ! -f "$stamp" ] || [ -n "$(find "$root" \( -path "$root/.data" -o -name bin -o -name obj -o -name .git -o -name node_modules \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.razor' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -name '*.css' -o -name '*.js' \) \
      -newer "$stamp" -print -quit)" ]; then
  echo "building ProductClassifier (Release)…" >&2
  log="$root/.data/build/release.log"
  if ! dotnet build "$root/ProductClassifier.sln" -c Release --nologo -v quiet >"$log" 2>&1; then
    grep -E "error|Error" "$log" | sort -u >&2 || cat "$log" >&2
    exit 1
  fi
  touch "$stamp"
fi
