/** The Node entry point: the native addon (napi) when it is built for this platform, else the
 * WebAssembly engine read from the package's files. */

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Engine, type RawEngine } from "./engine.js";
import { loadWasmEngine } from "./engine-wasm.js";
import { registerEngine } from "./engines.js";

/** The addon's file name for this platform, e.g. `harvest-sdk.linux-x64-gnu.node`. */
export function nativeAddonName(): string {
  let abi = "";
  if (process.platform === "linux") {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    abi = report?.header?.glibcVersionRuntime ? "-gnu" : "-musl";
  }
  return `harvest-sdk.${process.platform}-${process.arch}${abi}.node`;
}

registerEngine("napi", async () => {
  const url = new URL(`../native/${nativeAddonName()}`, import.meta.url);
  if (!existsSync(url)) return null;
  const require = createRequire(import.meta.url);
  return new Engine("napi", require(fileURLToPath(url)) as RawEngine, null);
});

registerEngine("wasm", async () =>
  loadWasmEngine(await readFile(new URL("../wasm/harvest_wasm_bg.wasm", import.meta.url)), () => readFile(new URL("../wasm/strict/harvest_wasm_bg.wasm", import.meta.url))),
);

export * from "./index.js";
