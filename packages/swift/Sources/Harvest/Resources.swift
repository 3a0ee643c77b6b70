import Foundation

// The resource namespaces, named as Harvest's docs name them. Each function is one operation of
// the core (by its OpenAPI operationId); the core checks the parameters against its typed
// parameters, so a misspelt key in `filters` or `fields` fails as `invalidInput` before anything
// is sent. Named arguments cover the common filters and fields; `filters`/`fields` take the rest
// by their Harvest (snake_case) names.

public typealias Fields = [String: Any?]

/// Clients: <https://help.getharvest.com/api-v2/clients-api/clients/clients/>
public struct Clients {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, updatedSince: Date? = nil, filters: Fields = [:]) -> HarvestList<Client> {
        h.list("listClients", params: params(("is_active", isActive), ("updated_since", updatedSince)).with(filters), convert: Client.init)
    }
    public func get(_ clientId: Int64) async throws -> Client { try await h.one("retrieveClient", [clientId], nil, Client.init) }
    public func create(name: String, currency: String? = nil, fields: Fields = [:]) async throws -> Client {
        try await h.one("createClient", [], params(("name", name), ("currency", currency)).with(fields), Client.init)
    }
    public func update(_ clientId: Int64, fields: Fields) async throws -> Client { try await h.one("updateClient", [clientId], fields, Client.init) }
    public func delete(_ clientId: Int64) async throws { try await h.unit("deleteClient", [clientId]) }
}

/// Contacts: <https://help.getharvest.com/api-v2/clients-api/clients/contacts/>
public struct Contacts {
    let h: HarvestClient
    public func list(clientId: Int64? = nil, updatedSince: Date? = nil, filters: Fields = [:]) -> HarvestList<Contact> {
        h.list("listContacts", params: params(("client_id", clientId), ("updated_since", updatedSince)).with(filters), convert: Contact.init)
    }
    public func get(_ contactId: Int64) async throws -> Contact { try await h.one("retrieveContact", [contactId], nil, Contact.init) }
    public func create(clientId: Int64, firstName: String, lastName: String? = nil, email: String? = nil, fields: Fields = [:]) async throws -> Contact {
        try await h.one("createContact", [], params(("client_id", clientId), ("first_name", firstName), ("last_name", lastName), ("email", email)).with(fields), Contact.init)
    }
    public func update(_ contactId: Int64, fields: Fields) async throws -> Contact { try await h.one("updateContact", [contactId], fields, Contact.init) }
    public func delete(_ contactId: Int64) async throws { try await h.unit("deleteContact", [contactId]) }
}

/// The company: <https://help.getharvest.com/api-v2/company-api/company/company/>
public struct CompanyAPI {
    let h: HarvestClient
    public func get() async throws -> Company { try await h.one("retrieveCompany", [], nil, Company.init) }
    public func update(fields: Fields) async throws -> Company { try await h.one("updateCompany", [], fields, Company.init) }
}

/// Estimates: <https://help.getharvest.com/api-v2/estimates-api/estimates/estimates/>
public struct Estimates {
    let h: HarvestClient
    public func list(clientId: Int64? = nil, state: EstimateState? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, filters: Fields = [:]) -> HarvestList<Estimate> {
        h.list("listEstimates", params: params(("client_id", clientId), ("state", state), ("from", from), ("to", to)).with(filters), convert: Estimate.init)
    }
    public func get(_ estimateId: Int64) async throws -> Estimate { try await h.one("retrieveEstimate", [estimateId], nil, Estimate.init) }
    /// Creates an estimate; `line_items` go in `fields` as an array of dictionaries (`kind`, `unit_price`, `quantity`...).
    public func create(clientId: Int64, fields: Fields = [:]) async throws -> Estimate {
        try await h.one("createEstimate", [], params(("client_id", clientId)).with(fields), Estimate.init)
    }
    public func update(_ estimateId: Int64, fields: Fields) async throws -> Estimate { try await h.one("updateEstimate", [estimateId], fields, Estimate.init) }
    public func delete(_ estimateId: Int64) async throws { try await h.unit("deleteEstimate", [estimateId]) }
    /// An estimate's messages (emails and state changes).
    public var messages: EstimateMessages { EstimateMessages(h: h) }
    /// Estimate item categories.
    public var itemCategories: EstimateItemCategories { EstimateItemCategories(h: h) }
}

