import Foundation

// The resource namespaces, named as Harvest's docs name them. Each function is one operation of
// the core (by its OpenAPI operationId); the core checks the parameters against its typed
// parameters, so a misspelt key in `filters` or `fields` fails as `invalidInput` before anything
// is sent. Named arguments cover the common filters and fields; `filters`/`fields` take the rest
// by their Harvest (snake_case) names.

public typealias Fields = [String: Any?]

public struct Clients {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, filters: Fields = [:]) -> HarvestList<Client> {
        h.list("listClients", params: params(("is_active", isActive)).with(filters), convert: Client.init)
    }
    public func get(_ clientId: Int64) async throws -> Client { try await h.one("retrieveClient", [clientId], nil, Client.init) }
    public func create(name: String, currency: String? = nil, fields: Fields = [:]) async throws -> Client {
        try await h.one("createClient", [], params(("name", name), ("currency", currency)).with(fields), Client.init)
    }
    public func update(_ clientId: Int64, fields: Fields) async throws -> Client { try await h.one("updateClient", [clientId], fields, Client.init) }
    public func delete(_ clientId: Int64) async throws { try await h.unit("deleteClient", [clientId]) }
}

public struct Contacts {
    let h: HarvestClient
    public func list(clientId: Int64? = nil, filters: Fields = [:]) -> HarvestList<Contact> {
        h.list("listContacts", params: params(("client_id", clientId)).with(filters), convert: Contact.init)
    }
    public func get(_ contactId: Int64) async throws -> Contact { try await h.one("retrieveContact", [contactId], nil, Contact.init) }
    public func create(clientId: Int64, firstName: String, lastName: String? = nil, email: String? = nil, fields: Fields = [:]) async throws -> Contact {
        try await h.one("createContact", [], params(("client_id", clientId), ("first_name", firstName), ("last_name", lastName), ("email", email)).with(fields), Contact.init)
    }
    public func update(_ contactId: Int64, fields: Fields) async throws -> Contact { try await h.one("updateContact", [contactId], fields, Contact.init) }
    public func delete(_ contactId: Int64) async throws { try await h.unit("deleteContact", [contactId]) }
}

public struct CompanyAPI {
    let h: HarvestClient
    public func get() async throws -> Company { try await h.one("retrieveCompany", [], nil, Company.init) }
    public func update(fields: Fields) async throws -> Company { try await h.one("updateCompany", [], fields, Company.init) }
}

public struct Estimates {
    let h: HarvestClient
    public func list(clientId: Int64? = nil, state: EstimateState? = nil, filters: Fields = [:]) -> HarvestList<Estimate> {
        h.list("listEstimates", params: params(("client_id", clientId), ("state", state)).with(filters), convert: Estimate.init)
    }
    public func get(_ estimateId: Int64) async throws -> Estimate { try await h.one("retrieveEstimate", [estimateId], nil, Estimate.init) }
    public func create(clientId: Int64, fields: Fields = [:]) async throws -> Estimate {
        try await h.one("createEstimate", [], params(("client_id", clientId)).with(fields), Estimate.init)
    }
    public func update(_ estimateId: Int64, fields: Fields) async throws -> Estimate { try await h.one("updateEstimate", [estimateId], fields, Estimate.init) }
    public func delete(_ estimateId: Int64) async throws { try await h.unit("deleteEstimate", [estimateId]) }
    /// Emails the estimate, or with `event_type` (`send`, `accept`, `decline`, `re-open`) changes its state.
    public func createMessage(_ estimateId: Int64, fields: Fields) async throws -> EstimateMessage {
        try await h.one("createEstimateMessage", [estimateId], fields, EstimateMessage.init)
    }
    public func messages(_ estimateId: Int64) -> HarvestList<EstimateMessage> {
        h.list("listMessagesForEstimate", pathIds: [estimateId], convert: EstimateMessage.init)
    }
    public func itemCategories() -> HarvestList<EstimateItemCategory> { h.list("listEstimateItemCategories", convert: EstimateItemCategory.init) }
}

public struct Expenses {
    let h: HarvestClient
    public func list(projectId: Int64? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, filters: Fields = [:]) -> HarvestList<Expense> {
        h.list("listExpenses", params: params(("project_id", projectId), ("from", from), ("to", to)).with(filters), convert: Expense.init)
    }
    public func get(_ expenseId: Int64) async throws -> Expense { try await h.one("retrieveExpense", [expenseId], nil, Expense.init) }
    public func create(projectId: Int64, expenseCategoryId: Int64, spentDate: CalendarDate, totalCost: Decimal? = nil, fields: Fields = [:]) async throws -> Expense {
        let p = params(("project_id", projectId), ("expense_category_id", expenseCategoryId), ("spent_date", spentDate), ("total_cost", totalCost))
        return try await h.one("createExpense", [], p.with(fields), Expense.init)
    }
    public func update(_ expenseId: Int64, fields: Fields) async throws -> Expense { try await h.one("updateExpense", [expenseId], fields, Expense.init) }
    public func delete(_ expenseId: Int64) async throws { try await h.unit("deleteExpense", [expenseId]) }
    public func categories() -> HarvestList<ExpenseCategory> { h.list("listExpenseCategories", convert: ExpenseCategory.init) }
}

