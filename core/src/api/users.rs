//! Users, rates, project assignments and teammates:
//! <https://help.getharvest.com/api-v2/users-api/users/users/>

use crate::model::{AccessRole, Date, Decimal, Id, Timestamp};
use serde::{Deserialize, Serialize};

/// The filters of `listUsers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListUsersParams {
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

/// The body of `createUser` (Harvest emails the user an invitation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUserParams {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email address.
    pub email: String,
    /// Time zone, Rails-style (`Eastern Time (US & Canada)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether the user joins new projects automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_access_to_all_future_projects: Option<bool>,
    /// Whether the user is a contractor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_contractor: Option<bool>,
    /// Whether the user is active (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Weekly capacity in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_capacity: Option<u64>,
    /// The default hourly rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_hourly_rate: Option<Decimal>,
    /// The cost rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_rate: Option<Decimal>,
    /// Descriptive role names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Permission roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_roles: Option<Vec<AccessRole>>,
}

/// The body of `updateUser`: only the fields to change (rates change through billable and cost rates).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserParams {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Time zone, Rails-style (`Eastern Time (US & Canada)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether the user joins new projects automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_access_to_all_future_projects: Option<bool>,
    /// Whether the user is a contractor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_contractor: Option<bool>,
    /// Whether the user is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Weekly capacity in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_capacity: Option<u64>,
    /// Descriptive role names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Permission roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_roles: Option<Vec<AccessRole>>,
}

/// The filters of `listActiveProjectAssignments`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListActiveProjectAssignmentsParams {
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

/// The filters of `listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListActiveProjectAssignmentsForTheCurrentlyAuthenticatedUserParams {
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The filters of `listBillableRatesForSpecificUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListBillableRatesForSpecificUserParams {
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The body of `createBillableRate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBillableRateParams {
    /// The rate.
    pub amount: Decimal,
    /// The first day the rate applies (not in the future; default: replaces existing rates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
}

/// The filters of `listCostRatesForSpecificUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListCostRatesForSpecificUserParams {
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The body of `createCostRate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCostRateParams {
    /// The rate.
    pub amount: Decimal,
    /// The first day the rate applies (not in the future; default: replaces existing rates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Date>,
}

/// The filters of `listAssignedTeammatesForSpecificUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListAssignedTeammatesForSpecificUserParams {
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// The body of `updateUserAssignedTeammates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserAssignedTeammatesParams {
    /// The full new list of teammates (omitted ones are unassigned, `[]` clears all).
    pub teammate_ids: Vec<Id>,
}

impl CreateUserParams {
    /// A user with these names and email, and Harvest's defaults for the rest.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>, email: impl Into<String>) -> Self {
        Self { first_name: first_name.into(), last_name: last_name.into(), email: email.into(), ..Self::default() }
    }
}
