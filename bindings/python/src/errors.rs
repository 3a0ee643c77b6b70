//! Core errors become `harvest_sdk.HarvestError` subclasses (built by `harvest_sdk.errors`, which
//! owns the class per code), and panics are caught before they reach Python.

use harvest_core::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static FROM_CORE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The `HarvestError` subclass instance for a core error, as a `PyErr` to raise.
pub fn core_err(py: Python<'_>, error: &Error) -> PyErr {
    let made = FROM_CORE.import(py, "harvest_sdk.errors", "_from_core").and_then(|from_core| {
        from_core.call1((error.code.as_str(), error.message.as_str(), error.status, error.retry_after_ms, error.retry_at_ms))
    });
    match made {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failed) => import_failed,
    }
}

/// A `HarvestError` with the `invalid_input` code.
pub fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    core_err(py, &Error::invalid_input(message))
}

/// Runs an exported function's body, turning a panic into a `HarvestError` with the `protocol`
/// code (pyo3 would otherwise raise `PanicException`, which derives from `BaseException`).
pub fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let message = format!("internal error in harvest-core (please report it): {}", harvest_core::redact::body(&what));
            Err(core_err(py, &Error::protocol(message)))
        }
    }
}
