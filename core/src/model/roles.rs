//! Roles: <https://help.getharvest.com/api-v2/roles-api/roles/roles/>

use super::{Id, Listed, Timestamp};

model! {
    /// A role: a descriptive label grouping users.
    pub struct Role {
        /// Unique id.
        pub id: Id,
        /// The role's name.
        pub name: String,
        /// The users with this role.
        pub user_ids: Vec<Id>,
        /// When the role was created.
        pub created_at: Timestamp,
        /// When the role was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Role {
    const LIST_KEY: &'static str = "roles";
}
