//! The two macros every model is written with.
//!
//! `model!` declares a struct whose known fields are typed and whose unknown fields are kept in
//! `extra`, so that a round trip through the SDK loses nothing Harvest sends. It generates a
//! hand-rolled `Deserialize` (one pass over the JSON object, no buffering, each field read through
//! [`FieldValue`](crate::model::FieldValue), so typed decoding is faster than decoding to
//! `serde_json::Value`) and a `Serialize` that writes known fields, then extras.
//! A `null` or missing value for a non-`Option` field decodes to the type's default: Harvest marks
//! nearly every field nullable, and a user should never lose a whole page over one odd field.
//!
//! `string_enum!` declares an enum of Harvest's string values with an `Unknown(String)` variant, so
//! a value added by Harvest tomorrow decodes instead of failing.

/// Declares a model struct; see the module docs.
#[macro_export]
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            /// Fields this version of the SDK does not know, kept exactly as received.
            pub extra: $crate::model::Extra,
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $( map.serialize_entry(stringify!($field), &self.$field)?; )*
                for (key, value) in &self.extra {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum Field { $( $field, )* __other(String) }
                struct FieldVisitor;
                impl<'de> ::serde::de::Visitor<'de> for FieldVisitor {
                    type Value = Field;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Field, E> {
                        Ok(match v { $( stringify!($field) => Field::$field, )* other => Field::__other(other.to_owned()) })
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for Field {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                        d.deserialize_identifier(FieldVisitor)
                    }
                }
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                        f.write_str(concat!("a Harvest ", stringify!($name), " object"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(key) = map.next_key::<Field>()? {
                            match key {
                                $( Field::$field => {
                                    out.$field = map.next_value::<$crate::model::OrDefault<$ty>>()?.0;
                                } )*
                                Field::__other(name) => {
                                    let value = map.next_value::<::serde_json::Value>()?;
                                    out.extra.insert(name, value);
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }

        impl $name {
            /// Field names and their Rust types, in declaration order.
            pub const FIELDS: &'static [(&'static str, &'static str)] = &[$( (stringify!($field), stringify!($ty)) ),*];
        }

        impl $crate::model::Model for $name {
            fn type_name(&self) -> &'static str {
                stringify!($name)
            }
            fn fields(&self) -> &'static [(&'static str, &'static str)] {
                Self::FIELDS
            }
            fn field(&self, name: &str) -> Option<$crate::model::Field<'_>> {
                use $crate::model::ToField;
                match name {
                    $( stringify!($field) => Some(self.$field.to_field()), )*
                    other => self.extra.get(other).map(|v| v.to_field()),
                }
            }
            fn to_json(&self) -> ::serde_json::Value {
                ::serde_json::to_value(self).unwrap_or(::serde_json::Value::Null)
            }
        }

        impl $crate::model::ToField for $name {
            fn to_field(&self) -> $crate::model::Field<'_> {
                $crate::model::Field::Model(self)
            }
        }

        impl $crate::model::FieldValue for $name {
            fn decode<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                <Self as ::serde::Deserialize>::deserialize(d)
            }
        }
    };
}

/// Declares an enum of Harvest string values with an `Unknown(String)` fallback.
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know, kept as received.
            Unknown(String),
        }

        impl $name {
            /// The value as Harvest spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )*
                    Self::Unknown(text) => text,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(match s { $( $text => Self::$variant, )* other => Self::Unknown(other.to_owned()) })
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<$name, E> {
                        Ok(match v { $( $text => $name::$variant, )* other => $name::Unknown(other.to_owned()) })
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl $name {
            /// Every value this version of the SDK knows.
            pub const VALUES: &'static [&'static str] = &[$($text),*];
        }

        impl $crate::model::ToField for $name {
            fn to_field(&self) -> $crate::model::Field<'_> {
                $crate::model::Field::Text(self.as_str())
            }
        }

        impl $crate::model::FieldValue for $name {
            fn decode<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                <Self as ::serde::Deserialize>::deserialize(d)
            }
        }
    };
}
