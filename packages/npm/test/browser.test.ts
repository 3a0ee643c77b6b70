// The browser example in headless Chromium (Debian's, driven by playwright-core; no browser
// download): sign in with the sandbox's implicit OAuth flow, list projects, log time, draw the
// budget chart, create an invoice from tracked time; the page and the sandbox are on different
// ports (CORS). Saves a screenshot to build/browser-example.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { startSandbox } from "./sandbox.js";

const example = fileURLToPath(new URL("../examples/browser/", import.meta.url));
const screenshot = fileURLToPath(new URL("../../../build/browser-example.png", import.meta.url));
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let server: Server;
let origin = "";

before(async () => {
  await esbuild.build({ entryPoints: [join(example, "main.ts")], bundle: true, format: "esm", platform: "browser", outfile: join(example, "dist/app.js"), logLevel: "error" });
  mkdirSync(join(example, "wasm"), { recursive: true });
  copyFileSync(fileURLToPath(new URL("../wasm/harvest_wasm_bg.wasm", import.meta.url)), join(example, "wasm/harvest_wasm_bg.wasm"));
  sandbox = await startSandbox(["--seed", "demo", "--no-rate-limit"]);
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(example, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(example) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

after(() => {
  sandbox?.stop();
  server?.close();
});

test("the browser example signs in with OAuth, lists, logs time, charts budgets and invoices", { timeout: 120_000 }, async () => {
  const profile = mkdtempSync(join(tmpdir(), "harvest-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1000, height: 1100 },
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const query = new URLSearchParams({ api: sandbox.info.base_url, account: String(sandbox.info.account_id), clientId: sandbox.info.oauth_client_id });
    await page.goto(`${origin}/?${query}`);
    await page.click("#oauth");
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.startsWith("Signed in as"), undefined, { timeout: 30_000 });
    assert.match((await page.textContent("#status")) ?? "", /wasm engine/);
    assert.ok(!page.url().includes("access_token"), "the token was removed from the address bar");
    assert.ok((await page.locator("#projects li").count()) > 0);
    await page.waitForFunction(() => (document.getElementById("task") as HTMLSelectElement).options.length > 0);
    await page.click("#log button");
    await page.waitForFunction(() => document.getElementById("logged")?.textContent?.startsWith("Logged 1.5 h"), undefined, { timeout: 30_000 });
    assert.ok((await page.locator("#chart rect").count()) >= 2, "the budget chart has bars");
    await page.click("#invoice");
    await page.waitForFunction(() => /Invoice|error/.test(document.getElementById("invoiced")?.textContent ?? "") || document.getElementById("status")?.className === "error", undefined, { timeout: 30_000 });
    assert.match((await page.textContent("#invoiced")) ?? "", /^Invoice .+ created \(draft\)\.$/, (await page.textContent("#status")) ?? "");
    mkdirSync(join(screenshot, ".."), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