/// An estimate's messages.
public struct EstimateMessages {
    let h: HarvestClient
    public func list(_ estimateId: Int64, filters: Fields = [:]) -> HarvestList<EstimateMessage> {
        h.list("listMessagesForEstimate", pathIds: [estimateId], params: filters, convert: EstimateMessage.init)
    }
    /// Emails the estimate, or with `event_type` (`send`, `accept`, `decline`, `re-open`) changes its state.
    public func create(_ estimateId: Int64, fields: Fields) async throws -> EstimateMessage {
        try await h.one("createEstimateMessage", [estimateId], fields, EstimateMessage.init)
    }
    public func delete(estimateId: Int64, messageId: Int64) async throws { try await h.unit("deleteEstimateMessage", [estimateId, messageId]) }
}

/// Estimate item categories.
public struct EstimateItemCategories {
    let h: HarvestClient
    public func list(filters: Fields = [:]) -> HarvestList<EstimateItemCategory> {
        h.list("listEstimateItemCategories", params: filters, convert: EstimateItemCategory.init)
    }
    public func get(_ categoryId: Int64) async throws -> EstimateItemCategory {
        try await h.one("retrieveEstimateItemCategory", [categoryId], nil, EstimateItemCategory.init)
    }
    public func create(name: String) async throws -> EstimateItemCategory {
        try await h.one("createEstimateItemCategory", [], params(("name", name)), EstimateItemCategory.init)
    }
    public func update(_ categoryId: Int64, name: String) async throws -> EstimateItemCategory {
        try await h.one("updateEstimateItemCategory", [categoryId], params(("name", name)), EstimateItemCategory.init)
    }
    public func delete(_ categoryId: Int64) async throws { try await h.unit("deleteEstimateItemCategory", [categoryId]) }
}

/// Expenses: <https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/>
public struct Expenses {
    let h: HarvestClient
    public func list(
        userId: Int64? = nil, clientId: Int64? = nil, projectId: Int64? = nil, isBilled: Bool? = nil,
        from: CalendarDate? = nil, to: CalendarDate? = nil, filters: Fields = [:]
    ) -> HarvestList<Expense> {
        let p = params(("user_id", userId), ("client_id", clientId), ("project_id", projectId), ("is_billed", isBilled), ("from", from), ("to", to))
        return h.list("listExpenses", params: p.with(filters), convert: Expense.init)
    }
    public func get(_ expenseId: Int64) async throws -> Expense { try await h.one("retrieveExpense", [expenseId], nil, Expense.init) }
    public func create(projectId: Int64, expenseCategoryId: Int64, spentDate: CalendarDate, totalCost: Decimal? = nil, notes: String? = nil, fields: Fields = [:]) async throws -> Expense {
        let p = params(("project_id", projectId), ("expense_category_id", expenseCategoryId), ("spent_date", spentDate), ("total_cost", totalCost), ("notes", notes))
        return try await h.one("createExpense", [], p.with(fields), Expense.init)
    }
    public func update(_ expenseId: Int64, fields: Fields) async throws -> Expense { try await h.one("updateExpense", [expenseId], fields, Expense.init) }
    public func delete(_ expenseId: Int64) async throws { try await h.unit("deleteExpense", [expenseId]) }
    /// Expense categories.
    public var categories: ExpenseCategories { ExpenseCategories(h: h) }
}

