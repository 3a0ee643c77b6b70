//! Exact fixed-point decimals (6 fractional digits) for money and hours.
//!
//! Values are stored in SQLite as INTEGER micro-units and rendered as JSON numbers. Rendering goes
//! through `f64`, which is exact enough: for |v| < 2^53 micro-units the division yields the double
//! nearest to the decimal, and serde_json prints the shortest string that round-trips to it.

use serde_json::Value;
use std::ops::{Add, Neg, Sub};

pub const SCALE: i64 = 1_000_000;
/// Largest magnitude accepted from clients (1e12), so that products never overflow.
const MAX_ABS: i128 = 1_000_000_000_000 * SCALE as i128;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Dec(pub i64);

impl Dec {
    pub const ZERO: Dec = Dec(0);

    pub fn from_int(i: i64) -> Dec {
        Dec(i * SCALE)
    }

    /// Parses `"-12.345"`, `"7"`, `"1e3"`, `"2.5E-1"`. Digits beyond the sixth decimal are rounded half away from zero.
    pub fn parse(s: &str) -> Option<Dec> {
        let s = s.trim();
        if s.is_empty() || s.len() > 64 {
            return None;
        }
        let (mant, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
            None => (s, 0),
        };
        let (neg, mant) = match mant.as_bytes().first()? {
            b'-' => (true, &mant[1..]),
            b'+' => (false, &mant[1..]),
            _ => (false, mant),
        };
        let (int_part, frac_part) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // digits as an integer with `frac_len` implied decimals, then shift by exp
        let digits: String = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 30 {
            return None;
        }
        let mut n: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
        let mut scale: i32 = frac_part.len() as i32 - exp; // value = n * 10^-scale
        if !(-30..=60).contains(&scale) {
            return if n == 0 { Some(Dec(0)) } else { None };
        }
        // bring to 6 decimals
        while scale < 6 {
            n = n.checked_mul(10)?;
            scale += 1;
            if n.abs() > MAX_ABS * 10 {
                return None;
            }
        }
        while scale > 6 {
            let rem = n % 10;
            n /= 10;
            if scale == 7 && rem >= 5 {
                n += 1;
            }
            scale -= 1;
        }
        if n > MAX_ABS {
            return None;
        }
        Some(Dec(if neg { -(n as i64) } else { n as i64 }))
    }

    pub fn from_json(v: &Value) -> Option<Dec> {
        match v {
            Value::Number(n) => Dec::parse(&n.to_string()),
            Value::String(s) => Dec::parse(s),
            _ => None,
        }
    }

    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    pub fn to_json(self) -> Value {
        serde_json::Number::from_f64(self.to_f64()).map(Value::Number).unwrap_or(Value::Null)
    }

    /// Product, rounded half away from zero to 6 decimals.
    pub fn mul(self, o: Dec) -> Dec {
        let p = self.0 as i128 * o.0 as i128;
        Dec(div_round(p, SCALE as i128) as i64)
    }

    /// `self * pct / 100`
    pub fn pct(self, pct: Dec) -> Dec {
        let p = self.0 as i128 * pct.0 as i128;
        Dec(div_round(p, SCALE as i128 * 100) as i64)
    }

    /// Rounds half away from zero to `places` decimals (0..=6).
    pub fn round(self, places: u32) -> Dec {
        let f = 10i128.pow(6 - places.min(6));
        Dec((div_round(self.0 as i128, f) * f) as i64)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

fn div_round(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if r.abs() * 2 >= d.abs() {
        if (n < 0) != (d < 0) {
            q - 1
        } else {
            q + 1
        }
    } else {
        q
    }
}

impl Add for Dec {
    type Output = Dec;
    fn add(self, o: Dec) -> Dec {
        Dec(self.0.saturating_add(o.0))
    }
}
impl Sub for Dec {
    type Output = Dec;
    fn sub(self, o: Dec) -> Dec {
        Dec(self.0.saturating_sub(o.0))
    }
}
impl Neg for Dec {
    type Output = Dec;
    fn neg(self) -> Dec {
        Dec(-self.0)
    }
}
impl std::iter::Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(it: I) -> Dec {
        it.fold(Dec::ZERO, |a, b| a + b)
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let neg = self.0 < 0;
        let a = (self.0 as i128).abs();
        let ip = a / SCALE as i128;
        let mut fp = format!("{:06}", a % SCALE as i128);
        while fp.ends_with('0') && fp.len() > 2 {
            fp.pop();
        }
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, ip, fp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parse_and_render() {
        assert_eq!(Dec::parse("33.35"), Some(Dec(33_350_000)));
        assert_eq!(Dec::parse("-1.5"), Some(Dec(-1_500_000)));
        assert_eq!(Dec::parse("1e3"), Some(Dec(1_000_000_000)));
        assert_eq!(Dec::parse("0.0000005"), Some(Dec(1)));
        assert_eq!(Dec::parse(".5"), Some(Dec(500_000)));
        assert_eq!(Dec::parse("abc"), None);
        assert_eq!(Dec::parse("1e400"), None);
        assert_eq!(Dec::parse("99999999999999999999999"), None);
        assert_eq!(Dec(33_350_000).to_json().to_string(), "33.35");
        assert_eq!(Dec::from_int(4).to_json().to_string(), "4.0");
        assert_eq!(Dec(100_000).mul(Dec(200_000)).to_json().to_string(), "0.02");
        // 0.1 + 0.2 stays exact
        assert_eq!((Dec::parse("0.1").unwrap() + Dec::parse("0.2").unwrap()).to_json().to_string(), "0.3");
        assert_eq!(Dec::parse("2.345").unwrap().round(2), Dec::parse("2.35").unwrap());
        assert_eq!(Dec::parse("-2.345").unwrap().round(2), Dec::parse("-2.35").unwrap());
        assert_eq!(Dec::from_int(10000).pct(Dec::from_int(5)), Dec::from_int(500));
        assert_eq!(Dec::parse("12.5").unwrap().to_string(), "12.50");
    }
}
