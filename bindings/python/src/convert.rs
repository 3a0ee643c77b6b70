//! Values across the boundary: Python parameters to JSON for the core's typed validation, JSON to
//! Python objects, and the Python types of dates, timestamps and exact decimals.

use harvest_core::model::{Date, Decimal, Timestamp};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    DATE.import(py, "datetime", "date")
}

fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    DATETIME.import(py, "datetime", "datetime")
}

fn utc(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    UTC.get_or_try_init(py, || Ok::<_, PyErr>(py.import("datetime")?.getattr("timezone")?.getattr("utc")?.unbind()))
        .map(|u| u.bind(py))
}

/// `decimal.Decimal` from the exact text (`"1.50"` keeps its scale).
pub fn decimal_to_py<'py>(py: Python<'py>, value: &Decimal) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((value.to_string(),))
}

/// `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, value: &Date) -> PyResult<Bound<'py, PyAny>> {
    use chrono::Datelike;
    date_type(py)?.call1((value.year(), value.month(), value.day()))
}

/// `datetime.datetime`, timezone-aware in UTC.
pub fn timestamp_to_py<'py>(py: Python<'py>, value: &Timestamp) -> PyResult<Bound<'py, PyAny>> {
    use chrono::{Datelike, Timelike};
    let micro = value.nanosecond() / 1000 % 1_000_000;
    let args = (value.year(), value.month(), value.day(), value.hour(), value.minute(), value.second(), micro, utc(py)?);
    datetime_type(py)?.call1(args)
}

/// Any JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Python parameters as JSON: `None`, bool, int, float, str, `Decimal` (exact text, sent as a JSON
/// number), `date` (`YYYY-MM-DD`), timezone-aware `datetime` (ISO 8601 in UTC), mappings with
/// string keys, lists and tuples. Anything else is the caller's mistake (`Err` with a message).
pub fn py_to_json(value: &Bound<'_, PyAny>) -> Result<Value, String> {
    let py = value.py();
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return value.extract::<i64>().map(Value::from).map_err(|_| format!("{} is out of range for a Harvest number", value));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Number::from_f64(f.value()).map(Value::Number).ok_or_else(|| "a number must be finite".to_owned());
    }
    if let Ok(s) = value.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|e| e.to_string());
    }
    let py_err = |e: PyErr| e.to_string();
    if value.is_instance(decimal_type(py).map_err(py_err)?).map_err(py_err)? {
        let text = value.str().map_err(py_err)?.to_cow().map_err(py_err)?.into_owned();
        return text.parse::<Number>().map(Value::Number).map_err(|_| format!("the decimal {text} is not a finite number"));
    }
    // datetime is a subclass of date: test it first.
    if value.is_instance(datetime_type(py).map_err(py_err)?).map_err(py_err)? {
        if value.getattr("tzinfo").map_err(py_err)?.is_none() {
            return Err(format!("the datetime {} has no timezone: pass an aware datetime (for example with tzinfo=timezone.utc)", value));
        }
        let in_utc = value.call_method1("astimezone", (utc(py).map_err(py_err)?,)).map_err(py_err)?;
        let text: String = in_utc.call_method1("strftime", ("%Y-%m-%dT%H:%M:%SZ",)).map_err(py_err)?.extract().map_err(py_err)?;
        return Ok(Value::String(text));
    }
    if value.is_instance(date_type(py).map_err(py_err)?).map_err(py_err)? {
        let text: String = value.call_method0("isoformat").map_err(py_err)?.extract().map_err(py_err)?;
        return Ok(Value::String(text));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let key = key.cast::<PyString>().map_err(|_| format!("parameter names must be strings, not {}", key))?.to_cow().map_err(py_err)?.into_owned();
            map.insert(key, py_to_json(&item)?);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for item in value.try_iter().map_err(py_err)? {
            items.push(py_to_json(&item.map_err(py_err)?)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(model) = value.cast::<crate::model::Model>() {
        return Ok(model.get().json());
    }
    let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    Err(format!("a parameter of type {type_name} cannot be sent to Harvest"))
}
