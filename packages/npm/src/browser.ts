/** The browser (and bundler) entry point: the WebAssembly engine, fetched from next to the glue
 * file, or from the URL given to `useWasmUrl`. */

import { loadWasmEngine } from "./engine-wasm.js";
import { registerEngine } from "./engines.js";

registerEngine("wasm", () => loadWasmEngine());

/** Loads the WebAssembly module from this URL instead (when a bundler moves the file), and the
 * strict module (`validate: true`, fetched on first use) from `strictUrl`. */
export function useWasmUrl(url: URL | string, strictUrl?: URL | string): void {
  registerEngine("wasm", () => loadWasmEngine(url, strictUrl === undefined ? undefined : async () => strictUrl));
}

export * from "./index.js";
