//! Every example response of the Harvest docs decodes under its operation, and re-encoding the
//! decoded value keeps every field with its value (nothing Harvest sends is lost).

use harvest_core::{decode, ErrorCode, Response};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/examples");
    dir.is_dir().then_some(dir)
}

/// File name -> operationId, from the tables of `SOURCES.md` (rows naming an operationId).
fn operations_from_sources(sources: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in sources.lines().filter(|l| l.starts_with("| `")) {
        let Some(file) = line.split('`').nth(1) else { continue };
        let Some(rest) = line.split("operationId `").nth(1) else { continue };
        let Some(op) = rest.split('`').next() else { continue };
        map.insert(file.to_owned(), op.to_owned());
    }
    map
}

/// The rows of `SOURCES.md` that are not in table form with an operationId.
fn fallback_operation(file: &str) -> Option<&'static str> {
    match file {
        "id_accounts.json" => Some("listAccounts"),
        "contact.json" => Some("retrieveContact"),
        f if f.starts_with("pagination_") => Some("listClients"),
        _ => None,
    }
}

/// Checks that every key path of `expected` is in `actual` with an equal value (numbers compared
/// numerically, so `1` equals `1.0`).
fn check_contains(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let Some(other) = a.get(key) else { return Err(format!("{path}.{key} is missing")) };
                check_contains(value, other, &format!("{path}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: {} items became {}", e.len(), a.len()));
            }
            e.iter().zip(a).enumerate().try_for_each(|(i, (e, a))| check_contains(e, a, &format!("{path}[{i}]")))
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: {e} became {a}")),
    }
}

fn expected_code(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        422 => ErrorCode::Validation,
        429 => ErrorCode::RateLimited,
        500..=599 => ErrorCode::Server,
        _ => ErrorCode::UnexpectedStatus,
    }
}

/// The status an `error_*.json` fixture stands for: a number in its name, else its `status` field.
fn error_status(file: &str, body: &Value) -> Option<u16> {
    let from_name = file
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 3)
        .and_then(|part| part.parse().ok());
    from_name.or_else(|| body.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()))
}

#[test]
fn every_example_decodes_and_round_trips() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipped: ../shared/reference/examples is absent");
        return;
    };
    let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap_or_default();
    let table = operations_from_sources(&sources);
    assert!(table.len() > 50, "SOURCES.md tables name only {} files", table.len());

    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());

    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(dir.join(file)).expect("readable example");
        let mut expected: Value = serde_json::from_str(&text).expect("examples are JSON");

        if file.starts_with("error_") {
            let Some(status) = error_status(file, &expected) else {
                failures.push(format!("{file}: no status in its name or body"));
                continue;
            };
            match decode("retrieveClient", &Response::new(1, status, text.clone())) {
                Err(e) if e.code == expected_code(status) && e.status == Some(status) => checked += 1,
                other => failures.push(format!("{file}: expected {:?}, got {other:?}", expected_code(status))),
            }
            continue;
        }

        let Some(op) = table.get(file).map(String::as_str).or_else(|| fallback_operation(file)) else {
            failures.push(format!("{file}: no operation in SOURCES.md"));
            continue;
        };
        if file.starts_with("pagination_") {
            // The docs' pagination pages show the envelope with a placeholder string
            // ("{2000 client objects}") where the items go: keep only real objects.
            if let Some(Value::Array(items)) = expected.get_mut("clients") {
                items.retain(Value::is_object);
            }
        }
        let body = serde_json::to_vec(&expected).expect("re-serialize");
        let decoded = match decode(op, &Response::new(1, 200, body)) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{file} ({op}): {e}"));
                continue;
            }
        };
        // Every documented field is a typed field: nothing of the docs' own examples is left in `extra`.
        let debug = format!("{decoded:?}");
        if debug.split("extra: {").skip(1).any(|rest| !rest.starts_with('}')) {
            failures.push(format!("{file} ({op}): some fields were not typed: {debug}"));
            continue;
        }
        let reencoded = serde_json::to_value(&decoded).expect("decoded values serialize");
        if let Err(why) = check_contains(&expected, &reencoded, "$") {
            failures.push(format!("{file} ({op}): {why}"));
            continue;
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{} of {} examples failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    assert_eq!(checked, files.len());
}

#[test]
fn sources_table_parsing_reads_operation_ids() {
    let sample = "| File | Request |\n|---|---|\n| `company.json` | `GET /v2/company -> 200` | spec (operationId `retrieveCompany`, response example) | https://x |\n| `contact.json` | other | notes |\n";
    let map = operations_from_sources(sample);
    assert_eq!(map.get("company.json").map(String::as_str), Some("retrieveCompany"));
    assert!(!map.contains_key("contact.json"));
    assert_eq!(fallback_operation("contact.json"), Some("retrieveContact"));
}

#[test]
fn comparison_treats_integers_and_floats_alike_but_not_null() {
    let a = serde_json::json!({"x": 1, "y": [1.5, null], "z": {"k": "v"}});
    let b = serde_json::json!({"x": 1.0, "y": [1.5, null], "z": {"k": "v", "extra": 1}, "w": 2});
    assert!(check_contains(&a, &b, "$").is_ok());
    let c = serde_json::json!({"x": 1.0, "y": [1.5, 0], "z": {"k": "v"}});
    assert!(check_contains(&a, &c, "$").unwrap_err().contains("$.y[1]"));
}
