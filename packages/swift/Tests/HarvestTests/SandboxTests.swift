import Foundation
import XCTest
@testable import Harvest

/// End-to-end against the sandbox over real HTTP (mirrors the Kotlin SandboxTest and PaginationTest).
/// Each awaited value is bound before it is asserted: XCTest's assertions take autoclosures, which cannot await.
final class SandboxTests: XCTestCase {
    func testEveryResourceFamilyReadsAndWrites() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let company = try await h.company.get()
        XCTAssertEqual(company.name, "Sandbox Studio")
        let me = try await h.users.me()
        XCTAssertTrue(me.accessRoles.contains(.administrator), "the sandbox token is the admin's: \(me.accessRoles)")
        let users = try await h.users.list().all()
        XCTAssertGreaterThanOrEqual(users.count, 4)
        let roles = try await h.roles.list().all()
        XCTAssertTrue(roles.contains { $0.name == "Developer" })

        let clients = try await h.clients.list(isActive: true).all()
        XCTAssertTrue(clients.contains { $0.name == "ABC Corp" })
        let client = try await h.clients.create(name: "Swift Test Client", currency: "EUR")
        XCTAssertEqual(client.currency, "EUR")
        let renamed = try await h.clients.update(client.id, fields: ["name": "Swift Test Client (renamed)"])
        XCTAssertEqual(renamed.name, "Swift Test Client (renamed)")
        let contact = try await h.contacts.create(clientId: client.id, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com")
        XCTAssertEqual(contact.client.id, client.id)
        let contacts = try await h.contacts.list(clientId: client.id).all()
        XCTAssertTrue(contacts.contains { $0.id == contact.id })

        let task = try await h.tasks.create(name: "Swift Testing", fields: ["default_hourly_rate": Decimal(string: "95.50")])
        XCTAssertEqual(task.defaultHourlyRate, Decimal(string: "95.5"))
        let project = try await h.projects.create(clientId: client.id, name: "Swift Project", isBillable: true, billBy: .project, budgetBy: .project, budget: 40, hourlyRate: 100)
        XCTAssertEqual(project.budgetBy, .project)
        let ta = try await h.taskAssignments.create(projectId: project.id, taskId: task.id)
        XCTAssertEqual(ta.task?.id, task.id)
        let projectTasks = try await h.taskAssignments.listForProject(project.id).all()
        XCTAssertTrue(projectTasks.contains { $0.id == ta.id })
        let sameTa = try await h.taskAssignments.get(projectId: project.id, taskAssignmentId: ta.id)
        XCTAssertEqual(sameTa.task?.id, task.id)
        let projectUsers = try await h.userAssignments.listForProject(project.id).all()
        XCTAssertFalse(projectUsers.isEmpty, "the creator is assigned")

        let day = CalendarDate(year: 2024, month: 3, day: 4)
        let entry = try await h.timeEntries.create(projectId: project.id, taskId: task.id, spentDate: day, hours: Decimal(string: "1.25"), notes: "from Swift")
        XCTAssertEqual(entry.spentDate, day)
        XCTAssertEqual(entry.hours, Decimal(string: "1.25"))
        let edited = try await h.timeEntries.update(entry.id, notes: "edited")
        XCTAssertEqual(edited.notes, "edited")
        let reread = try await h.timeEntries.get(entry.id)
        XCTAssertEqual(reread.notes, "edited")
        let timer = try await h.startTimer(projectId: project.id, taskId: task.id, spentDate: .today())
        XCTAssertTrue(timer.isRunning)
        let stopped = try await h.timeEntries.stop(timer.id)
        XCTAssertFalse(stopped.isRunning)
        let restarted = try await h.timeEntries.restart(timer.id)
        XCTAssertTrue(restarted.isRunning)
        let stoppedByWorkflow = try await h.stopRunningTimer()
        XCTAssertNotNil(stoppedByWorkflow)
        try await h.timeEntries.delete(timer.id)
        do {
            _ = try await h.timeEntries.get(timer.id)
            XCTFail("a deleted entry is gone")
        } catch let error as HarvestError {
            XCTAssertEqual(error.code, "not_found")
        }

        let categories = try await h.expenses.categories.list().all()
        let category = try XCTUnwrap(categories.first)
        let expense = try await h.expenses.create(projectId: project.id, expenseCategoryId: category.id, spentDate: CalendarDate(year: 2024, month: 3, day: 5), totalCost: Decimal(string: "12.34"))
        XCTAssertEqual(expense.totalCost, Decimal(string: "12.34"))
        let expenses = try await h.expenses.list(projectId: project.id).all()
        XCTAssertTrue(expenses.contains { $0.id == expense.id })

        let lineItems: [Any?] = [["kind": "Service", "unit_price": Decimal(100), "quantity": 2] as [String: Any?]]
        let estimate = try await h.estimates.create(clientId: client.id, fields: ["subject": "Swift estimate", "line_items": lineItems])
        XCTAssertEqual(estimate.amount, 200)
        let message = try await h.estimates.messages.create(estimate.id, fields: ["event_type": "send"])
        let estimateState = try await h.estimates.get(estimate.id).state
        XCTAssertEqual(estimateState, .sent)
        let messages = try await h.estimates.messages.list(estimate.id).all()
        XCTAssertEqual(messages.map(\.id), [message.id])
        try await h.estimates.messages.delete(estimateId: estimate.id, messageId: message.id)
        let messagesLeft = try await h.estimates.messages.list(estimate.id).all()
        XCTAssertTrue(messagesLeft.isEmpty)
        let estimateCategories = try await h.estimates.itemCategories.list().all()
        XCTAssertFalse(estimateCategories.isEmpty)
        let invoiceCategories = try await h.invoices.itemCategories.list().all()
        XCTAssertFalse(invoiceCategories.isEmpty)

        let from = CalendarDate(year: 2024, month: 1, day: 1), to = CalendarDate(year: 2024, month: 12, day: 31)
        let projectsTime = try await h.reports.projectsTime(from: from, to: to).all()
        XCTAssertTrue(projectsTime.contains { $0.projectId == project.id })
        let projectsExpenses = try await h.reports.projectsExpenses(from: from, to: to).all()
        XCTAssertTrue(projectsExpenses.contains { $0.projectId == project.id })
        let uninvoiced = try await h.reports.uninvoiced(from: from, to: to).all()
        XCTAssertTrue(uninvoiced.contains { $0.projectId == project.id })
        let budgets = try await h.budgetReport()
        XCTAssertTrue(budgets.contains { $0.projectId == project.id && $0.budget == 40 })

        try await h.timeEntries.delete(entry.id)
        try await h.expenses.delete(expense.id)
        try await h.estimates.delete(estimate.id)
        try await h.contacts.delete(contact.id)
    }

