package io.github.harvestsdk

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

// The resource namespaces, named as Harvest's docs name them. Each function is one operation of
// the core (by its OpenAPI operationId); the core checks the parameters against its typed
// parameters, so a misspelt filter in `filters` or `fields` fails as `invalid_input` before
// anything is sent. Named arguments cover the common filters and fields; `filters`/`fields` take
// the rest by their Harvest (snake_case) names. Lists are `@JvmOverloads`, so Java can leave the
// trailing filters out; from Java, run the suspending calls through `client.blocking`.

/** Clients: <https://help.getharvest.com/api-v2/clients-api/clients/clients/> */
public class Clients internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(isActive: Boolean? = null, updatedSince: Instant? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<Client> =
        h.list("listClients", emptyList(), params("is_active" to isActive, "updated_since" to updatedSince) + filters, Client::from)
    public suspend fun get(clientId: Long): Client = h.one("retrieveClient", listOf(clientId), null, Client::from)
    public suspend fun create(name: String, currency: String? = null, fields: Map<String, Any?> = emptyMap()): Client =
        h.one("createClient", emptyList(), params("name" to name, "currency" to currency) + fields, Client::from)
    public suspend fun update(clientId: Long, fields: Map<String, Any?>): Client = h.one("updateClient", listOf(clientId), fields, Client::from)
    public suspend fun delete(clientId: Long): Unit = h.unit("deleteClient", listOf(clientId))
}

/** Contacts: <https://help.getharvest.com/api-v2/clients-api/clients/contacts/> */
public class Contacts internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(clientId: Long? = null, updatedSince: Instant? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<Contact> =
        h.list("listContacts", emptyList(), params("client_id" to clientId, "updated_since" to updatedSince) + filters, Contact::from)
    public suspend fun get(contactId: Long): Contact = h.one("retrieveContact", listOf(contactId), null, Contact::from)
    public suspend fun create(clientId: Long, firstName: String, lastName: String? = null, email: String? = null, fields: Map<String, Any?> = emptyMap()): Contact =
        h.one("createContact", emptyList(), params("client_id" to clientId, "first_name" to firstName, "last_name" to lastName, "email" to email) + fields, Contact::from)
    public suspend fun update(contactId: Long, fields: Map<String, Any?>): Contact = h.one("updateContact", listOf(contactId), fields, Contact::from)
    public suspend fun delete(contactId: Long): Unit = h.unit("deleteContact", listOf(contactId))
}

/** The company: <https://help.getharvest.com/api-v2/company-api/company/company/> */
public class CompanyApi internal constructor(private val h: HarvestClient) {
    public suspend fun get(): Company = h.one("retrieveCompany", emptyList(), null, Company::from)
    public suspend fun update(fields: Map<String, Any?>): Company = h.one("updateCompany", emptyList(), fields, Company::from)
}

/** Estimates: <https://help.getharvest.com/api-v2/estimates-api/estimates/estimates/> */
public class Estimates internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(clientId: Long? = null, state: EstimateState? = null, from: LocalDate? = null, to: LocalDate? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<Estimate> =
        h.list("listEstimates", emptyList(), params("client_id" to clientId, "state" to state, "from" to from, "to" to to) + filters, Estimate::from)
    public suspend fun get(estimateId: Long): Estimate = h.one("retrieveEstimate", listOf(estimateId), null, Estimate::from)
    /** Creates an estimate; `line_items` go in [fields] as a list of maps (`kind`, `unit_price`, `quantity`...). */
    public suspend fun create(clientId: Long, fields: Map<String, Any?> = emptyMap()): Estimate =
        h.one("createEstimate", emptyList(), params("client_id" to clientId) + fields, Estimate::from)
    public suspend fun update(estimateId: Long, fields: Map<String, Any?>): Estimate = h.one("updateEstimate", listOf(estimateId), fields, Estimate::from)
    public suspend fun delete(estimateId: Long): Unit = h.unit("deleteEstimate", listOf(estimateId))
    /** An estimate's messages (emails and state changes). */
    public val messages: EstimateMessages = EstimateMessages(h)
    /** Estimate item categories. */
    public val itemCategories: EstimateItemCategories = EstimateItemCategories(h)
}

