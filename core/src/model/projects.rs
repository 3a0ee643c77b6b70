//! Projects and their user and task assignments:
//! <https://help.getharvest.com/api-v2/projects-api/projects/projects/>,
//! <https://help.getharvest.com/api-v2/projects-api/projects/user-assignments/>,
//! <https://help.getharvest.com/api-v2/projects-api/projects/task-assignments/>

use super::{ClientRef, Date, Decimal, Id, Listed, Reference, Timestamp};

string_enum! {
    /// How a project bills its time.
    pub enum BillBy {
        /// At the project's hourly rate.
        Project = "Project",
        /// At each task's rate.
        Tasks = "Tasks",
        /// At each person's rate.
        People = "People",
        /// Not billed.
        None = "none",
    }
}

string_enum! {
    /// How a project is budgeted.
    pub enum BudgetBy {
        /// Hours per project.
        Project = "project",
        /// Total project fees.
        ProjectCost = "project_cost",
        /// Hours per task.
        Task = "task",
        /// Fees per task.
        TaskFees = "task_fees",
        /// Hours per person.
        Person = "person",
        /// No budget.
        None = "none",
    }
}

model! {
    /// A project: work for a client, with its billing and budget settings.
    pub struct Project {
        /// Unique id.
        pub id: Id,
        /// The client the project is for.
        pub client: ClientRef,
        /// The project's name (unique).
        pub name: String,
        /// The project code.
        pub code: Option<String>,
        /// Whether the project is active (false once archived).
        pub is_active: bool,
        /// Whether the project is billable.
        pub is_billable: bool,
        /// Whether the project is fixed-fee.
        pub is_fixed_fee: bool,
        /// How time is billed.
        pub bill_by: Option<BillBy>,
        /// The hourly rate, when billing by project rate.
        pub hourly_rate: Option<Decimal>,
        /// How the budget is counted.
        pub budget_by: Option<BudgetBy>,
        /// Whether the budget resets every month.
        pub budget_is_monthly: bool,
        /// The budget in hours (or money, depending on `budget_by`).
        pub budget: Option<Decimal>,
        /// The money budget, when budgeting by total project fees.
        pub cost_budget: Option<Decimal>,
        /// Whether expenses count towards the money budget.
        pub cost_budget_include_expenses: bool,
        /// Whether project managers are notified when over budget.
        pub notify_when_over_budget: bool,
        /// The percentage of the budget at which to notify (`80.0` for 80%).
        pub over_budget_notification_percentage: Option<Decimal>,
        /// When the last over-budget notification was sent.
        pub over_budget_notification_date: Option<Date>,
        /// Whether the budget is shown to everyone on the project.
        pub show_budget_to_all: bool,
        /// The fixed fee, for fixed-fee projects.
        pub fee: Option<Decimal>,
        /// Notes.
        pub notes: Option<String>,
        /// The start date.
        pub starts_on: Option<Date>,
        /// The end date.
        pub ends_on: Option<Date>,
        /// When the project was created.
        pub created_at: Timestamp,
        /// When the project was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Project {
    const LIST_KEY: &'static str = "projects";
}

model! {
    /// A project as embedded in other objects: id, name and code.
    pub struct ProjectRef {
        /// The project's id.
        pub id: Id,
        /// The project's name.
        pub name: Option<String>,
        /// The project's code.
        pub code: Option<String>,
    }
}

model! {
    /// A user assigned to a project.
    pub struct UserAssignment {
        /// Unique id.
        pub id: Id,
        /// The project.
        pub project: Option<ProjectRef>,
        /// The user.
        pub user: Option<Reference>,
        /// Whether the assignment is active.
        pub is_active: bool,
        /// Whether the user manages the project.
        pub is_project_manager: bool,
        /// Whether the user's default rates apply when the project bills by person.
        pub use_default_rates: Option<bool>,
        /// The custom hourly rate, when billing by person without default rates.
        pub hourly_rate: Option<Decimal>,
        /// The budget, when budgeting by person.
        pub budget: Option<Decimal>,
        /// When the assignment was created.
        pub created_at: Timestamp,
        /// When the assignment was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for UserAssignment {
    const LIST_KEY: &'static str = "user_assignments";
}

model! {
    /// A task assigned to a project.
    pub struct TaskAssignment {
        /// Unique id.
        pub id: Id,
        /// The project (absent where the assignment is nested in its project).
        pub project: Option<ProjectRef>,
        /// The task.
        pub task: Option<Reference>,
        /// Whether the assignment is active.
        pub is_active: bool,
        /// Whether time tracked on the task is billable.
        pub billable: bool,
        /// The hourly rate, when billing by task.
        pub hourly_rate: Option<Decimal>,
        /// The budget, when budgeting by task.
        pub budget: Option<Decimal>,
        /// When the assignment was created.
        pub created_at: Timestamp,
        /// When the assignment was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for TaskAssignment {
    const LIST_KEY: &'static str = "task_assignments";
}
