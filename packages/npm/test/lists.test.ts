// Lists read ahead: the first page alone, then each next page while the caller works through the
// one before; its error when the caller reaches it; leaving the loop aborts it. A scripted fetch
// serves four pages of two clients, 10 ms each.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HarvestClient, HarvestError, type FetchLike } from "../dist/node.js";

const EVERY_ID = [11, 12, 21, 22, 31, 32, 41, 42];

class FourPages {
  pages: number[] = [];
  aborted: number[] = [];
  #asked = new Map<number, () => void>();
  #waits = new Map<number, Promise<void>>();

  constructor(readonly fail = 0) {
    for (let n = 1; n <= 4; n++) this.#waits.set(n, new Promise((resolve) => this.#asked.set(n, resolve)));
  }

  /** Resolves once page `n` was requested; rejects if it is not within 5 s. */
  asked(n: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error(`page ${n} was not requested`)), 5000)));
    return Promise.race([this.#waits.get(n)!, late]).finally(() => clearTimeout(timer));
  }

  fetch: FetchLike = (url, init) => {
    const page = Number(new URL(url).searchParams.get("page") ?? "1");
    this.pages.push(page);
    this.#asked.get(page)!();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(this.answer(page)), 10);
      init.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        this.aborted.push(page);
        reject(new DOMException("aborted", "AbortError"));
      }, { once: true });
    });
  };

  answer(page: number): Response {
    if (page === this.fail) return new Response('{"message":"Not found"}', { status: 404, headers: { "content-type": "application/json" } });
    const base = "https://api.harvestapp.com/v2/clients?per_page=2&page=";
    const body = {
      clients: [1, 2].map((i) => ({ id: page * 10 + i, name: `Client ${page}.${i}`, is_active: true })),
      per_page: 2, total_pages: 4, total_entries: 8, page, next_page: page < 4 ? page + 1 : null, previous_page: page > 1 ? page - 1 : null,
      links: { first: base + "1", next: page < 4 ? base + (page + 1) : null, previous: page > 1 ? base + (page - 1) : null, last: base + "4" },
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }
}

function clientOn(fake: FourPages, engine: "napi" | "wasm"): HarvestClient {
  return new HarvestClient({ accountId: 1, accessToken: "t", userAgent: "T (t@example.com)", engine, fetch: fake.fetch, rateLimits: { enabled: false } });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const engine of ["napi", "wasm"] as const) {
  test(`${engine}: the first item or page costs one request`, async () => {
    const fake = new FourPages();
    const client = clientOn(fake, engine);
    for await (const first of client.clients.list({ perPage: 2 })) {
      assert.equal(first.id, 11);
      break;
    }
    for await (const page of client.clients.list({ perPage: 2 }).pages()) {
      assert.deepEqual(page.items.map((c) => c.id), [11, 12]);
      break;
    }
    await pause(50);
    assert.deepEqual(fake.pages, [1, 1]);
  });

  test(`${engine}: from the second page on, the next one is fetched before it is asked for`, async () => {
    const fake = new FourPages();
    const list = clientOn(fake, engine).clients.list({ perPage: 2 });
    const pages = list.pages();
    const seen: number[] = [];
    for (let i = 0; i < 2; i++) seen.push(...(await pages.next()).value!.items.map((c) => c.id));
    await fake.asked(3);
    assert.equal(list.position()!.pages, 2, "the position is still the first page not handed out");
    for await (const page of pages) seen.push(...page.items.map((c) => c.id));
    assert.deepEqual(seen, EVERY_ID);
    assert.deepEqual(fake.pages, [1, 2, 3, 4]);
    assert.deepEqual(await clientOn(new FourPages(), engine).clients.list({ perPage: 2 }).all().then((all) => all.map((c) => c.id)), EVERY_ID);
  });

  test(`${engine}: a page read ahead that failed rejects when the caller reaches it`, async () => {
    const fake = new FourPages(3);
    const client = clientOn(fake, engine);
    const list = client.clients.list({ perPage: 2 });
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of list) {
          seen.push(c.id);
          if (seen.length === 4) await fake.asked(3);
        }
      })(),
      (e: unknown) => e instanceof HarvestError && e.code === "not_found",
    );
    assert.deepEqual(seen, [11, 12, 21, 22], "every item before the failed page");
    const rest = await clientOn(new FourPages(), engine).resume<{ id: number }>(list.position()!).all();
    assert.deepEqual(rest.map((c) => c.id), [31, 32, 41, 42], "the position resumes at the failed page");
  });

  test(`${engine}: leaving the loop aborts the page read ahead`, async () => {
    const fake = new FourPages();
    const seen: number[] = [];
    for await (const c of clientOn(fake, engine).clients.list({ perPage: 2 })) {
      seen.push(c.id);
      if (seen.length === 3) {
        await fake.asked(3);
        break;
      }
    }
    assert.deepEqual(fake.pages, [1, 2, 3]);
    assert.deepEqual(fake.aborted, [3], "the fetch of page 3 was aborted when the loop was left");
  });
}
