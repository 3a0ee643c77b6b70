//! Typed models of every Harvest resource, one file per resource as in the Harvest reference.
//!
//! Every struct keeps the fields it does not know in `extra`, every string enum has an
//! `Unknown(String)` variant, money and hours are exact [`Decimal`]s, dates are [`Date`]s and
//! timestamps are [`Timestamp`]s. See [`macros`] for how the models are declared.

#[macro_use]
pub mod macros;
mod accounts;
mod clients;
mod company;
mod contacts;
mod decode;
mod deleted;
mod estimates;
mod expenses;
mod invoices;
mod field;
mod page;
mod projects;
mod reports;
mod roles;
pub mod schema;
mod tasks;
mod time_entries;
mod users;

pub use accounts::*;
pub use clients::*;
pub use company::*;
pub use contacts::*;
pub use deleted::*;
pub use estimates::*;
pub use expenses::*;
pub use invoices::*;
pub use field::{Field, Model, ToField};
pub use page::{Links, ListPage, Listed};
pub use projects::*;
pub use reports::*;
pub use roles::*;
pub use tasks::*;
pub use time_entries::*;
pub use users::*;

/// A Harvest id. Ids are 64-bit: time entry ids already exceed 2^31.
pub type Id = u64;
/// A calendar date such as `spent_date` (`YYYY-MM-DD`).
pub type Date = chrono::NaiveDate;
/// A point in time such as `created_at` (ISO 8601, UTC).
pub type Timestamp = chrono::DateTime<chrono::Utc>;
/// An exact decimal for money, hours and rates: no float error in anything the SDK computes.
pub use rust_decimal::Decimal;
/// The fields of an object that this version of the SDK does not know, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[doc(hidden)]
pub use decode::{FieldValue, OrDefault};

model! {
    /// A reference to another object by id and name, as Harvest embeds them (`"client": {"id": 1, "name": "…"}`).
    pub struct Reference {
        /// The referenced object's id.
        pub id: Id,
        /// Its name.
        pub name: Option<String>,
    }
}
