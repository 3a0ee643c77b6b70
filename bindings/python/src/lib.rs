//! `harvest_sdk._core`: harvest-core as seen from Python. Deliberately small — the Python package
//! (`packages/python`) owns the I/O loops, the transports and the public facade; this module
//! exposes the core's state machines, decoding, OAuth functions, and the typed model wrapper.
//!
//! - [`machine`]: `CoreClient` (built from a dict exactly like `ClientOptions`), `CoreCall` and
//!   `CorePaginator`, whose `next_action(now_ms)` gives `("send", id, method, url, headers, body)`,
//!   `("wait", until_ms)` or `("done", value)`.
//! - [`model`]: `Model` and `Page`, views into one shared decoded answer that convert a field to
//!   a Python value only when it is read.
//! - [`errors`]: every core error becomes a `harvest_sdk.HarvestError` subclass, and every exported
//!   function runs under [`errors::guard`], so no Rust panic reaches Python as anything else.

use pyo3::prelude::*;

mod convert;
mod errors;
mod machine;
mod model;
mod oauth;

use errors::{core_err, guard};

/// Decodes a raw response to the operation named by its OpenAPI `operationId`: a `Model`, a
/// `Page`, the body of a delete (usually `None`), or a raised `HarvestError`.
#[pyfunction]
#[pyo3(signature = (operation_id, status, headers, body))]
fn decode(py: Python<'_>, operation_id: &str, status: u16, headers: Vec<(String, String)>, body: &[u8]) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let response = harvest_core::Response { request_id: 0, status, headers, body: body.to_vec() };
        let decoded = py.detach(|| harvest_core::decode(operation_id, &response)).map_err(|e| core_err(py, &e))?;
        model::decoded_to_py(py, decoded)
    })
}

/// Every model (name and fields with their Rust types) and string enum (name and values), for
/// the stub generator: `{"models": [(name, [(field, rust_type)])], "enums": [(name, [value])]}`.
#[pyfunction]
fn _schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let models: Vec<(&str, Vec<(&str, &str)>)> =
            harvest_core::model::schema::models().iter().map(|m| (m.name, m.fields.to_vec())).collect();
        let enums: Vec<(&str, Vec<&str>)> = harvest_core::model::schema::enums().iter().map(|e| (e.name, e.values.to_vec())).collect();
        let out = pyo3::types::PyDict::new(py);
        out.set_item("models", models)?;
        out.set_item("enums", enums)?;
        Ok(out.into_any().unbind())
    })
}

/// One operation: `(operation_id, method, path_template, path_params, is_list)`.
type OperationRow = (&'static str, &'static str, &'static str, Vec<&'static str>, bool);

/// Every operation.
#[pyfunction]
fn _operations(py: Python<'_>) -> PyResult<Vec<OperationRow>> {
    guard(py, || {
        Ok(harvest_core::OperationId::ALL
            .iter()
            .map(|id| (id.as_str(), id.method().as_str(), id.path_template(), id.path_params().to_vec(), id.is_list()))
            .collect())
    })
}

/// Panics inside the guard, so the tests can check that a panic arrives as a `HarvestError`.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, message: &str) -> PyResult<()> {
    guard(py, || panic!("{message}"))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<machine::CoreClient>()?;
    m.add_class::<machine::CoreCall>()?;
    m.add_class::<machine::CorePaginator>()?;
    m.add_class::<model::Model>()?;
    m.add_class::<model::Page>()?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(_schema, m)?)?;
    m.add_function(wrap_pyfunction!(_operations, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    oauth::register(m)?;
    let codes: Vec<&str> = harvest_core::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ERROR_CODES", codes)?;
    m.add("DEFAULT_BASE_URL", harvest_core::DEFAULT_BASE_URL)?;
    m.add("DEFAULT_ID_BASE_URL", harvest_core::DEFAULT_ID_BASE_URL)?;
    m.add("REFRESH_MARGIN_MS", harvest_core::REFRESH_MARGIN_MS)?;
    m.add("MAX_PER_PAGE", harvest_core::MAX_PER_PAGE)?;
    Ok(())
}