    func testCategoriesAndRolesAreCreatedReadUpdatedAndDeleted() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        func assertGone(_ what: String, _ read: () async throws -> Void) async {
            do {
                try await read()
                XCTFail("\(what) is gone")
            } catch let error as HarvestError {
                XCTAssertEqual(error.code, "not_found", what)
            } catch {
                XCTFail("\(what): \(error)")
            }
        }

        let expenseCategory = try await h.expenses.categories.create(name: "Swift Travel")
        let expenseCategoryRenamed = try await h.expenses.categories.update(expenseCategory.id, fields: ["name": "Swift Travel (renamed)"])
        XCTAssertEqual(expenseCategoryRenamed.name, "Swift Travel (renamed)")
        let expenseCategoryRead = try await h.expenses.categories.get(expenseCategory.id)
        XCTAssertEqual(expenseCategoryRead.name, "Swift Travel (renamed)")
        try await h.expenses.categories.delete(expenseCategory.id)
        await assertGone("the expense category") { _ = try await h.expenses.categories.get(expenseCategory.id) }

        let estimateCategory = try await h.estimates.itemCategories.create(name: "Swift Estimate Item")
        let estimateCategoryRenamed = try await h.estimates.itemCategories.update(estimateCategory.id, name: "Swift Estimate Item (renamed)")
        XCTAssertEqual(estimateCategoryRenamed.name, "Swift Estimate Item (renamed)")
        let estimateCategoryRead = try await h.estimates.itemCategories.get(estimateCategory.id)
        XCTAssertEqual(estimateCategoryRead.id, estimateCategory.id)
        try await h.estimates.itemCategories.delete(estimateCategory.id)
        await assertGone("the estimate item category") { _ = try await h.estimates.itemCategories.get(estimateCategory.id) }

