//! Tasks: <https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/>

use super::{Decimal, Id, Listed, Timestamp};

model! {
    /// A task: a kind of work time is tracked against (Design, Development, ...).
    pub struct Task {
        /// Unique id.
        pub id: Id,
        /// The task's name.
        pub name: String,
        /// Whether new assignments of the task are billable by default.
        pub billable_by_default: bool,
        /// The default hourly rate (Harvest has been seen to send `null`).
        pub default_hourly_rate: Option<Decimal>,
        /// Whether the task is added to new projects automatically.
        pub is_default: bool,
        /// Whether the task is active (false once archived).
        pub is_active: bool,
        /// When the task was created.
        pub created_at: Timestamp,
        /// When the task was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Task {
    const LIST_KEY: &'static str = "tasks";
}
