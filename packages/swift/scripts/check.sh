#!/usr/bin/env bash
# What `make test-swift` checks on any machine, then `swift build && swift test` where Swift is:
#   1. the committed generated sources equal what the current Rust library generates (not stale);
#   2. every file Package.swift names exists, and every Swift source belongs to a target;
#   3. with `swift` on PATH: the package builds against the debug library and its tests pass.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
fail=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$here/scripts/generate.sh" "$tmp"
for f in Sources/HarvestFFI/HarvestFFI.swift Sources/harvest_uniffiFFI/include/harvest_uniffiFFI.h Sources/Harvest/Models.swift; do
  if ! cmp -s "$tmp/$f" "$here/$f"; then
    echo "swift: $f is stale: run \`make swift-generate\` and commit the result" >&2
    fail=1
  fi
done

cd "$here"
for path in $(sed -nE 's/.*path: "([^"]+)".*/\1/p' Package.swift); do
  [ -e "$path" ] || { echo "swift: Package.swift names $path, which does not exist" >&2; fail=1; }
done
for f in $(find Sources Tests -name '*.swift' -o -name '*.h' -o -name '*.c' -o -name '*.modulemap' | sort); do
  dir=$(echo "$f" | cut -d/ -f1-2)
  grep -q "path: \"$dir\"" Package.swift || { echo "swift: $f is in no target of Package.swift" >&2; fail=1; }
done
[ "$fail" = 0 ] || exit 1
count=$(cat Tests/HarvestTests/*.swift | grep -cE '^\s*func test')
echo "swift: generated sources up to date, package layout consistent ($count XCTest tests declared)"

if command -v swift >/dev/null; then
  cargo build -q -p harvest-uniffi --lib -p harvest-sandbox
  swift build -Xlinker -L"$target/debug"
  LD_LIBRARY_PATH="$target/debug${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" DYLD_LIBRARY_PATH="$target/debug" \
    HARVEST_ROOT="$root" HARVEST_SANDBOX="$target/debug/harvest-sandbox" \
    swift test -Xlinker -L"$target/debug"
else
  echo "swift: no Swift toolchain on this machine, so the package was not compiled (see packages/swift/README.md)"
fi
