/** Loads the WebAssembly engine (wasm-bindgen `--target web` output in ../wasm/). It keeps the
 * compiled `WebAssembly.Module`, so after a trap a fresh instance is made synchronously.
 *
 * There are two modules. `wasm/harvest_wasm_bg.wasm`, the one every page loads, checks answers
 * in Rust and lets `JSON.parse` build them (the default decode). `wasm/strict/` is the same
 * engine with the strict typed decode too (`validate: true`); it is fetched and compiled only
 * when a strict decode is first asked for, so the default download stays small. */

import * as glue from "../wasm/harvest_wasm.js";
import { Engine, type RawEngine } from "./engine.js";

/** Where a module comes from: its bytes, its URL, or the compiled module. */
export type WasmSource = BufferSource | URL | string | WebAssembly.Module;

type Glue = typeof glue;

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof URL || typeof source === "string") {
    const response = await fetch(source);
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

function engineFrom(g: Glue, module: WebAssembly.Module, strict: (() => Promise<Engine>) | null): Engine {
  const instantiate = (): RawEngine => {
    g.__wbg_reset();
    g.initSync({ module });
    return g as unknown as RawEngine;
  };
  return new Engine("wasm", instantiate(), instantiate, strict);
}

/** Instantiates the engine from the module's bytes or URL (the browser default: next to the
 * glue file, `harvest_wasm_bg.wasm`); `strictSource` gives the strict module when it is first
 * needed (default: `strict/harvest_wasm_bg.wasm` next to it). */
export async function loadWasmEngine(source?: WasmSource, strictSource?: () => Promise<WasmSource>): Promise<Engine> {
  const module = await compile(source ?? new URL("../wasm/harvest_wasm_bg.wasm", import.meta.url));
  const strict = async (): Promise<Engine> => {
    const strictGlue = (await import("../wasm/strict/harvest_wasm.js")) as unknown as Glue;
    const strictModule = await compile(strictSource ? await strictSource() : new URL("../wasm/strict/harvest_wasm_bg.wasm", import.meta.url));
    return engineFrom(strictGlue, strictModule, null);
  };
  return engineFrom(glue, module, strict);
}
