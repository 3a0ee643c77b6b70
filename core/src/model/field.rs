//! A borrowed, typed view of any model's fields by name, so that bindings can expose the Rust
//! models to their language without a second copy of the field lists: Python converts a field
//! when it is read, stub and type generators read [`Model::FIELDS`].

use super::{Date, Decimal, Timestamp};
use serde_json::Value;

/// One field's value, borrowed from the model.
#[derive(Debug, Clone)]
pub enum Field<'a> {
    /// `null` or absent.
    Null,
    /// A boolean.
    Bool(bool),
    /// An unsigned integer (ids, counts).
    UInt(u64),
    /// A signed integer.
    Int(i64),
    /// An exact decimal (money, hours, rates).
    Decimal(&'a Decimal),
    /// Text, including string enum values.
    Text(&'a str),
    /// A calendar date.
    Date(&'a Date),
    /// A timestamp.
    Timestamp(&'a Timestamp),
    /// A nested model.
    Model(&'a dyn Model),
    /// A list.
    List(Vec<Field<'a>>),
    /// Untyped JSON (unknown fields).
    Json(&'a Value),
}

/// A model whose fields can be read by name.
pub trait Model: std::fmt::Debug + Send + Sync {
    /// The model's name (`TimeEntry`).
    fn type_name(&self) -> &'static str;
    /// Field names and their Rust types, in declaration order.
    fn fields(&self) -> &'static [(&'static str, &'static str)];
    /// A field by name; unknown names look in the kept unknown fields (`extra`).
    fn field(&self, name: &str) -> Option<Field<'_>>;
    /// The model as JSON.
    fn to_json(&self) -> Value;
}

/// Converts a field's value into a [`Field`].
pub trait ToField {
    /// The borrowed view.
    fn to_field(&self) -> Field<'_>;
}

macro_rules! to_field {
    ($($t:ty => |$v:ident| $e:expr;)*) => {
        $( impl ToField for $t { fn to_field(&self) -> Field<'_> { let $v = self; $e } } )*
    };
}

to_field! {
    bool => |v| Field::Bool(*v);
    u64 => |v| Field::UInt(*v);
    u32 => |v| Field::UInt(*v as u64);
    i64 => |v| Field::Int(*v);
    i32 => |v| Field::Int(*v as i64);
    String => |v| Field::Text(v);
    Decimal => |v| Field::Decimal(v);
    Date => |v| Field::Date(v);
    Timestamp => |v| Field::Timestamp(v);
    Value => |v| if v.is_null() { Field::Null } else { Field::Json(v) };
    serde_json::Map<String, Value> => |v| Field::List(v.values().map(Field::Json).collect());
}

impl<T: ToField> ToField for Option<T> {
    fn to_field(&self) -> Field<'_> {
        match self {
            Some(v) => v.to_field(),
            None => Field::Null,
        }
    }
}

impl<T: ToField> ToField for Vec<T> {
    fn to_field(&self) -> Field<'_> {
        Field::List(self.iter().map(ToField::to_field).collect())
    }
}

impl<T: ToField> ToField for Box<T> {
    fn to_field(&self) -> Field<'_> {
        (**self).to_field()
    }
}