/// Expense categories.
public struct ExpenseCategories {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, filters: Fields = [:]) -> HarvestList<ExpenseCategory> {
        h.list("listExpenseCategories", params: params(("is_active", isActive)).with(filters), convert: ExpenseCategory.init)
    }
    public func get(_ categoryId: Int64) async throws -> ExpenseCategory { try await h.one("retrieveExpenseCategory", [categoryId], nil, ExpenseCategory.init) }
    public func create(name: String, fields: Fields = [:]) async throws -> ExpenseCategory {
        try await h.one("createExpenseCategory", [], params(("name", name)).with(fields), ExpenseCategory.init)
    }
    public func update(_ categoryId: Int64, fields: Fields) async throws -> ExpenseCategory {
        try await h.one("updateExpenseCategory", [categoryId], fields, ExpenseCategory.init)
    }
    public func delete(_ categoryId: Int64) async throws { try await h.unit("deleteExpenseCategory", [categoryId]) }
}

/// Invoices: <https://help.getharvest.com/api-v2/invoices-api/invoices/invoices/> (the one-call workflows are on the client).
public struct Invoices {
    let h: HarvestClient
    public func list(
        clientId: Int64? = nil, projectId: Int64? = nil, state: InvoiceState? = nil,
        from: CalendarDate? = nil, to: CalendarDate? = nil, filters: Fields = [:]
    ) -> HarvestList<Invoice> {
        let p = params(("client_id", clientId), ("project_id", projectId), ("state", state), ("from", from), ("to", to))
        return h.list("listInvoices", params: p.with(filters), convert: Invoice.init)
    }
    public func get(_ invoiceId: Int64) async throws -> Invoice { try await h.one("retrieveInvoice", [invoiceId], nil, Invoice.init) }
    /// Creates an invoice: free-form (`line_items`) or imported (`line_items_import`), in `fields`.
    public func create(clientId: Int64, fields: Fields = [:]) async throws -> Invoice {
        try await h.one("createInvoice", [], params(("client_id", clientId)).with(fields), Invoice.init)
    }
    public func update(_ invoiceId: Int64, fields: Fields) async throws -> Invoice { try await h.one("updateInvoice", [invoiceId], fields, Invoice.init) }
    public func delete(_ invoiceId: Int64) async throws { try await h.unit("deleteInvoice", [invoiceId]) }
    /// An invoice's messages (emails and state changes).
    public var messages: InvoiceMessages { InvoiceMessages(h: h) }
    /// An invoice's payments.
    public var payments: InvoicePayments { InvoicePayments(h: h) }
    /// Invoice item categories.
    public var itemCategories: InvoiceItemCategories { InvoiceItemCategories(h: h) }
}

/// An invoice's messages.
public struct InvoiceMessages {
    let h: HarvestClient
    public func list(_ invoiceId: Int64, filters: Fields = [:]) -> HarvestList<InvoiceMessage> {
        h.list("listMessagesForInvoice", pathIds: [invoiceId], params: filters, convert: InvoiceMessage.init)
    }
    /// Emails the invoice, or with `event_type` (`send`, `close`, `re-open`, `draft`) changes its state.
    public func create(_ invoiceId: Int64, fields: Fields) async throws -> InvoiceMessage {
        try await h.one("createInvoiceMessage", [invoiceId], fields, InvoiceMessage.init)
    }
    /// The subject and body Harvest would use for a new message.
    public func template(_ invoiceId: Int64, filters: Fields = [:]) async throws -> InvoiceMessageSubjectAndBody {
        try await h.one("retrieveInvoiceMessageSubjectAndBodyForSpecificInvoice", [invoiceId], filters, InvoiceMessageSubjectAndBody.init)
    }
    public func delete(invoiceId: Int64, messageId: Int64) async throws { try await h.unit("deleteInvoiceMessage", [invoiceId, messageId]) }
}

