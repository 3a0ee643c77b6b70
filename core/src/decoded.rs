//! [`Decoded`]: the answer of any operation as one enum, for [`crate::decode`] and the bindings.

use crate::model::*;

/// The decoded answer of an operation; which variant depends on the operation.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // boxing every variant would cost an allocation per decode for no gain
pub enum Decoded {
    /// A page of `ListPage<Client>`.
    Clients(ListPage<Client>),
    /// A `Client`.
    Client(Client),
    /// A `Deleted`.
    Deleted(Deleted),
    /// A `Company`.
    Company(Company),
    /// A page of `ListPage<Contact>`.
    Contacts(ListPage<Contact>),
    /// A `Contact`.
    Contact(Contact),
    /// A page of `ListPage<EstimateItemCategory>`.
    EstimateItemCategories(ListPage<EstimateItemCategory>),
    /// A `EstimateItemCategory`.
    EstimateItemCategory(EstimateItemCategory),
    /// A page of `ListPage<Estimate>`.
    Estimates(ListPage<Estimate>),
    /// A `Estimate`.
    Estimate(Estimate),
    /// A page of `ListPage<EstimateMessage>`.
    EstimateMessages(ListPage<EstimateMessage>),
    /// A `EstimateMessage`.
    EstimateMessage(EstimateMessage),
    /// A page of `ListPage<ExpenseCategory>`.
    ExpenseCategories(ListPage<ExpenseCategory>),
    /// A `ExpenseCategory`.
    ExpenseCategory(ExpenseCategory),
    /// A page of `ListPage<Expense>`.
    Expenses(ListPage<Expense>),
    /// A `Expense`.
    Expense(Expense),
    /// A page of `ListPage<InvoiceItemCategory>`.
    InvoiceItemCategories(ListPage<InvoiceItemCategory>),
    /// A `InvoiceItemCategory`.
    InvoiceItemCategory(InvoiceItemCategory),
    /// A page of `ListPage<Invoice>`.
    Invoices(ListPage<Invoice>),
    /// A `Invoice`.
    Invoice(Invoice),
    /// A page of `ListPage<InvoiceMessage>`.
    InvoiceMessages(ListPage<InvoiceMessage>),
    /// A `InvoiceMessage`.
    InvoiceMessage(InvoiceMessage),
    /// A `InvoiceMessageSubjectAndBody`.
    InvoiceMessageSubjectAndBody(InvoiceMessageSubjectAndBody),
    /// A page of `ListPage<InvoicePayment>`.
    InvoicePayments(ListPage<InvoicePayment>),
    /// A `InvoicePayment`.
    InvoicePayment(InvoicePayment),
    /// A page of `ListPage<Project>`.
    Projects(ListPage<Project>),
    /// A `Project`.
    Project(Project),
    /// A page of `ListPage<TaskAssignment>`.
    TaskAssignments(ListPage<TaskAssignment>),
    /// A `TaskAssignment`.
    TaskAssignment(TaskAssignment),
    /// A page of `ListPage<UserAssignment>`.
    UserAssignments(ListPage<UserAssignment>),
    /// A `UserAssignment`.
    UserAssignment(UserAssignment),
    /// A page of `ListPage<ExpenseReportsResult>`.
    ExpenseReportsResults(ListPage<ExpenseReportsResult>),
    /// A page of `ListPage<ProjectBudgetReportResult>`.
    ProjectBudgetReportResults(ListPage<ProjectBudgetReportResult>),
    /// A page of `ListPage<TimeReportsResult>`.
    TimeReportsResults(ListPage<TimeReportsResult>),
    /// A page of `ListPage<UninvoicedReportResult>`.
    UninvoicedReportResults(ListPage<UninvoicedReportResult>),
    /// A page of `ListPage<Role>`.
    Roles(ListPage<Role>),
    /// A `Role`.
    Role(Role),
    /// A page of `ListPage<Task>`.
    Tasks(ListPage<Task>),
    /// A `Task`.
    Task(Task),
    /// A page of `ListPage<TimeEntry>`.
    TimeEntries(ListPage<TimeEntry>),
    /// A `TimeEntry`.
    TimeEntry(TimeEntry),
    /// A page of `ListPage<User>`.
    Users(ListPage<User>),
    /// A `User`.
    User(User),
    /// A page of `ListPage<ProjectAssignment>`.
    ProjectAssignments(ListPage<ProjectAssignment>),
    /// A page of `ListPage<BillableRate>`.
    BillableRates(ListPage<BillableRate>),
    /// A `BillableRate`.
    BillableRate(BillableRate),
    /// A page of `ListPage<CostRate>`.
    CostRates(ListPage<CostRate>),
    /// A `CostRate`.
    CostRate(CostRate),
    /// A page of `ListPage<Teammate>`.
    Teammates(ListPage<Teammate>),
    /// A `TeammatesPatchResponse`.
    TeammatesPatchResponse(TeammatesPatchResponse),
    /// A `Accounts`.
    Accounts(Accounts),
}

