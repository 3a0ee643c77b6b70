//! Roles: <https://help.getharvest.com/api-v2/roles-api/roles/roles/>

use super::namespace;
use harvest_core::api::{CreateRoleParams, ListRolesParams, UpdateRoleParams};
use harvest_core::model::{Deleted, Role};

namespace! {
    /// Roles (`client.roles()`).
    Roles {
        /// The roles.
        list list / pages () ListRolesParams => Role = list_roles;
        /// One role.
        by_id get (role_id) => Role = retrieve_role;
        /// Creates a role.
        send create () CreateRoleParams => Role = create_role;
        /// Changes a role.
        send update (role_id) UpdateRoleParams => Role = update_role;
        /// Deletes a role.
        by_id delete (role_id) => Deleted = delete_role;
    }
}
