//! Expenses and expense categories:
//! <https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/>,
//! <https://help.getharvest.com/api-v2/expenses-api/expenses/expense-categories/>
//!
//! Receipts need a `multipart/form-data` upload, which the JSON bodies here do not carry.

use crate::model::{ApprovalStatus, Date, Decimal, Id, Timestamp};
use serde::{Deserialize, Serialize};

/// The filters of `listExpenses`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListExpensesParams {
    /// Only expenses of this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    /// Only expenses of this client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Id>,
    /// Only expenses of this project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Id>,
    /// Only invoiced (true) or uninvoiced (false) items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_billed: Option<bool>,
    /// Only items with this approval status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_status: Option<ApprovalStatus>,
    /// Only objects updated since this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_since: Option<Timestamp>,
    /// Only expenses spent on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Only expenses spent on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The body of `createExpense`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateExpenseParams {
    /// The user (default: the token's user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    /// The project.
    pub project_id: Id,
    /// The expense category.
    pub expense_category_id: Id,
    /// The day it counts for.
    pub spent_date: Date,
    /// Units, for unit-priced categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Decimal>,
    /// The total cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Whether it is billable (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
}

/// The body of `updateExpense`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateExpenseParams {
    /// The project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Id>,
    /// The expense category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense_category_id: Option<Id>,
    /// The day it counts for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_date: Option<Date>,
    /// Units, for unit-priced categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Decimal>,
    /// The total cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Whether it is billable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// Whether to remove the receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_receipt: Option<bool>,
}

/// The filters of `listExpenseCategories`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListExpenseCategoriesParams {
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

/// The body of `createExpenseCategory`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateExpenseCategoryParams {
    /// The name.
    pub name: String,
    /// The unit name, for unit-priced categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    /// The unit price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// Whether the category is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

/// The body of `updateExpenseCategory`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateExpenseCategoryParams {
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The unit name, for unit-priced categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    /// The unit price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// Whether the category is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl CreateExpenseParams {
    /// An expense of `total_cost` on a project, in a category, on a day.
    pub fn new(project_id: Id, expense_category_id: Id, spent_date: Date, total_cost: Decimal) -> Self {
        Self { project_id, expense_category_id, spent_date, total_cost: Some(total_cost), ..Self::default() }
    }
}
