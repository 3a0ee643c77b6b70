//! The typed models in Python: `Model` and `Page` are views into one shared decoded answer
//! (`Arc<Decoded>`). Nothing is converted when a page is decoded; a field becomes a Python value
//! when it is read (`entry.hours` → `Decimal`, `entry.spent_date` → `date`, `entry.project` →
//! another view). That is what makes a typed page cheaper than `json.loads` of the same body.
//!
//! `to_dict()` gives Python-native values (`Decimal`, `date`, tz-aware `datetime`, nested dicts,
//! unknown fields as plain JSON values); `to_json()` gives the JSON text Harvest would send.

use crate::convert::{date_to_py, decimal_to_py, json_to_py, timestamp_to_py};
use crate::errors::{core_err, guard};
use harvest_core::model::{Field, Model as CoreModel};
use harvest_core::{Decoded, Error};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;
use std::sync::Arc;

/// Where a view's model sits in the decoded answer.
#[derive(Debug, Clone, Copy)]
enum Root {
    /// The answer is one object.
    Single,
    /// Item `n` of a page.
    Item(usize),
    /// The `links` of a page.
    Links,
}

/// One step down from a model: a model-valued field, or an element of a list-valued field.
#[derive(Debug, Clone, Copy)]
struct Step {
    field: &'static str,
    index: Option<usize>,
}

/// A Harvest object (`TimeEntry`, `Invoice`, ...): fields are attributes, converted when read.
#[pyclass(module = "harvest_sdk", name = "Model", frozen)]
pub struct Model {
    data: Arc<Decoded>,
    root: Root,
    path: Vec<Step>,
}

static OBJECT_GETATTRIBUTE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn missing(py: Python<'_>) -> PyErr {
    core_err(py, &Error::protocol("a model view lost its place in the decoded answer"))
}

impl Model {
    fn view(&self) -> Option<&dyn CoreModel> {
        let mut model: &dyn CoreModel = match self.root {
            Root::Single => self.data.as_model()?,
            Root::Item(i) => self.data.item(i)?,
            Root::Links => self.data.links()?,
        };
        for step in &self.path {
            model = match (model.field(step.field)?, step.index) {
                (Field::Model(inner), None) => inner,
                (Field::List(items), Some(i)) => match items.into_iter().nth(i)? {
                    Field::Model(inner) => inner,
                    _ => return None,
                },
                _ => return None,
            };
        }
        Some(model)
    }

    fn view_or_err(&self, py: Python<'_>) -> PyResult<&dyn CoreModel> {
        self.view().ok_or_else(|| missing(py))
    }

    /// The model as JSON (known fields, then the unknown ones).
    pub fn json(&self) -> Value {
        self.view().map(|m| m.to_json()).unwrap_or(Value::Null)
    }

    fn child(&self, field: &'static str, index: Option<usize>) -> Model {
        let mut path = Vec::with_capacity(self.path.len() + 1);
        path.extend_from_slice(&self.path);
        path.push(Step { field, index });
        Model { data: self.data.clone(), root: self.root, path }
    }

    /// A field read as an attribute: scalars converted, models and lists of models as views.
    fn attribute<'py>(&self, py: Python<'py>, model: &dyn CoreModel, name: &str, field: Field<'_>) -> PyResult<Bound<'py, PyAny>> {
        match field {
            Field::Model(_) => {
                let name = static_name(model, name).ok_or_else(|| missing(py))?;
                Ok(Bound::new(py, self.child(name, None))?.into_any())
            }
            Field::List(items) => {
                let list = PyList::empty(py);
                let name = static_name(model, name);
                for (i, item) in items.into_iter().enumerate() {
                    match (item, name) {
                        (Field::Model(_), Some(name)) => list.append(Bound::new(py, self.child(name, Some(i)))?)?,
                        (other, _) => list.append(native(py, other)?)?,
                    }
                }
                Ok(list.into_any())
            }
            other => native(py, other),
        }
    }
}

