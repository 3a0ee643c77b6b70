//! Every Harvest API v2 operation, by its OpenAPI `operationId`.
//!
//! The table at the bottom of this file is the single list of operations: for each, the Rust
//! builder function, the [`OperationId`], the method and path, how parameters travel (a paginated
//! `list` query, a plain `query`, a JSON `body`, or `none`) and what the answer decodes to. From it
//! come the typed builders (`api::list_time_entries(&params)`), the erased [`build`] used by the
//! bindings, and [`crate::decode`]. Parameter structs live beside the resource they belong to.

use crate::error::{Error, Result};
use crate::model::*;
use crate::operation::{check_params, Host, Operation, MAX_PER_PAGE};
use crate::Decoded;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

mod clients;
mod company;
mod contacts;
mod estimates;
mod expenses;
mod invoices;
mod projects;
mod reports;
mod roles;
mod tasks;
mod time_entries;
mod users;

pub use clients::*;
pub use company::*;
pub use contacts::*;
pub use estimates::*;
pub use expenses::*;
pub use invoices::*;
pub use projects::*;
pub use reports::*;
pub use roles::*;
pub use tasks::*;
pub use time_entries::*;
pub use users::*;

fn from_params<P: DeserializeOwned>(params: Value) -> Result<P> {
    let params = if params.is_null() { Value::Object(Default::default()) } else { params };
    serde_json::from_value(params).map_err(|e| Error::invalid_input(format!("invalid parameters: {e}")))
}

fn to_checked_value<P: Serialize>(params: &P) -> Result<Value> {
    let value = serde_json::to_value(params).map_err(|e| Error::invalid_input(e.to_string()))?;
    check_params(&value)?;
    Ok(value)
}

fn query_op<T, P: Serialize>(id: OperationId, ids: &[Id], params: &P) -> Result<Operation<T>> {
    let pairs = crate::query::pairs_of(&to_checked_value(params)?)?;
    Operation::new(id, ids, pairs, None)
}

fn list_op<T, P: Serialize>(id: OperationId, ids: &[Id], params: &P) -> Result<Operation<T>> {
    let mut pairs = crate::query::pairs_of(&to_checked_value(params)?)?;
    if !pairs.iter().any(|(k, _)| k == "per_page") {
        pairs.push(("per_page".into(), MAX_PER_PAGE.to_string()));
    }
    Operation::new(id, ids, pairs, None)
}

fn body_op<T, P: Serialize>(id: OperationId, ids: &[Id], params: &P) -> Result<Operation<T>> {
    let body = to_checked_value(params)?;
    Operation::new(id, ids, Vec::new(), Some(body))
}

fn bare_op<T>(id: OperationId, ids: &[Id]) -> Result<Operation<T>> {
    Operation::new(id, ids, Vec::new(), None)
}

fn no_params(params: &Value) -> Result<()> {
    match params {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        _ => Err(Error::invalid_input("this operation takes no parameters")),
    }
}

macro_rules! op_fn {
    (list $fname:ident $var:ident $opid:literal $method:ident $path:literal [$($pid:ident),*] $P:ident $out:ty) => {
        #[doc = concat!("Builds `", $opid, "` (`", stringify!($method), " ", $path, "`); follow `links.next` for more pages.")]
        pub fn $fname($($pid: Id,)* params: &$P) -> Result<Operation<$out>> {
            list_op(OperationId::$var, &[$($pid),*], params)
        }
    };
    (query $fname:ident $var:ident $opid:literal $method:ident $path:literal [$($pid:ident),*] $P:ident $out:ty) => {
        #[doc = concat!("Builds `", $opid, "` (`", stringify!($method), " ", $path, "`).")]
        pub fn $fname($($pid: Id,)* params: &$P) -> Result<Operation<$out>> {
            query_op(OperationId::$var, &[$($pid),*], params)
        }
    };
    (body $fname:ident $var:ident $opid:literal $method:ident $path:literal [$($pid:ident),*] $P:ident $out:ty) => {
        #[doc = concat!("Builds `", $opid, "` (`", stringify!($method), " ", $path, "`) with a JSON body.")]
        pub fn $fname($($pid: Id,)* params: &$P) -> Result<Operation<$out>> {
            body_op(OperationId::$var, &[$($pid),*], params)
        }
    };
    (none $fname:ident $var:ident $opid:literal $method:ident $path:literal [$($pid:ident),*] $out:ty) => {
        #[doc = concat!("Builds `", $opid, "` (`", stringify!($method), " ", $path, "`).")]
        pub fn $fname($($pid: Id),*) -> Result<Operation<$out>> {
            bare_op(OperationId::$var, &[$($pid),*])
        }
    };
}

