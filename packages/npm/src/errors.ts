/** The one error type of the SDK: a stable `code` shared by every language, the HTTP `status`
 * when Harvest answered, and for `rate_limited` when to retry. Messages never contain a token. */

/** The stable error codes, identical in Rust, Python, JavaScript, Kotlin and Swift. */
export type ErrorCode =
  | "invalid_input"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "validation"
  | "rate_limited"
  | "server"
  | "unexpected_status"
  | "decode"
  | "transport"
  | "timeout"
  | "token_refresh_failed"
  | "cancelled"
  | "protocol";

/** What the engines send for an error (snake_case, as the core writes it). */
export interface EngineErrorJson {
  code: ErrorCode;
  status: number | null;
  message: string;
  retry_at_ms: number | null;
  retry_after_ms: number | null;
}

export class HarvestError extends Error {
  override readonly name = "HarvestError";
  /** The stable code, e.g. `not_found`, `validation`, `rate_limited`. */
  readonly code: ErrorCode;
  /** The HTTP status, when the error came from a response. */
  readonly status: number | null;
  /** For `rate_limited`: when to retry. */
  readonly retryAt: Date | null;
  /** For `rate_limited`: how long Harvest asked to wait, in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(code: ErrorCode, message: string, init: { status?: number | null; retryAtMs?: number | null; retryAfterMs?: number | null; cause?: unknown } = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status ?? null;
    this.retryAt = init.retryAtMs == null ? null : new Date(init.retryAtMs);
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** From the error object an engine returned. */
  static fromEngine(e: EngineErrorJson): HarvestError {
    return new HarvestError(e.code, e.message, { status: e.status, retryAtMs: e.retry_at_ms, retryAfterMs: e.retry_after_ms });
  }
}

export function isHarvestError(value: unknown): value is HarvestError {
  return value instanceof HarvestError;
}
