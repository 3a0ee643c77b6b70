//! How a model's field values are read: [`FieldValue`], serde's `Deserialize` for most types, with
//! fast paths for the three that dominate a page of time entries.
//!
//! A 2000-entry page holds ~10,000 money/hours numbers and ~6,000 dates and timestamps. Through
//! their crates' own `Deserialize` a number is formatted back to text by `f64::to_string` before
//! `Decimal` parses it, and every date goes through chrono's general format parser; together that
//! was a third of the decode. Here a number with a few decimal places (hours, rates, amounts) is
//! found by arithmetic, and Harvest's own spellings — `2024-03-05` and `2024-03-05T14:02:11Z` —
//! are read directly. Anything else takes the crates' own path, so the values (and the errors)
//! are exactly those of their `Deserialize`; tests compare the two over many values.

use super::{Date, Decimal, Timestamp};
use chrono::{NaiveDate, NaiveTime, Utc};
use serde::de::{Deserialize, Deserializer, Error, Unexpected, Visitor};
use std::fmt;
use std::str::FromStr;

/// A type a model field can have; the model macro reads every field through this.
#[doc(hidden)]
pub trait FieldValue: Sized {
    /// Reads a value of this type.
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// A [`FieldValue`] as a `Deserialize`, for the containers that hold them.
#[doc(hidden)]
pub struct Via<T>(pub T);

impl<'de, T: FieldValue> Deserialize<'de> for Via<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::decode(d).map(Via)
    }
}

/// Decodes `null` (or a value of the field's type) into the field, `null` becoming the default.
#[doc(hidden)]
pub struct OrDefault<T>(pub T);

impl<'de, T: FieldValue + Default> Deserialize<'de> for OrDefault<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(OrDefault(Option::<Via<T>>::deserialize(d)?.map(|v| v.0).unwrap_or_default()))
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<Via<T>>::deserialize(d)?.map(|v| v.0))
    }
}

impl<T: FieldValue> FieldValue for Vec<T> {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Via<T>>::deserialize(d)?.into_iter().map(|v| v.0).collect())
    }
}

/// Types read by their own `Deserialize`.
macro_rules! by_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl FieldValue for $ty {
            fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$ty as Deserialize>::deserialize(d)
            }
        }
    )*};
}

by_serde!(String, bool, u32, u64, i64, serde_json::Value);

impl FieldValue for Decimal {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

/// `rust_decimal`'s own visitor (feature `serde-float`), with a way around formatting floats.
struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Decimal type representing a fixed-point number")
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Decimal, E> {
        let invalid = || E::invalid_value(Unexpected::Float(value), &self);
        if !value.is_finite() {
            return Err(invalid());
        }
        if let Some(exact) = few_decimals(value) {
            return Ok(exact);
        }
        // rust_decimal's own way.
        Decimal::from_str(&value.to_string()).map_err(|_| invalid())
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Decimal, E> {
        Decimal::from_str(value).or_else(|_| Decimal::from_scientific(value)).map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }
}

/// The decimal with the fewest decimal places (at most 9) that reads back as `value` — what the
/// shortest round-trip formatting gives — found without formatting: `m / 10^s` is correctly
/// rounded, so it equals `value` exactly when the decimal `m`·10^-s reads back as `value`.
/// While |`value`·10^s| < 2^50, a step of 10^-s is over four times `value`'s ulp, so at most one
/// decimal of that scale reads back as `value`, and rounding the product finds it. `None` for
/// values that need more places or more digits (the formatting path takes them).
fn few_decimals(value: f64) -> Option<Decimal> {
    const POWERS: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    const LIMIT: f64 = 1_125_899_906_842_624.0; // 2^50
    for (scale, power) in POWERS.iter().enumerate() {
        let m = (value * power).round();
        if m.abs() >= LIMIT {
            return None;
        }
        if m / power == value {
            return Some(Decimal::new(m as i64, scale as u32));
        }
    }
    None
}

impl FieldValue for Date {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Parsed { expecting: "a formatted date string", parse: date })
    }
}

impl FieldValue for Timestamp {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Parsed { expecting: "a formatted date and time string or a unix timestamp", parse: timestamp })
    }
}

/// A string read by `parse`, whose error becomes the decode's.
struct Parsed<T> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, chrono::ParseError>,
}

impl<T> Visitor<'_> for Parsed<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value).map_err(E::custom)
    }
}

/// Harvest's `2024-03-05` read directly; anything else as chrono reads it.
fn date(value: &str) -> Result<Date, chrono::ParseError> {
    if let [y @ .., b'-', m1, m2, b'-', d1, d2] = value.as_bytes() {
        if let Some(date) = (y.len() == 4).then(|| ymd(y, [*m1, *m2], [*d1, *d2])).flatten() {
            return Ok(date);
        }
    }
    value.parse()
}

