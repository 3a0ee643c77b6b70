/** The engine layer: one adapter over either engine (WebAssembly or the napi addon), which
 * expose the same functions and take and return JSON strings for everything complex. Here the
 * JSON is parsed once, bodies become bytes, and anything thrown becomes a `HarvestError`
 * (engine errors by their code; a panic or a WebAssembly trap as `protocol`, after which the
 * WebAssembly module is instantiated afresh). */

import { HarvestError, type EngineErrorJson } from "./errors.js";

export type EngineKind = "napi" | "wasm";

/** What both engines export: `bindings/node` and `bindings/wasm`, over `bindings/js-shared`. */
export interface RawStepper {
  nextAction(nowMs: number): string;
  handleResponse(requestId: number, status: number, headersJson: string, body: Uint8Array, nowMs: number): void;
  handleFailure(requestId: number, kind: string, message: string, nowMs: number): void;
  free?(): void;
}
export interface RawCall extends RawStepper {
  cancel(): void;
}
export interface RawPaginator extends RawStepper {
  position(): string;
}
export interface RawClient {
  /** `strict`: the answer is decoded into the typed models in Rust and written back as JSON;
   * else it is checked in Rust and the body is handed over as received (the fast path). */
  call(operationId: string, pathIdsJson: string, paramsJson: string, strict: boolean): RawCall;
  paginate(operationId: string, pathIdsJson: string, paramsJson: string, strict: boolean): RawPaginator;
  resume(positionJson: string, strict: boolean): RawPaginator;
  takeEvents(): string;
  tokens(): string;
  setTokens(tokensJson: string): void;
  setAccountId(accountId: number): void;
  nextRequestId(): number;
  free?(): void;
}
export interface RawEngine {
  EngineClient: new (optionsJson: string) => RawClient;
  /** The strict decode: the typed value as JSON text. */
  decode(operationId: string, status: number, headersJson: string, body: Uint8Array): string;
  /** The fast path's check: throws the typed error, else the caller parses the body itself. */
  decodeCheck(operationId: string, status: number, headersJson: string, body: Uint8Array): void;
  oauthAuthorizeUrl(optionsJson: string, responseType: string, state: string): string;
  oauthCodeExchangeRequest(optionsJson: string, code: string, requestId: number): string;
  oauthParseTokenResponse(optionsJson: string, status: number, headersJson: string, body: Uint8Array, nowMs: number): string;
  oauthTokenFromRedirect(url: string, expectedState: string, nowMs: number): string;
  oauthCodeFromRedirect(url: string, expectedState: string): string;
  schema(): string;
  engineInfo(): string;
  debugPanic(): void;
}

/** A request the host sends verbatim (absolute URL, every header, body bytes). */
export interface EngineRequest {
  id: number;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers: [string, string][];
  body: Uint8Array | null;
}

/** What the host loop does next. */
export type Action<T> =
  | { kind: "send"; request: EngineRequest }
  | { kind: "wait"; until: number }
  | { kind: "done"; value: T }
  | { kind: "done"; error: HarvestError };

