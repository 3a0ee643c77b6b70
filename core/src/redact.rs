//! Keeps secrets out of everything printed: tokens in URLs, form bodies and JSON bodies.

const SECRET_KEYS: [&str; 5] = ["access_token", "refresh_token", "client_secret", "code", "token"];

/// A URL with the values of secret query parameters replaced.
pub fn url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else { return url.to_owned() };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let mut out = format!("{base}?{}", pairs(query, '&'));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&pairs(f, '&'));
    }
    out
}

fn pairs(text: &str, sep: char) -> String {
    text.split(sep)
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_KEYS.contains(&k) => format!("{k}=[redacted]"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

/// A request body with secret values replaced (JSON objects or form encoding).
pub fn body(text: &str) -> String {
    if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(obj) = value.as_object_mut() {
            for key in SECRET_KEYS {
                if let Some(v) = obj.get_mut(key) {
                    *v = serde_json::Value::String("[redacted]".into());
                }
            }
        }
        return value.to_string();
    }
    pairs(text, '&')
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_and_bodies_lose_their_secrets() {
        assert_eq!(
            super::url("https://x/cb?code=abc&state=s#access_token=t&scope=harvest:1"),
            "https://x/cb?code=[redacted]&state=s#access_token=[redacted]&scope=harvest:1"
        );
        assert_eq!(super::body("grant_type=refresh_token&refresh_token=r"), "grant_type=refresh_token&refresh_token=[redacted]");
        assert!(!super::body(r#"{"client_secret":"s3cret","a":1}"#).contains("s3cret"));
    }
}
