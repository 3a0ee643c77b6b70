#!/usr/bin/env bash
# Builds what the Kotlin package needs from the Rust workspace, from the current sources:
#   the harvest-uniffi library (debug: fine for JNA and tests), the pinned uniffi-bindgen (dev
#   profile), the sandbox for the end-to-end tests; then generates the uniffi Kotlin bindings and
#   the typed models into GENERATED_DIR and copies the library and the sandbox into NATIVE_DIR.
# Usage: build-native.sh GENERATED_DIR NATIVE_DIR
set -euo pipefail

generated=${1:?usage: build-native.sh GENERATED_DIR NATIVE_DIR}
native=${2:?usage: build-native.sh GENERATED_DIR NATIVE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
crate="$root/bindings/uniffi"
target=${CARGO_TARGET_DIR:-$root/target}
jobs=${CARGO_BUILD_JOBS:-2}

command -v cargo >/dev/null || { echo "build-native.sh: cargo is missing (install Rust from https://rustup.rs)" >&2; exit 1; }

cd "$root"
cargo build -q -j"$jobs" -p harvest-uniffi --lib
cargo build -q -j"$jobs" -p harvest-uniffi --features cli --bin uniffi-bindgen --bin harvest-models
cargo build -q -j"$jobs" -p harvest-sandbox

case "$(uname -s)" in
  Darwin) lib="libharvest_uniffi.dylib" ;;
  *) lib="libharvest_uniffi.so" ;;
esac

rm -rf "$generated"
mkdir -p "$generated" "$native"
# The bindgen reads the metadata symbols of the unstripped library and calls `cargo metadata`,
# so it runs inside the crate folder.
(cd "$crate" && "$target/debug/uniffi-bindgen" generate "$target/debug/$lib" -l kotlin -o "$generated" --no-format >/dev/null)
"$target/debug/harvest-models" kotlin "$generated/io/github/harvestsdk/Models.kt"
cp "$target/debug/$lib" "$native/$lib"
cp "$target/debug/harvest-sandbox" "$native/harvest-sandbox"
