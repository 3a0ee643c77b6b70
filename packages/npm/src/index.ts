/** harvest-sdk: the Harvest API v2 for browsers and Node, on one Rust core (WebAssembly or a
 * native Node addon) behind one TypeScript facade. */

import { loadEngine, type EngineChoice } from "./engines.js";
import type { DecodeOptions } from "./engine.js";

export { HarvestError, isHarvestError, type ErrorCode } from "./errors.js";
export {
  HarvestClient, ItemList, Resource, NestedResource, TimeEntries, Projects, Users, Invoices, InvoiceMessages, Estimates, Company, Reports, localDate,
  type ClientOptions, type CallOptions, type Page, type Tokens, type UninvoicedPreview,
} from "./client.js";
export { authorizeUrl, tokenFromRedirect, codeFromRedirect, exchangeCode, beginImplicitSignIn, completeImplicitSignIn, randomState, type OAuthAppOptions } from "./oauth.js";
export { loadEngine, availableEngines, type EngineChoice } from "./engines.js";
export { type WasmSource } from "./engine-wasm.js";
export { Engine, EngineClient, Call, Paginator, type RawEngine, type Action, type EngineRequest, type EngineResponse, type FailureKind, type Position, type EngineSchema, type DecodeOptions } from "./engine.js";
export { drive, sleepUntil, type FetchLike } from "./driver.js";
export { sumDecimals } from "./decimal.js";
export { snakeCase, camelCase, toWire, checkId, type Params, type ParamValue } from "./params.js";
export type * from "./models.js";

/** A raw response to decode: status, headers, and the body as bytes or text. */
export interface RawResponse {
  status: number;
  headers?: [string, string][] | Record<string, string>;
  body: Uint8Array | string;
}

/** Decodes a raw response to an operation (its OpenAPI operationId, e.g. `listTimeEntries`):
 * the value, or a thrown `HarvestError` (non-2xx statuses, HTML, truncated JSON, the wrong
 * top-level shape). For cached responses, replay tests and debugging. The third argument is the
 * engine, or `{ engine, validate }`: `validate: true` decodes strictly into the typed models
 * (see `DecodeOptions`). */
export async function decode<T = unknown>(operationId: string, response: RawResponse, options?: EngineChoice | (DecodeOptions & { engine?: EngineChoice })): Promise<T> {
  const { engine, ...decodeOptions } = typeof options === "string" ? { engine: options } : (options ?? {});
  const loaded = await loadEngine(engine);
  return (decodeOptions.validate ? await loaded.strict() : loaded).decode<T>(operationId, response, decodeOptions);
}