/** An estimate's messages. */
public class EstimateMessages internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(estimateId: Long, filters: Map<String, Any?> = emptyMap()): HarvestList<EstimateMessage> =
        h.list("listMessagesForEstimate", listOf(estimateId), filters, EstimateMessage::from)
    /** Emails the estimate, or with `event_type` (`send`, `accept`, `decline`, `re-open`) changes its state. */
    public suspend fun create(estimateId: Long, fields: Map<String, Any?>): EstimateMessage =
        h.one("createEstimateMessage", listOf(estimateId), fields, EstimateMessage::from)
    public suspend fun delete(estimateId: Long, messageId: Long): Unit = h.unit("deleteEstimateMessage", listOf(estimateId, messageId))
}

/** Estimate item categories. */
public class EstimateItemCategories internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(filters: Map<String, Any?> = emptyMap()): HarvestList<EstimateItemCategory> =
        h.list("listEstimateItemCategories", emptyList(), filters, EstimateItemCategory::from)
    public suspend fun get(categoryId: Long): EstimateItemCategory = h.one("retrieveEstimateItemCategory", listOf(categoryId), null, EstimateItemCategory::from)
    public suspend fun create(name: String): EstimateItemCategory = h.one("createEstimateItemCategory", emptyList(), params("name" to name), EstimateItemCategory::from)
    public suspend fun update(categoryId: Long, name: String): EstimateItemCategory =
        h.one("updateEstimateItemCategory", listOf(categoryId), params("name" to name), EstimateItemCategory::from)
    public suspend fun delete(categoryId: Long): Unit = h.unit("deleteEstimateItemCategory", listOf(categoryId))
}

/** Expenses: <https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/> */
public class Expenses internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(
        userId: Long? = null, clientId: Long? = null, projectId: Long? = null, isBilled: Boolean? = null,
        from: LocalDate? = null, to: LocalDate? = null, filters: Map<String, Any?> = emptyMap(),
    ): HarvestList<Expense> = h.list(
        "listExpenses", emptyList(),
        params("user_id" to userId, "client_id" to clientId, "project_id" to projectId, "is_billed" to isBilled, "from" to from, "to" to to) + filters,
        Expense::from,
    )
    public suspend fun get(expenseId: Long): Expense = h.one("retrieveExpense", listOf(expenseId), null, Expense::from)
    public suspend fun create(projectId: Long, expenseCategoryId: Long, spentDate: LocalDate, totalCost: BigDecimal? = null, notes: String? = null, fields: Map<String, Any?> = emptyMap()): Expense =
        h.one(
            "createExpense", emptyList(),
            params("project_id" to projectId, "expense_category_id" to expenseCategoryId, "spent_date" to spentDate, "total_cost" to totalCost, "notes" to notes) + fields,
            Expense::from,
        )
    public suspend fun update(expenseId: Long, fields: Map<String, Any?>): Expense = h.one("updateExpense", listOf(expenseId), fields, Expense::from)
    public suspend fun delete(expenseId: Long): Unit = h.unit("deleteExpense", listOf(expenseId))
    /** Expense categories. */
    public val categories: ExpenseCategories = ExpenseCategories(h)
}

/** Expense categories. */
public class ExpenseCategories internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(isActive: Boolean? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<ExpenseCategory> =
        h.list("listExpenseCategories", emptyList(), params("is_active" to isActive) + filters, ExpenseCategory::from)
    public suspend fun get(categoryId: Long): ExpenseCategory = h.one("retrieveExpenseCategory", listOf(categoryId), null, ExpenseCategory::from)
    public suspend fun create(name: String, fields: Map<String, Any?> = emptyMap()): ExpenseCategory =
        h.one("createExpenseCategory", emptyList(), params("name" to name) + fields, ExpenseCategory::from)
    public suspend fun update(categoryId: Long, fields: Map<String, Any?>): ExpenseCategory = h.one("updateExpenseCategory", listOf(categoryId), fields, ExpenseCategory::from)
    public suspend fun delete(categoryId: Long): Unit = h.unit("deleteExpenseCategory", listOf(categoryId))
}

