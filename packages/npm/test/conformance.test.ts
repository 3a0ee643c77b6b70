// Every case in tests/conformance/ through both engines, each with the fast decode (checked in
// Rust, parsed by JSON.parse) and the strict one (typed in Rust), with the scheduler of that
// folder's README on a virtual clock, and the same results from napi and wasm. Numbers beyond 2^53 are
// carried as text (the case files hold such ids), so the check is exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { loadEngine, HarvestError, type EngineClient, type Call, type Paginator } from "../dist/node.js";

const dir = new URL("../../../tests/conformance/", import.meta.url);
const BIG = /(?<=[:\[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g;
/** JSON with integers of 16+ digits kept as marked strings. */
const parseExact = (text: string): any => JSON.parse(text.replace(BIG, '"#big:$1"'));
const stringifyExact = (value: unknown): string => JSON.stringify(value).replace(/"#big:(-?\d+)"/g, "$1");

type Answer = { response: { requestId: number; status: number; headers: [string, string][]; body: Uint8Array } } | { failure: { id: number; kind: "connect" | "transport" | "timeout" } };
type Driver = { call: Call<unknown> } | { pages: Paginator<unknown>; counts: number[]; maxPages: number | null; stopped: boolean };
type Slot = { kind: "ready" } | { kind: "waiting"; until: number } | { kind: "awaiting"; at: number; answer: Answer; jump: number } | { kind: "done" };

function start(client: EngineClient, spec: any): Driver {
  const maxPages = typeof spec.max_pages === "number" ? spec.max_pages : null;
  if (spec.resume != null) return { pages: client.resume(spec.resume), counts: [], maxPages, stopped: false };
  const ids = stringifyExact(spec.path_ids ?? []);
  const params = spec.params === undefined ? "" : stringifyExact(spec.params);
  if (spec.paginate) return { pages: client.paginateFromJson(spec.operation, ids, params), counts: [], maxPages, stopped: false };
  return { call: client.callFromJson(spec.operation, ids, params) };
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

function matches(request: any, call: number, step: any): string | null {
  const want = step.request;
  if (!step.any_call && (want.call ?? 0) !== call) return `call ${call} sent ${request.method} ${request.url}, but the script expects call ${want.call}`;
  if (want.method && want.method !== request.method) return `method: expected ${want.method}, got ${request.method} (${request.url})`;
  if (want.url && want.url !== request.url) return `url: expected ${want.url}, got ${request.url}`;
  if (want.url_prefix && !request.url.startsWith(want.url_prefix)) return `url: expected a prefix ${want.url_prefix}, got ${request.url}`;
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const actual = header(request.headers, name);
    if (value === null ? actual !== undefined : actual !== value) return `header ${name}: expected ${value}, got ${actual}`;
  }
  if ("body" in want) {
    let actual: unknown = null;
    if (request.body !== null) {
      try {
        actual = parseExact(request.body);
      } catch {
        actual = request.body;
      }
    }
    if (!isDeepStrictEqual(actual, want.body)) return `body: expected ${stringifyExact(want.body)}, got ${request.body}`;
  }
  return null;
}

function answerFor(step: any, id: number): Answer {
  if (step.failure) return { failure: { id, kind: step.failure } };
  const r = step.response;
  const body = typeof r.body_text === "string" ? r.body_text : r.body == null ? "" : stringifyExact(r.body);
  const headers = Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
  return { response: { requestId: id, status: r.status ?? 200, headers, body: new TextEncoder().encode(body) } };
}

/** `actual` contains `expected`: objects by key, arrays element-wise, numbers numerically. */
function contains(actual: any, expected: any): boolean {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => (k in actual ? contains(actual[k], v) : v === null));
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && actual.every((x, i) => contains(x, expected[i]));
  if (typeof expected === "number" && typeof actual === "number") return actual === expected;
  return actual === expected;
}

function itemCount(page: any): number {
  const key = Object.keys(page).find((k) => Array.isArray(page[k]));
  return key ? page[key].length : 0;
}

function errorJson(e: HarvestError): any {
  const v: any = { error: e.code, status: e.status };
  if (e.retryAt) v.retry_at_ms = e.retryAt.getTime();
  return v;
}

async function runCase(kind: "napi" | "wasm", text: string, validate: boolean): Promise<{ errors: string[]; results: unknown[]; end: number; sent: number }> {
  const loaded = await loadEngine(kind);
  const engine = validate ? await loaded.strict() : loaded;
  const c = parseExact(text);
  const client = engine.client(JSON.parse(stringifyExact(c.config)), { validate });
  const startMs: number = c.start_ms;
  let specs: any[] = c.calls ?? [];
  if ((c.repeat_calls ?? 1) > 1) specs = Array.from({ length: c.repeat_calls }, () => specs[0]);
  const script: any[] = c.script ?? [];
  let step = 0;
  let repeatLeft: number | null = null;
  const sent: number[] = [];
  let now = startMs;
  const errors: string[] = [];
  const drivers: (Driver | null)[] = [];
  const slots: Slot[] = [];
  const results: unknown[] = specs.map(() => null);
  specs.forEach((spec, i) => {
    try {
      drivers.push(start(client, spec));
      slots.push({ kind: "ready" });
    } catch (e) {
      drivers.push(null);
      slots.push({ kind: "done" });
      results[i] = { error: (e as HarvestError).code, status: null };
    }
  });
  const deliver = (d: Driver, answer: Answer) => {
    const s = "call" in d ? d.call : d.pages;
    if ("response" in answer) s.handleResponse(answer.response, now);
    else s.handleFailure(answer.failure.id, answer.failure.kind, "scripted failure", now);
  };
  const ask = (d: Driver): { send: any } | { wait: number } | { finished: unknown } | { continue: true } => {
    if ("call" in d) {
      const a = parseExact(d.call.nextActionJson(now));
      if (a.kind === "send") return { send: a.request };
      if (a.kind === "wait") return { wait: a.until };
      return { finished: "error" in a ? errorJson(HarvestError.fromEngine(a.error)) : { ok: a.value } };
    }
    if (d.stopped || (d.maxPages !== null && d.counts.length >= d.maxPages)) {
      d.stopped = true;
      return { finished: { pages: d.counts, position: d.pages.position() } };
    }
    const a = parseExact(d.pages.nextActionJson(now));
    if (a.kind === "send") return { send: a.request };
    if (a.kind === "wait") return { wait: a.until };
    if ("error" in a) return { finished: { pages: d.counts, position: d.pages.position(), error: a.error.code, status: a.error.status } };
    if (a.value === null) return { finished: { pages: d.counts, position: d.pages.position() } };
    d.counts.push(itemCount(a.value));
    return { continue: true };
  };
  let end = startMs;
  let rounds = 0;
  outer: for (;;) {
    if (++rounds > 1_000_000) {
      errors.push("the case did not finish within a million scheduler rounds");
      break;
    }
    for (let i = 0; i < drivers.length; i++) {
      const d = drivers[i];
      if (!d) continue;
      const slot = slots[i]!;
      if (slot.kind === "awaiting" && slot.at <= now) {
        slots[i] = { kind: "ready" };
        deliver(d, slot.answer);
        now += slot.jump;
      }
      for (;;) {
        const s = slots[i]!;
        const ready = s.kind === "ready" || (s.kind === "waiting" && s.until <= now);
        if (!ready) break;
        const r = ask(d);
        if ("send" in r) {
          const request = r.send;
          sent.push(now);
          const st = script[step];
          if (st && "wait" in st) {
            errors.push(`step ${step}: expected a wait, but call ${i} sent ${request.method} ${request.url}`);
            break outer;
          }
          if (!st) {
            errors.push(`call ${i} sent ${request.method} ${request.url} after the script ended`);
            break outer;
          }
          const problem = matches(request, i, st);
          if (problem) {
            errors.push(`step ${step}: ${problem}`);
            break outer;
          }
          const left: number = (repeatLeft ?? st.repeat ?? 1) - 1;
          if (left === 0) {
            step++;
            repeatLeft = null;
          } else repeatLeft = left;
          const answer = answerFor(st, request.id);
          const delay = st.delay_ms ?? 0;
          const jump = st.clock_jump_ms ?? 0;
          if (delay === 0) {
            deliver(d, answer);
            now += jump;
            slots[i] = { kind: "ready" };
          } else slots[i] = { kind: "awaiting", at: now + delay, answer, jump };
        } else if ("wait" in r) {
          const w = script[step]?.wait;
          if (w && (w.call ?? 0) === i) {
            if (w.until !== r.wait) errors.push(`step ${step}: call ${i} waits until ${r.wait}, expected ${w.until}`);
            step++;
          }
          if (r.wait <= now) {
            errors.push(`call ${i} asked to wait until ${r.wait}, which is not after now (${now})`);
            break outer;
          }
          slots[i] = { kind: "waiting", until: r.wait };
        } else if ("finished" in r) {
          results[i] = r.finished;
          slots[i] = { kind: "done" };
          end = now;
        }
      }
    }
    if (slots.every((s) => s.kind === "done")) break;
    const next = slots.flatMap((s) => (s.kind === "waiting" ? [s.until] : s.kind === "awaiting" ? [s.at] : []));
    if (next.length === 0) {
      errors.push("no call can make progress");
      break;
    }
    now = Math.max(now, Math.min(...next));
  }
  if (step < script.length && errors.length === 0) errors.push(`${script.length - step} script steps were never reached`);
  const expect = c.expect ?? {};
  (expect.results ?? []).forEach((w: unknown, i: number) => {
    if (!contains(results[i], w)) errors.push(`result ${i}: expected ${stringifyExact(w)}, got ${stringifyExact(results[i]).slice(0, 400)}`);
  });
  if (expect.all_results) {
    const bad = results.findIndex((r) => !contains(r, expect.all_results));
    if (bad >= 0) errors.push(`result ${bad}: expected ${stringifyExact(expect.all_results)}, got ${stringifyExact(results[bad]).slice(0, 400)}`);
  }
  if (typeof expect.end_ms === "number" && expect.end_ms !== end) errors.push(`end_ms: expected ${expect.end_ms}, got ${end} (start + ${end - startMs})`);
  if (typeof expect.requests === "number" && expect.requests !== sent.length) errors.push(`requests: expected ${expect.requests}, got ${sent.length}`);
  if (expect.max_requests_in_window) {
    const { window_ms, max } = expect.max_requests_in_window;
    const times = [...sent].sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++) {
      const n = times.slice(i).filter((u) => u < times[i]! + window_ms).length;
      if (n > max) {
        errors.push(`${n} requests within ${window_ms} ms from ${times[i]}, more than ${max}`);
        break;
      }
    }
  }
  if (expect.events) {
    const events = client.takeEvents().map((e) => ({ tokens_refreshed: { access_token: e.tokens.access_token, refresh_token: e.tokens.refresh_token, expires_at_ms: e.tokens.expires_at_ms } }));
    if (!contains(events, expect.events)) errors.push(`events: expected ${JSON.stringify(expect.events)}, got ${JSON.stringify(events)}`);
  }
  return { errors, results, end, sent: sent.length };
}

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("there are conformance cases", () => {
  assert.ok(files.length >= 80, `only ${files.length} cases in ${dir.pathname}`);
});

for (const file of files) {
  test(`conformance: ${file}`, async () => {
    const text = readFileSync(new URL(file, dir), "utf8");
    const runs: Awaited<ReturnType<typeof runCase>>[] = [];
    for (const validate of [false, true]) {
      const mode = validate ? "strict" : "fast";
      const napi = await runCase("napi", text, validate);
      const wasm = await runCase("wasm", text, validate);
      assert.deepEqual(napi.errors, [], `napi ${mode}: ${napi.errors.join("; ")}`);
      assert.deepEqual(wasm.errors, [], `wasm ${mode}: ${wasm.errors.join("; ")}`);
      assert.equal(stringifyExact(wasm.results), stringifyExact(napi.results), `the engines differ (${mode})`);
      assert.equal(wasm.end, napi.end);
      assert.equal(wasm.sent, napi.sent);
      runs.push(napi);
    }
    assert.equal(runs[0]!.end, runs[1]!.end, "fast and strict decoding end at different times");
    assert.equal(runs[0]!.sent, runs[1]!.sent, "fast and strict decoding send different requests");
  });
}
