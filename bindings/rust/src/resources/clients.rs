//! Clients: <https://help.getharvest.com/api-v2/clients-api/clients/clients/>

use super::namespace;
use harvest_core::api::{CreateClientParams, ListClientsParams, UpdateClientParams};
use harvest_core::model::{Client, Deleted};

namespace! {
    /// Clients (`client.clients()`).
    Clients {
        /// The clients, most recently created first.
        list list / pages () ListClientsParams => Client = list_clients;
        /// One client.
        by_id get (client_id) => Client = retrieve_client;
        /// Creates a client.
        send create () CreateClientParams => Client = create_client;
        /// Changes a client.
        send update (client_id) UpdateClientParams => Client = update_client;
        /// Deletes a client (only one without projects, invoices or estimates).
        by_id delete (client_id) => Deleted = delete_client;
    }
}