/** Invoices: <https://help.getharvest.com/api-v2/invoices-api/invoices/invoices/> (the one-call workflows are on the client). */
public class Invoices internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(
        clientId: Long? = null, projectId: Long? = null, state: InvoiceState? = null,
        from: LocalDate? = null, to: LocalDate? = null, filters: Map<String, Any?> = emptyMap(),
    ): HarvestList<Invoice> = h.list(
        "listInvoices", emptyList(),
        params("client_id" to clientId, "project_id" to projectId, "state" to state, "from" to from, "to" to to) + filters,
        Invoice::from,
    )
    public suspend fun get(invoiceId: Long): Invoice = h.one("retrieveInvoice", listOf(invoiceId), null, Invoice::from)
    /** Creates an invoice: free-form (`line_items`) or imported (`line_items_import`), in [fields]. */
    public suspend fun create(clientId: Long, fields: Map<String, Any?> = emptyMap()): Invoice =
        h.one("createInvoice", emptyList(), params("client_id" to clientId) + fields, Invoice::from)
    public suspend fun update(invoiceId: Long, fields: Map<String, Any?>): Invoice = h.one("updateInvoice", listOf(invoiceId), fields, Invoice::from)
    public suspend fun delete(invoiceId: Long): Unit = h.unit("deleteInvoice", listOf(invoiceId))
    /** An invoice's messages (emails and state changes). */
    public val messages: InvoiceMessages = InvoiceMessages(h)
    /** An invoice's payments. */
    public val payments: InvoicePayments = InvoicePayments(h)
    /** Invoice item categories. */
    public val itemCategories: InvoiceItemCategories = InvoiceItemCategories(h)
}

/** An invoice's messages. */
public class InvoiceMessages internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(invoiceId: Long, filters: Map<String, Any?> = emptyMap()): HarvestList<InvoiceMessage> =
        h.list("listMessagesForInvoice", listOf(invoiceId), filters, InvoiceMessage::from)
    /** Emails the invoice, or with `event_type` (`send`, `close`, `re-open`, `draft`) changes its state. */
    public suspend fun create(invoiceId: Long, fields: Map<String, Any?>): InvoiceMessage =
        h.one("createInvoiceMessage", listOf(invoiceId), fields, InvoiceMessage::from)
    /** The subject and body Harvest would use for a new message. */
    public suspend fun template(invoiceId: Long, filters: Map<String, Any?> = emptyMap()): InvoiceMessageSubjectAndBody =
        h.one("retrieveInvoiceMessageSubjectAndBodyForSpecificInvoice", listOf(invoiceId), filters, InvoiceMessageSubjectAndBody::from)
    public suspend fun delete(invoiceId: Long, messageId: Long): Unit = h.unit("deleteInvoiceMessage", listOf(invoiceId, messageId))
}

/** An invoice's payments. */
public class InvoicePayments internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(invoiceId: Long, filters: Map<String, Any?> = emptyMap()): HarvestList<InvoicePayment> =
        h.list("listPaymentsForInvoice", listOf(invoiceId), filters, InvoicePayment::from)
    public suspend fun create(invoiceId: Long, amount: BigDecimal, paidDate: LocalDate? = null, fields: Map<String, Any?> = emptyMap()): InvoicePayment =
        h.one("createInvoicePayment", listOf(invoiceId), params("amount" to amount, "paid_date" to paidDate) + fields, InvoicePayment::from)
    public suspend fun delete(invoiceId: Long, paymentId: Long): Unit = h.unit("deleteInvoicePayment", listOf(invoiceId, paymentId))
}

/** Invoice item categories. */
public class InvoiceItemCategories internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(filters: Map<String, Any?> = emptyMap()): HarvestList<InvoiceItemCategory> =
        h.list("listInvoiceItemCategories", emptyList(), filters, InvoiceItemCategory::from)
    public suspend fun get(categoryId: Long): InvoiceItemCategory = h.one("retrieveInvoiceItemCategory", listOf(categoryId), null, InvoiceItemCategory::from)
    public suspend fun create(name: String): InvoiceItemCategory = h.one("createInvoiceItemCategory", emptyList(), params("name" to name), InvoiceItemCategory::from)
    public suspend fun update(categoryId: Long, name: String): InvoiceItemCategory =
        h.one("updateInvoiceItemCategory", listOf(categoryId), params("name" to name), InvoiceItemCategory::from)
    public suspend fun delete(categoryId: Long): Unit = h.unit("deleteInvoiceItemCategory", listOf(categoryId))
}