public struct Invoices {
    let h: HarvestClient
    public func list(clientId: Int64? = nil, state: InvoiceState? = nil, filters: Fields = [:]) -> HarvestList<Invoice> {
        h.list("listInvoices", params: params(("client_id", clientId), ("state", state)).with(filters), convert: Invoice.init)
    }
    public func get(_ invoiceId: Int64) async throws -> Invoice { try await h.one("retrieveInvoice", [invoiceId], nil, Invoice.init) }
    /// Creates an invoice: free-form (`line_items`) or imported (`line_items_import`), in `fields`.
    public func create(clientId: Int64, fields: Fields = [:]) async throws -> Invoice {
        try await h.one("createInvoice", [], params(("client_id", clientId)).with(fields), Invoice.init)
    }
    public func update(_ invoiceId: Int64, fields: Fields) async throws -> Invoice { try await h.one("updateInvoice", [invoiceId], fields, Invoice.init) }
    public func delete(_ invoiceId: Int64) async throws { try await h.unit("deleteInvoice", [invoiceId]) }
    /// Emails the invoice, or with `event_type` (`send`, `close`, `re-open`, `draft`) changes its state.
    public func createMessage(_ invoiceId: Int64, fields: Fields) async throws -> InvoiceMessage {
        try await h.one("createInvoiceMessage", [invoiceId], fields, InvoiceMessage.init)
    }
    public func messages(_ invoiceId: Int64) -> HarvestList<InvoiceMessage> {
        h.list("listMessagesForInvoice", pathIds: [invoiceId], convert: InvoiceMessage.init)
    }
    public func createPayment(_ invoiceId: Int64, amount: Decimal, paidDate: CalendarDate? = nil, fields: Fields = [:]) async throws -> InvoicePayment {
        try await h.one("createInvoicePayment", [invoiceId], params(("amount", amount), ("paid_date", paidDate)).with(fields), InvoicePayment.init)
    }
    public func payments(_ invoiceId: Int64) -> HarvestList<InvoicePayment> {
        h.list("listPaymentsForInvoice", pathIds: [invoiceId], convert: InvoicePayment.init)
    }
    public func itemCategories() -> HarvestList<InvoiceItemCategory> { h.list("listInvoiceItemCategories", convert: InvoiceItemCategory.init) }
}

public struct Projects {
    let h: HarvestClient
    public func list(isActive: Bool? = nil, clientId: Int64? = nil, filters: Fields = [:]) -> HarvestList<Project> {
        h.list("listProjects", params: params(("is_active", isActive), ("client_id", clientId)).with(filters), convert: Project.init)
    }
    public func get(_ projectId: Int64) async throws -> Project { try await h.one("retrieveProject", [projectId], nil, Project.init) }
    public func create(clientId: Int64, name: String, isBillable: Bool, billBy: BillBy, budgetBy: BudgetBy, hourlyRate: Decimal? = nil, fields: Fields = [:]) async throws -> Project {
        let p = params(("client_id", clientId), ("name", name), ("is_billable", isBillable), ("bill_by", billBy), ("budget_by", budgetBy), ("hourly_rate", hourlyRate))
        return try await h.one("createProject", [], p.with(fields), Project.init)
    }
    public func update(_ projectId: Int64, fields: Fields) async throws -> Project { try await h.one("updateProject", [projectId], fields, Project.init) }
    public func delete(_ projectId: Int64) async throws { try await h.unit("deleteProject", [projectId]) }
}

public struct TaskAssignments {
    let h: HarvestClient
    public func list(isActive: Bool? = nil) -> HarvestList<TaskAssignment> {
        h.list("listTaskAssignments", params: params(("is_active", isActive)), convert: TaskAssignment.init)
    }
    public func list(projectId: Int64) -> HarvestList<TaskAssignment> {
        h.list("listTaskAssignmentsForSpecificProject", pathIds: [projectId], convert: TaskAssignment.init)
    }
    public func create(projectId: Int64, taskId: Int64, fields: Fields = [:]) async throws -> TaskAssignment {
        try await h.one("createTaskAssignment", [projectId], params(("task_id", taskId)).with(fields), TaskAssignment.init)
    }
    public func delete(projectId: Int64, taskAssignmentId: Int64) async throws { try await h.unit("deleteTaskAssignment", [projectId, taskAssignmentId]) }
}

public struct UserAssignments {
    let h: HarvestClient
    public func list(userId: Int64? = nil) -> HarvestList<UserAssignment> {
        h.list("listUserAssignments", params: params(("user_id", userId)), convert: UserAssignment.init)
    }
    public func list(projectId: Int64) -> HarvestList<UserAssignment> {
        h.list("listUserAssignmentsForSpecificProject", pathIds: [projectId], convert: UserAssignment.init)
    }
    public func create(projectId: Int64, userId: Int64, fields: Fields = [:]) async throws -> UserAssignment {
        try await h.one("createUserAssignment", [projectId], params(("user_id", userId)).with(fields), UserAssignment.init)
    }
    public func delete(projectId: Int64, userAssignmentId: Int64) async throws { try await h.unit("deleteUserAssignment", [projectId, userAssignmentId]) }
}

