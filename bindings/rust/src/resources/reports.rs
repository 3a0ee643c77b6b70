//! Reports: <https://help.getharvest.com/api-v2/reports-api/reports/time-reports/> and siblings.
//! Reports have their own Harvest rate limit (100 per 15 minutes), which the client keeps.

use super::namespace;
use harvest_core::api::{ExpenseReportParams, ProjectBudgetReportParams, TimeReportParams, UninvoicedReportParams};
use harvest_core::model::{ExpenseReportsResult, ProjectBudgetReportResult, TimeReportsResult, UninvoicedReportResult};

namespace! {
    /// Reports (`client.reports()`).
    Reports {
        /// Uninvoiced hours, expenses and amount per project between two dates.
        list uninvoiced / uninvoiced_pages () UninvoicedReportParams => UninvoicedReportResult = uninvoiced_report;
        /// Budget, spent and remaining per project.
        list project_budget / project_budget_pages () ProjectBudgetReportParams => ProjectBudgetReportResult = project_budget_report;
        /// Tracked time per client.
        list time_by_client / time_by_client_pages () TimeReportParams => TimeReportsResult = clients_time_report;
        /// Tracked time per project.
        list time_by_project / time_by_project_pages () TimeReportParams => TimeReportsResult = projects_time_report;
        /// Tracked time per task.
        list time_by_task / time_by_task_pages () TimeReportParams => TimeReportsResult = tasks_report;
        /// Tracked time per team member.
        list time_by_team / time_by_team_pages () TimeReportParams => TimeReportsResult = team_time_report;
        /// Expenses per category.
        list expenses_by_category / expenses_by_category_pages () ExpenseReportParams => ExpenseReportsResult = expense_categories_report;
        /// Expenses per client.
        list expenses_by_client / expenses_by_client_pages () ExpenseReportParams => ExpenseReportsResult = clients_expenses_report;
        /// Expenses per project.
        list expenses_by_project / expenses_by_project_pages () ExpenseReportParams => ExpenseReportsResult = projects_expenses_report;
        /// Expenses per team member.
        list expenses_by_team / expenses_by_team_pages () ExpenseReportParams => ExpenseReportsResult = team_expenses_report;
    }
}