/// The `&'static str` of a declared field name (model-valued fields are always declared ones).
fn static_name(model: &dyn CoreModel, name: &str) -> Option<&'static str> {
    model.fields().iter().find(|(n, _)| *n == name).map(|(n, _)| *n)
}

/// A field as a plain Python value; nested models become dicts.
fn native<'py>(py: Python<'py>, field: Field<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match field {
        Field::Null => py.None().into_bound(py),
        Field::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Field::UInt(u) => u.into_pyobject(py)?.into_any(),
        Field::Int(i) => i.into_pyobject(py)?.into_any(),
        Field::Decimal(d) => decimal_to_py(py, d)?,
        Field::Text(s) => PyString::new(py, s).into_any(),
        Field::Date(d) => date_to_py(py, d)?,
        Field::Timestamp(t) => timestamp_to_py(py, t)?,
        Field::Model(m) => model_to_dict(py, m)?.into_any(),
        Field::List(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(native(py, item)?)?;
            }
            list.into_any()
        }
        Field::Json(v) => json_to_py(py, v)?,
    })
}

fn model_to_dict<'py>(py: Python<'py>, model: &dyn CoreModel) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, _) in model.fields() {
        dict.set_item(*name, native(py, model.field(name).unwrap_or(Field::Null))?)?;
    }
    if let Value::Object(all) = model.to_json() {
        for (key, value) in all.iter().filter(|(k, _)| !model.fields().iter().any(|(n, _)| n == k)) {
            dict.set_item(key, json_to_py(py, value)?)?;
        }
    }
    Ok(dict)
}

/// A short text for `repr`: numbers, dates and (truncated) text only.
fn repr_value(field: &Field<'_>) -> Option<String> {
    Some(match field {
        Field::UInt(u) => u.to_string(),
        Field::Int(i) => i.to_string(),
        Field::Decimal(d) => d.to_string(),
        Field::Date(d) => d.to_string(),
        Field::Text(s) => {
            let short: String = s.chars().take(40).collect();
            let ellipsis = if short.len() < s.len() { "…" } else { "" };
            format!("'{}{ellipsis}'", short.replace('\\', "\\\\").replace('\'', "\\'"))
        }
        _ => return None,
    })
}

#[pymethods]
impl Model {
    fn __getattribute__<'py>(slf: &Bound<'py, Self>, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        guard(py, || {
            let key = name.to_cow()?;
            if !key.starts_with('_') {
                let this = slf.get();
                let model = this.view_or_err(py)?;
                // `from_` reads the field `from` (Python keywords cannot be attribute names).
                let found = model.field(&key).map(|f| (f, &*key)).or_else(|| {
                    let bare = key.strip_suffix('_')?;
                    model.field(bare).map(|f| (f, bare))
                });
                if let Some((field, field_name)) = found {
                    return this.attribute(py, model, field_name, field);
                }
            }
            OBJECT_GETATTRIBUTE
                .get_or_try_init(py, || Ok::<_, PyErr>(py.import("builtins")?.getattr("object")?.getattr("__getattribute__")?.unbind()))?
                .bind(py)
                .call1((slf, name))
        })
    }

    /// The Harvest type name (`TimeEntry`).
    #[getter(_harvest_type)]
    fn harvest_type(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || Ok(self.view_or_err(py)?.type_name()))
    }

    /// Every field (unknown ones included) as Python-native values: `Decimal`, `date`, aware
    /// `datetime`, nested models as dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || model_to_dict(py, self.view_or_err(py)?))
    }

    /// The object as JSON text, as Harvest sends it.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.json().to_string()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let model = self.view_or_err(py)?;
            let mut parts = Vec::new();
            let mut shown = 0;
            let order = model.fields().iter().filter(|(n, _)| *n == "id").chain(model.fields().iter().filter(|(n, _)| *n != "id"));
            for (name, _) in order {
                if parts.len() == 4 {
                    break;
                }
                shown += 1;
                if let Some(text) = model.field(name).as_ref().and_then(repr_value) {
                    parts.push(format!("{name}={text}"));
                }
            }
            let more = if shown < model.fields().len() { ", ..." } else { "" };
            Ok(format!("{}({}{more})", model.type_name(), parts.join(", ")))
        })
    }

    fn __eq__(&self, other: &Self) -> bool {
        match (self.view(), other.view()) {
            (Some(a), Some(b)) => a.type_name() == b.type_name() && a.to_json() == b.to_json(),
            _ => false,
        }
    }

    fn __dir__(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        guard(py, || {
            let model = self.view_or_err(py)?;
            let mut names: Vec<String> = model.fields().iter().map(|(n, _)| (*n).to_owned()).collect();
            if let Value::Object(all) = model.to_json() {
                names.extend(all.keys().filter(|k| !model.fields().iter().any(|(n, _)| n == k)).cloned());
            }
            names.extend(["to_dict", "to_json"].map(str::to_owned));
            Ok(names)
        })
    }
}

