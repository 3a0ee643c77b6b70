#!/usr/bin/env bash
# Builds HarvestFFI.xcframework beside Package.swift (iOS device, iOS simulator, macOS), which
# Package.swift then links as a binary target. Runs scripts/build-ios.sh first (macOS + Xcode).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
bash "$root/scripts/build-ios.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
headers="$work/headers"
mkdir -p "$headers"
cp "$here/Sources/harvest_uniffiFFI/include/harvest_uniffiFFI.h" "$here/Sources/harvest_uniffiFFI/include/module.modulemap" "$headers/"

lib=libharvest_uniffi.a
t="$root/target"
mkdir -p "$work/ios-sim" "$work/macos"
lipo -create "$t/aarch64-apple-ios-sim/release/$lib" "$t/x86_64-apple-ios/release/$lib" -output "$work/ios-sim/$lib"
lipo -create "$t/aarch64-apple-darwin/release/$lib" "$t/x86_64-apple-darwin/release/$lib" -output "$work/macos/$lib"

rm -rf "$here/HarvestFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$t/aarch64-apple-ios/release/$lib" -headers "$headers" \
  -library "$work/ios-sim/$lib" -headers "$headers" \
  -library "$work/macos/$lib" -headers "$headers" \
  -output "$here/HarvestFFI.xcframework"
echo "built $here/HarvestFFI.xcframework; Package.swift now links it"