/// An invoice's payments.
public struct InvoicePayments {
    let h: HarvestClient
    public func list(_ invoiceId: Int64, filters: Fields = [:]) -> HarvestList<InvoicePayment> {
        h.list("listPaymentsForInvoice", pathIds: [invoiceId], params: filters, convert: InvoicePayment.init)
    }
    public func create(_ invoiceId: Int64, amount: Decimal, paidDate: CalendarDate? = nil, fields: Fields = [:]) async throws -> InvoicePayment {
        try await h.one("createInvoicePayment", [invoiceId], params(("amount", amount), ("paid_date", paidDate)).with(fields), InvoicePayment.init)
    }
    public func delete(invoiceId: Int64, paymentId: Int64) async throws { try await h.unit("deleteInvoicePayment", [invoiceId, paymentId]) }
}

/// Invoice item categories.
public struct InvoiceItemCategories {
    let h: HarvestClient
    public func list(filters: Fields = [:]) -> HarvestList<InvoiceItemCategory> {
        h.list("listInvoiceItemCategories", params: filters, convert: InvoiceItemCategory.init)
    }
    public func get(_ categoryId: Int64) async throws -> InvoiceItemCategory {
        try await h.one("retrieveInvoiceItemCategory", [categoryId], nil, InvoiceItemCategory.init)
    }
    public func create(name: String) async throws -> InvoiceItemCategory {
        try await h.one("createInvoiceItemCategory", [], params(("name", name)), InvoiceItemCategory.init)
    }
    public func update(_ categoryId: Int64, name: String) async throws -> InvoiceItemCategory {
        try await h.one("updateInvoiceItemCategory", [categoryId], params(("name", name)), InvoiceItemCategory.init)
    }
    public func delete(_ categoryId: Int64) async throws { try await h.unit("deleteInvoiceItemCategory", [categoryId]) }
}

/// Projects: <https://help.getharvest.com/api-v2/projects-api/projects/projects/>
public struct Projects {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, clientId: Int64? = nil, updatedSince: Date? = nil, filters: Fields = [:]) -> HarvestList<Project> {
        h.list("listProjects", params: params(("is_active", isActive), ("client_id", clientId), ("updated_since", updatedSince)).with(filters), convert: Project.init)
    }
    public func get(_ projectId: Int64) async throws -> Project { try await h.one("retrieveProject", [projectId], nil, Project.init) }
    public func create(
        clientId: Int64, name: String, isBillable: Bool, billBy: BillBy, budgetBy: BudgetBy,
        budget: Decimal? = nil, hourlyRate: Decimal? = nil, fields: Fields = [:]
    ) async throws -> Project {
        let p = params(
            ("client_id", clientId), ("name", name), ("is_billable", isBillable), ("bill_by", billBy),
            ("budget_by", budgetBy), ("budget", budget), ("hourly_rate", hourlyRate)
        )
        return try await h.one("createProject", [], p.with(fields), Project.init)
    }
    public func update(_ projectId: Int64, fields: Fields) async throws -> Project { try await h.one("updateProject", [projectId], fields, Project.init) }
    public func delete(_ projectId: Int64) async throws { try await h.unit("deleteProject", [projectId]) }
}

/// Task assignments: <https://help.getharvest.com/api-v2/projects-api/projects/task-assignments/>
public struct TaskAssignments {
    let h: HarvestClient
    /// Every project's task assignments.
    public func list(isActive: Bool? = nil, filters: Fields = [:]) -> HarvestList<TaskAssignment> {
        h.list("listTaskAssignments", params: params(("is_active", isActive)).with(filters), convert: TaskAssignment.init)
    }
    /// One project's task assignments.
    public func listForProject(_ projectId: Int64, isActive: Bool? = nil, filters: Fields = [:]) -> HarvestList<TaskAssignment> {
        h.list("listTaskAssignmentsForSpecificProject", pathIds: [projectId], params: params(("is_active", isActive)).with(filters), convert: TaskAssignment.init)
    }
    public func get(projectId: Int64, taskAssignmentId: Int64) async throws -> TaskAssignment {
        try await h.one("retrieveTaskAssignment", [projectId, taskAssignmentId], nil, TaskAssignment.init)
    }
    public func create(projectId: Int64, taskId: Int64, fields: Fields = [:]) async throws -> TaskAssignment {
        try await h.one("createTaskAssignment", [projectId], params(("task_id", taskId)).with(fields), TaskAssignment.init)
    }
    public func update(projectId: Int64, taskAssignmentId: Int64, fields: Fields) async throws -> TaskAssignment {
        try await h.one("updateTaskAssignment", [projectId, taskAssignmentId], fields, TaskAssignment.init)
    }
    public func delete(projectId: Int64, taskAssignmentId: Int64) async throws { try await h.unit("deleteTaskAssignment", [projectId, taskAssignmentId]) }
}