/** Projects: <https://help.getharvest.com/api-v2/projects-api/projects/projects/> */
public class Projects internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(isActive: Boolean? = null, clientId: Long? = null, updatedSince: Instant? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<Project> =
        h.list("listProjects", emptyList(), params("is_active" to isActive, "client_id" to clientId, "updated_since" to updatedSince) + filters, Project::from)
    public suspend fun get(projectId: Long): Project = h.one("retrieveProject", listOf(projectId), null, Project::from)
    public suspend fun create(
        clientId: Long, name: String, isBillable: Boolean, billBy: BillBy, budgetBy: BudgetBy,
        budget: BigDecimal? = null, hourlyRate: BigDecimal? = null, fields: Map<String, Any?> = emptyMap(),
    ): Project = h.one(
        "createProject", emptyList(),
        params(
            "client_id" to clientId, "name" to name, "is_billable" to isBillable, "bill_by" to billBy,
            "budget_by" to budgetBy, "budget" to budget, "hourly_rate" to hourlyRate,
        ) + fields,
        Project::from,
    )
    public suspend fun update(projectId: Long, fields: Map<String, Any?>): Project = h.one("updateProject", listOf(projectId), fields, Project::from)
    public suspend fun delete(projectId: Long): Unit = h.unit("deleteProject", listOf(projectId))
}

