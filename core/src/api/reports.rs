//! Reports: <https://help.getharvest.com/api-v2/reports-api/reports/time-reports/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/expense-reports/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/uninvoiced-report/>,
//! <https://help.getharvest.com/api-v2/reports-api/reports/project-budget-report/>
//!
//! Harvest limits the `from`..`to` window to one year and reports to 100 requests per 15 minutes.

use crate::model::Date;
use serde::{Deserialize, Serialize};

/// The parameters of the time reports (by clients, projects, tasks, team).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeReportParams {
    /// First day of the report.
    pub from: Date,
    /// Last day of the report.
    pub to: Date,
    /// Whether to compute billable amounts for fixed-fee projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_fixed_fee: Option<bool>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The parameters of the expense reports (by clients, projects, categories, team).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseReportParams {
    /// First day of the report.
    pub from: Date,
    /// Last day of the report.
    pub to: Date,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The parameters of the uninvoiced report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UninvoicedReportParams {
    /// First day of the report.
    pub from: Date,
    /// Last day of the report.
    pub to: Date,
    /// Whether to include fixed-fee projects (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_fixed_fee: Option<bool>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The parameters of the project budget report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectBudgetReportParams {
    /// Only active (true) or archived (false) projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

impl TimeReportParams {
    /// A time report from `from` to `to`, both inclusive.
    pub fn new(from: Date, to: Date) -> Self {
        Self { from, to, ..Self::default() }
    }
}

impl ExpenseReportParams {
    /// An expense report from `from` to `to`, both inclusive.
    pub fn new(from: Date, to: Date) -> Self {
        Self { from, to, ..Self::default() }
    }
}

impl UninvoicedReportParams {
    /// An uninvoiced report from `from` to `to`, both inclusive.
    pub fn new(from: Date, to: Date) -> Self {
        Self { from, to, ..Self::default() }
    }
}
