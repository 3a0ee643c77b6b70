//! Expenses and expense categories:
//! <https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/>,
//! <https://help.getharvest.com/api-v2/expenses-api/expenses/expense-categories/>

use super::{ApprovalStatus, ClientRef, Date, Decimal, Id, InvoiceRef, Listed, ProjectRef, Reference, Timestamp, UserAssignmentRef};

model! {
    /// An expense tracked on a project.
    pub struct Expense {
        /// Unique id.
        pub id: Id,
        /// The project's client.
        pub client: ClientRef,
        /// The project.
        pub project: ProjectRef,
        /// The category.
        pub expense_category: ExpenseCategoryRef,
        /// The user who incurred it.
        pub user: Reference,
        /// The user's assignment to the project.
        pub user_assignment: Option<UserAssignmentRef>,
        /// The receipt, if one was uploaded.
        pub receipt: Option<Receipt>,
        /// The invoice the expense was billed on.
        pub invoice: Option<InvoiceRef>,
        /// Notes.
        pub notes: Option<String>,
        /// Units, for unit-priced categories.
        pub units: Option<Decimal>,
        /// The total cost.
        pub total_cost: Decimal,
        /// Whether the expense is billable.
        pub billable: bool,
        /// Whether the expense was approved (deprecated by Harvest in favour of `approval_status`).
        pub is_closed: bool,
        /// Where the expense is in approval.
        pub approval_status: Option<ApprovalStatus>,
        /// Whether the expense is locked (invoiced, approved or archived).
        pub is_locked: bool,
        /// Whether the expense was invoiced.
        pub is_billed: bool,
        /// Why the expense is locked.
        pub locked_reason: Option<String>,
        /// The day the expense counts for.
        pub spent_date: Date,
        /// When the expense was created.
        pub created_at: Timestamp,
        /// When the expense was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for Expense {
    const LIST_KEY: &'static str = "expenses";
}

model! {
    /// An expense category as embedded in expenses.
    pub struct ExpenseCategoryRef {
        /// The category's id.
        pub id: Id,
        /// The category's name.
        pub name: Option<String>,
        /// The unit price, for unit-priced categories.
        pub unit_price: Option<Decimal>,
        /// The unit's name, for unit-priced categories.
        pub unit_name: Option<String>,
    }
}

model! {
    /// The receipt attached to an expense.
    pub struct Receipt {
        /// Where to download it.
        pub url: Option<String>,
        /// The file name.
        pub file_name: Option<String>,
        /// The size in bytes.
        pub file_size: Option<u64>,
        /// The MIME type.
        pub content_type: Option<String>,
    }
}

model! {
    /// A category of expenses (Mileage, Lodging...).
    pub struct ExpenseCategory {
        /// Unique id.
        pub id: Id,
        /// The category's name.
        pub name: String,
        /// The unit's name, for unit-priced categories.
        pub unit_name: Option<String>,
        /// The unit price, for unit-priced categories.
        pub unit_price: Option<Decimal>,
        /// Whether the category is active.
        pub is_active: bool,
        /// When the category was created.
        pub created_at: Timestamp,
        /// When the category was last updated.
        pub updated_at: Timestamp,
    }
}

impl Listed for ExpenseCategory {
    const LIST_KEY: &'static str = "expense_categories";
}
