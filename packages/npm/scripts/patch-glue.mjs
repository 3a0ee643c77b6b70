// Adapts wasm-bindgen's `--target web` glue (wasm/harvest_wasm.js) so that the facade can
// instantiate the module afresh after a trap: `__wbg_reset()` forgets the trapped instance, and
// each object's finalizer frees it only in the instance it was made in (never a stale pointer in
// a new instance). Fails loudly if the glue's shape changed (a new wasm-bindgen version).
// Usage: node scripts/patch-glue.mjs [glue directory, default wasm/]
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const dir = process.argv[2] ? pathToFileURL(process.argv[2].replace(/\/?$/, "/")) : new URL("../wasm/", import.meta.url);
const js = new URL("harvest_wasm.js", dir);
const dts = new URL("harvest_wasm.d.ts", dir);
let text = readFileSync(js, "utf8");
if (text.includes("__wbg_reset")) process.exit(0);

function replaceAll(pattern, replacement, expected) {
  const count = (text.match(pattern) ?? []).length;
  if (count !== expected) throw new Error(`patch-glue: expected ${expected} matches of ${pattern}, found ${count}`);
  text = text.replace(pattern, replacement);
}

replaceAll(/new FinalizationRegistry\(ptr => wasm\.(__wbg_\w+_free)\(ptr, 1\)\)/g, "new FinalizationRegistry(held => held[1] === wasm && wasm.$1(held[0], 1))", 3);
replaceAll(/Finalization\.register\((\w+), \1\.__wbg_ptr, \1\)/g, "Finalization.register($1, [$1.__wbg_ptr, wasm], $1)", 3);
text += "\n/** Forgets the current instance (after a trap), so that initSync makes a fresh one. */\nexport function __wbg_reset() { wasm = undefined; }\n";
writeFileSync(js, text);
writeFileSync(dts, readFileSync(dts, "utf8") + "\n/** Forgets the current instance (after a trap), so that initSync makes a fresh one. */\nexport function __wbg_reset(): void;\n");
