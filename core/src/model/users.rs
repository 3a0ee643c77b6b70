//! Users, their rates, project assignments and teammates:
//! <https://help.getharvest.com/api-v2/users-api/users/users/>,
//! <https://help.getharvest.com/api-v2/users-api/users/billable-rates/>,
//! <https://help.getharvest.com/api-v2/users-api/users/cost-rates/>,
//! <https://help.getharvest.com/api-v2/users-api/users/project-assignments/>,
//! <https://help.getharvest.com/api-v2/users-api/users/teammates/>

use super::{Date, Decimal, Id, Listed, ProjectRef, Reference, TaskAssignment, Timestamp};

string_enum! {
    /// A permission role of a user: one of administrator, manager, member, plus manager extras.
    pub enum AccessRole {
        /// Can do everything.
        Administrator = "administrator",
        /// Manages projects and people, within the extra roles granted.
        Manager = "manager",
        /// Tracks own time and expenses.
        Member = "member",
        /// Manager extra: may create projects.
        ProjectCreator = "project_creator",
        /// Manager extra: may see and edit billable rates.
        BillableRatesManager = "billable_rates_manager",
        /// Manager extra: may draft invoices for managed projects.
        ManagedProjectsInvoiceDrafter = "managed_projects_invoice_drafter",
        /// Manager extra: may manage invoices for managed projects.
        ManagedProjectsInvoiceManager = "managed_projects_invoice_manager",
        /// Manager extra: may manage clients and tasks.
        ClientAndTaskManager = "client_and_task_manager",
        /// Manager extra: may manage time and expenses of teammates.
        TimeAndExpensesManager = "time_and_expenses_manager",
        /// Manager extra: may manage estimates.
        EstimatesManager = "estimates_manager",
        /// Implied by having teammates.
        PeopleManager = "people_manager",
    }
}

model! {
    /// A user of the account.
    pub struct User {
        /// Unique id.
        pub id: Id,
        /// First name.
        pub first_name: String,
        /// Last name.
        pub last_name: String,
        /// Email address.
        pub email: String,
        /// Telephone number (often `""`).
        pub telephone: Option<String>,
        /// Time zone, Rails-style (`Eastern Time (US & Canada)`).
        pub timezone: Option<String>,
        /// Whether the user is added to new projects automatically.
        pub has_access_to_all_future_projects: bool,
        /// Whether the user is a contractor.
        pub is_contractor: bool,
        /// Whether the user is active (false once archived).
        pub is_active: bool,
        /// The weekly capacity, in seconds.
        pub weekly_capacity: Option<u64>,
        /// The default billable rate.
        pub default_hourly_rate: Option<Decimal>,
        /// The cost rate.
        pub cost_rate: Option<Decimal>,
        /// Descriptive role names (no effect on permissions).
        pub roles: Vec<String>,
        /// Permission roles.
        pub access_roles: Vec<AccessRole>,
        /// The avatar's URL.
        pub avatar_url: Option<String>,
        /// When the user was created.
        pub created_at: Timestamp,
        /// When the user was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for User {
    const LIST_KEY: &'static str = "users";
}

model! {
    /// A billable rate of a user, effective from `start_date`.
    pub struct BillableRate {
        /// Unique id.
        pub id: Id,
        /// The rate.
        pub amount: Decimal,
        /// The first day the rate applies.
        pub start_date: Option<Date>,
        /// The last day the rate applies (computed by Harvest; `None` for the current rate).
        pub end_date: Option<Date>,
        /// When the rate was created.
        pub created_at: Timestamp,
        /// When the rate was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for BillableRate {
    const LIST_KEY: &'static str = "billable_rates";
}

model! {
    /// A cost rate of a user, effective from `start_date`.
    pub struct CostRate {
        /// Unique id.
        pub id: Id,
        /// The rate.
        pub amount: Decimal,
        /// The first day the rate applies.
        pub start_date: Option<Date>,
        /// The last day the rate applies (computed by Harvest; `None` for the current rate).
        pub end_date: Option<Date>,
        /// When the rate was created.
        pub created_at: Timestamp,
        /// When the rate was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for CostRate {
    const LIST_KEY: &'static str = "cost_rates";
}

model! {
    /// An active project assignment of a user, with the tasks they may track time on.
    pub struct ProjectAssignment {
        /// Unique id (the user assignment's id).
        pub id: Id,
        /// Whether the assignment is active.
        pub is_active: bool,
        /// Whether the user manages the project.
        pub is_project_manager: bool,
        /// Whether the user's default rates apply.
        pub use_default_rates: Option<bool>,
        /// The custom hourly rate.
        pub hourly_rate: Option<Decimal>,
        /// The budget, when budgeting by person.
        pub budget: Option<Decimal>,
        /// The project.
        pub project: ProjectRef,
        /// The project's client.
        pub client: Reference,
        /// The project's task assignments: the valid tasks for time entries.
        pub task_assignments: Vec<TaskAssignment>,
        /// When the assignment was created.
        pub created_at: Timestamp,
        /// When the assignment was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for ProjectAssignment {
    const LIST_KEY: &'static str = "project_assignments";
}

model! {
    /// A teammate of a manager.
    pub struct Teammate {
        /// The teammate's user id.
        pub id: Id,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// Email address.
        pub email: Option<String>,
    }
}

impl Listed for Teammate {
    const LIST_KEY: &'static str = "teammates";
}

model! {
    /// The answer to updating a user's teammates: the full new list, without pagination.
    pub struct TeammatesPatchResponse {
        /// The user's teammates.
        pub teammates: Vec<Teammate>,
    }
}
