// The packed tarball (`npm pack`), installed into a fresh project and used from Node with each
// engine against the sandbox.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "./sandbox.js";

const pkg = fileURLToPath(new URL("../", import.meta.url));
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let dir = "";

before(async () => {
  sandbox = await startSandbox(["--seed", "demo", "--no-rate-limit"]);
  dir = mkdtempSync(join(tmpdir(), "harvest-sdk-pack-"));
});
after(() => {
  sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("npm pack gives a tarball that a fresh project installs and uses", { timeout: 120_000 }, () => {
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: pkg, encoding: "utf8" });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote a tarball");
  const app = join(dir, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--silent", "--offline", "--no-audit", "--no-fund", join(dir, tarball)], { cwd: app });
  writeFileSync(join(app, "main.js"), `
import { HarvestClient, HarvestError, decode, availableEngines } from "harvest-sdk";
const [baseUrl, accountId, accessToken] = process.argv.slice(2);
const out = { engines: await availableEngines() };
for (const engine of out.engines) {
  const h = new HarvestClient({ accountId: Number(accountId), accessToken, userAgent: "pack test (t@example.com)", baseUrl, engine });
  out[engine] = { kind: await h.engineKind(), projects: (await h.projects.list().all()).length, me: (await h.users.me()).email };
}
try { await decode("listClients", { status: 404, body: "" }); } catch (e) { out.error = e instanceof HarvestError ? e.code : String(e); }
console.log(JSON.stringify(out));
`);
  const out = JSON.parse(execFileSync("node", ["main.js", sandbox.info.base_url, String(sandbox.info.account_id), sandbox.info.access_token], { cwd: app, encoding: "utf8" }));
  assert.deepEqual(out.engines, ["napi", "wasm"]);
  for (const engine of ["napi", "wasm"]) {
    assert.equal(out[engine].kind, engine);
    assert.ok(out[engine].projects > 0);
    assert.equal(out[engine].me, "alice@example.com");
  }
  assert.equal(out.error, "not_found");
});
