#!/usr/bin/env bash
# The mission end to end with the `harvest` CLI: list projects and tasks, log time on two projects
# (by duration, and with a timer), the uninvoiced report, an invoice from tracked time, mark it
# sent, record a payment, see it paid, and the project budget report.
#
# By default it runs against the embedded sandbox (started here, stopped on exit). With
# HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID set it runs against the real Harvest: read steps run,
# and every write step asks for confirmation first. Writes there also need DEMO_PROJECT,
# DEMO_TASK (duration entry), DEMO_PROJECT2, DEMO_TASK2 (timer) and DEMO_CLIENT (invoice): names or ids.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}/debug"
cargo build -q -p harvest -p harvest-sandbox --manifest-path "$root/Cargo.toml"
harvest="$target/harvest"

bold=$'\e[1m'; dim=$'\e[2m'; off=$'\e[0m'
[ -t 1 ] || { bold=""; dim=""; off=""; }
step=0
say() { step=$((step + 1)); printf '\n%s%d. %s%s\n' "$bold" "$step" "$1" "$off"; }
show() { printf '%s$ harvest' "$dim"; printf ' %q' "$@"; printf '%s\n' "$off"; "$harvest" "$@"; }
days_ago() { date -d "-$1 days" +%F 2>/dev/null || date -v-"$1"d +%F; }
json_id() { sed -n 's/^  "id": \([0-9][0-9]*\),\{0,1\}$/\1/p' | head -n 1; }

real=false
if [ -n "${HARVEST_ACCESS_TOKEN:-}" ] && [ -n "${HARVEST_ACCOUNT_ID:-}" ]; then
  real=true
fi

confirm() {
  $real || return 0
  local answer=""
  if [ -r /dev/tty ]; then
    read -r -p "$1 in your real Harvest account? [y/N] " answer </dev/tty || true
  fi
  [[ "$answer" == [yY]* ]]
}

if $real; then
  echo "${bold}Running against the real Harvest (account $HARVEST_ACCOUNT_ID): writes ask first.${off}"
  project="${DEMO_PROJECT:-}"; task="${DEMO_TASK:-}"
  project2="${DEMO_PROJECT2:-$project}"; task2="${DEMO_TASK2:-$task}"
  client="${DEMO_CLIENT:-}"
else
  tmp="$(mktemp -d)"
  "$target/harvest-sandbox" --port 0 --json --seed demo >"$tmp/sandbox.json" 2>"$tmp/sandbox.log" &
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
  for _ in $(seq 100); do [ -s "$tmp/sandbox.json" ] && break; sleep 0.1; done
  line="$(head -n 1 "$tmp/sandbox.json")"
  line="${line%%\"users\"*}"   # the administrator's fields come first; drop the other users
  field() { printf '%s' "$line" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",]*\)\"\{0,1\}[,}].*/\1/p"; }
  export HARVEST_BASE_URL="$(field base_url)"
  export HARVEST_ACCESS_TOKEN="$(field access_token)"
  export HARVEST_ACCOUNT_ID="$(field account_id)"
  [ -n "$HARVEST_BASE_URL" ] || { echo "the sandbox did not start: $(cat "$tmp/sandbox.log")" >&2; exit 1; }
  export XDG_CONFIG_HOME="$tmp"   # never touch the user's stored login
  echo "${bold}Sandbox at $HARVEST_BASE_URL (account $HARVEST_ACCOUNT_ID)${off}"
  project="Marketing Website"; task="Design"
  project2="Mobile App"; task2="Programming"
  client="ABC Corp"
fi
from="$(days_ago 30)"
today="$(days_ago 0)"

say "Active projects"
show projects list

if [ -n "$project" ]; then
  say "Tasks of $project"
  show tasks list --project "$project"
fi

writes=true
[ -n "$project" ] && [ -n "$task" ] && [ -n "$client" ] || { writes=false; echo "(set DEMO_PROJECT, DEMO_TASK and DEMO_CLIENT to run the write steps)"; }

if $writes && confirm "Log 2.5 hours on $project / $task"; then
  say "Log 2.5 hours on $project / $task"
  show time log --project "$project" --task "$task" --hours 2.5 --notes "Homepage mockups (harvest demo)"
fi

if $writes && confirm "Start and stop a timer on $project2 / $task2"; then
  say "Start a timer on $project2 / $task2, then stop it"
  show time start --project "$project2" --task "$task2" --notes "Sprint planning (harvest demo)"
  sleep 2
  show time stop
fi

say "Uninvoiced time and expenses since $from"
show report uninvoiced --from "$from" --to "$today"

invoice=""
if $writes; then
  say "What an invoice for $client from tracked time would bill"
  show invoice preview --client "$client" --from "$from" --to "$today"
  if confirm "Create a draft invoice for $client from tracked time"; then
    say "Create the invoice from tracked time"
    printf '%s$ harvest invoice create-from-time --client "%s" --from %s --to %s%s\n' "$dim" "$client" "$from" "$today" "$off"
    invoice="$("$harvest" invoice create-from-time --client "$client" --from "$from" --to "$today" --json | json_id)"
    show invoice show "$invoice"
  fi
fi

if [ -n "$invoice" ] && confirm "Mark invoice $invoice as sent (no email)"; then
  say "Mark invoice $invoice as sent (a state change, no email to the client)"
  show invoice mark-sent "$invoice"
fi

if [ -n "$invoice" ] && confirm "Record a payment of the full amount on invoice $invoice"; then
  say "Record the payment"
  show payment record --invoice "$invoice" --date "$today"
  say "The invoice is paid"
  show invoice show "$invoice"
fi

say "Project budgets"
show report budget

printf '\n%sDone.%s\n' "$bold" "$off"