/** A response handed back to the engine. */
export interface EngineResponse {
  requestId: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export type FailureKind = "connect" | "transport" | "timeout";

/** OAuth tokens as the engine reports them (snake_case, like the token endpoint). */
export interface TokensJson {
  access_token: string;
  refresh_token: string | null;
  expires_at_ms: number | null;
  scope: string | null;
  account_ids: number[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** How a response is decoded. */
export interface DecodeOptions {
  /** Decode strictly into the typed models in Rust (every field checked and normalised: a `null`
   * or missing non-nullable field becomes its default), then hand the value over as JSON. By
   * default the body is only checked in Rust (status, well-formed JSON of the operation's shape)
   * and parsed by `JSON.parse` as Harvest sent it, which is several times faster. */
  validate?: boolean;
}

/** A body the engine has checked: an empty one is `null`. */
function parseChecked(text: string): unknown {
  return /^\s*$/.test(text) ? null : JSON.parse(text);
}

function isEngineErrorJson(value: unknown): value is EngineErrorJson {
  return typeof value === "object" && value !== null && typeof (value as EngineErrorJson).code === "string" && typeof (value as EngineErrorJson).message === "string";
}

/** An engine, loaded: the raw module plus error mapping and recovery. */
export class Engine {
  #raw: RawEngine;
  #reinstantiate: (() => RawEngine) | null;
  #generation = 0;
  #loadStrict: (() => Promise<Engine>) | null;
  #strict: Promise<Engine> | null = null;

  /** `loadStrict` loads the engine that has the strict decode, when this one has not (the
   * default WebAssembly module); `null` when this engine has it itself. */
  constructor(readonly kind: EngineKind, raw: RawEngine, reinstantiate: (() => RawEngine) | null, loadStrict: (() => Promise<Engine>) | null = null) {
    this.#raw = raw;
    this.#reinstantiate = reinstantiate;
    this.#loadStrict = loadStrict;
  }

  /** The engine to use for strict decoding (`validate: true`): this one (napi), or the full
   * WebAssembly module, loaded on first use. */
  strict(): Promise<Engine> {
    if (this.#loadStrict === null) return Promise.resolve(this);
    this.#strict ??= this.#loadStrict().catch((error: unknown) => {
      this.#strict = null;
      throw this.toHarvestError(error);
    });
    return this.#strict;
  }

  /** Bumped each time the module is instantiated afresh after a trap; handles of an older
   * generation are dead. */
  get generation(): number {
    return this.#generation;
  }

  /** Runs `f` on the raw engine; whatever it throws comes out as a `HarvestError`. */
  run<T>(f: (raw: RawEngine) => T): T {
    try {
      return f(this.#raw);
    } catch (error) {
      throw this.toHarvestError(error);
    }
  }

  /** Maps anything an engine threw to a `HarvestError`. */
  toHarvestError(error: unknown): HarvestError {
    if (error instanceof HarvestError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(message);
        if (isEngineErrorJson(parsed)) return HarvestError.fromEngine(parsed);
      } catch {
        // not an engine error: fall through
      }
    }
    if (typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError) {
      this.#recover();
      return new HarvestError("protocol", `the WebAssembly engine trapped (${message}); it was instantiated afresh`, { cause: error });
    }
    return new HarvestError("protocol", `the ${this.kind} engine failed: ${message}`, { cause: error });
  }

  #recover(): void {
    if (this.#reinstantiate === null) return;
    this.#raw = this.#reinstantiate();
    this.#generation += 1;
  }

  /** A client from `ClientOptions` in the core's snake_case JSON shape; `validate` as in
   * `DecodeOptions`, for every call and page of this client. */
  client(options: object, decode: DecodeOptions = {}): EngineClient {
    return new EngineClient(this, options, decode.validate === true);
  }

  /** Decodes a raw response to an operation (by OpenAPI operationId): checked in the engine and
   * parsed here, or with `validate` decoded strictly in the engine (see `DecodeOptions`; with the
   * WebAssembly engine, on the engine that `strict()` gives). */
  decode<T = unknown>(operationId: string, response: { status: number; headers?: [string, string][] | Record<string, string>; body: Uint8Array | string }, options: DecodeOptions = {}): T {
    const body = typeof response.body === "string" ? encoder.encode(response.body) : response.body;
    const headers = JSON.stringify(response.headers ?? []);
    if (options.validate) {
      return JSON.parse(this.run((raw) => raw.decode(operationId, response.status, headers, body))) as T;
    }
    this.run((raw) => raw.decodeCheck(operationId, response.status, headers, body));
    return parseChecked(typeof response.body === "string" ? response.body : decoder.decode(body)) as T;
  }

  /** The strict decode as the engine returns it: a JSON string (for benchmarks and caches). */
  decodeToJson(operationId: string, status: number, body: Uint8Array): string {
    return this.run((raw) => raw.decode(operationId, status, "[]", body));
  }

  /** Models, enums, operations and error codes. */
  schema(): EngineSchema {
    return JSON.parse(this.run((raw) => raw.schema())) as EngineSchema;
  }

  info(): string {
    return this.run((raw) => raw.engineInfo());
  }

  oauthAuthorizeUrl(options: object, responseType: "code" | "token", state: string): string {
    return this.run((raw) => raw.oauthAuthorizeUrl(JSON.stringify(options), responseType, state));
  }

  oauthCodeExchangeRequest(options: object, code: string, requestId: number): EngineRequest {
    return parseRequest(JSON.parse(this.run((raw) => raw.oauthCodeExchangeRequest(JSON.stringify(options), code, requestId))));
  }

  oauthParseTokenResponse(options: object, response: EngineResponse, nowMs: number): TokensJson {
    return JSON.parse(this.run((raw) => raw.oauthParseTokenResponse(JSON.stringify(options), response.status, JSON.stringify(response.headers), response.body, nowMs)));
  }

  oauthTokenFromRedirect(url: string, expectedState: string, nowMs: number): TokensJson {
    return JSON.parse(this.run((raw) => raw.oauthTokenFromRedirect(url, expectedState, nowMs)));
  }

  oauthCodeFromRedirect(url: string, expectedState: string): string {
    return this.run((raw) => raw.oauthCodeFromRedirect(url, expectedState));
  }

  /** Panics inside the engine on purpose (tests: the panic or trap must come out as `protocol`). */
  debugPanic(): void {
    this.run((raw) => raw.debugPanic());
  }
}

export interface EngineSchema {
  models: { name: string; fields: [string, string][] }[];
  enums: { name: string; values: string[] }[];
  operations: { id: string; method: string; path: string; path_params: string[]; is_list: boolean }[];
  error_codes: string[];
}

function parseRequest(r: { id: number; method: EngineRequest["method"]; url: string; headers: [string, string][]; body: string | null }): EngineRequest {
  return { id: r.id, method: r.method, url: r.url, headers: r.headers, body: r.body === null ? null : encoder.encode(r.body) };
}

/** Parses an action's JSON text. */
export function parseAction<T>(text: string): Action<T> {
  const a = JSON.parse(text);
  switch (a.kind) {
    case "send":
      return { kind: "send", request: parseRequest(a.request) };
    case "wait":
      return { kind: "wait", until: a.until };
    default:
      return "error" in a ? { kind: "done", error: HarvestError.fromEngine(a.error) } : { kind: "done", value: a.value as T };
  }
}

/** A client inside an engine; survives a WebAssembly re-instantiation by being rebuilt from its
 * options and latest tokens. */
export class EngineClient {
  #engine: Engine;
  #options: Record<string, unknown>;
  #raw: RawClient;
  #generation: number;
  #strict: boolean;

