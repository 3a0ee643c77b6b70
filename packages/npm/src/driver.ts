/** The host loop: asks the engine what to do, sends with `fetch` (the global one, or any
 * fetch-compatible function), sleeps on waits, and ends on done. Cancellation is an
 * `AbortSignal`; a per-request timeout is reported to the engine as a `timeout` failure. */

import type { Action, Call, EngineRequest, FailureKind, Paginator } from "./engine.js";
import { HarvestError } from "./errors.js";

/** Any function shaped like `fetch` (undici, node-fetch, msw's patched fetch, a test double). */
export type FetchLike = (input: string, init: { method: string; headers: [string, string][]; body?: Uint8Array; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export interface DriveOptions {
  fetch: FetchLike;
  signal?: AbortSignal | undefined;
  /** Per-request timeout in milliseconds (none by default). */
  timeoutMs?: number | undefined;
  /** Called after each step that may have produced events (refreshed tokens). */
  afterStep?: (() => Promise<void> | void) | undefined;
}

function abortError(signal: AbortSignal): HarvestError {
  const reason = signal.reason instanceof Error ? signal.reason.message : "the operation was aborted";
  return new HarvestError("cancelled", `cancelled: ${reason}`, { cause: signal.reason });
}

/** Sleeps until `until` (epoch ms), or rejects when `signal` aborts. */
export function sleepUntil(until: number, signal?: AbortSignal): Promise<void> {
  const ms = Math.max(0, until - Date.now());
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** How a failed fetch maps onto the engine's failure kinds: `connect` only where the request
 * certainly never left (connection refused, DNS), since a POST is retried only then. */
export function failureKind(error: unknown): FailureKind {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  if (codes.some((c) => c === "ECONNREFUSED" || c === "ENOTFOUND" || c === "EAI_AGAIN" || c === "UND_ERR_CONNECT_TIMEOUT")) return "connect";
  return "transport";
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(": ");
}

export type Outcome = { response: { requestId: number; status: number; headers: [string, string][]; body: Uint8Array } } | { failure: FailureKind; message: string };

/** Sends one request with the host's fetch: the response, or why there was none. */
export async function sendOnce(request: EngineRequest, options: DriveOptions): Promise<Outcome> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal!.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("timeout"));
  }, options.timeoutMs);
  try {
    const init: Parameters<FetchLike>[1] = { method: request.method, headers: request.headers, signal: controller.signal };
    if (request.body !== null) init.body = request.body;
    const res = await options.fetch(request.url, init);
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => headers.push([name, value]));
    return { response: { requestId: request.id, status: res.status, headers, body } };
  } catch (error) {
    if (options.signal?.aborted) throw abortError(options.signal);
    if (timedOut) return { failure: "timeout", message: `no answer within ${options.timeoutMs} ms` };
    return { failure: failureKind(error), message: describe(error) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Drives a call or paginator step until it is done; returns the value (or a page, or `null`
 * at the end of a list) and throws the `HarvestError`. */
export async function drive<T>(stepper: Call<T> | Paginator<T>, options: DriveOptions): Promise<T> {
  for (;;) {
    if (options.signal?.aborted) {
      if ("cancel" in stepper) stepper.cancel();
      throw abortError(options.signal);
    }
    const action = stepper.nextAction(Date.now()) as Action<T>;
    switch (action.kind) {
      case "send": {
        let outcome: Outcome;
        try {
          outcome = await sendOnce(action.request, options);
        } catch (error) {
          if ("cancel" in stepper) stepper.cancel();
          throw error;
        }
        if ("response" in outcome) stepper.handleResponse(outcome.response, Date.now());
        else stepper.handleFailure(action.request.id, outcome.failure, outcome.message, Date.now());
        await options.afterStep?.();
        break;
      }
      case "wait":
        try {
          await sleepUntil(action.until, options.signal);
        } catch (error) {
          if ("cancel" in stepper) stepper.cancel();
          throw error;
        }
        break;
      default:
        await options.afterStep?.();
        if ("error" in action) throw action.error;
        return action.value;
    }
  }
}
