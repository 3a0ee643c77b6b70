//! Tasks: <https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/>

use crate::model::{Decimal, Timestamp};
use serde::{Deserialize, Serialize};

/// The filters of `listTasks`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTasksParams {
    /// Only active (true) or archived (false) objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Only objects updated since this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_since: Option<Timestamp>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The body of `createTask`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskParams {
    /// The name.
    pub name: String,
    /// Whether new assignments are billable by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable_by_default: Option<bool>,
    /// The default hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_hourly_rate: Option<Decimal>,
    /// Whether the task joins new projects automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Whether the task is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// The body of `updateTask`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskParams {
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether new assignments are billable by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable_by_default: Option<bool>,
    /// The default hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_hourly_rate: Option<Decimal>,
    /// Whether the task joins new projects automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Whether the task is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl CreateTaskParams {
    /// A task with this name and Harvest's defaults for the rest.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }
}
