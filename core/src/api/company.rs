//! Company: <https://help.getharvest.com/api-v2/company-api/company/company/>

use serde::{Deserialize, Serialize};

/// The body of `updateCompany`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCompanyParams {
    /// Track time by start and end times (true) or by duration (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_timestamp_timers: Option<bool>,
    /// Weekly capacity in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_capacity: Option<u64>,
}