/** Task assignments: <https://help.getharvest.com/api-v2/projects-api/projects/task-assignments/> */
public class TaskAssignments internal constructor(private val h: HarvestClient) {
    /** Every project's task assignments. */
    @JvmOverloads public fun list(isActive: Boolean? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<TaskAssignment> =
        h.list("listTaskAssignments", emptyList(), params("is_active" to isActive) + filters, TaskAssignment::from)
    /** One project's task assignments. */
    @JvmOverloads public fun listForProject(projectId: Long, isActive: Boolean? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<TaskAssignment> =
        h.list("listTaskAssignmentsForSpecificProject", listOf(projectId), params("is_active" to isActive) + filters, TaskAssignment::from)
    public suspend fun get(projectId: Long, taskAssignmentId: Long): TaskAssignment =
        h.one("retrieveTaskAssignment", listOf(projectId, taskAssignmentId), null, TaskAssignment::from)
    public suspend fun create(projectId: Long, taskId: Long, fields: Map<String, Any?> = emptyMap()): TaskAssignment =
        h.one("createTaskAssignment", listOf(projectId), params("task_id" to taskId) + fields, TaskAssignment::from)
    public suspend fun update(projectId: Long, taskAssignmentId: Long, fields: Map<String, Any?>): TaskAssignment =
        h.one("updateTaskAssignment", listOf(projectId, taskAssignmentId), fields, TaskAssignment::from)
    public suspend fun delete(projectId: Long, taskAssignmentId: Long): Unit = h.unit("deleteTaskAssignment", listOf(projectId, taskAssignmentId))
}

/** User assignments: <https://help.getharvest.com/api-v2/projects-api/projects/user-assignments/> */
public class UserAssignments internal constructor(private val h: HarvestClient) {
    /** Every project's user assignments. */
    @JvmOverloads public fun list(userId: Long? = null, isActive: Boolean? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<UserAssignment> =
        h.list("listUserAssignments", emptyList(), params("user_id" to userId, "is_active" to isActive) + filters, UserAssignment::from)
    /** One project's user assignments. */
    @JvmOverloads public fun listForProject(projectId: Long, userId: Long? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<UserAssignment> =
        h.list("listUserAssignmentsForSpecificProject", listOf(projectId), params("user_id" to userId) + filters, UserAssignment::from)
    public suspend fun get(projectId: Long, userAssignmentId: Long): UserAssignment =
        h.one("retrieveUserAssignment", listOf(projectId, userAssignmentId), null, UserAssignment::from)
    public suspend fun create(projectId: Long, userId: Long, fields: Map<String, Any?> = emptyMap()): UserAssignment =
        h.one("createUserAssignment", listOf(projectId), params("user_id" to userId) + fields, UserAssignment::from)
    public suspend fun update(projectId: Long, userAssignmentId: Long, fields: Map<String, Any?>): UserAssignment =
        h.one("updateUserAssignment", listOf(projectId, userAssignmentId), fields, UserAssignment::from)
    public suspend fun delete(projectId: Long, userAssignmentId: Long): Unit = h.unit("deleteUserAssignment", listOf(projectId, userAssignmentId))
}

/** Reports: <https://help.getharvest.com/api-v2/reports-api/reports/> (Harvest allows 100 report requests per 15 minutes). */
public class Reports internal constructor(private val h: HarvestClient) {
    private fun time(op: String, from: LocalDate, to: LocalDate) =
        h.list(op, emptyList(), params("from" to from, "to" to to), TimeReportsResult::from)
    private fun expenses(op: String, from: LocalDate, to: LocalDate) =
        h.list(op, emptyList(), params("from" to from, "to" to to), ExpenseReportsResult::from)

    public fun clientsTime(from: LocalDate, to: LocalDate): HarvestList<TimeReportsResult> = time("clientsTimeReport", from, to)
    public fun projectsTime(from: LocalDate, to: LocalDate): HarvestList<TimeReportsResult> = time("projectsTimeReport", from, to)
    public fun tasksTime(from: LocalDate, to: LocalDate): HarvestList<TimeReportsResult> = time("tasksReport", from, to)
    public fun teamTime(from: LocalDate, to: LocalDate): HarvestList<TimeReportsResult> = time("teamTimeReport", from, to)
    public fun clientsExpenses(from: LocalDate, to: LocalDate): HarvestList<ExpenseReportsResult> = expenses("clientsExpensesReport", from, to)
    public fun projectsExpenses(from: LocalDate, to: LocalDate): HarvestList<ExpenseReportsResult> = expenses("projectsExpensesReport", from, to)
    public fun categoriesExpenses(from: LocalDate, to: LocalDate): HarvestList<ExpenseReportsResult> = expenses("expenseCategoriesReport", from, to)
    public fun teamExpenses(from: LocalDate, to: LocalDate): HarvestList<ExpenseReportsResult> = expenses("teamExpensesReport", from, to)
    /** What is tracked but not yet invoiced, per project. */
    public fun uninvoiced(from: LocalDate, to: LocalDate): HarvestList<UninvoicedReportResult> =
        h.list("uninvoicedReport", emptyList(), params("from" to from, "to" to to), UninvoicedReportResult::from)
    /** Each project's budget, spent and remaining. */
    @JvmOverloads public fun projectBudget(isActive: Boolean? = null): HarvestList<ProjectBudgetReportResult> =
        h.list("projectBudgetReport", emptyList(), params("is_active" to isActive), ProjectBudgetReportResult::from)
}

/** Roles: <https://help.getharvest.com/api-v2/roles-api/roles/roles/> */
public class Roles internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(filters: Map<String, Any?> = emptyMap()): HarvestList<Role> = h.list("listRoles", emptyList(), filters, Role::from)
    public suspend fun get(roleId: Long): Role = h.one("retrieveRole", listOf(roleId), null, Role::from)
    public suspend fun create(name: String, userIds: List<Long> = emptyList()): Role =
        h.one("createRole", emptyList(), params("name" to name, "user_ids" to userIds), Role::from)
    public suspend fun update(roleId: Long, fields: Map<String, Any?>): Role = h.one("updateRole", listOf(roleId), fields, Role::from)
    public suspend fun delete(roleId: Long): Unit = h.unit("deleteRole", listOf(roleId))
}

/** Tasks: <https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/> */
public class Tasks internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(isActive: Boolean? = null, updatedSince: Instant? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<Task> =
        h.list("listTasks", emptyList(), params("is_active" to isActive, "updated_since" to updatedSince) + filters, Task::from)
    public suspend fun get(taskId: Long): Task = h.one("retrieveTask", listOf(taskId), null, Task::from)
    public suspend fun create(name: String, fields: Map<String, Any?> = emptyMap()): Task = h.one("createTask", emptyList(), params("name" to name) + fields, Task::from)
    public suspend fun update(taskId: Long, fields: Map<String, Any?>): Task = h.one("updateTask", listOf(taskId), fields, Task::from)
    public suspend fun delete(taskId: Long): Unit = h.unit("deleteTask", listOf(taskId))
}

/** Time entries: <https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/> */
public class TimeEntries internal constructor(private val h: HarvestClient) {
    /** The time entries (admins see everyone's: filter by [userId]). */
    @JvmOverloads public fun list(
        userId: Long? = null, clientId: Long? = null, projectId: Long? = null, taskId: Long? = null,
        isBilled: Boolean? = null, isRunning: Boolean? = null, from: LocalDate? = null, to: LocalDate? = null,
        updatedSince: Instant? = null, perPage: Int? = null, filters: Map<String, Any?> = emptyMap(),
    ): HarvestList<TimeEntry> = h.list(
        "listTimeEntries", emptyList(),
        params(
            "user_id" to userId, "client_id" to clientId, "project_id" to projectId, "task_id" to taskId,
            "is_billed" to isBilled, "is_running" to isRunning, "from" to from, "to" to to,
            "updated_since" to updatedSince, "per_page" to perPage,
        ) + filters,
        TimeEntry::from,
    )
    public suspend fun get(timeEntryId: Long): TimeEntry = h.one("retrieveTimeEntry", listOf(timeEntryId), null, TimeEntry::from)
    /**
     * Creates a time entry; without [hours] it starts a timer. With an `external_reference`
     * (in [fields]) a create whose answer was lost is looked up instead of repeated.
     */
    public suspend fun create(
        projectId: Long, taskId: Long, spentDate: LocalDate, hours: BigDecimal? = null, notes: String? = null,
        userId: Long? = null, fields: Map<String, Any?> = emptyMap(),
    ): TimeEntry = h.one(
        "createTimeEntry", emptyList(),
        params("project_id" to projectId, "task_id" to taskId, "spent_date" to spentDate, "hours" to hours, "notes" to notes, "user_id" to userId) + fields,
        TimeEntry::from,
    )
    public suspend fun update(timeEntryId: Long, hours: BigDecimal? = null, notes: String? = null, fields: Map<String, Any?> = emptyMap()): TimeEntry =
        h.one("updateTimeEntry", listOf(timeEntryId), params("hours" to hours, "notes" to notes) + fields, TimeEntry::from)
    public suspend fun delete(timeEntryId: Long): Unit = h.unit("deleteTimeEntry", listOf(timeEntryId))
    public suspend fun deleteExternalReference(timeEntryId: Long): Unit = h.unit("deleteTimeEntryExternalReference", listOf(timeEntryId))
    /** Stops a running timer. */
    public suspend fun stop(timeEntryId: Long): TimeEntry = h.one("stopRunningTimeEntry", listOf(timeEntryId), null, TimeEntry::from)
    /** Restarts a stopped timer. */
    public suspend fun restart(timeEntryId: Long): TimeEntry = h.one("restartStoppedTimeEntry", listOf(timeEntryId), null, TimeEntry::from)
}

/** Users: <https://help.getharvest.com/api-v2/users-api/users/users/> */
public class Users internal constructor(private val h: HarvestClient) {
    @JvmOverloads public fun list(isActive: Boolean? = null, updatedSince: Instant? = null, filters: Map<String, Any?> = emptyMap()): HarvestList<User> =
        h.list("listUsers", emptyList(), params("is_active" to isActive, "updated_since" to updatedSince) + filters, User::from)
    /** The user the token belongs to. */
    public suspend fun me(): User = h.one("retrieveTheCurrentlyAuthenticatedUser", emptyList(), null, User::from)
    public suspend fun get(userId: Long): User = h.one("retrieveUser", listOf(userId), null, User::from)
    public suspend fun create(firstName: String, lastName: String, email: String, fields: Map<String, Any?> = emptyMap()): User =
        h.one("createUser", emptyList(), params("first_name" to firstName, "last_name" to lastName, "email" to email) + fields, User::from)
    public suspend fun update(userId: Long, fields: Map<String, Any?>): User = h.one("updateUser", listOf(userId), fields, User::from)
    public suspend fun delete(userId: Long): Unit = h.unit("deleteUser", listOf(userId))
    /** The token's user's active project assignments. */
    public fun myProjectAssignments(): HarvestList<ProjectAssignment> =
        h.list("listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser", emptyList(), null, ProjectAssignment::from)
    /** A user's active project assignments. */
    public fun projectAssignments(userId: Long): HarvestList<ProjectAssignment> =
        h.list("listActiveProjectAssignments", listOf(userId), null, ProjectAssignment::from)
    public fun billableRates(userId: Long): HarvestList<BillableRate> = h.list("listBillableRatesForSpecificUser", listOf(userId), null, BillableRate::from)
    public suspend fun createBillableRate(userId: Long, amount: BigDecimal, startDate: LocalDate? = null): BillableRate =
        h.one("createBillableRate", listOf(userId), params("amount" to amount, "start_date" to startDate), BillableRate::from)
    public fun costRates(userId: Long): HarvestList<CostRate> = h.list("listCostRatesForSpecificUser", listOf(userId), null, CostRate::from)
    public suspend fun createCostRate(userId: Long, amount: BigDecimal, startDate: LocalDate? = null): CostRate =
        h.one("createCostRate", listOf(userId), params("amount" to amount, "start_date" to startDate), CostRate::from)
    public fun teammates(userId: Long): HarvestList<Teammate> = h.list("listAssignedTeammatesForSpecificUser", listOf(userId), null, Teammate::from)
    public suspend fun updateTeammates(userId: Long, teammateIds: List<Long>): TeammatesPatchResponse =
        h.one("updateUserAssignedTeammates", listOf(userId), params("teammate_ids" to teammateIds), TeammatesPatchResponse::from)
}
