//! Every `operationId` of the OpenAPI description has an operation in the core, with the same
//! method and path.

use harvest_core::{Method, OperationId};
use std::path::PathBuf;

fn openapi() -> Option<serde_yaml_ng::Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/harvest-openapi.yaml");
    let text = std::fs::read_to_string(path).ok()?;
    Some(serde_yaml_ng::from_str(&text).expect("the OpenAPI file is YAML"))
}

/// `/clients/{clientId}/messages/{messageId}` -> `/v2/clients/{}/messages/{}`.
fn table_path(openapi_path: &str) -> String {
    let templated: Vec<String> = openapi_path
        .split('/')
        .map(|seg| if seg.starts_with('{') && seg.ends_with('}') { "{}".to_owned() } else { seg.to_owned() })
        .collect();
    format!("/v2{}", templated.join("/"))
}

#[test]
fn every_openapi_operation_has_an_operation_with_the_same_method_and_path() {
    let Some(spec) = openapi() else {
        eprintln!("skipped: ../shared/reference/harvest-openapi.yaml is absent");
        return;
    };
    let paths = spec.get("paths").and_then(|p| p.as_mapping()).expect("paths");
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    for (path, item) in paths {
        let path = path.as_str().expect("path keys are strings");
        for (method, op) in item.as_mapping().expect("path item") {
            let Some(op_id) = op.get("operationId").and_then(|v| v.as_str()) else { continue };
            let method = Method::parse(method.as_str().unwrap_or_default());
            match OperationId::parse(op_id) {
                Ok(id) => {
                    seen.push(id);
                    if id.as_str() != op_id {
                        problems.push(format!("{op_id}: parses to {id}"));
                    }
                    if Some(id.method()) != method {
                        problems.push(format!("{op_id}: method {:?} vs {:?}", id.method(), method));
                    }
                    if id.path_template() != table_path(path) {
                        problems.push(format!("{op_id}: path {} vs {}", id.path_template(), table_path(path)));
                    }
                    let ids_in_path = path.matches('{').count();
                    if id.path_params().len() != ids_in_path {
                        problems.push(format!("{op_id}: {} path ids vs {ids_in_path}", id.path_params().len()));
                    }
                }
                Err(e) => problems.push(format!("{op_id}: {e}")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(seen.len(), 113, "the OpenAPI file has 113 operations");
    let missing: Vec<_> = OperationId::ALL.iter().filter(|id| !seen.contains(id)).map(|id| id.as_str()).collect();
    assert_eq!(missing, vec!["listAccounts"], "only the identity call is outside the OpenAPI file");
}

#[test]
fn the_table_holds_113_operations_plus_the_accounts_call() {
    assert_eq!(OperationId::ALL.len(), 114);
    for id in OperationId::ALL {
        assert_eq!(OperationId::parse(id.as_str()), Ok(*id));
        assert_eq!(id.to_string(), id.as_str());
    }
    let mut names: Vec<_> = OperationId::ALL.iter().map(|id| id.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 114, "operation ids are unique");
    assert_eq!(OperationId::parse("listAccounts").map(|id| id.path_template()), Ok("/api/v2/accounts"));
    assert_eq!(OperationId::parse("listTimeEntrys").unwrap_err().code_str(), "invalid_input");
}

#[test]
fn path_translation() {
    assert_eq!(table_path("/clients/{clientId}"), "/v2/clients/{}");
    assert_eq!(table_path("/invoices/{invoiceId}/messages/new"), "/v2/invoices/{}/messages/new");
}
