//! Projects and their user and task assignments:
//! <https://help.getharvest.com/api-v2/projects-api/projects/projects/>,
//! <https://help.getharvest.com/api-v2/projects-api/projects/user-assignments/>,
//! <https://help.getharvest.com/api-v2/projects-api/projects/task-assignments/>

use crate::model::{BillBy, BudgetBy, Date, Decimal, Id, Timestamp};
use serde::{Deserialize, Serialize};

/// The filters of `listProjects`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListProjectsParams {
    /// Only active (true) or archived (false) objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Only projects of this client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Id>,
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

/// The body of `createProject`. Harvest documents `is_billable`, `bill_by` and `budget_by` as required but has been seen to default them; [`CreateProjectParams::new`] sets all three.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateProjectParams {
    /// The client the project is for.
    pub client_id: Id,
    /// The project name (unique).
    pub name: String,
    /// The project code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Whether the project is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether the project is billable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_billable: Option<bool>,
    /// Whether the project is fixed-fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_fixed_fee: Option<bool>,
    /// How time is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_by: Option<BillBy>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// How the budget is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_by: Option<BudgetBy>,
    /// Whether the budget resets monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_is_monthly: Option<bool>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
    /// The money budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_budget: Option<Decimal>,
    /// Whether expenses count towards the money budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_budget_include_expenses: Option<bool>,
    /// Whether to notify when over budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_when_over_budget: Option<bool>,
    /// Notify at this percentage of the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_budget_notification_percentage: Option<Decimal>,
    /// Whether everyone on the project sees the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_budget_to_all: Option<bool>,
    /// The fixed fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<Date>,
    /// The end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<Date>,
}

/// The body of `updateProject`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateProjectParams {
    /// Move the project to this client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Id>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The project code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Whether the project is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether the project is billable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_billable: Option<bool>,
    /// Whether the project is fixed-fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_fixed_fee: Option<bool>,
    /// How time is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_by: Option<BillBy>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// How the budget is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_by: Option<BudgetBy>,
    /// Whether the budget resets monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_is_monthly: Option<bool>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
    /// The money budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_budget: Option<Decimal>,
    /// Whether expenses count towards the money budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_budget_include_expenses: Option<bool>,
    /// Whether to notify when over budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_when_over_budget: Option<bool>,
    /// Notify at this percentage of the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_budget_notification_percentage: Option<Decimal>,
    /// Whether everyone on the project sees the budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_budget_to_all: Option<bool>,
    /// The fixed fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<Date>,
    /// The end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<Date>,
}

/// The filters of `listUserAssignments`. (every project, active and archived).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListUserAssignmentsParams {
    /// Only assignments of this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
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

/// The filters of `listUserAssignmentsForSpecificProject`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListUserAssignmentsForSpecificProjectParams {
    /// Only assignments of this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
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

/// The body of `createUserAssignment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUserAssignmentParams {
    /// The user to assign.
    pub user_id: Id,
    /// Whether the assignment is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether the user manages the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_project_manager: Option<bool>,
    /// Whether the user's default rates apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_default_rates: Option<bool>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
}

/// The body of `updateUserAssignment`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserAssignmentParams {
    /// Whether the assignment is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether the user manages the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_project_manager: Option<bool>,
    /// Whether the user's default rates apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_default_rates: Option<bool>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
}

/// The filters of `listTaskAssignments`. (every project).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTaskAssignmentsParams {
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

/// The filters of `listTaskAssignmentsForSpecificProject`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTaskAssignmentsForSpecificProjectParams {
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

/// The body of `createTaskAssignment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskAssignmentParams {
    /// The task to assign.
    pub task_id: Id,
    /// Whether the assignment is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether it is billable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
}

/// The body of `updateTaskAssignment`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskAssignmentParams {
    /// Whether the assignment is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether it is billable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// The hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Decimal>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Decimal>,
}

impl CreateProjectParams {
    /// A project with the fields Harvest documents as required.
    pub fn new(client_id: Id, name: impl Into<String>, is_billable: bool, bill_by: BillBy, budget_by: BudgetBy) -> Self {
        Self {
            client_id,
            name: name.into(),
            is_billable: Some(is_billable),
            bill_by: Some(bill_by),
            budget_by: Some(budget_by),
            ..Self::default()
        }
    }
}
