//! Time entries: <https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/>

use super::{ClientRef, Date, Decimal, Id, InvoiceRef, Listed, ProjectRef, Reference, Timestamp};

string_enum! {
    /// Where a time entry or expense is in Timesheet Approval.
    pub enum ApprovalStatus {
        /// Not yet submitted for approval.
        Unsubmitted = "unsubmitted",
        /// Submitted, awaiting approval.
        Submitted = "submitted",
        /// Approved (and so locked).
        Approved = "approved",
    }
}

model! {
    /// One tracked stretch of time on a project's task, by a user, on a day.
    pub struct TimeEntry {
        /// Unique id (64-bit: time entry ids already exceed 2^31).
        pub id: Id,
        /// The day the time counts for.
        pub spent_date: Date,
        /// The user who tracked the time.
        pub user: Reference,
        /// The user's assignment to the project.
        pub user_assignment: Option<UserAssignmentRef>,
        /// The project's client.
        pub client: ClientRef,
        /// The project.
        pub project: ProjectRef,
        /// The task.
        pub task: Reference,
        /// The task's assignment to the project.
        pub task_assignment: Option<TaskAssignmentRef>,
        /// The linked item in another service (Trello card, GitHub issue...).
        pub external_reference: Option<ExternalReference>,
        /// The invoice the entry was billed on.
        pub invoice: Option<InvoiceRef>,
        /// Hours tracked, including a running timer's time so far.
        pub hours: Decimal,
        /// Hours tracked before the timer was last started.
        pub hours_without_timer: Option<Decimal>,
        /// Hours after the account's rounding setting.
        pub rounded_hours: Option<Decimal>,
        /// Notes.
        pub notes: Option<String>,
        /// Whether the entry is locked (approved, invoiced or archived).
        pub is_locked: bool,
        /// Why the entry is locked.
        pub locked_reason: Option<String>,
        /// Whether the entry was approved (deprecated by Harvest in favour of `approval_status`).
        pub is_closed: bool,
        /// Where the entry is in Timesheet Approval.
        pub approval_status: Option<ApprovalStatus>,
        /// Whether the entry was invoiced.
        pub is_billed: bool,
        /// When the running timer started (`None` when stopped).
        pub timer_started_at: Option<Timestamp>,
        /// Start time in start/end-time accounts, as the account's clock shows it (`"8:00am"`).
        pub started_time: Option<String>,
        /// End time in start/end-time accounts.
        pub ended_time: Option<String>,
        /// Whether a timer is running on the entry.
        pub is_running: bool,
        /// Whether the entry is billable.
        pub billable: bool,
        /// Whether the entry counts towards the project budget.
        pub budgeted: bool,
        /// The billable rate.
        pub billable_rate: Option<Decimal>,
        /// The cost rate.
        pub cost_rate: Option<Decimal>,
        /// When the entry was created.
        pub created_at: Timestamp,
        /// When the entry was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for TimeEntry {
    const LIST_KEY: &'static str = "time_entries";
}

model! {
    /// A user assignment as embedded in time entries and expenses (no project or user).
    pub struct UserAssignmentRef {
        /// The assignment's id.
        pub id: Id,
        /// Whether the user manages the project.
        pub is_project_manager: Option<bool>,
        /// Whether the assignment is active.
        pub is_active: Option<bool>,
        /// Whether the user's default rates apply.
        pub use_default_rates: Option<bool>,
        /// The budget, when budgeting by person.
        pub budget: Option<Decimal>,
        /// The custom hourly rate.
        pub hourly_rate: Option<Decimal>,
        /// When the assignment was created.
        pub created_at: Option<Timestamp>,
        /// When the assignment was last updated.
        pub updated_at: Option<Timestamp>,
    }
}

model! {
    /// A task assignment as embedded in time entries (no project or task).
    pub struct TaskAssignmentRef {
        /// The assignment's id.
        pub id: Id,
        /// Whether time on the task is billable.
        pub billable: Option<bool>,
        /// Whether the assignment is active.
        pub is_active: Option<bool>,
        /// The hourly rate.
        pub hourly_rate: Option<Decimal>,
        /// The budget.
        pub budget: Option<Decimal>,
        /// When the assignment was created.
        pub created_at: Option<Timestamp>,
        /// When the assignment was last updated.
        pub updated_at: Option<Timestamp>,
    }
}

model! {
    /// A link from a time entry to an item in another service. Its ids are strings.
    pub struct ExternalReference {
        /// The item's id in the other service.
        pub id: Option<String>,
        /// The id of the item's group (board, repository...).
        pub group_id: Option<String>,
        /// The id of the account in the other service.
        pub account_id: Option<String>,
        /// The item's URL.
        pub permalink: Option<String>,
        /// The service's name (set by Harvest).
        pub service: Option<String>,
        /// The service's icon (set by Harvest).
        pub service_icon_url: Option<String>,
    }
}
