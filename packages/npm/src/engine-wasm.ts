/** Loads the WebAssembly engine (wasm-bindgen `--target web` output in ../wasm/). It keeps the
 * compiled `WebAssembly.Module`, so after a trap a fresh instance is made synchronously. */

import * as glue from "../wasm/harvest_wasm.js";
import { Engine, type RawEngine } from "./engine.js";

/** Instantiates the engine from the module's bytes or URL (the browser default: next to the
 * glue file, `harvest_wasm_bg.wasm`). */
export async function loadWasmEngine(source?: BufferSource | URL | string | WebAssembly.Module): Promise<Engine> {
  let module: WebAssembly.Module;
  if (source instanceof WebAssembly.Module) {
    module = source;
  } else if (source === undefined || source instanceof URL || typeof source === "string") {
    const url = source ?? new URL("../wasm/harvest_wasm_bg.wasm", import.meta.url);
    const response = await fetch(url);
    module = await WebAssembly.compile(await response.arrayBuffer());
  } else {
    module = await WebAssembly.compile(source);
  }
  const instantiate = (): RawEngine => {
    glue.__wbg_reset();
    glue.initSync({ module });
    return glue as unknown as RawEngine;
  };
  return new Engine("wasm", instantiate(), instantiate);
}