impl serde::Serialize for Decoded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        macro_rules! each {
            ($($v:ident),*) => { match self { $( Decoded::$v(inner) => inner.serialize(serializer), )* } };
        }
        each!(Clients, Client, Deleted, Company, Contacts, Contact, EstimateItemCategories, EstimateItemCategory, Estimates, Estimate, EstimateMessages, EstimateMessage, ExpenseCategories, ExpenseCategory, Expenses, Expense, InvoiceItemCategories, InvoiceItemCategory, Invoices, Invoice, InvoiceMessages, InvoiceMessage, InvoiceMessageSubjectAndBody, InvoicePayments, InvoicePayment, Projects, Project, TaskAssignments, TaskAssignment, UserAssignments, UserAssignment, ExpenseReportsResults, ProjectBudgetReportResults, TimeReportsResults, UninvoicedReportResults, Roles, Role, Tasks, Task, TimeEntries, TimeEntry, Users, User, ProjectAssignments, BillableRates, BillableRate, CostRates, CostRate, Teammates, TeammatesPatchResponse, Accounts)
    }
}

impl Decoded {
    /// The pagination links, when this is a page of a list.
    pub fn links(&self) -> Option<&Links> {
        match self {
            Decoded::Clients(page) => Some(&page.links),
            Decoded::Contacts(page) => Some(&page.links),
            Decoded::EstimateItemCategories(page) => Some(&page.links),
            Decoded::Estimates(page) => Some(&page.links),
            Decoded::EstimateMessages(page) => Some(&page.links),
            Decoded::ExpenseCategories(page) => Some(&page.links),
            Decoded::Expenses(page) => Some(&page.links),
            Decoded::InvoiceItemCategories(page) => Some(&page.links),
            Decoded::Invoices(page) => Some(&page.links),
            Decoded::InvoiceMessages(page) => Some(&page.links),
            Decoded::InvoicePayments(page) => Some(&page.links),
            Decoded::Projects(page) => Some(&page.links),
            Decoded::TaskAssignments(page) => Some(&page.links),
            Decoded::UserAssignments(page) => Some(&page.links),
            Decoded::ExpenseReportsResults(page) => Some(&page.links),
            Decoded::ProjectBudgetReportResults(page) => Some(&page.links),
            Decoded::TimeReportsResults(page) => Some(&page.links),
            Decoded::UninvoicedReportResults(page) => Some(&page.links),
            Decoded::Roles(page) => Some(&page.links),
            Decoded::Tasks(page) => Some(&page.links),
            Decoded::TimeEntries(page) => Some(&page.links),
            Decoded::Users(page) => Some(&page.links),
            Decoded::ProjectAssignments(page) => Some(&page.links),
            Decoded::BillableRates(page) => Some(&page.links),
            Decoded::CostRates(page) => Some(&page.links),
            Decoded::Teammates(page) => Some(&page.links),
            _ => None,
        }
    }

