//! Answers as values the host can read: [`HarvestDecoded`] wraps the core's [`Decoded`], and
//! hands out the items or the object as [`ModelValue`] trees built from the core's
//! [`Model`] view (field names and types come from the Rust models; nothing is listed twice).
//! The typed Kotlin and Swift models are generated from `harvest_core::model::schema` and read
//! these trees by position (see `codegen`).

use harvest_core::model::{Field, Model};
use harvest_core::Decoded;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One model object: its type, its known fields in declaration order, and the fields this
/// version of the SDK does not know (name → JSON text).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ModelValue {
    /// The Rust model's name (`TimeEntry`).
    pub type_name: String,
    /// The known fields' values, in the order of `schema::models()`.
    pub fields: Vec<FieldValue>,
    /// Unknown fields kept as received, as JSON text.
    pub extra: HashMap<String, String>,
}

/// One field's value.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum FieldValue {
    /// `null` or absent.
    Null,
    /// A boolean.
    Bool { value: bool },
    /// An unsigned integer (ids, counts).
    UInt { value: u64 },
    /// A signed integer.
    Int { value: i64 },
    /// An exact decimal (money, hours), as text: `"2.50"`.
    Decimal { value: String },
    /// Text, string enum values included.
    Text { value: String },
    /// A calendar date, `YYYY-MM-DD`.
    Date { value: String },
    /// A point in time.
    Timestamp { value: SystemTime },
    /// A nested model.
    Model { value: ModelValue },
    /// A list.
    Items { value: Vec<FieldValue> },
    /// Untyped JSON, as text.
    Json { value: String },
}

fn system_time(t: &harvest_core::model::Timestamp) -> SystemTime {
    let millis = t.timestamp_millis();
    if millis >= 0 {
        UNIX_EPOCH + Duration::from_millis(millis as u64)
    } else {
        UNIX_EPOCH - Duration::from_millis(millis.unsigned_abs())
    }
}

fn field_value(field: Field<'_>, json: Option<&Value>) -> FieldValue {
    match field {
        Field::Null => FieldValue::Null,
        Field::Bool(value) => FieldValue::Bool { value },
        Field::UInt(value) => FieldValue::UInt { value },
        Field::Int(value) => FieldValue::Int { value },
        Field::Decimal(d) => FieldValue::Decimal { value: d.to_string() },
        Field::Text(s) => FieldValue::Text { value: s.to_owned() },
        Field::Date(d) => FieldValue::Date { value: d.format("%Y-%m-%d").to_string() },
        Field::Timestamp(t) => FieldValue::Timestamp { value: system_time(t) },
        Field::Model(m) => FieldValue::Model { value: model_with_json(m, json) },
        Field::List(items) => {
            let json_items = json.and_then(Value::as_array);
            FieldValue::Items {
                value: items.into_iter().enumerate().map(|(i, f)| field_value(f, json_items.and_then(|a| a.get(i)))).collect(),
            }
        }
        Field::Json(v) => FieldValue::Json { value: v.to_string() },
    }
}

/// The tree of one model. `json` is the model's own JSON when a parent already made it, so the
/// unknown fields of nested models are found without serialising them again.
fn model_with_json(model: &dyn Model, json: Option<&Value>) -> ModelValue {
    let owned;
    let json = match json {
        Some(v) => v,
        None => {
            owned = model.to_json();
            &owned
        }
    };
    let known = model.fields();
    let fields = known
        .iter()
        .map(|(name, _)| model.field(name).map(|f| field_value(f, json.get(*name))).unwrap_or(FieldValue::Null))
        .collect();
    let extra = json
        .as_object()
        .map(|map| map.iter().filter(|(k, _)| !known.iter().any(|(n, _)| n == k)).map(|(k, v)| (k.clone(), v.to_string())).collect())
        .unwrap_or_default();
    ModelValue { type_name: model.type_name().to_owned(), fields, extra }
}

/// The tree of one model.
pub fn model_value(model: &dyn Model) -> ModelValue {
    model_with_json(model, None)
}

/// The decoded answer of an operation.
#[derive(Debug, uniffi::Object)]
pub struct HarvestDecoded {
    inner: Decoded,
}

impl HarvestDecoded {
    pub(crate) fn new(inner: Decoded) -> Self {
        Self { inner }
    }

    /// The core value.
    pub fn decoded(&self) -> &Decoded {
        &self.inner
    }
}

#[uniffi::export]
impl HarvestDecoded {
    /// Whether this is a page of a list.
    pub fn is_page(&self) -> bool {
        self.inner.links().is_some()
    }

    /// The items, when this is a page of a list.
    pub fn items(&self) -> Option<Vec<ModelValue>> {
        self.inner.items().map(|items| items.into_iter().map(model_value).collect())
    }

    /// How many items the page holds, when this is a page.
    pub fn item_count(&self) -> Option<u64> {
        self.inner.item_count().map(|n| n as u64)
    }

    /// The next page's link, when this is a page that is not the last.
    pub fn next_link(&self) -> Option<String> {
        self.inner.links().and_then(|l| l.next.clone())
    }

    /// The object, when the answer is one (a time entry, an invoice...).
    pub fn model(&self) -> Option<ModelValue> {
        self.inner.as_model().map(model_value)
    }

    /// The answer as JSON, exactly as the core serialises it (unknown fields included).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }
}

/// Wraps a decoded value for the host.
pub(crate) fn decoded(inner: Decoded) -> Arc<HarvestDecoded> {
    Arc::new(HarvestDecoded::new(inner))
}