  constructor(engine: Engine, options: object, strict = false) {
    this.#engine = engine;
    this.#strict = strict;
    this.#options = { ...(options as Record<string, unknown>) };
    this.#generation = engine.generation;
    this.#raw = engine.run((raw) => new raw.EngineClient(JSON.stringify(this.#options)));
  }

  get engine(): Engine {
    return this.#engine;
  }

  /** Whether answers are decoded strictly in the engine (`validate`). */
  get strict(): boolean {
    return this.#strict;
  }

  #client(): RawClient {
    if (this.#generation !== this.#engine.generation) {
      this.#generation = this.#engine.generation;
      this.#raw = this.#engine.run((raw) => new raw.EngineClient(JSON.stringify(this.#options)));
    }
    return this.#raw;
  }

  /** Starts one call of an operation. */
  call<T = unknown>(operationId: string, pathIds: number[], params: object | null): Call<T> {
    const ids = JSON.stringify(pathIds);
    const p = params === null ? "" : JSON.stringify(params);
    return new Call<T>(this.#engine, this.#engine.run(() => this.#client().call(operationId, ids, p, this.#strict)));
  }

  /** Starts a call from pre-serialised JSON (ids beyond 2^53 stay exact): `[1,2]`, `{...}`. */
  callFromJson<T = unknown>(operationId: string, pathIdsJson: string, paramsJson: string): Call<T> {
    return new Call<T>(this.#engine, this.#engine.run(() => this.#client().call(operationId, pathIdsJson, paramsJson, this.#strict)));
  }

  /** Starts paginating from pre-serialised JSON. */
  paginateFromJson<T = unknown>(operationId: string, pathIdsJson: string, paramsJson: string): Paginator<T> {
    return new Paginator<T>(this.#engine, this.#engine.run(() => this.#client().paginate(operationId, pathIdsJson, paramsJson, this.#strict)));
  }

  /** Starts paginating a list operation. */
  paginate<T = unknown>(operationId: string, pathIds: number[], params: object | null): Paginator<T> {
    const ids = JSON.stringify(pathIds);
    const p = params === null ? "" : JSON.stringify(params);
    return new Paginator<T>(this.#engine, this.#engine.run(() => this.#client().paginate(operationId, ids, p, this.#strict)));
  }

  /** Resumes a paginator from a saved position. */
  resume<T = unknown>(position: Position): Paginator<T> {
    const json = JSON.stringify(position);
    return new Paginator<T>(this.#engine, this.#engine.run(() => this.#client().resume(json, this.#strict)));
  }

  /** Events since the last call (refreshed tokens to persist). */
  takeEvents(): EngineEvent[] {
    const events = JSON.parse(this.#engine.run(() => this.#client().takeEvents())) as EngineEvent[];
    for (const event of events) {
      if (event.kind === "tokens_refreshed") this.#remember(event.tokens);
    }
    return events;
  }

  tokens(): TokensJson | null {
    return JSON.parse(this.#engine.run(() => this.#client().tokens()));
  }

  setTokens(tokens: { access_token: string; refresh_token?: string | null; expires_at_ms?: number | null }): void {
    this.#engine.run(() => this.#client().setTokens(JSON.stringify(tokens)));
    this.#remember(tokens);
  }

  setAccountId(accountId: number): void {
    this.#engine.run(() => this.#client().setAccountId(accountId));
    this.#options.account_id = accountId;
  }

  nextRequestId(): number {
    return this.#engine.run(() => this.#client().nextRequestId());
  }

  /** Keeps the latest tokens in the options, so a rebuilt client starts signed in. */
  #remember(tokens: { access_token: string; refresh_token?: string | null; expires_at_ms?: number | null }): void {
    this.#options.access_token = tokens.access_token;
    const oauth = this.#options.oauth as Record<string, unknown> | undefined;
    if (oauth) {
      this.#options.oauth = { ...oauth, refresh_token: tokens.refresh_token ?? oauth.refresh_token ?? null, expires_at_ms: tokens.expires_at_ms ?? null };
    }
  }
}

export type EngineEvent = { kind: "tokens_refreshed"; tokens: TokensJson };

/** A pagination position: opaque, JSON-serialisable, resumable in another process. */
export interface Position {
  operation_id: string;
  path: string;
  query: [string, string][];
  finished: boolean;
  pages: number;
}

/** The state machine of one call or one paginator, driven by a host loop. */
abstract class Stepper<T, R extends RawStepper> {
  protected readonly engine: Engine;
  protected readonly raw: R;
  readonly #generation: number;
  #freed = false;

  constructor(engine: Engine, raw: R) {
    this.engine = engine;
    this.raw = raw;
    this.#generation = engine.generation;
  }

  protected live(): R {
    if (this.#generation !== this.engine.generation) {
      throw new HarvestError("protocol", "the WebAssembly engine was instantiated afresh after a trap; this call was lost");
    }
    if (this.#freed) throw new HarvestError("protocol", "this call was already released");
    return this.raw;
  }

  /** What to do next, at `nowMs` (epoch milliseconds). */
  nextAction(nowMs: number): Action<T> {
    return parseAction<T>(this.nextActionJson(nowMs));
  }

  /** The next action as the engine's JSON text (to read ids beyond 2^53 exactly). */
  nextActionJson(nowMs: number): string {
    return this.engine.run(() => this.live().nextAction(nowMs));
  }

  /** Hands over the response to the request last sent. */
  handleResponse(response: EngineResponse, nowMs: number): void {
    const headers = JSON.stringify(response.headers);
    this.engine.run(() => this.live().handleResponse(response.requestId, response.status, headers, response.body, nowMs));
  }

  /** Reports that the request last sent got no response. */
  handleFailure(requestId: number, kind: FailureKind, message: string, nowMs: number): void {
    this.engine.run(() => this.live().handleFailure(requestId, kind, message, nowMs));
  }

  /** Releases the engine's memory for this call (the WebAssembly engine has no GC hook). */
  free(): void {
    if (this.#freed || this.#generation !== this.engine.generation) return;
    this.#freed = true;
    this.raw.free?.();
  }
}

export class Call<T = unknown> extends Stepper<T, RawCall> {
  /** Ends the call as cancelled. */
  cancel(): void {
    this.engine.run(() => this.live().cancel());
  }
}

export class Paginator<T = unknown> extends Stepper<T | null, RawPaginator> {
  /** Where the walk stands: save it (JSON) and resume later. */
  position(): Position {
    return JSON.parse(this.engine.run(() => this.live().position())) as Position;
  }
}
