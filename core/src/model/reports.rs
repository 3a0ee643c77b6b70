//! Reports: <https://help.getharvest.com/api-v2/reports-api/reports/time-reports/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/expense-reports/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/uninvoiced-report/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/project-budget-report/>
//!
//! Every report lists its rows under `results`. Which id/name pairs a row carries depends on the
//! report (by client, project, task or team member), so they are all optional.

use super::{BudgetBy, Decimal, Id, Listed};

model! {
    /// A row of a time report (by client, project, task or team member; one row per currency).
    pub struct TimeReportsResult {
        /// The client (clients and projects reports).
        pub client_id: Option<Id>,
        /// The client's name.
        pub client_name: Option<String>,
        /// The project (projects report).
        pub project_id: Option<Id>,
        /// The project's name.
        pub project_name: Option<String>,
        /// The task (tasks report).
        pub task_id: Option<Id>,
        /// The task's name.
        pub task_name: Option<String>,
        /// The user (team report).
        pub user_id: Option<Id>,
        /// The user's name.
        pub user_name: Option<String>,
        /// The user's weekly capacity in seconds (team report).
        pub weekly_capacity: Option<u64>,
        /// The user's avatar (team report).
        pub avatar_url: Option<String>,
        /// Whether the user is a contractor (team report).
        pub is_contractor: Option<bool>,
        /// Total hours tracked.
        pub total_hours: Option<Decimal>,
        /// Billable hours, rounded per the account setting.
        pub billable_hours: Option<Decimal>,
        /// The currency of `billable_amount`.
        pub currency: Option<String>,
        /// The billable amount (visible with rate permissions).
        pub billable_amount: Option<Decimal>,
    }
}

impl Listed for TimeReportsResult {
    const LIST_KEY: &'static str = "results";
}

model! {
    /// A row of an expense report (by client, project, category or team member).
    pub struct ExpenseReportsResult {
        /// The client (clients and projects reports).
        pub client_id: Option<Id>,
        /// The client's name.
        pub client_name: Option<String>,
        /// The project (projects report).
        pub project_id: Option<Id>,
        /// The project's name.
        pub project_name: Option<String>,
        /// The category (categories report).
        pub expense_category_id: Option<Id>,
        /// The category's name.
        pub expense_category_name: Option<String>,
        /// The user (team report).
        pub user_id: Option<Id>,
        /// The user's name.
        pub user_name: Option<String>,
        /// Whether the user is a contractor (team report).
        pub is_contractor: Option<bool>,
        /// Total amount of the expenses.
        pub total_amount: Option<Decimal>,
        /// The billable amount.
        pub billable_amount: Option<Decimal>,
        /// The currency.
        pub currency: Option<String>,
    }
}

impl Listed for ExpenseReportsResult {
    const LIST_KEY: &'static str = "results";
}

model! {
    /// A row of the uninvoiced report: what a project has not invoiced yet.
    pub struct UninvoicedReportResult {
        /// The client.
        pub client_id: Option<Id>,
        /// The client's name.
        pub client_name: Option<String>,
        /// The project.
        pub project_id: Option<Id>,
        /// The project's name.
        pub project_name: Option<String>,
        /// The currency.
        pub currency: Option<String>,
        /// Total hours tracked in the period.
        pub total_hours: Option<Decimal>,
        /// Hours not invoiced yet.
        pub uninvoiced_hours: Option<Decimal>,
        /// Amount of expenses not invoiced yet.
        pub uninvoiced_expenses: Option<Decimal>,
        /// Total amount not invoiced yet.
        pub uninvoiced_amount: Option<Decimal>,
    }
}

impl Listed for UninvoicedReportResult {
    const LIST_KEY: &'static str = "results";
}

model! {
    /// A row of the project budget report.
    pub struct ProjectBudgetReportResult {
        /// The client.
        pub client_id: Option<Id>,
        /// The client's name.
        pub client_name: Option<String>,
        /// The project.
        pub project_id: Option<Id>,
        /// The project's name.
        pub project_name: Option<String>,
        /// Whether the budget resets every month.
        pub budget_is_monthly: Option<bool>,
        /// How the budget is counted.
        pub budget_by: Option<BudgetBy>,
        /// Whether the project is active.
        pub is_active: Option<bool>,
        /// The budget.
        pub budget: Option<Decimal>,
        /// How much of the budget is spent.
        pub budget_spent: Option<Decimal>,
        /// How much of the budget remains.
        pub budget_remaining: Option<Decimal>,
    }
}

impl Listed for ProjectBudgetReportResult {
    const LIST_KEY: &'static str = "results";
}
