//! `harvest api METHOD PATH [-f key=value]... [--paginate]`: any operation, raw JSON out.
//!
//! The path is matched against the operation table (`/v2/time_entries/42` is
//! `retrieveTimeEntry`); `-f` values are parsed as JSON when they parse, else taken as strings,
//! and go to the query (GET, DELETE) or the JSON body (POST, PATCH). `key[]=v` appends to an
//! array and `a.b=v` nests objects.

use crate::context::{self, print_json};
use crate::Global;
use clap::Args;
use futures_util::StreamExt;
use harvest_sdk::model::Id;
use harvest_sdk::{api, Error, Method, OperationId, Result};
use serde_json::{Map, Value};

#[derive(Args, Debug)]
pub struct ApiArgs {
    /// GET, POST, PATCH or DELETE
    method: String,
    /// The path, e.g. /v2/time_entries or users/me
    path: String,
    /// A parameter key=value (repeatable); JSON values are parsed
    #[arg(short = 'f', long = "field")]
    fields: Vec<String>,
    /// Follow every page and print all items in one list
    #[arg(long)]
    paginate: bool,
}

/// The operation whose method and path template match, and the ids in the path.
pub fn match_operation(method: Method, path: &str) -> Result<(OperationId, Vec<Id>)> {
    let path = path.trim();
    let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
    let path = if path.starts_with("/v2/") || path.starts_with("/api/") { path } else { format!("/v2{path}") };
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    for id in OperationId::ALL {
        if id.method() != method {
            continue;
        }
        let template: Vec<&str> = id.path_template().split('/').collect();
        if template.len() != segments.len() {
            continue;
        }
        let mut ids = Vec::new();
        let matched = template.iter().zip(&segments).all(|(t, s)| {
            if *t == "{}" {
                s.parse::<Id>().ok().filter(|n| *n > 0).map(|n| ids.push(n)).is_some()
            } else {
                t == s
            }
        });
        if matched {
            return Ok((*id, ids));
        }
    }
    Err(Error::new(harvest_sdk::ErrorCode::NotFound, format!("no Harvest operation is {method} {path}")))
}

/// Parses `-f` fields into a JSON object.
pub fn parse_fields(fields: &[String]) -> Result<Value> {
    let mut root = Map::new();
    for field in fields {
        let (key, raw) = field.split_once('=').ok_or_else(|| Error::invalid_input(format!("a field is key=value, not {field:?}")))?;
        let value = serde_json::from_str::<Value>(raw).unwrap_or_else(|_| Value::String(raw.to_owned()));
        let (key, append) = match key.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (key, false),
        };
        let parts: Vec<&str> = key.split('.').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(Error::invalid_input(format!("bad field name {key:?}")));
        }
        let mut map = &mut root;
        for part in &parts[..parts.len() - 1] {
            let entry = map.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            map = entry.as_object_mut().ok_or_else(|| Error::invalid_input(format!("{part} is both a value and an object")))?;
        }
        let last = parts[parts.len() - 1].to_owned();
        if append {
            let entry = map.entry(last).or_insert_with(|| Value::Array(Vec::new()));
            entry.as_array_mut().ok_or_else(|| Error::invalid_input(format!("{key} is both a value and an array")))?.push(value);
        } else {
            map.insert(last, value);
        }
    }
    Ok(Value::Object(root))
}

pub async fn api(global: &Global, args: ApiArgs) -> Result<()> {
    let method = Method::parse(&args.method).ok_or_else(|| Error::invalid_input(format!("not an HTTP method Harvest uses: {}", args.method)))?;
    let (path, query) = args.path.split_once('?').unwrap_or((&args.path, ""));
    let (id, ids) = match_operation(method, path)?;
    let mut fields: Vec<String> = harvest_sdk::harvest_core::query::parse(query).into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    fields.extend(args.fields);
    let params = parse_fields(&fields)?;
    let operation = api::build(id, &ids, params)?;
    let client = if id.host() == harvest_sdk::harvest_core::Host::Identity { context::identity_client(global)? } else { context::client(global)? };
    if !args.paginate || !id.is_list() {
        let value = client.send(operation).await?;
        return print_json(&value);
    }
    let mut pages = Box::pin(client.decoded_pages(operation));
    let mut key = None;
    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        let page = serde_json::to_value(page?).map_err(|e| Error::decode(e.to_string()))?;
        if let Value::Object(map) = page {
            for (k, v) in map {
                if let Value::Array(list) = v {
                    key.get_or_insert(k);
                    items.extend(list);
                }
            }
        }
    }
    let mut out = Map::new();
    out.insert(key.unwrap_or_else(|| "items".into()), Value::Array(items));
    print_json(&Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_operations() {
        assert_eq!(match_operation(Method::Get, "/v2/time_entries/42").unwrap(), (OperationId::RetrieveTimeEntry, vec![42]));
        assert_eq!(match_operation(Method::Get, "users/me").unwrap().0, OperationId::RetrieveTheCurrentlyAuthenticatedUser);
        assert_eq!(match_operation(Method::Patch, "/v2/time_entries/7/stop").unwrap(), (OperationId::StopRunningTimeEntry, vec![7]));
        assert_eq!(match_operation(Method::Get, "/v2/invoices/3/messages/new").unwrap().0, OperationId::RetrieveInvoiceMessageSubjectAndBodyForSpecificInvoice);
        assert_eq!(match_operation(Method::Get, "/api/v2/accounts").unwrap().0, OperationId::ListAccounts);
        assert!(match_operation(Method::Get, "/v2/nothing").is_err());
        assert!(match_operation(Method::Get, "/v2/time_entries/0").is_err());
    }

    #[test]
    fn fields_become_json() {
        let v = parse_fields(&["hours=1.5".into(), "notes=hello".into(), "project_ids[]=1".into(), "project_ids[]=2".into(), "a.b=true".into()]).unwrap();
        assert_eq!(v, serde_json::json!({"hours": 1.5, "notes": "hello", "project_ids": [1, 2], "a": {"b": true}}));
        assert!(parse_fields(&["novalue".into()]).is_err());
    }
}
