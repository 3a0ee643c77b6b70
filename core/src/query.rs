//! Query strings: percent-encoding (RFC 3986 unreserved characters kept) and building a query from
//! a typed filter by way of serde, so dates, timestamps, booleans and ids all encode one way.

use crate::error::Error;
use serde::Serialize;
use serde_json::Value;

/// Percent-encodes one query component.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 15) as usize] as char);
            }
        }
    }
    out
}

/// Decodes a percent-encoded query component (`+` is a space).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Parses `a=1&b=2` into decoded pairs.
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// Joins pairs into an encoded query string (without the `?`).
pub fn join(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The query pairs of a serializable filter: `None` fields are left out, arrays become
/// comma-separated values, everything else its JSON text (strings unquoted).
pub fn pairs_of<T: Serialize>(filter: &T) -> Result<Vec<(String, String)>, Error> {
    let value = serde_json::to_value(filter).map_err(|e| Error::invalid_input(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(Error::invalid_input("query parameters must be an object"));
    };
    let mut pairs = Vec::with_capacity(map.len());
    for (key, value) in map {
        if let Some(text) = scalar_text(&value)? {
            pairs.push((key, text));
        }
    }
    Ok(pairs)
}

fn scalar_text(value: &Value) -> Result<Option<String>, Error> {
    Ok(match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let texts: Result<Vec<_>, _> = items.iter().map(scalar_text).collect();
            Some(texts?.into_iter().flatten().collect::<Vec<_>>().join(","))
        }
        Value::Object(_) => return Err(Error::invalid_input("a query parameter cannot be an object")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode("2017-03-01T00:00:00Z"), "2017-03-01T00%3A00%3A00Z");
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(decode("a%20b+c%3D%zz"), "a b c=%zz");
        assert_eq!(parse("cursor=eyJ9%3D&per_page=100&flag"), vec![
            ("cursor".into(), "eyJ9=".into()),
            ("per_page".into(), "100".into()),
            ("flag".into(), "".into())
        ]);
    }
}
