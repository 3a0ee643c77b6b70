/** Exact sums of money and hours: each number is taken at its shortest decimal form (what
 * Harvest sent) and added as scaled integers, so 0.1 + 0.2 is 0.3, not 0.30000000000000004. */

function parts(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const text = value.toString();
  const [mantissa, exponent = "0"] = text.toLowerCase().split("e");
  const negative = mantissa!.startsWith("-");
  const [whole, fraction = ""] = mantissa!.replace("-", "").split(".");
  let scale = fraction.length - Number(exponent);
  let digits = BigInt(whole! + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: negative ? -digits : digits, scale };
}

/** The exact decimal sum of `values`, as the nearest number. */
export function sumDecimals(values: Iterable<number>): number {
  const all = [...values].map(parts);
  const scale = Math.max(0, ...all.map((p) => p.scale));
  let total = 0n;
  for (const p of all) total += p.digits * 10n ** BigInt(scale - p.scale);
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale);
  return Number(`${negative ? "-" : ""}${whole}${scale > 0 ? "." + fraction : ""}`);
}