/// One page of a list: a sequence of `Model` views, with the pagination links.
#[pyclass(module = "harvest_sdk", name = "Page", frozen, sequence)]
pub struct Page {
    data: Arc<Decoded>,
    len: usize,
}

impl Page {
    fn item(&self, index: usize) -> Model {
        Model { data: self.data.clone(), root: Root::Item(index), path: Vec::new() }
    }

    fn type_name(&self) -> &'static str {
        self.data.item(0).map(|m| m.type_name()).unwrap_or("")
    }
}

#[pymethods]
impl Page {
    /// `Page[TimeEntry]` in annotations evaluated at run time.
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, pyo3::types::PyType>, _item: &Bound<'_, PyAny>) -> Py<pyo3::types::PyType> {
        cls.clone().unbind()
    }

    fn __len__(&self) -> usize {
        self.len
    }

    fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Model> {
        guard(py, || {
            let i = if index < 0 { index + self.len as isize } else { index };
            if i < 0 || i as usize >= self.len {
                return Err(pyo3::exceptions::PyIndexError::new_err("page index out of range"));
            }
            Ok(self.item(i as usize))
        })
    }

    /// The items, as a list of `Model` views.
    #[getter]
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let list = PyList::empty(py);
            for i in 0..self.len {
                list.append(Bound::new(py, self.item(i))?)?;
            }
            Ok(list)
        })
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || Ok(self.items(py)?.into_any().try_iter()?.into_any()))
    }

    /// The page's `links` (`first`, `next`, `previous`, `last`).
    #[getter]
    fn links(&self) -> Model {
        Model { data: self.data.clone(), root: Root::Links, path: Vec::new() }
    }

    /// The URL of the next page, `None` on the last one.
    #[getter]
    fn next_url(&self) -> Option<String> {
        self.data.links().and_then(|l| l.next.clone()).filter(|s| !s.is_empty())
    }

    /// The page as JSON text, envelope included.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || serde_json::to_string(&*self.data).map_err(|e| core_err(py, &Error::decode(e.to_string()))))
    }

    fn __repr__(&self) -> String {
        format!("Page({} {} items, last={})", self.len, self.type_name(), if self.next_url().is_some() { "False" } else { "True" })
    }
}

/// A decoded answer as a Python value: a `Model`, a `Page`, or the body of a delete (usually `None`).
pub fn decoded_to_py(py: Python<'_>, decoded: Decoded) -> PyResult<Py<PyAny>> {
    if let Decoded::Deleted(deleted) = &decoded {
        return Ok(json_to_py(py, deleted.body.as_ref().unwrap_or(&Value::Null))?.unbind());
    }
    if decoded.as_model().is_some() {
        let model = Model { data: Arc::new(decoded), root: Root::Single, path: Vec::new() };
        return Ok(Bound::new(py, model)?.into_any().unbind());
    }
    if let Some(len) = decoded.item_count() {
        return Ok(Bound::new(py, Page { data: Arc::new(decoded), len })?.into_any().unbind());
    }
    let json = serde_json::to_value(&decoded).map_err(|e| core_err(py, &Error::decode(e.to_string())))?;
    Ok(json_to_py(py, &json)?.unbind())
}
