// The engines themselves: the same answers from both, panics and traps as `protocol` errors
// (the wasm engine carries on with a fresh instance), a mocked fetch, decode, generated types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { HarvestClient, HarvestError, availableEngines, decode, loadEngine, sumDecimals, type FetchLike } from "../dist/node.js";

test("both engines are available on this platform", async () => {
  assert.deepEqual(await availableEngines(), ["napi", "wasm"]);
  assert.equal((await loadEngine()).kind, "napi", "auto prefers the native addon on Node");
});

for (const kind of ["napi", "wasm"] as const) {
  test(`${kind}: a panic inside the engine is a protocol HarvestError, and the engine carries on`, async () => {
    const engine = await loadEngine(kind);
    const client = new HarvestClient({ accountId: 1, accessToken: "t", userAgent: "T (t@example.com)", engine: kind, fetch: mock({ id: 7, name: "after" }) });
    assert.equal((await client.clients.get(7)).name, "after");
    const generation = engine.generation;
    assert.throws(() => engine.debugPanic(), (e: unknown) => e instanceof HarvestError && e.code === "protocol");
    if (kind === "wasm") assert.equal(engine.generation, generation + 1, "the trapped instance was replaced");
    assert.equal((await client.clients.get(7)).name, "after", "an existing client still works");
  });

  test(`${kind}: bad input is an invalid_input error, never a crash`, async () => {
    const engine = await loadEngine(kind);
    const client = engine.client({ account_id: 1, access_token: "t", user_agent: "T (t@example.com)" });
    for (const bad of [() => client.call("noSuchOperation", [], null), () => client.call("retrieveClient", [], null), () => client.callFromJson("retrieveClient", "[-1]", ""), () => client.callFromJson("listClients", "[]", "{not json"), () => client.resume({ operation_id: "listClients", path: "/etc/passwd", query: [], finished: false, pages: 0 })]) {
      assert.throws(bad, (e: unknown) => e instanceof HarvestError && e.code === "invalid_input" || (e as HarvestError).code === "decode");
    }
    const call = client.call("listClients", [], {});
    assert.throws(() => call.nextAction(Number.NaN), (e: unknown) => (e as HarvestError).code === "invalid_input");
    assert.throws(() => engine.client({ access_token: "t", user_agent: "", account_id: 1 }), (e: unknown) => (e as HarvestError).code === "invalid_input");
  });

  test(`${kind}: decode gives typed values and typed errors`, async () => {
    const body = '{"clients":[{"id":1,"is_active":null,"future_field":3}],"links":{}}';
    const page = await decode<{ clients: { id: number; is_active: boolean }[]; links: unknown }>("listClients", { status: 200, body }, { engine: kind, validate: true });
    assert.equal(page.clients[0]!.is_active, false, "null becomes the field's default");
    assert.equal((page.clients[0] as Record<string, unknown>).future_field, 3, "unknown fields are kept");
    assert.deepEqual(await decode("listClients", { status: 200, body }, kind), JSON.parse(body), "the fast path gives Harvest's JSON as sent");
    assert.deepEqual(await decode("listClients", { status: 200, body: new TextEncoder().encode(body) }, { engine: kind }), JSON.parse(body), "bytes as well as text");
    for (const validate of [false, true]) {
      const opts = { engine: kind, validate };
      await assert.rejects(decode("listClients", { status: 200, body: "<html>" }, opts), (e: unknown) => (e as HarvestError).code === "decode");
      await assert.rejects(decode("listClients", { status: 429, headers: { "Retry-After": "7" }, body: "" }, opts), (e: unknown) => (e as HarvestError).code === "rate_limited" && (e as HarvestError).retryAfterMs === 7000);
      await assert.rejects(decode("listClients", { status: 404, body: '{"error":"not_found","error_description":"No such client"}' }, opts), (e: unknown) => (e as HarvestError).code === "not_found" && (e as HarvestError).status === 404);
      for (const [op, bad] of [["retrieveClient", "[1,2,3]"], ["retrieveClient", '{"id": 1, "na'], ["listClients", '{"projects": []}'], ["listClients", '{"clients": [1]}'], ["retrieveClient", "  "]] as const) {
        await assert.rejects(decode(op, { status: 200, body: bad }, opts), (e: unknown) => (e as HarvestError).code === "decode" && (e as HarvestError).status === 200, `${op} ${bad} (validate: ${validate})`);
      }
      assert.equal(await decode("deleteClient", { status: 200, body: "" }, opts), null, "an empty delete answer is null");
    }
  });

  test(`${kind}: the validate option decodes a client's answers strictly`, async () => {
    const answer = { id: 7, name: "Strict", is_active: null };
    const list = { clients: [answer], per_page: 2000, links: { next: null } };
    const fetch: FetchLike = async (url) => new Response(JSON.stringify(url.includes("/v2/clients?") ? list : answer), { status: 200 });
    const fast = new HarvestClient({ accountId: 1, accessToken: "t", userAgent: "T (t@example.com)", engine: kind, fetch });
    const strict = new HarvestClient({ accountId: 1, accessToken: "t", userAgent: "T (t@example.com)", engine: kind, fetch, validate: true });
    assert.deepEqual(await fast.clients.get(7), answer, "as Harvest sent it");
    const typed = await strict.clients.get(7);
    assert.equal(typed.is_active, false, "null becomes the field's default");
    assert.equal(typed.currency, null, "a missing nullable field is null");
    assert.deepEqual(await fast.clients.list().all(), [answer]);
    assert.equal((await strict.clients.list().all())[0]!.is_active, false);
    assert.deepEqual(await fast.call("listClients", [], {}), list);
  });
}

function mock(body: unknown, status = 200): FetchLike {
  return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

test("any fetch-compatible function is the transport (msw-style mocks)", async () => {
  const seen: { url: string; headers: [string, string][] }[] = [];
  const fetchMock: FetchLike = async (url, init) => {
    seen.push({ url, headers: init.headers });
    return new Response(JSON.stringify({ id: 42, name: "Mocked", is_active: true }), { status: 200 });
  };
  const h = new HarvestClient({ accountId: 9, accessToken: "tok", userAgent: "T (t@example.com)", baseUrl: "https://example.test", fetch: fetchMock });
  const client = await h.clients.get(42);
  assert.equal(client.name, "Mocked");
  assert.equal(seen[0]!.url, "https://example.test/v2/clients/42");
  assert.ok(seen[0]!.headers.some(([k, v]) => k === "Harvest-Account-Id" && v === "9"));
});

test("camelCase params go out as snake_case", async () => {
  let url = "";
  const h = new HarvestClient({ accountId: 9, accessToken: "tok", userAgent: "T (t@example.com)", fetch: async (u) => ((url = u), new Response('{"time_entries":[],"links":{}}')) });
  await h.timeEntries.list({ projectId: 5, isRunning: true }).all();
  assert.match(url, /project_id=5/);
  assert.match(url, /is_running=true/);
});

test("sums of money and hours are exact", () => {
  assert.equal(sumDecimals([0.1, 0.2]), 0.3);
  assert.equal(sumDecimals([1e-7, 2.5, -0.5]), 2.0000001);
  assert.equal(sumDecimals([]), 0);
});

test("src/models.ts is generated from the current Rust models", () => {
  const out = execFileSync(process.execPath, [new URL("../scripts/gen-models.mjs", import.meta.url).pathname, "--check"], { encoding: "utf8" });
  assert.match(out, /is current/);
});
