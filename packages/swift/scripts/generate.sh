#!/usr/bin/env bash
# Regenerates the committed Swift sources from the current Rust library:
#   Sources/HarvestFFI/HarvestFFI.swift              uniffi's Swift bindings
#   Sources/harvest_uniffiFFI/include/*.h            uniffi's C header (the FFI symbols)
#   Sources/Harvest/Models.swift                     the typed models, from harvest_core's schema
# Usage: generate.sh [OUT_DIR]   (default: this package; check.sh generates into a temporary dir)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here}
target=${CARGO_TARGET_DIR:-$root/target}
jobs=${CARGO_BUILD_JOBS:-2}
command -v cargo >/dev/null || { echo "generate.sh: cargo is missing (install Rust from https://rustup.rs)" >&2; exit 1; }

cd "$root"
cargo build -q -j"$jobs" -p harvest-uniffi --lib
cargo build -q -j"$jobs" -p harvest-uniffi --features cli --bin uniffi-bindgen --bin harvest-models
case "$(uname -s)" in Darwin) lib=libharvest_uniffi.dylib ;; *) lib=libharvest_uniffi.so ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The bindgen reads the unstripped library's metadata and calls `cargo metadata`: run it in the crate.
(cd "$root/bindings/uniffi" && "$target/debug/uniffi-bindgen" generate "$target/debug/$lib" -l swift -o "$tmp" --no-format >/dev/null)
mkdir -p "$out/Sources/HarvestFFI" "$out/Sources/harvest_uniffiFFI/include" "$out/Sources/Harvest"
cp "$tmp/HarvestFFI.swift" "$out/Sources/HarvestFFI/HarvestFFI.swift"
cp "$tmp/harvest_uniffiFFI.h" "$out/Sources/harvest_uniffiFFI/include/harvest_uniffiFFI.h"
"$target/debug/harvest-models" swift "$out/Sources/Harvest/Models.swift"
