// `make bench-npm`: decode of a generated 2000-entry listTimeEntries body, in one run: JSON.parse
// alone (the floor), then the napi engine and the wasm engine, each with the default fast decode
// (the body checked in Rust, then TextDecoder + JSON.parse of the original bytes) and the strict
// one (`validate: true`: typed decode in Rust, the value as JSON text, JSON.parse). Medians of
// interleaved rounds; sizes of the artifacts.
// Usage: node build-test/bench/decode.js [path to a release napi addon]
import { createRequire } from "node:module";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { deepStrictEqual as assertDeepEqual } from "node:assert";
import { Engine, loadEngine, type RawEngine } from "../../dist/node.js";

function entry(i: number): unknown {
  const id = 2_000_000_000 + i * 7;
  return {
    id, spent_date: `2026-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    user: { id: 4100001 + (i % 4), name: ["Alice Admin", "Bob Builder", "Carol Coder", "Dave Designer"][i % 4] },
    user_assignment: { id: 130403296 + (i % 9), is_project_manager: i % 5 === 0, is_active: true, budget: null, created_at: "2026-01-05T09:12:44Z", updated_at: "2026-02-01T10:00:00Z", hourly_rate: 100 + (i % 50) },
    client: { id: 5735776 + (i % 20), name: `Client ${i % 20}`, currency: "EUR" },
    project: { id: 14308069 + (i % 40), name: `Project ${i % 40}`, code: `P${i % 40}` },
    task: { id: 8083365 + (i % 10), name: ["Design", "Programming", "Testing", "Meetings", "Research"][i % 5] },
    task_assignment: { id: 155502709 + (i % 30), billable: i % 3 !== 0, is_active: true, created_at: "2026-01-05T09:12:44Z", updated_at: "2026-02-01T10:00:00Z", hourly_rate: 100, budget: null },
    external_reference: i % 6 === 0 ? { id: `issue-${i}`, group_id: "369", account_id: "1", permalink: `https://example.com/issues/${i}`, service: "github.com", service_icon_url: "https://example.com/icon.png" } : null,
    invoice: i % 10 === 0 ? { id: 13150403 + i, number: `INV-${i}` } : null,
    hours: ((i % 16) + 1) / 4, hours_without_timer: ((i % 16) + 1) / 4, rounded_hours: ((i % 16) + 1) / 4,
    notes: `Worked on feature ${i}: ${"details ".repeat(i % 8)}`.trim(),
    is_locked: i % 10 === 0, locked_reason: i % 10 === 0 ? "Item Invoiced and Approved" : null, is_closed: false, approval_status: "unsubmitted",
    is_billed: i % 10 === 0, timer_started_at: null, started_time: null, ended_time: null, is_running: false, billable: i % 3 !== 0, budgeted: true,
    billable_rate: i % 3 !== 0 ? 100 + (i % 50) : null, cost_rate: 50 + (i % 20),
    created_at: "2026-03-01T08:00:00Z", updated_at: `2026-03-${String((i % 28) + 1).padStart(2, "0")}T17:30:00Z`,
  };
}

const body = JSON.stringify({
  time_entries: Array.from({ length: 2000 }, (_, i) => entry(i)),
  per_page: 2000, total_pages: 3, total_entries: 5200, next_page: null, previous_page: null, page: null,
  links: { first: "https://api.harvestapp.com/v2/time_entries?page=1&per_page=2000", next: "https://api.harvestapp.com/v2/time_entries?cursor=abc&per_page=2000", previous: null, last: "https://api.harvestapp.com/v2/time_entries?page=3&per_page=2000" },
});
const bytes = new TextEncoder().encode(body);

const addon = process.argv[2];
const napi = addon ? new Engine("napi", createRequire(import.meta.url)(addon) as RawEngine, null) : await loadEngine("napi");
const wasm = await loadEngine("wasm");
const wasmStrict = await wasm.strict();

type Case = { name: string; run: () => unknown };
const decoder = new TextDecoder();
const strict = { validate: true };
const cases: Case[] = [
  { name: "JSON.parse alone", run: () => JSON.parse(body) },
  { name: "TextDecoder + JSON.parse (bytes in)", run: () => JSON.parse(decoder.decode(bytes)) },
  { name: "napi decode (fast, default)", run: () => napi.decode("listTimeEntries", { status: 200, body: bytes }) },
  { name: "napi decode strict (validate: true)", run: () => napi.decode("listTimeEntries", { status: 200, body: bytes }, strict) },
  { name: "wasm decode (fast, default)", run: () => wasm.decode("listTimeEntries", { status: 200, body: bytes }) },
  { name: "wasm decode strict (validate: true)", run: () => wasmStrict.decode("listTimeEntries", { status: 200, body: bytes }, strict) },
  { name: "napi, Rust check only (fast)", run: () => napi.run((raw) => raw.decodeCheck("listTimeEntries", 200, "[]", bytes)) },
  { name: "wasm, Rust check only (fast)", run: () => wasm.run((raw) => raw.decodeCheck("listTimeEntries", 200, "[]", bytes)) },
  { name: "napi, Rust only (strict: typed decode + JSON text)", run: () => napi.decodeToJson("listTimeEntries", 200, bytes) },
  { name: "wasm, Rust only (strict)", run: () => wasmStrict.decodeToJson("listTimeEntries", 200, bytes) },
];
const expected = JSON.parse(body);
for (const [engine, strictEngine] of [[napi, napi], [wasm, wasmStrict]] as const) {
  assertDeepEqual(engine.decode("listTimeEntries", { status: 200, body: bytes }), expected, `${engine.kind} fast decode`);
  const typed = strictEngine.decode<{ time_entries: unknown[] }>("listTimeEntries", { status: 200, body: bytes }, strict);
  if (typed.time_entries.length !== 2000) throw new Error(`${engine.kind}: the strict decode lost entries`);
}

const ROUNDS = 31;
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS + 3; round++) {
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    c.run();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (round >= 3) times.get(c.name)!.push(ms);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times.get("JSON.parse alone")!);
console.log(`decode of a 2000-entry listTimeEntries body (${(bytes.length / 1e6).toFixed(2)} MB), median of ${ROUNDS} rounds`);
console.log("| decoder | median | vs JSON.parse |\n|---|---|---|");
for (const c of cases) {
  const m = median(times.get(c.name)!);
  console.log(`| ${c.name} | ${m.toFixed(1)} ms | ${(m / base).toFixed(2)}× |`);
}
console.log();
const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
for (const [what, file] of [["wasm engine (default module)", "wasm/harvest_wasm_bg.wasm"], ["wasm strict module (loaded for validate: true)", "wasm/strict/harvest_wasm_bg.wasm"], ["wasm glue (JS)", "wasm/harvest_wasm.js"]] as const) {
  const raw = new Uint8Array(readFileSync(new URL(`../../${file}`, import.meta.url)));
  console.log(`${what}: ${raw.length} bytes raw, ${gz(raw)} bytes gzipped`);
}
if (addon) {
  const a = readFileSync(addon);
  console.log(`napi addon (release, LTO, stripped): ${statSync(addon).size} bytes raw, ${gzipSync(new Uint8Array(a), { level: 9 }).length} bytes gzipped`);
}