macro_rules! op_build {
    (list $var:ident $P:ident, $ids:ident, $params:ident) => { list_op(OperationId::$var, $ids, &from_params::<$P>($params)?) };
    (query $var:ident $P:ident, $ids:ident, $params:ident) => { query_op(OperationId::$var, $ids, &from_params::<$P>($params)?) };
    (body $var:ident $P:ident, $ids:ident, $params:ident) => { body_op(OperationId::$var, $ids, &from_params::<$P>($params)?) };
    (none $var:ident, $ids:ident, $params:ident) => {{ no_params(&$params)?; bare_op(OperationId::$var, $ids) }};
}

macro_rules! op_is_list {
    (list) => { true };
    ($other:ident) => { false };
}

macro_rules! operations {
    ($(
        $fname:ident, $var:ident = $opid:literal, $method:ident $path:literal [$($pid:ident),*] $kind:ident $($P:ident)? => $dv:ident($out:ty);
    )*) => {
        /// The id of every operation, named as the OpenAPI `operationId`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum OperationId {
            $( #[doc = concat!("`", $opid, "`: `", stringify!($method), " ", $path, "`")] $var, )*
        }

        impl OperationId {
            /// Every operation.
            pub const ALL: &'static [OperationId] = &[$(OperationId::$var),*];

            /// The OpenAPI `operationId`.
            pub fn as_str(self) -> &'static str {
                match self { $( Self::$var => $opid, )* }
            }

            /// The operation with this OpenAPI `operationId`.
            pub fn parse(operation_id: &str) -> Result<OperationId> {
                match operation_id {
                    $( $opid => Ok(Self::$var), )*
                    other => Err(Error::invalid_input(format!("unknown operation id `{other}`"))),
                }
            }

            /// The HTTP method.
            pub fn method(self) -> crate::http::Method {
                match self { $( Self::$var => crate::http::Method::$method, )* }
            }

            /// The path, with `{}` where ids go.
            pub fn path_template(self) -> &'static str {
                match self { $( Self::$var => $path, )* }
            }

            /// The names of the ids the path takes, in order.
            pub fn path_params(self) -> &'static [&'static str] {
                match self { $( Self::$var => &[$(stringify!($pid)),*], )* }
            }

            /// Whether the answer is a page of a list (and can be paginated).
            pub fn is_list(self) -> bool {
                match self { $( Self::$var => op_is_list!($kind), )* }
            }

            /// The host the operation goes to.
            pub fn host(self) -> Host {
                if self.path_template().starts_with("/api/") { Host::Identity } else { Host::Api }
            }
        }

        impl std::fmt::Display for OperationId {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Builds any operation from its id, its path ids in order, and its parameters as JSON
        /// (query filters or body fields, checked against the operation's typed parameters).
        pub fn build(id: OperationId, path_ids: &[Id], params: Value) -> Result<Operation<Decoded>> {
            match id {
                $( OperationId::$var => op_build!($kind $var $($P)?, path_ids, params), )*
            }
        }

        /// Decodes a 2xx body of an operation into its [`Decoded`] value.
        pub(crate) fn decode_output(id: OperationId, response: &crate::http::Response) -> Result<Decoded> {
            match id {
                $( OperationId::$var => crate::operation::decode_body::<$out>(response).map(Decoded::$dv), )*
            }
        }

        $( op_fn!($kind $fname $var $opid $method $path [$($pid),*] $($P)? $out); )*
    };
}

