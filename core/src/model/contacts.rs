//! Client contacts: <https://help.getharvest.com/api-v2/clients-api/clients/contacts/>

use super::{Id, Listed, Reference, Timestamp};

model! {
    /// A contact person at a client.
    pub struct Contact {
        /// Unique id.
        pub id: Id,
        /// The client the contact belongs to.
        pub client: Reference,
        /// The contact's title (often `null`).
        pub title: Option<String>,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// Email address.
        pub email: Option<String>,
        /// Office phone number.
        pub phone_office: Option<String>,
        /// Mobile phone number.
        pub phone_mobile: Option<String>,
        /// Fax number.
        pub fax: Option<String>,
        /// When the contact was created.
        pub created_at: Timestamp,
        /// When the contact was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Contact {
    const LIST_KEY: &'static str = "contacts";
}
