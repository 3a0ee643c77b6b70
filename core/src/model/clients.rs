//! Clients: <https://help.getharvest.com/api-v2/clients-api/clients/clients/>

use super::{Id, Listed, Timestamp};

model! {
    /// A client: the company or person work is billed to.
    pub struct Client {
        /// Unique id.
        pub id: Id,
        /// The client's name.
        pub name: String,
        /// Whether the client is active (false once archived).
        pub is_active: bool,
        /// The physical address, possibly with `\r\n` line breaks.
        pub address: Option<String>,
        /// Key of the client's statement URL (`/client/statements/{statement_key}`).
        pub statement_key: Option<String>,
        /// ISO currency code of the client's invoices and estimates.
        pub currency: Option<String>,
        /// When the client was created.
        pub created_at: Timestamp,
        /// When the client was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Client {
    const LIST_KEY: &'static str = "clients";
}

model! {
    /// A client as embedded in projects, expenses and time entries: id, name and currency.
    pub struct ClientRef {
        /// The client's id.
        pub id: Id,
        /// The client's name.
        pub name: Option<String>,
        /// The client's currency, where Harvest includes it.
        pub currency: Option<String>,
    }
}