public struct Reports {
    let h: HarvestClient
    public func projectsTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> {
        h.list("projectsTimeReport", params: params(("from", from), ("to", to)), convert: TimeReportsResult.init)
    }
    public func teamTime(from: CalendarDate, to: CalendarDate) -> HarvestList<TimeReportsResult> {
        h.list("teamTimeReport", params: params(("from", from), ("to", to)), convert: TimeReportsResult.init)
    }
    public func projectsExpenses(from: CalendarDate, to: CalendarDate) -> HarvestList<ExpenseReportsResult> {
        h.list("projectsExpensesReport", params: params(("from", from), ("to", to)), convert: ExpenseReportsResult.init)
    }
    /// What is tracked but not yet invoiced, per project.
    public func uninvoiced(from: CalendarDate, to: CalendarDate) -> HarvestList<UninvoicedReportResult> {
        h.list("uninvoicedReport", params: params(("from", from), ("to", to)), convert: UninvoicedReportResult.init)
    }
    /// Each project's budget, spent and remaining.
    public func projectBudget(isActive: Bool? = nil) -> HarvestList<ProjectBudgetReportResult> {
        h.list("projectBudgetReport", params: params(("is_active", isActive)), convert: ProjectBudgetReportResult.init)
    }
}

public struct Roles {
    let h: HarvestClient
    public func list() -> HarvestList<Role> { h.list("listRoles", convert: Role.init) }
    public func create(name: String, userIds: [Int64] = []) async throws -> Role {
        try await h.one("createRole", [], params(("name", name), ("user_ids", userIds)), Role.init)
    }
    public func delete(_ roleId: Int64) async throws { try await h.unit("deleteRole", [roleId]) }
}

public struct Tasks {
    let h: HarvestClient
    public func list(isActive: Bool? = nil) -> HarvestList<HarvestTask> {
        h.list("listTasks", params: params(("is_active", isActive)), convert: HarvestTask.init)
    }
    public func get(_ taskId: Int64) async throws -> HarvestTask { try await h.one("retrieveTask", [taskId], nil, HarvestTask.init) }
    public func create(name: String, fields: Fields = [:]) async throws -> HarvestTask {
        try await h.one("createTask", [], params(("name", name)).with(fields), HarvestTask.init)
    }
    public func update(_ taskId: Int64, fields: Fields) async throws -> HarvestTask { try await h.one("updateTask", [taskId], fields, HarvestTask.init) }
    public func delete(_ taskId: Int64) async throws { try await h.unit("deleteTask", [taskId]) }
}

public struct TimeEntries {
    let h: HarvestClient
    public func list(userId: Int64? = nil, projectId: Int64? = nil, isRunning: Bool? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, perPage: Int? = nil, filters: Fields = [:]) -> HarvestList<TimeEntry> {
        let p = params(("user_id", userId), ("project_id", projectId), ("is_running", isRunning), ("from", from), ("to", to), ("per_page", perPage))
        return h.list("listTimeEntries", params: p.with(filters), convert: TimeEntry.init)
    }
    public func get(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("retrieveTimeEntry", [timeEntryId], nil, TimeEntry.init) }
    /// Creates a time entry; without `hours` it starts a timer.
    public func create(projectId: Int64, taskId: Int64, spentDate: CalendarDate, hours: Decimal? = nil, notes: String? = nil, fields: Fields = [:]) async throws -> TimeEntry {
        let p = params(("project_id", projectId), ("task_id", taskId), ("spent_date", spentDate), ("hours", hours), ("notes", notes))
        return try await h.one("createTimeEntry", [], p.with(fields), TimeEntry.init)
    }
    public func update(_ timeEntryId: Int64, fields: Fields) async throws -> TimeEntry { try await h.one("updateTimeEntry", [timeEntryId], fields, TimeEntry.init) }
    public func delete(_ timeEntryId: Int64) async throws { try await h.unit("deleteTimeEntry", [timeEntryId]) }
    public func stop(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("stopRunningTimeEntry", [timeEntryId], nil, TimeEntry.init) }
    public func restart(_ timeEntryId: Int64) async throws -> TimeEntry { try await h.one("restartStoppedTimeEntry", [timeEntryId], nil, TimeEntry.init) }
}

public struct Users {
    let h: HarvestClient
    public func list(isActive: Bool? = nil) -> HarvestList<User> { h.list("listUsers", params: params(("is_active", isActive)), convert: User.init) }
    /// The user the token belongs to.
    public func me() async throws -> User { try await h.one("retrieveTheCurrentlyAuthenticatedUser", [], nil, User.init) }
    public func get(_ userId: Int64) async throws -> User { try await h.one("retrieveUser", [userId], nil, User.init) }
    /// The token's user's active project assignments.
    public func myProjectAssignments() -> HarvestList<ProjectAssignment> {
        h.list("listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser", convert: ProjectAssignment.init)
    }
}
