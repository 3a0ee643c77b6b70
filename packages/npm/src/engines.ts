/** Which engines this entry point can load: the Node entry registers the napi addon and the
 * WebAssembly module (read from disk); the browser entry registers WebAssembly only. Engines load
 * once, lazily, on first use. */

import { Engine, type EngineKind } from "./engine.js";
import { HarvestError } from "./errors.js";

export type EngineChoice = EngineKind | "auto";

type Loader = () => Promise<Engine | null>;

const loaders = new Map<EngineKind, Loader>();
const loaded = new Map<EngineKind, Promise<Engine | null>>();

/** Registers how to load an engine (called by the entry points). */
export function registerEngine(kind: EngineKind, loader: Loader): void {
  loaders.set(kind, loader);
  loaded.delete(kind);
}

async function tryLoad(kind: EngineKind): Promise<Engine | null> {
  const loader = loaders.get(kind);
  if (!loader) return null;
  let promise = loaded.get(kind);
  if (!promise) {
    promise = loader();
    loaded.set(kind, promise);
  }
  return promise;
}

/** Loads an engine: `auto` prefers the native addon and falls back to WebAssembly. */
export async function loadEngine(choice: EngineChoice = "auto"): Promise<Engine> {
  const order: EngineKind[] = choice === "auto" ? ["napi", "wasm"] : [choice];
  for (const kind of order) {
    const engine = await tryLoad(kind);
    if (engine) return engine;
  }
  throw new HarvestError("invalid_input", `no ${choice === "auto" ? "" : choice + " "}engine is available in this environment`);
}

/** The engines this environment can load. */
export async function availableEngines(): Promise<EngineKind[]> {
  const kinds: EngineKind[] = [];
  for (const kind of ["napi", "wasm"] as const) {
    if (await tryLoad(kind)) kinds.push(kind);
  }
  return kinds;
}