        let invoiceCategory = try await h.invoices.itemCategories.create(name: "Swift Invoice Item")
        let invoiceCategoryRenamed = try await h.invoices.itemCategories.update(invoiceCategory.id, name: "Swift Invoice Item (renamed)")
        XCTAssertEqual(invoiceCategoryRenamed.name, "Swift Invoice Item (renamed)")
        let invoiceCategoryRead = try await h.invoices.itemCategories.get(invoiceCategory.id)
        XCTAssertEqual(invoiceCategoryRead.id, invoiceCategory.id)
        try await h.invoices.itemCategories.delete(invoiceCategory.id)
        await assertGone("the invoice item category") { _ = try await h.invoices.itemCategories.get(invoiceCategory.id) }

        let me = try await h.users.me()
        let role = try await h.roles.create(name: "Swift Role", userIds: [me.id])
        XCTAssertEqual(role.userIds, [me.id])
        let roleRenamed = try await h.roles.update(role.id, fields: ["name": "Swift Role (renamed)"])
        XCTAssertEqual(roleRenamed.name, "Swift Role (renamed)")
        let roleRead = try await h.roles.get(role.id)
        XCTAssertEqual(roleRead.name, "Swift Role (renamed)")
        try await h.roles.delete(role.id)
        await assertGone("the role") { _ = try await h.roles.get(role.id) }
    }

    func testUsersTheirRatesProjectAssignmentsAndTeammates() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let users = try await h.users.list().all()
        let bob = try XCTUnwrap(users.first { $0.firstName == "Bob" })
        let carol = try XCTUnwrap(users.first { $0.firstName == "Carol" })
        let dave = try XCTUnwrap(users.first { $0.firstName == "Dave" })

        // The sandbox's Harvest dates are UTC days; a rate may not start in the future.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let today = CalendarDate.today(calendar: utc)
        let billableRates = try await h.users.billableRates(bob.id).all()
        XCTAssertGreaterThanOrEqual(billableRates.count, 2, "the demo seed raised Bob's rate")
        XCTAssertEqual(billableRates.first { $0.endDate == nil }?.amount, 100)
        let billableRate = try await h.users.createBillableRate(bob.id, amount: 120, startDate: today)
        XCTAssertEqual(billableRate.amount, 120)
        XCTAssertEqual(billableRate.startDate, today)
        let billableRatesAfter = try await h.users.billableRates(bob.id).all()
        XCTAssertTrue(billableRatesAfter.contains { $0.id == billableRate.id })
        let costRate = try await h.users.createCostRate(bob.id, amount: 60)
        XCTAssertEqual(costRate.amount, 60)
        let costRates = try await h.users.costRates(bob.id).all()
        XCTAssertEqual(costRates.map(\.id), [costRate.id], "a rate without a start date replaces the others")
        let bobNow = try await h.users.get(bob.id)
        XCTAssertEqual(bobNow.defaultHourlyRate, 120)
        XCTAssertEqual(bobNow.costRate, 60)

        let teammates = try await h.users.teammates(carol.id).all()
        XCTAssertEqual(Set(teammates.map(\.id)), [bob.id, dave.id])
        let patched = try await h.users.updateTeammates(carol.id, teammateIds: [bob.id])
        XCTAssertEqual(patched.teammates.map(\.id), [bob.id])
        let teammatesAfter = try await h.users.teammates(carol.id).all()
        XCTAssertEqual(teammatesAfter.map(\.id), [bob.id])

        let me = try await h.users.me()
        let mine = try await h.users.myProjectAssignments().all()
        XCTAssertTrue(mine.contains { $0.project.name == "Marketing Website" })
        let admins = try await h.users.projectAssignments(me.id).all()
        XCTAssertEqual(Set(admins.map(\.id)), Set(mine.map(\.id)))

        let created = try await h.users.create(firstName: "Swift", lastName: "Tester", email: "swift@example.com")
        XCTAssertEqual(created.email, "swift@example.com")
        let updated = try await h.users.update(created.id, fields: ["telephone": "555-0199"])
        XCTAssertEqual(updated.telephone, "555-0199")
        try await h.users.delete(created.id)
        do {
            _ = try await h.users.get(created.id)
            XCTFail("a deleted user is gone")
        } catch let error as HarvestError {
            XCTAssertEqual(error.code, "not_found")
        }
    }

    func testTheInvoiceWorkflowBillsTrackedTimeIsSentAndPaid() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let customer = try await h.clients.create(name: "Invoice Workflow Client")
        let tasks = try await h.tasks.list().all()
        let programming = try XCTUnwrap(tasks.first { $0.name == "Programming" })
        let project = try await h.projects.create(clientId: customer.id, name: "Invoiced Project", isBillable: true, billBy: .project, budgetBy: .none, hourlyRate: 80)
        let assigned = try await h.taskAssignments.listForProject(project.id).all()
        XCTAssertTrue(assigned.contains { $0.task?.id == programming.id }, "default tasks are assigned to new projects")
        let day = CalendarDate(year: 2024, month: 4, day: 2)
        let first = CalendarDate(year: 2024, month: 4, day: 1), last = CalendarDate(year: 2024, month: 4, day: 30)
        _ = try await h.logTime(projectId: project.id, taskId: programming.id, spentDate: day, hours: Decimal(string: "1.5")!)
        _ = try await h.logTime(projectId: project.id, taskId: programming.id, spentDate: CalendarDate(year: 2024, month: 4, day: 3), hours: 2)

        let preview = try await h.previewUninvoiced(clientId: customer.id, from: first, to: last)
        XCTAssertEqual(preview.projectIds, [project.id])
        XCTAssertEqual(preview.hours, Decimal(string: "3.5"))
        XCTAssertEqual(preview.amount, 280)

        let invoice = try await h.invoiceFromTrackedTime(clientId: customer.id, from: first, to: last)
        XCTAssertEqual(invoice.state, .draft)
        XCTAssertEqual(invoice.amount, 280)
        let entries = try await h.timeEntries.list(projectId: project.id).all()
        XCTAssertTrue(entries.allSatisfy { $0.isBilled }, "imported time is billed")

        let template = try await h.invoices.messages.template(invoice.id)
        XCTAssertEqual(template.invoiceId, invoice.id)
        let sent = try await h.markInvoiceSent(invoice.id)
        let openState = try await h.invoices.get(invoice.id).state
        XCTAssertEqual(openState, .open)
        let messages = try await h.invoices.messages.list(invoice.id).all()
        XCTAssertTrue(messages.contains { $0.id == sent.id })
        let payment = try await h.recordPayment(invoice.id, amount: Decimal(string: "280.00")!, paidDate: CalendarDate(year: 2024, month: 4, day: 12))
        XCTAssertEqual(payment.amount, 280)
        let paidState = try await h.invoices.get(invoice.id).state
        XCTAssertEqual(paidState, .paid)
        let payments = try await h.invoices.payments.list(invoice.id).all()
        XCTAssertEqual(payments.map(\.id), [payment.id])

        do {
            _ = try await h.invoiceFromTrackedTime(clientId: customer.id, from: day, to: day)
            XCTFail("nothing is left to invoice")
        } catch let error as HarvestError {
            XCTAssertEqual(error.code, "invalid_input")
        }
    }

    func testA503OnAReadIsRetriedAndA404IsNotFoundWithItsCode() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--faults", "--no-rate-limit"])
        let h = try sandbox.client()
        try await sandbox.fault(#"{"method":"GET","path":"/v2/company","times":2,"fault":"status","status":503}"#)
        let company = try await h.company.get()
        XCTAssertEqual(company.name, "Sandbox Studio")
        do {
            _ = try await h.projects.get(999_999_999)
            XCTFail("no such project")
        } catch let error as HarvestError {
            XCTAssertEqual(error.code, "not_found")
            XCTAssertEqual(error.status, 404)
            XCTAssertFalse(String(describing: error).contains(sandbox.accessToken), "no token in the error")
        }
    }

    func testAStalledCallIsCancelledAndTheClientStaysUsable() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--faults", "--no-rate-limit"])
        let h = try sandbox.client()
        try await sandbox.fault(#"{"method":"GET","path":"/v2/users/me","times":1,"fault":"stall","ms":10000}"#)
        let stalled = Task { try await h.users.me() }
        try await Task.sleep(nanoseconds: 300_000_000)
        stalled.cancel()
        let started = Date()
        let outcome = await stalled.result
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "cancellation ends the call")
        if case .success = outcome { XCTFail("a cancelled call does not succeed") }
        // Another stalled call, cancelled the same way.
        try await sandbox.fault(#"{"method":"GET","path":"/v2/company","times":1,"fault":"stall","ms":10000}"#)
        let stalledCompany = Task { try await h.company.get() }
        try await Task.sleep(nanoseconds: 200_000_000)
        stalledCompany.cancel()
        let companyOutcome = await stalledCompany.result
        if case .success = companyOutcome { XCTFail("a cancelled call does not succeed") }
        let company = try await h.company.get()
        XCTAssertEqual(company.name, "Sandbox Studio")
        let me = try await h.users.me()
        XCTAssertGreaterThan(me.id, 0)
    }

    func testConcurrentCallsShareOneClient() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let counts = try await withThrowingTaskGroup(of: Int.self, returning: [Int].self) { group in
            for _ in 1...8 {
                group.addTask { try await h.projects.list().all().count }
            }
            var found: [Int] = []
            for try await count in group { found.append(count) }
            return found
        }
        XCTAssertEqual(counts.count, 8)
        XCTAssertEqual(Set(counts).count, 1)
        XCTAssertGreaterThanOrEqual(counts.first ?? 0, 6)
    }

    func testMoreThan10000EntriesPageByPageAndResumed() async throws {
        let sandbox = try Sandbox(["--seed", "empty", "--seed-time-entries", "10500", "--no-rate-limit"])
        let h = try sandbox.client()
        var sizes: [Int] = []
        var ids = Set<Int64>()
        var position = ""
        for try await page in h.timeEntries.list().pages() {
            sizes.append(page.items.count)
            ids.formUnion(page.items.map(\.id))
            if page.number == 2 { position = page.position }
        }
        XCTAssertEqual(sizes, [2000, 2000, 2000, 2000, 2000, 500])
        XCTAssertEqual(ids.count, 10500)
        let value15 = try await h.resume(position: position, convert: TimeEntry.init).all().count
        XCTAssertEqual(value15, 6500)
    }

    func testPagesOfAListAndAnyOperationByItsId() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        XCTAssertEqual(h.accountId, sandbox.accountId)
        var pages: [Page<Client>] = []
        for try await page in h.clients.list(filters: ["per_page": 2]).pages() { pages.append(page) }
        XCTAssertGreaterThanOrEqual(pages.count, 3, "clients in pages of 2")
        let ids = pages.flatMap { $0.items.map(\.id) }
        XCTAssertEqual(Set(ids).count, ids.count)
        let decoded = try await h.call("retrieveCompany")
        XCTAssertEqual(Company(try XCTUnwrap(decoded.model())).name, "Sandbox Studio")
    }

    func testAUserSuppliedTransportCarriesEveryRequest() async throws {
        final class Counting: HarvestTransport, @unchecked Sendable {
            let inner = URLSessionTransport()
            var seen: [String] = []
            var userAgents: [String?] = []
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                seen.append(request.description)
                userAgents.append(request.header("User-Agent"))
                return try await inner.send(request)
            }
        }
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let transport = Counting()
        let h = try sandbox.client(transport: transport)
        let company = try await h.company.get()
        XCTAssertEqual(company.name, "Sandbox Studio")
        var taken = 0
        for try await _ in h.tasks.list() {
            taken += 1
            if taken == 2 { break }
        }
        XCTAssertEqual(taken, 2)
        XCTAssertEqual(transport.seen.count, 2)
        XCTAssertTrue(transport.userAgents.allSatisfy { $0 == Sandbox.userAgent }, "\(transport.userAgents)")
        XCTAssertFalse(transport.seen.contains { $0.contains(sandbox.accessToken) })
    }
}
