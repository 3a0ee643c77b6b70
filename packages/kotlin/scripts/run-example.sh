#!/usr/bin/env bash
# Starts a sandbox with demo data on a free port, runs the Kotlin example against it, stops it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sandbox="$here/target/native/harvest-sandbox"
[ -x "$sandbox" ] || { echo "run-example.sh: no sandbox at $sandbox (make build-uniffi)" >&2; exit 1; }
fifo=$(mktemp -u) && mkfifo "$fifo"
"$sandbox" --port 0 --json --seed demo >"$fifo" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r line <"$fifo"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$line" "$1"; }
cd "$here"
HARVEST_BASE_URL=$(field base_url) HARVEST_ACCOUNT_ID=$(field account_id) HARVEST_ACCESS_TOKEN=$(field access_token) \
  mvn -B -q --no-transfer-progress -Dstyle.color=never -Dharvest.native.skip=true compile exec:java@example
