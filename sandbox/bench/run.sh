#!/usr/bin/env bash
# Benchmark of harvest-sandbox (called by `make bench`): release build, rate limit off,
# 100000 extra time entries, then a closed-loop load generator on loopback for four endpoints.
# Env: BENCH_SECONDS (default 10 per endpoint), BENCH_CONNECTIONS (default 16), BENCH_ENTRIES (default 100000).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
cargo build --release -p harvest-sandbox --bins -j2
target="${CARGO_TARGET_DIR:-$root/target}/release"
info="$(mktemp)"
start=$(date +%s.%N)
"$target/harvest-sandbox" --json --no-rate-limit --seed-time-entries "${BENCH_ENTRIES:-100000}" > "$info" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$info"' EXIT
for _ in $(seq 1 600); do
  [ -s "$info" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "harvest-sandbox exited early" >&2; exit 1; }
  sleep 0.1
done
[ -s "$info" ] || { echo "harvest-sandbox did not start" >&2; exit 1; }
echo "sandbox started (seed + ${BENCH_ENTRIES:-100000} entries) in $(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo '?') s"
"$target/harvest-sandbox-load" --info "$info" --duration "${BENCH_SECONDS:-10}" --connections "${BENCH_CONNECTIONS:-16}"