operations! {
    // clients
    list_clients, ListClients = "listClients", Get "/v2/clients" [] list ListClientsParams => Clients(ListPage<Client>);
    create_client, CreateClient = "createClient", Post "/v2/clients" [] body CreateClientParams => Client(Client);
    delete_client, DeleteClient = "deleteClient", Delete "/v2/clients/{}" [client_id] none => Deleted(Deleted);
    retrieve_client, RetrieveClient = "retrieveClient", Get "/v2/clients/{}" [client_id] none => Client(Client);
    update_client, UpdateClient = "updateClient", Patch "/v2/clients/{}" [client_id] body UpdateClientParams => Client(Client);
    // company
    retrieve_company, RetrieveCompany = "retrieveCompany", Get "/v2/company" [] none => Company(Company);
    update_company, UpdateCompany = "updateCompany", Patch "/v2/company" [] body UpdateCompanyParams => Company(Company);
    // contacts
    list_contacts, ListContacts = "listContacts", Get "/v2/contacts" [] list ListContactsParams => Contacts(ListPage<Contact>);
    create_contact, CreateContact = "createContact", Post "/v2/contacts" [] body CreateContactParams => Contact(Contact);
    delete_contact, DeleteContact = "deleteContact", Delete "/v2/contacts/{}" [contact_id] none => Deleted(Deleted);
    retrieve_contact, RetrieveContact = "retrieveContact", Get "/v2/contacts/{}" [contact_id] none => Contact(Contact);
    update_contact, UpdateContact = "updateContact", Patch "/v2/contacts/{}" [contact_id] body UpdateContactParams => Contact(Contact);
    // estimate_item_categories
    list_estimate_item_categories, ListEstimateItemCategories = "listEstimateItemCategories", Get "/v2/estimate_item_categories" [] list ListEstimateItemCategoriesParams => EstimateItemCategories(ListPage<EstimateItemCategory>);
    create_estimate_item_category, CreateEstimateItemCategory = "createEstimateItemCategory", Post "/v2/estimate_item_categories" [] body CreateEstimateItemCategoryParams => EstimateItemCategory(EstimateItemCategory);
    delete_estimate_item_category, DeleteEstimateItemCategory = "deleteEstimateItemCategory", Delete "/v2/estimate_item_categories/{}" [estimate_item_category_id] none => Deleted(Deleted);
    retrieve_estimate_item_category, RetrieveEstimateItemCategory = "retrieveEstimateItemCategory", Get "/v2/estimate_item_categories/{}" [estimate_item_category_id] none => EstimateItemCategory(EstimateItemCategory);
    update_estimate_item_category, UpdateEstimateItemCategory = "updateEstimateItemCategory", Patch "/v2/estimate_item_categories/{}" [estimate_item_category_id] body UpdateEstimateItemCategoryParams => EstimateItemCategory(EstimateItemCategory);
    // estimates
    list_estimates, ListEstimates = "listEstimates", Get "/v2/estimates" [] list ListEstimatesParams => Estimates(ListPage<Estimate>);
    create_estimate, CreateEstimate = "createEstimate", Post "/v2/estimates" [] body CreateEstimateParams => Estimate(Estimate);
    delete_estimate, DeleteEstimate = "deleteEstimate", Delete "/v2/estimates/{}" [estimate_id] none => Deleted(Deleted);
    retrieve_estimate, RetrieveEstimate = "retrieveEstimate", Get "/v2/estimates/{}" [estimate_id] none => Estimate(Estimate);
    update_estimate, UpdateEstimate = "updateEstimate", Patch "/v2/estimates/{}" [estimate_id] body UpdateEstimateParams => Estimate(Estimate);
    list_messages_for_estimate, ListMessagesForEstimate = "listMessagesForEstimate", Get "/v2/estimates/{}/messages" [estimate_id] list ListMessagesForEstimateParams => EstimateMessages(ListPage<EstimateMessage>);
    create_estimate_message, CreateEstimateMessage = "createEstimateMessage", Post "/v2/estimates/{}/messages" [estimate_id] body CreateEstimateMessageParams => EstimateMessage(EstimateMessage);
    delete_estimate_message, DeleteEstimateMessage = "deleteEstimateMessage", Delete "/v2/estimates/{}/messages/{}" [estimate_id, message_id] none => Deleted(Deleted);
    // expense_categories
    list_expense_categories, ListExpenseCategories = "listExpenseCategories", Get "/v2/expense_categories" [] list ListExpenseCategoriesParams => ExpenseCategories(ListPage<ExpenseCategory>);
    create_expense_category, CreateExpenseCategory = "createExpenseCategory", Post "/v2/expense_categories" [] body CreateExpenseCategoryParams => ExpenseCategory(ExpenseCategory);
    delete_expense_category, DeleteExpenseCategory = "deleteExpenseCategory", Delete "/v2/expense_categories/{}" [expense_category_id] none => Deleted(Deleted);
    retrieve_expense_category, RetrieveExpenseCategory = "retrieveExpenseCategory", Get "/v2/expense_categories/{}" [expense_category_id] none => ExpenseCategory(ExpenseCategory);
    update_expense_category, UpdateExpenseCategory = "updateExpenseCategory", Patch "/v2/expense_categories/{}" [expense_category_id] body UpdateExpenseCategoryParams => ExpenseCategory(ExpenseCategory);
    // expenses
    list_expenses, ListExpenses = "listExpenses", Get "/v2/expenses" [] list ListExpensesParams => Expenses(ListPage<Expense>);
    create_expense, CreateExpense = "createExpense", Post "/v2/expenses" [] body CreateExpenseParams => Expense(Expense);
    delete_expense, DeleteExpense = "deleteExpense", Delete "/v2/expenses/{}" [expense_id] none => Deleted(Deleted);
    retrieve_expense, RetrieveExpense = "retrieveExpense", Get "/v2/expenses/{}" [expense_id] none => Expense(Expense);
    update_expense, UpdateExpense = "updateExpense", Patch "/v2/expenses/{}" [expense_id] body UpdateExpenseParams => Expense(Expense);
    // invoice_item_categories
    list_invoice_item_categories, ListInvoiceItemCategories = "listInvoiceItemCategories", Get "/v2/invoice_item_categories" [] list ListInvoiceItemCategoriesParams => InvoiceItemCategories(ListPage<InvoiceItemCategory>);
    create_invoice_item_category, CreateInvoiceItemCategory = "createInvoiceItemCategory", Post "/v2/invoice_item_categories" [] body CreateInvoiceItemCategoryParams => InvoiceItemCategory(InvoiceItemCategory);
    delete_invoice_item_category, DeleteInvoiceItemCategory = "deleteInvoiceItemCategory", Delete "/v2/invoice_item_categories/{}" [invoice_item_category_id] none => Deleted(Deleted);
    retrieve_invoice_item_category, RetrieveInvoiceItemCategory = "retrieveInvoiceItemCategory", Get "/v2/invoice_item_categories/{}" [invoice_item_category_id] none => InvoiceItemCategory(InvoiceItemCategory);
    update_invoice_item_category, UpdateInvoiceItemCategory = "updateInvoiceItemCategory", Patch "/v2/invoice_item_categories/{}" [invoice_item_category_id] body UpdateInvoiceItemCategoryParams => InvoiceItemCategory(InvoiceItemCategory);
    // invoices
    list_invoices, ListInvoices = "listInvoices", Get "/v2/invoices" [] list ListInvoicesParams => Invoices(ListPage<Invoice>);
    create_invoice, CreateInvoice = "createInvoice", Post "/v2/invoices" [] body CreateInvoiceParams => Invoice(Invoice);
    delete_invoice, DeleteInvoice = "deleteInvoice", Delete "/v2/invoices/{}" [invoice_id] none => Deleted(Deleted);
    retrieve_invoice, RetrieveInvoice = "retrieveInvoice", Get "/v2/invoices/{}" [invoice_id] none => Invoice(Invoice);
    update_invoice, UpdateInvoice = "updateInvoice", Patch "/v2/invoices/{}" [invoice_id] body UpdateInvoiceParams => Invoice(Invoice);
    list_messages_for_invoice, ListMessagesForInvoice = "listMessagesForInvoice", Get "/v2/invoices/{}/messages" [invoice_id] list ListMessagesForInvoiceParams => InvoiceMessages(ListPage<InvoiceMessage>);
    create_invoice_message, CreateInvoiceMessage = "createInvoiceMessage", Post "/v2/invoices/{}/messages" [invoice_id] body CreateInvoiceMessageParams => InvoiceMessage(InvoiceMessage);
    retrieve_invoice_message_subject_and_body_for_specific_invoice, RetrieveInvoiceMessageSubjectAndBodyForSpecificInvoice = "retrieveInvoiceMessageSubjectAndBodyForSpecificInvoice", Get "/v2/invoices/{}/messages/new" [invoice_id] query RetrieveInvoiceMessageSubjectAndBodyForSpecificInvoiceParams => InvoiceMessageSubjectAndBody(InvoiceMessageSubjectAndBody);
    delete_invoice_message, DeleteInvoiceMessage = "deleteInvoiceMessage", Delete "/v2/invoices/{}/messages/{}" [invoice_id, message_id] none => Deleted(Deleted);
    list_payments_for_invoice, ListPaymentsForInvoice = "listPaymentsForInvoice", Get "/v2/invoices/{}/payments" [invoice_id] list ListPaymentsForInvoiceParams => InvoicePayments(ListPage<InvoicePayment>);
    create_invoice_payment, CreateInvoicePayment = "createInvoicePayment", Post "/v2/invoices/{}/payments" [invoice_id] body CreateInvoicePaymentParams => InvoicePayment(InvoicePayment);
    delete_invoice_payment, DeleteInvoicePayment = "deleteInvoicePayment", Delete "/v2/invoices/{}/payments/{}" [invoice_id, payment_id] none => Deleted(Deleted);
    // projects
    list_projects, ListProjects = "listProjects", Get "/v2/projects" [] list ListProjectsParams => Projects(ListPage<Project>);
    create_project, CreateProject = "createProject", Post "/v2/projects" [] body CreateProjectParams => Project(Project);
    delete_project, DeleteProject = "deleteProject", Delete "/v2/projects/{}" [project_id] none => Deleted(Deleted);
    retrieve_project, RetrieveProject = "retrieveProject", Get "/v2/projects/{}" [project_id] none => Project(Project);
    update_project, UpdateProject = "updateProject", Patch "/v2/projects/{}" [project_id] body UpdateProjectParams => Project(Project);
    list_task_assignments_for_specific_project, ListTaskAssignmentsForSpecificProject = "listTaskAssignmentsForSpecificProject", Get "/v2/projects/{}/task_assignments" [project_id] list ListTaskAssignmentsForSpecificProjectParams => TaskAssignments(ListPage<TaskAssignment>);
    create_task_assignment, CreateTaskAssignment = "createTaskAssignment", Post "/v2/projects/{}/task_assignments" [project_id] body CreateTaskAssignmentParams => TaskAssignment(TaskAssignment);
    delete_task_assignment, DeleteTaskAssignment = "deleteTaskAssignment", Delete "/v2/projects/{}/task_assignments/{}" [project_id, task_assignment_id] none => Deleted(Deleted);
    retrieve_task_assignment, RetrieveTaskAssignment = "retrieveTaskAssignment", Get "/v2/projects/{}/task_assignments/{}" [project_id, task_assignment_id] none => TaskAssignment(TaskAssignment);
    update_task_assignment, UpdateTaskAssignment = "updateTaskAssignment", Patch "/v2/projects/{}/task_assignments/{}" [project_id, task_assignment_id] body UpdateTaskAssignmentParams => TaskAssignment(TaskAssignment);
    list_user_assignments_for_specific_project, ListUserAssignmentsForSpecificProject = "listUserAssignmentsForSpecificProject", Get "/v2/projects/{}/user_assignments" [project_id] list ListUserAssignmentsForSpecificProjectParams => UserAssignments(ListPage<UserAssignment>);
    create_user_assignment, CreateUserAssignment = "createUserAssignment", Post "/v2/projects/{}/user_assignments" [project_id] body CreateUserAssignmentParams => UserAssignment(UserAssignment);
    delete_user_assignment, DeleteUserAssignment = "deleteUserAssignment", Delete "/v2/projects/{}/user_assignments/{}" [project_id, user_assignment_id] none => Deleted(Deleted);
    retrieve_user_assignment, RetrieveUserAssignment = "retrieveUserAssignment", Get "/v2/projects/{}/user_assignments/{}" [project_id, user_assignment_id] none => UserAssignment(UserAssignment);
    update_user_assignment, UpdateUserAssignment = "updateUserAssignment", Patch "/v2/projects/{}/user_assignments/{}" [project_id, user_assignment_id] body UpdateUserAssignmentParams => UserAssignment(UserAssignment);
    // reports
    expense_categories_report, ExpenseCategoriesReport = "expenseCategoriesReport", Get "/v2/reports/expenses/categories" [] list ExpenseReportParams => ExpenseReportsResults(ListPage<ExpenseReportsResult>);
    clients_expenses_report, ClientsExpensesReport = "clientsExpensesReport", Get "/v2/reports/expenses/clients" [] list ExpenseReportParams => ExpenseReportsResults(ListPage<ExpenseReportsResult>);
    projects_expenses_report, ProjectsExpensesReport = "projectsExpensesReport", Get "/v2/reports/expenses/projects" [] list ExpenseReportParams => ExpenseReportsResults(ListPage<ExpenseReportsResult>);
    team_expenses_report, TeamExpensesReport = "teamExpensesReport", Get "/v2/reports/expenses/team" [] list ExpenseReportParams => ExpenseReportsResults(ListPage<ExpenseReportsResult>);
    project_budget_report, ProjectBudgetReport = "projectBudgetReport", Get "/v2/reports/project_budget" [] list ProjectBudgetReportParams => ProjectBudgetReportResults(ListPage<ProjectBudgetReportResult>);
    clients_time_report, ClientsTimeReport = "clientsTimeReport", Get "/v2/reports/time/clients" [] list TimeReportParams => TimeReportsResults(ListPage<TimeReportsResult>);
    projects_time_report, ProjectsTimeReport = "projectsTimeReport", Get "/v2/reports/time/projects" [] list TimeReportParams => TimeReportsResults(ListPage<TimeReportsResult>);
    tasks_report, TasksReport = "tasksReport", Get "/v2/reports/time/tasks" [] list TimeReportParams => TimeReportsResults(ListPage<TimeReportsResult>);
    team_time_report, TeamTimeReport = "teamTimeReport", Get "/v2/reports/time/team" [] list TimeReportParams => TimeReportsResults(ListPage<TimeReportsResult>);
    uninvoiced_report, UninvoicedReport = "uninvoicedReport", Get "/v2/reports/uninvoiced" [] list UninvoicedReportParams => UninvoicedReportResults(ListPage<UninvoicedReportResult>);
    // roles
    list_roles, ListRoles = "listRoles", Get "/v2/roles" [] list ListRolesParams => Roles(ListPage<Role>);
    create_role, CreateRole = "createRole", Post "/v2/roles" [] body CreateRoleParams => Role(Role);
    delete_role, DeleteRole = "deleteRole", Delete "/v2/roles/{}" [role_id] none => Deleted(Deleted);
    retrieve_role, RetrieveRole = "retrieveRole", Get "/v2/roles/{}" [role_id] none => Role(Role);
    update_role, UpdateRole = "updateRole", Patch "/v2/roles/{}" [role_id] body UpdateRoleParams => Role(Role);
    // task_assignments
    list_task_assignments, ListTaskAssignments = "listTaskAssignments", Get "/v2/task_assignments" [] list ListTaskAssignmentsParams => TaskAssignments(ListPage<TaskAssignment>);
    // tasks
    list_tasks, ListTasks = "listTasks", Get "/v2/tasks" [] list ListTasksParams => Tasks(ListPage<Task>);
    create_task, CreateTask = "createTask", Post "/v2/tasks" [] body CreateTaskParams => Task(Task);
    delete_task, DeleteTask = "deleteTask", Delete "/v2/tasks/{}" [task_id] none => Deleted(Deleted);
    retrieve_task, RetrieveTask = "retrieveTask", Get "/v2/tasks/{}" [task_id] none => Task(Task);
    update_task, UpdateTask = "updateTask", Patch "/v2/tasks/{}" [task_id] body UpdateTaskParams => Task(Task);
    // time_entries
    list_time_entries, ListTimeEntries = "listTimeEntries", Get "/v2/time_entries" [] list ListTimeEntriesParams => TimeEntries(ListPage<TimeEntry>);
    create_time_entry, CreateTimeEntry = "createTimeEntry", Post "/v2/time_entries" [] body CreateTimeEntryParams => TimeEntry(TimeEntry);
    delete_time_entry, DeleteTimeEntry = "deleteTimeEntry", Delete "/v2/time_entries/{}" [time_entry_id] none => Deleted(Deleted);
    retrieve_time_entry, RetrieveTimeEntry = "retrieveTimeEntry", Get "/v2/time_entries/{}" [time_entry_id] none => TimeEntry(TimeEntry);
    update_time_entry, UpdateTimeEntry = "updateTimeEntry", Patch "/v2/time_entries/{}" [time_entry_id] body UpdateTimeEntryParams => TimeEntry(TimeEntry);
    delete_time_entry_external_reference, DeleteTimeEntryExternalReference = "deleteTimeEntryExternalReference", Delete "/v2/time_entries/{}/external_reference" [time_entry_id] none => Deleted(Deleted);
    restart_stopped_time_entry, RestartStoppedTimeEntry = "restartStoppedTimeEntry", Patch "/v2/time_entries/{}/restart" [time_entry_id] none => TimeEntry(TimeEntry);
    stop_running_time_entry, StopRunningTimeEntry = "stopRunningTimeEntry", Patch "/v2/time_entries/{}/stop" [time_entry_id] none => TimeEntry(TimeEntry);
    // user_assignments
    list_user_assignments, ListUserAssignments = "listUserAssignments", Get "/v2/user_assignments" [] list ListUserAssignmentsParams => UserAssignments(ListPage<UserAssignment>);
    // users
    list_users, ListUsers = "listUsers", Get "/v2/users" [] list ListUsersParams => Users(ListPage<User>);
    create_user, CreateUser = "createUser", Post "/v2/users" [] body CreateUserParams => User(User);
    retrieve_the_currently_authenticated_user, RetrieveTheCurrentlyAuthenticatedUser = "retrieveTheCurrentlyAuthenticatedUser", Get "/v2/users/me" [] none => User(User);
    list_active_project_assignments_for_the_currently_authenticated_user, ListActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser = "listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser", Get "/v2/users/me/project_assignments" [] list ListActiveProjectAssignmentsForTheCurrentlyAuthenticatedUserParams => ProjectAssignments(ListPage<ProjectAssignment>);
    delete_user, DeleteUser = "deleteUser", Delete "/v2/users/{}" [user_id] none => Deleted(Deleted);
    retrieve_user, RetrieveUser = "retrieveUser", Get "/v2/users/{}" [user_id] none => User(User);
    update_user, UpdateUser = "updateUser", Patch "/v2/users/{}" [user_id] body UpdateUserParams => User(User);
    list_billable_rates_for_specific_user, ListBillableRatesForSpecificUser = "listBillableRatesForSpecificUser", Get "/v2/users/{}/billable_rates" [user_id] list ListBillableRatesForSpecificUserParams => BillableRates(ListPage<BillableRate>);
    create_billable_rate, CreateBillableRate = "createBillableRate", Post "/v2/users/{}/billable_rates" [user_id] body CreateBillableRateParams => BillableRate(BillableRate);
    retrieve_billable_rate, RetrieveBillableRate = "retrieveBillableRate", Get "/v2/users/{}/billable_rates/{}" [user_id, billable_rate_id] none => BillableRate(BillableRate);
    list_cost_rates_for_specific_user, ListCostRatesForSpecificUser = "listCostRatesForSpecificUser", Get "/v2/users/{}/cost_rates" [user_id] list ListCostRatesForSpecificUserParams => CostRates(ListPage<CostRate>);
    create_cost_rate, CreateCostRate = "createCostRate", Post "/v2/users/{}/cost_rates" [user_id] body CreateCostRateParams => CostRate(CostRate);
    retrieve_cost_rate, RetrieveCostRate = "retrieveCostRate", Get "/v2/users/{}/cost_rates/{}" [user_id, cost_rate_id] none => CostRate(CostRate);
    list_active_project_assignments, ListActiveProjectAssignments = "listActiveProjectAssignments", Get "/v2/users/{}/project_assignments" [user_id] list ListActiveProjectAssignmentsParams => ProjectAssignments(ListPage<ProjectAssignment>);
    list_assigned_teammates_for_specific_user, ListAssignedTeammatesForSpecificUser = "listAssignedTeammatesForSpecificUser", Get "/v2/users/{}/teammates" [user_id] list ListAssignedTeammatesForSpecificUserParams => Teammates(ListPage<Teammate>);
    update_user_assigned_teammates, UpdateUserAssignedTeammates = "updateUserAssignedTeammates", Patch "/v2/users/{}/teammates" [user_id] body UpdateUserAssignedTeammatesParams => TeammatesPatchResponse(TeammatesPatchResponse);
    // accounts (id.getharvest.com)
    list_accounts, ListAccounts = "listAccounts", Get "/api/v2/accounts" [] none => Accounts(Accounts);
}
