/** Parameters and options go to the engine in the wire's snake_case: JS callers write camelCase
 * (`{ projectId, isRunning }`); snake_case keys pass through unchanged. Ids and other integers
 * must be exact: a number beyond 2^53-1 has already lost digits, so it is refused. */

import { HarvestError } from "./errors.js";

/** A parameter value: what JSON carries, plus `Date` (sent as an ISO 8601 timestamp). */
export type ParamValue = string | number | boolean | null | undefined | Date | ParamValue[] | { [key: string]: ParamValue };

/** Query filters or body fields of an operation, camelCase (or snake_case) keys. */
export type Params = { [key: string]: ParamValue };

/** `projectId` → `project_id`; `project_id` stays. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** `project_id` → `projectId`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Converts params for the wire: snake_case keys, `Date` to ISO strings, `undefined` dropped,
 * unsafe integers refused. */
export function toWire(value: ParamValue, path = "params"): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new HarvestError("invalid_input", `${path} is an invalid Date`);
    return value.toISOString();
  }
  if (typeof value === "number") {
    checkNumber(value, path);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => toWire(v, `${path}[${i}]`));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[snakeCase(key)] = toWire(v, `${path}.${key}`);
    }
    return out;
  }
  return value;
}

function checkNumber(value: number, path: string): void {
  if (!Number.isFinite(value)) throw new HarvestError("invalid_input", `${path} must be a finite number, not ${value}`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new HarvestError("invalid_input", `${path} (${value}) is beyond 2^53-1: a JS number cannot hold it exactly`);
  }
}

/** Checks an id: a positive integer that a JS number holds exactly (≤ 2^53-1). */
export function checkId(id: number, what = "id"): number {
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
    throw new HarvestError("invalid_input", `${what} must be a positive integer up to 2^53-1 (Number.MAX_SAFE_INTEGER), not ${String(id)}`);
  }
  return id;
}
