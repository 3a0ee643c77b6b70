//! Time entries: <https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/>
//!
//! An account tracks time either by duration or by start and end times
//! (`company.wants_timestamp_timers`); the two ways to create an entry are the two variants of
//! [`CreateTimeEntryParams`].

use crate::model::{ApprovalStatus, Date, Decimal, Id, Timestamp};
use serde::{Deserialize, Serialize};

/// The filters of `listTimeEntries`. Admins see every user's entries: pass `user_id` for "mine".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListTimeEntriesParams {
    /// Only entries of this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    /// Only entries of this client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<Id>,
    /// Only entries of this project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Id>,
    /// Only entries of this task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<Id>,
    /// Only entries linked to this external item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference_id: Option<String>,
    /// Only invoiced (true) or uninvoiced (false) items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_billed: Option<bool>,
    /// Only running (true) or stopped (false) entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_running: Option<bool>,
    /// Only items with this approval status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_status: Option<ApprovalStatus>,
    /// Only objects updated since this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_since: Option<Timestamp>,
    /// Only entries spent on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Only entries spent on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// The page to fetch (1-based); prefer following `links.next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1 to 2000 (the SDK sends 2000 when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// A time entry tracked by duration (accounts with `wants_timestamp_timers: false`). Without `hours` Harvest starts a running timer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTimeEntryViaDuration {
    /// The user (default: the token's user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    /// The project.
    pub project_id: Id,
    /// The task (assigned to the project).
    pub task_id: Id,
    /// The day it counts for.
    pub spent_date: Date,
    /// Hours tracked; `None` starts a running timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The linked item in another service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<ExternalReferenceParams>,
}

/// A time entry tracked by start and end times (accounts with `wants_timestamp_timers: true`). Without `ended_time` the timer keeps running.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTimeEntryViaStartAndEndTime {
    /// The user (default: the token's user).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    /// The project.
    pub project_id: Id,
    /// The task (assigned to the project).
    pub task_id: Id,
    /// The day it counts for.
    pub spent_date: Date,
    /// Start time as the account clock shows it (`"8:00am"`; default: now).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_time: Option<String>,
    /// End time (`"5:00pm"`); `None` leaves the timer running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_time: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The linked item in another service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<ExternalReferenceParams>,
}

/// The body of `updateTimeEntry`: only the fields to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTimeEntryParams {
    /// The project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Id>,
    /// The task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<Id>,
    /// The day it counts for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_date: Option<Date>,
    /// Start time as the account clock shows it (`"8:00am"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_time: Option<String>,
    /// End time as the account clock shows it (`"5:00pm"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_time: Option<String>,
    /// Hours tracked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Decimal>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The linked item in another service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<ExternalReferenceParams>,
}

/// A link to an item in another service, sent with a time entry (its ids are strings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalReferenceParams {
    /// The item's id in the other service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The id of the item's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The account id in the other service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// The item's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
}

/// The body of `createTimeEntry`: by duration or by start and end times, as the account tracks time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CreateTimeEntryParams {
    /// Tracked by duration (`hours`).
    Duration(CreateTimeEntryViaDuration),
    /// Tracked by start and end times.
    StartEndTime(CreateTimeEntryViaStartAndEndTime),
}

impl CreateTimeEntryParams {
    /// A stopped entry of `hours` on a project's task, on a day (duration accounts).
    pub fn duration(project_id: Id, task_id: Id, spent_date: Date, hours: Decimal) -> Self {
        Self::Duration(CreateTimeEntryViaDuration { project_id, task_id, spent_date, hours: Some(hours), ..Default::default() })
    }

    /// A running timer on a project's task, on a day (duration accounts).
    pub fn timer(project_id: Id, task_id: Id, spent_date: Date) -> Self {
        Self::Duration(CreateTimeEntryViaDuration { project_id, task_id, spent_date, ..Default::default() })
    }

    /// An entry from `started_time` to `ended_time` (`None`: still running), start/end-time accounts.
    pub fn start_end(project_id: Id, task_id: Id, spent_date: Date, started_time: impl Into<String>, ended_time: Option<String>) -> Self {
        Self::StartEndTime(CreateTimeEntryViaStartAndEndTime {
            project_id,
            task_id,
            spent_date,
            started_time: Some(started_time.into()),
            ended_time,
            ..Default::default()
        })
    }

    /// The external reference, which lets a retry find an entry that was already created.
    pub fn external_reference(&self) -> Option<&ExternalReferenceParams> {
        match self {
            Self::Duration(p) => p.external_reference.as_ref(),
            Self::StartEndTime(p) => p.external_reference.as_ref(),
        }
    }
}

impl From<CreateTimeEntryViaDuration> for CreateTimeEntryParams {
    fn from(params: CreateTimeEntryViaDuration) -> Self {
        Self::Duration(params)
    }
}

impl From<CreateTimeEntryViaStartAndEndTime> for CreateTimeEntryParams {
    fn from(params: CreateTimeEntryViaStartAndEndTime) -> Self {
        Self::StartEndTime(params)
    }
}