/// User assignments: <https://help.getharvest.com/api-v2/projects-api/projects/user-assignments/>
public struct UserAssignments {
    let h: HarvestClient
    /// Every project's user assignments.
    public func list(userId: Int64? = nil, isActive: Bool? = nil, filters: Fields = [:]) -> HarvestList<UserAssignment> {
        h.list("listUserAssignments", params: params(("user_id", userId), ("is_active", isActive)).with(filters), convert: UserAssignment.init)
    }
    /// One project's user assignments.
    public func listForProject(_ projectId: Int64, userId: Int64? = nil, filters: Fields = [:]) -> HarvestList<UserAssignment> {
        h.list("listUserAssignmentsForSpecificProject", pathIds: [projectId], params: params(("user_id", userId)).with(filters), convert: UserAssignment.init)
    }
    public func get(projectId: Int64, userAssignmentId: Int64) async throws -> UserAssignment {
        try await h.one("retrieveUserAssignment", [projectId, userAssignmentId], nil, UserAssignment.init)
    }
    public func create(projectId: Int64, userId: Int64, fields: Fields = [:]) async throws -> UserAssignment {
        try await h.one("createUserAssignment", [projectId], params(("user_id", userId)).with(fields), UserAssignment.init)
    }
    public func update(projectId: Int64, userAssignmentId: Int64, fields: Fields) async throws -> UserAssignment {
        try await h.one("updateUserAssignment", [projectId, userAssignmentId], fields, UserAssignment.init)
    }
    public func delete(projectId: Int64, userAssignmentId: Int64) async throws { try await h.unit("deleteUserAssignment", [projectId, userAssignmentId]) }
}

/// Reports: <https://help.getharvest.com/api-v2/reports-api/reports/> (Harvest allows 100 report requests per 15 minutes).
public struct Reports {
    let h: HarvestClient
    private func timeReport(_ operationId: String, _ from: CalendarDate, _ to: CalendarDate) -> HarvestList<TimeReportsResult> {
        h.list(operationId, params: params(("from", from), ("to", to)), convert: TimeReportsResult.init)
    }
    private func expenseReport(_ operationId: String, _ from: CalendarDate, _ to: CalendarDate) -> HarvestList<ExpenseReportsResult> {
        h.list(operationId, params: params(("from", from), ("to", to)), convert: ExpenseReportsResult.init)
    }

    public func clientsTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> { timeReport("clientsTimeReport", from, to) }
    public func projectsTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> { timeReport("projectsTimeReport", from, to) }
    public func tasksTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> { timeReport("tasksReport", from, to) }
    public func teamTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> { timeReport("teamTimeReport", from, to) }
    public func clientsExpenses(from: CalendarDate, to: CalendarDate) -> HarvestList<ExpenseReportsResult> { expenseReport("clientsExpensesReport", from, to) }
    public func projectsExpenses(from: CalendarDate, to: CalendarDate) -> HarvestList<ExpenseReportsResult> { expenseReport("projectsExpensesReport", from, to) }
    public func categoriesExpenses(from: CalendarDate, to: CalendarDate) -> HarvestList<ExpenseReportsResult> { expenseReport("expenseCategoriesReport", from, to) }
    public func teamExpenses(from: CalendarDate, to: CalendarDate) -> HarvestList<ExpenseReportsResult> { expenseReport("teamExpensesReport", from, to) }
    /// What is tracked but not yet invoiced, per project.
    public func uninvoiced(from: CalendarDate, to: CalendarDate) -> HarvestList<UninvoicedReportResult> {
        h.list("uninvoicedReport", params: params(("from", from), ("to", to)), convert: UninvoicedReportResult.init)
    }
    /// Each project's budget, spent and remaining.
    public func projectBudget(isActive: Bool? = nil) -> HarvestList<ProjectBudgetReportResult> {
        h.list("projectBudgetReport", params: params(("is_active", isActive)), convert: ProjectBudgetReportResult.init)
    }
}

