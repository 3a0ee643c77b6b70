// `make bench-npm`, part 2: reading a list with 30 ms added to every page (a sandbox fault, as a
// real network would) and 20 µs of the caller's own work per entry, per_page 2000: the SDK (which
// fetches the next page while the caller works) against a hand-written loop that fetches, parses
// and works through one page at a time. Best of 3 each, interleaved.
// Usage: node build-test/bench/lists.js
import { HarvestClient } from "../../dist/node.js";
import { fault, startSandbox } from "../sandbox.js";

function work(): void {
  const end = performance.now() + 0.02;
  while (performance.now() < end);
}

const { info, stop } = await startSandbox(["--faults", "--no-rate-limit", "--seed-time-entries", "20000"]);
try {
  await fault(info.base_url, { method: "GET", path: "/v2/time_entries", probability: 1.0, fault: "stall", ms: 30 });
  const headers = { Authorization: `Bearer ${info.access_token}`, "Harvest-Account-Id": String(info.account_id), "User-Agent": "bench (bench@example.com)" };

  async function byHand(): Promise<number> {
    let count = 0;
    let url: string | null = `${info.base_url}/v2/time_entries?per_page=2000`;
    while (url) {
      const page = (await (await fetch(url, { headers })).json()) as { time_entries: { id: number }[]; links: { next: string | null } };
      for (const entry of page.time_entries) {
        work();
        count += entry.id ? 1 : 0;
      }
      url = page.links.next;
    }
    return count;
  }

  async function sdk(): Promise<number> {
    const client = new HarvestClient({ accountId: info.account_id, accessToken: info.access_token, userAgent: "bench (bench@example.com)", baseUrl: info.base_url, rateLimits: { enabled: false } });
    let count = 0;
    for await (const entry of client.timeEntries.list()) {
      work();
      count += entry.id ? 1 : 0;
    }
    return count;
  }

  const times: Record<string, number[]> = { byHand: [], sdk: [] };
  let entries = 0;
  for (let round = 0; round < 3; round++) {
    for (const [name, run] of [["byHand", byHand], ["sdk", sdk]] as const) {
      const started = performance.now();
      entries = await run();
      times[name]!.push(performance.now() - started);
    }
  }
  const best = (v: number[]) => Math.min(...v);
  const base = best(times.byHand!);
  console.log(`\nread every time entry (${entries}), per_page 2000, 30 ms a page, 20 µs of work an entry (best of 3)`);
  console.log(`  fetch + JSON.parse + work, one page at a time   ${base.toFixed(0).padStart(6)} ms  1.00`);
  console.log(`  SDK (reads the next page while you work)        ${best(times.sdk!).toFixed(0).padStart(6)} ms  ${(best(times.sdk!) / base).toFixed(2)}`);
} finally {
  stop();
}
