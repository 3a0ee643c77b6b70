//! Client contacts: <https://help.getharvest.com/api-v2/clients-api/clients/contacts/>

use super::namespace;
use harvest_core::api::{CreateContactParams, ListContactsParams, UpdateContactParams};
use harvest_core::model::{Contact, Deleted};

namespace! {
    /// Contacts (`client.contacts()`).
    Contacts {
        /// The contacts.
        list list / pages () ListContactsParams => Contact = list_contacts;
        /// One contact.
        by_id get (contact_id) => Contact = retrieve_contact;
        /// Creates a contact.
        send create () CreateContactParams => Contact = create_contact;
        /// Changes a contact.
        send update (contact_id) UpdateContactParams => Contact = update_contact;
        /// Deletes a contact.
        by_id delete (contact_id) => Deleted = delete_contact;
    }
}