/// Harvest's `2024-03-05T14:02:11Z` read directly; anything else as chrono reads an RFC 3339
/// time, in UTC.
fn timestamp(value: &str) -> Result<Timestamp, chrono::ParseError> {
    if let [y0, y1, y2, y3, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', n1, n2, b':', s1, s2, b'Z'] = value.as_bytes() {
        let time = || NaiveTime::from_hms_opt(digits(&[*h1, *h2])?, digits(&[*n1, *n2])?, digits(&[*s1, *s2])?);
        if let (Some(date), Some(time)) = (ymd(&[*y0, *y1, *y2, *y3], [*m1, *m2], [*d1, *d2]), time()) {
            return Ok(date.and_time(time).and_utc());
        }
    }
    value.parse::<chrono::DateTime<chrono::FixedOffset>>().map(|t| t.with_timezone(&Utc))
}

/// A date from ASCII digits, `None` for anything else or an impossible date.
fn ymd(year: &[u8], month: [u8; 2], day: [u8; 2]) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(digits(year)? as i32, digits(&month)?, digits(&day)?)
}

/// The number that ASCII digits spell, `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn via<T: FieldValue>(value: serde_json::Value) -> Result<T, serde_json::Error> {
        T::decode(value)
    }

    fn both<T: FieldValue + for<'de> Deserialize<'de> + PartialEq + fmt::Debug>(text: &str) {
        let ours = T::decode(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string());
        let theirs = serde_json::from_str::<T>(text).map_err(|e| e.to_string());
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text}: {ours:?} vs {theirs:?}");
        if let (Ok(a), Ok(b)) = (&ours, &theirs) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}");
        }
    }

    #[test]
    fn decimals_are_those_of_rust_decimal() {
        for text in ["0", "1", "-3", "2.5", "0.1", "0.30000000000000004", "123456.78", "1e-7", "1.5e10", "1e21", "\"12.50\"", "\"1e3\"", "18446744073709551615", "-9223372036854775808", "\"abc\"", "true", "1e300"] {
            both::<Decimal>(text);
        }
        assert_eq!(via::<Decimal>(json!(0.1)).unwrap().to_string(), "0.1");
        assert_eq!(via::<Decimal>(json!(-0.0)).unwrap().to_string(), rust_decimal_of(-0.0));
        assert_eq!(via::<Decimal>(json!(8.25)).unwrap().to_string(), "8.25");
    }

    fn rust_decimal_of(value: f64) -> String {
        <Decimal as Deserialize>::deserialize(json!(value)).unwrap().to_string()
    }

    /// Hours, rates and amounts as Harvest sends them, and awkward floats: the same decimal, to
    /// the digit and the scale, as `rust_decimal`'s own decoding.
    #[test]
    fn every_float_decodes_as_rust_decimal_decodes_it() {
        let mut values: Vec<f64> = Vec::new();
        for i in -20_000..200_000 {
            values.extend([i as f64 / 100.0, i as f64 / 4.0, i as f64 / 1000.0, i as f64 * 0.01, i as f64 * 0.1 + 0.2]);
        }
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let bits = f64::from_bits(x);
            values.extend([bits, (x % 10_000_000) as f64 / 7.0, (x % 1_000_000_000_000) as f64 / 1e6, 1.0 / ((x % 1000) as f64 + 1.0)]);
        }
        values.extend([0.0, -0.0, 1e-9, 1.5e-9, 123456789.123, 9_007_199_254_740_991.0, 9_007_199_254_740_993.0, 4.35, 0.3, 1e15 + 0.3]);
        for value in values.into_iter().filter(|v| v.is_finite()) {
            let theirs = <Decimal as Deserialize>::deserialize(json!(value)).map(|d| format!("{d:?}")).ok();
            let ours = via::<Decimal>(json!(value)).map(|d| format!("{d:?}")).ok();
            assert_eq!(ours, theirs, "{value:?}");
        }
    }

    #[test]
    fn dates_are_those_of_chrono() {
        for text in ["\"2024-03-05\"", "\"2024-02-29\"", "\"2023-02-29\"", "\"2024-13-01\"", "\"2024-3-5\"", "\"+2024-03-05\"", "\"20240305\"", "\"2024-03-05x\"", "\"\"", "\"１２３４-03-05\"", "5"] {
            both::<Date>(text);
        }
    }

    #[test]
    fn timestamps_are_those_of_chrono() {
        for text in [
            "\"2017-06-26T22:32:52Z\"",
            "\"2017-06-26T23:59:60Z\"",
            "\"2017-06-26T24:00:00Z\"",
            "\"2017-06-26T22:32:52+02:00\"",
            "\"2017-06-26T22:32:52.123Z\"",
            "\"2017-06-26 22:32:52Z\"",
            "\"2017-06-26T22:32:52\"",
            "\"2017-02-30T22:32:52Z\"",
            "\"not a time\"",
            "12",
        ] {
            both::<Timestamp>(text);
        }
    }

    #[test]
    fn null_is_the_default_and_containers_nest() {
        assert_eq!(via::<Option<Vec<Decimal>>>(json!([1.5, 2])).unwrap(), Some(vec![Decimal::new(15, 1), Decimal::from(2)]));
        assert_eq!(serde_json::from_value::<OrDefault<Decimal>>(json!(null)).unwrap().0, Decimal::ZERO);
        assert_eq!(serde_json::from_value::<OrDefault<Option<Date>>>(json!(null)).unwrap().0, None);
        assert!(serde_json::from_value::<OrDefault<Vec<u64>>>(json!(["x"])).is_err());
    }
}