/// Roles: <https://help.getharvest.com/api-v2/roles-api/roles/roles/>
public struct Roles {
    let h: HarvestClient
    public func list(filters: Fields = [:]) -> HarvestList<Role> { h.list("listRoles", params: filters, convert: Role.init) }
    public func get(_ roleId: Int64) async throws -> Role { try await h.one("retrieveRole", [roleId], nil, Role.init) }
    public func create(name: String, userIds: [Int64] = []) async throws -> Role {
        try await h.one("createRole", [], params(("name", name), ("user_ids", userIds)), Role.init)
    }
    public func update(_ roleId: Int64, fields: Fields) async throws -> Role { try await h.one("updateRole", [roleId], fields, Role.init) }
    public func delete(_ roleId: Int64) async throws { try await h.unit("deleteRole", [roleId]) }
}

/// Tasks: <https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/>
public struct Tasks {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, updatedSince: Date? = nil, filters: Fields = [:]) -> HarvestList<HarvestTask> {
        h.list("listTasks", params: params(("is_active", isActive), ("updated_since", updatedSince)).with(filters), convert: HarvestTask.init)
    }
    public func get(_ taskId: Int64) async throws -> HarvestTask { try await h.one("retrieveTask", [taskId], nil, HarvestTask.init) }
    public func create(name: String, fields: Fields = [:]) async throws -> HarvestTask {
        try await h.one("createTask", [], params(("name", name)).with(fields), HarvestTask.init)
    }
    public func update(_ taskId: Int64, fields: Fields) async throws -> HarvestTask { try await h.one("updateTask", [taskId], fields, HarvestTask.init) }
    public func delete(_ taskId: Int64) async throws { try await h.unit("deleteTask", [taskId]) }
}

/// Time entries: <https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/>
public struct TimeEntries {
    let h: HarvestClient
    /// The time entries (admins see everyone's: filter by `userId`).
    public func list(
        userId: Int64? = nil, clientId: Int64? = nil, projectId: Int64? = nil, taskId: Int64? = nil,
        isBilled: Bool? = nil, isRunning: Bool? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
        updatedSince: Date? = nil, perPage: Int? = nil, filters: Fields = [:]
    ) -> HarvestList<TimeEntry> {
        let p = params(
            ("user_id", userId), ("client_id", clientId), ("project_id", projectId), ("task_id", taskId),
            ("is_billed", isBilled), ("is_running", isRunning), ("from", from), ("to", to),
            ("updated_since", updatedSince), ("per_page", perPage)
        )
        return h.list("listTimeEntries", params: p.with(filters), convert: TimeEntry.init)
    }
    public func get(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("retrieveTimeEntry", [timeEntryId], nil, TimeEntry.init) }
    /// Creates a time entry; without `hours` it starts a timer. With an `external_reference` (in
    /// `fields`) a create whose answer was lost is looked up instead of repeated.
    public func create(
        projectId: Int64, taskId: Int64, spentDate: CalendarDate, hours: Decimal? = nil, notes: String? = nil,
        userId: Int64? = nil, fields: Fields = [:]
    ) async throws -> TimeEntry {
        let p = params(("project_id", projectId), ("task_id", taskId), ("spent_date", spentDate), ("hours", hours), ("notes", notes), ("user_id", userId))
        return try await h.one("createTimeEntry", [], p.with(fields), TimeEntry.init)
    }
    public func update(_ timeEntryId: Int64, hours: Decimal? = nil, notes: String? = nil, fields: Fields = [:]) async throws -> TimeEntry {
        try await h.one("updateTimeEntry", [timeEntryId], params(("hours", hours), ("notes", notes)).with(fields), TimeEntry.init)
    }
    public func delete(_ timeEntryId: Int64) async throws { try await h.unit("deleteTimeEntry", [timeEntryId]) }
    public func deleteExternalReference(_ timeEntryId: Int64) async throws { try await h.unit("deleteTimeEntryExternalReference", [timeEntryId]) }
    /// Stops a running timer.
    public func stop(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("stopRunningTimeEntry", [timeEntryId], nil, TimeEntry.init) }
    /// Restarts a stopped timer.
    public func restart(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("restartStoppedTimeEntry", [timeEntryId], nil, TimeEntry.init) }
}

