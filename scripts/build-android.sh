#!/usr/bin/env bash
# Builds libharvest_uniffi.so for Android (arm64-v8a, armeabi-v7a, x86_64) with cargo-ndk, and the
# Kotlin bindings, into an Android library layout:
#   OUT/jniLibs/<abi>/libharvest_uniffi.so     (add to src/main/jniLibs of an Android module)
#   OUT/kotlin/...                             (the uniffi bindings and the typed models)
# The driver sources of packages/kotlin/src/main/kotlin go into the same module; on Android use
# `net.java.dev.jna:jna:<version>@aar` instead of the plain JNA jar.
# Needs: rustup targets aarch64-linux-android armv7-linux-androideabi x86_64-linux-android,
# `cargo install cargo-ndk`, and ANDROID_NDK_HOME pointing at an NDK (r25 or newer).
# Usage: scripts/build-android.sh [OUT]   (default target/android)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/android}
api=${ANDROID_API:-24}

missing=()
command -v cargo >/dev/null || missing+=("cargo (https://rustup.rs)")
cargo ndk --version >/dev/null 2>&1 || missing+=("cargo-ndk (cargo install cargo-ndk)")
[ -n "${ANDROID_NDK_HOME:-}" ] && [ -d "${ANDROID_NDK_HOME:-}" ] || missing+=("an Android NDK (set ANDROID_NDK_HOME)")
if command -v rustup >/dev/null; then
  for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android; do
    rustup target list --installed | grep -qx "$t" || missing+=("the Rust target $t (rustup target add $t)")
  done
else
  missing+=("rustup, to add the Android targets")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-android.sh: cannot build for Android, missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

cd "$root"
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -P "$api" -o "$out/jniLibs" build --release -p harvest-uniffi --lib
# Bindings come from the host build of the same sources (the metadata is the same on every target).
bash packages/kotlin/scripts/build-native.sh "$out/kotlin" "$out/host"
echo "Android libraries in $out/jniLibs, Kotlin sources in $out/kotlin"
