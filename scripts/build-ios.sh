#!/usr/bin/env bash
# Builds the static library for Apple platforms: iOS devices (aarch64-apple-ios), the iOS
# simulator (aarch64-apple-ios-sim, x86_64-apple-ios) and macOS (aarch64/x86_64-apple-darwin), in
# release. packages/swift/scripts/build-xcframework.sh wraps them into HarvestFFI.xcframework.
# Needs macOS with Xcode and: rustup target add aarch64-apple-ios aarch64-apple-ios-sim
# x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)

missing=()
[ "$(uname -s)" = Darwin ] || missing+=("macOS (Apple's SDKs exist only there; this is $(uname -s))")
command -v xcrun >/dev/null || missing+=("Xcode's command line tools (xcode-select --install)")
command -v cargo >/dev/null || missing+=("cargo (https://rustup.rs)")
if command -v rustup >/dev/null; then
  for t in "${targets[@]}"; do
    rustup target list --installed | grep -qx "$t" || missing+=("the Rust target $t (rustup target add $t)")
  done
else
  missing+=("rustup, to add the Apple targets")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-ios.sh: cannot build for Apple platforms, missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

cd "$root"
for t in "${targets[@]}"; do
  cargo build --release -p harvest-uniffi --lib --target "$t"
done
echo "static libraries in target/<target>/release/libharvest_uniffi.a"