/// Users: <https://help.getharvest.com/api-v2/users-api/users/users/>
public struct Users {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, updatedSince: Date? = nil, filters: Fields = [:]) -> HarvestList<User> {
        h.list("listUsers", params: params(("is_active", isActive), ("updated_since", updatedSince)).with(filters), convert: User.init)
    }
    /// The user the token belongs to.
    public func me() async throws -> User { try await h.one("retrieveTheCurrentlyAuthenticatedUser", [], nil, User.init) }
    public func get(_ userId: Int64) async throws -> User { try await h.one("retrieveUser", [userId], nil, User.init) }
    public func create(firstName: String, lastName: String, email: String, fields: Fields = [:]) async throws -> User {
        try await h.one("createUser", [], params(("first_name", firstName), ("last_name", lastName), ("email", email)).with(fields), User.init)
    }
    public func update(_ userId: Int64, fields: Fields) async throws -> User { try await h.one("updateUser", [userId], fields, User.init) }
    public func delete(_ userId: Int64) async throws { try await h.unit("deleteUser", [userId]) }
    /// The token's user's active project assignments.
    public func myProjectAssignments() -> HarvestList<ProjectAssignment> {
        h.list("listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser", convert: ProjectAssignment.init)
    }
    /// A user's active project assignments.
    public func projectAssignments(_ userId: Int64) -> HarvestList<ProjectAssignment> {
        h.list("listActiveProjectAssignments", pathIds: [userId], convert: ProjectAssignment.init)
    }
    public func billableRates(_ userId: Int64) -> HarvestList<BillableRate> {
        h.list("listBillableRatesForSpecificUser", pathIds: [userId], convert: BillableRate.init)
    }
    public func createBillableRate(_ userId: Int64, amount: Decimal, startDate: CalendarDate? = nil) async throws -> BillableRate {
        try await h.one("createBillableRate", [userId], params(("amount", amount), ("start_date", startDate)), BillableRate.init)
    }
    public func costRates(_ userId: Int64) -> HarvestList<CostRate> {
        h.list("listCostRatesForSpecificUser", pathIds: [userId], convert: CostRate.init)
    }
    public func createCostRate(_ userId: Int64, amount: Decimal, startDate: CalendarDate? = nil) async throws -> CostRate {
        try await h.one("createCostRate", [userId], params(("amount", amount), ("start_date", startDate)), CostRate.init)
    }
    public func teammates(_ userId: Int64) -> HarvestList<Teammate> {
        h.list("listAssignedTeammatesForSpecificUser", pathIds: [userId], convert: Teammate.init)
    }
    public func updateTeammates(_ userId: Int64, teammateIds: [Int64]) async throws -> TeammatesPatchResponse {
        try await h.one("updateUserAssignedTeammates", [userId], params(("teammate_ids", teammateIds)), TeammatesPatchResponse.init)
    }
}