    /// The number of items, when this is a page of a list.
    pub fn item_count(&self) -> Option<usize> {
        match self {
            Decoded::Clients(page) => Some(page.items.len()),
            Decoded::Contacts(page) => Some(page.items.len()),
            Decoded::EstimateItemCategories(page) => Some(page.items.len()),
            Decoded::Estimates(page) => Some(page.items.len()),
            Decoded::EstimateMessages(page) => Some(page.items.len()),
            Decoded::ExpenseCategories(page) => Some(page.items.len()),
            Decoded::Expenses(page) => Some(page.items.len()),
            Decoded::InvoiceItemCategories(page) => Some(page.items.len()),
            Decoded::Invoices(page) => Some(page.items.len()),
            Decoded::InvoiceMessages(page) => Some(page.items.len()),
            Decoded::InvoicePayments(page) => Some(page.items.len()),
            Decoded::Projects(page) => Some(page.items.len()),
            Decoded::TaskAssignments(page) => Some(page.items.len()),
            Decoded::UserAssignments(page) => Some(page.items.len()),
            Decoded::ExpenseReportsResults(page) => Some(page.items.len()),
            Decoded::ProjectBudgetReportResults(page) => Some(page.items.len()),
            Decoded::TimeReportsResults(page) => Some(page.items.len()),
            Decoded::UninvoicedReportResults(page) => Some(page.items.len()),
            Decoded::Roles(page) => Some(page.items.len()),
            Decoded::Tasks(page) => Some(page.items.len()),
            Decoded::TimeEntries(page) => Some(page.items.len()),
            Decoded::Users(page) => Some(page.items.len()),
            Decoded::ProjectAssignments(page) => Some(page.items.len()),
            Decoded::BillableRates(page) => Some(page.items.len()),
            Decoded::CostRates(page) => Some(page.items.len()),
            Decoded::Teammates(page) => Some(page.items.len()),
            _ => None,
        }
    }
}

impl Decoded {
    /// The items, when this is a page of a list.
    pub fn items(&self) -> Option<Vec<&dyn Model>> {
        match self {
            Decoded::Clients(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Contacts(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::EstimateItemCategories(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Estimates(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::EstimateMessages(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::ExpenseCategories(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Expenses(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::InvoiceItemCategories(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Invoices(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::InvoiceMessages(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::InvoicePayments(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Projects(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::TaskAssignments(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::UserAssignments(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::ExpenseReportsResults(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::ProjectBudgetReportResults(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::TimeReportsResults(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::UninvoicedReportResults(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Roles(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Tasks(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::TimeEntries(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Users(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::ProjectAssignments(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::BillableRates(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::CostRates(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            Decoded::Teammates(page) => Some(page.items.iter().map(|i| i as &dyn Model).collect()),
            _ => None,
        }
    }

    /// The item at `index`, when this is a page of a list (without collecting the others).
    pub fn item(&self, index: usize) -> Option<&dyn Model> {
        match self {
            Decoded::Clients(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Contacts(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::EstimateItemCategories(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Estimates(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::EstimateMessages(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::ExpenseCategories(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Expenses(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::InvoiceItemCategories(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Invoices(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::InvoiceMessages(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::InvoicePayments(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Projects(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::TaskAssignments(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::UserAssignments(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::ExpenseReportsResults(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::ProjectBudgetReportResults(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::TimeReportsResults(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::UninvoicedReportResults(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Roles(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Tasks(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::TimeEntries(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Users(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::ProjectAssignments(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::BillableRates(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::CostRates(page) => page.items.get(index).map(|i| i as &dyn Model),
            Decoded::Teammates(page) => page.items.get(index).map(|i| i as &dyn Model),
            _ => None,
        }
    }

    /// The single object, when the answer is one (a client, a time entry...).
    pub fn as_model(&self) -> Option<&dyn Model> {
        match self {
            Decoded::Client(inner) => Some(inner),
            Decoded::Company(inner) => Some(inner),
            Decoded::Contact(inner) => Some(inner),
            Decoded::EstimateItemCategory(inner) => Some(inner),
            Decoded::Estimate(inner) => Some(inner),
            Decoded::EstimateMessage(inner) => Some(inner),
            Decoded::ExpenseCategory(inner) => Some(inner),
            Decoded::Expense(inner) => Some(inner),
            Decoded::InvoiceItemCategory(inner) => Some(inner),
            Decoded::Invoice(inner) => Some(inner),
            Decoded::InvoiceMessage(inner) => Some(inner),
            Decoded::InvoiceMessageSubjectAndBody(inner) => Some(inner),
            Decoded::InvoicePayment(inner) => Some(inner),
            Decoded::Project(inner) => Some(inner),
            Decoded::TaskAssignment(inner) => Some(inner),
            Decoded::UserAssignment(inner) => Some(inner),
            Decoded::Role(inner) => Some(inner),
            Decoded::Task(inner) => Some(inner),
            Decoded::TimeEntry(inner) => Some(inner),
            Decoded::User(inner) => Some(inner),
            Decoded::BillableRate(inner) => Some(inner),
            Decoded::CostRate(inner) => Some(inner),
            Decoded::TeammatesPatchResponse(inner) => Some(inner),
            Decoded::Accounts(inner) => Some(inner),
            _ => None,
        }
    }
}
