import Foundation
import XCTest
@testable import Harvest

/// End-to-end against the sandbox over real HTTP (mirrors the Kotlin SandboxTest and PaginationTest).
final class SandboxTests: XCTestCase {
    func testEveryResourceFamilyReadsAndWrites() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let value1 = try await h.company.get().name
        XCTAssertEqual(value1, "Sandbox Studio")
        let value2 = try await h.users.me().accessRoles.contains(.administrator)
        XCTAssertTrue(value2)
        let value3 = try await h.users.list().all().count
        XCTAssertGreaterThanOrEqual(value3, 4)
        let value4 = try await h.roles.list().all().contains { $0.name == "Developer" }
        XCTAssertTrue(value4)
        let value5 = try await h.clients.list(isActive: true).all().contains { $0.name == "ABC Corp" }
        XCTAssertTrue(value5)

        let client = try await h.clients.create(name: "Swift Test Client", currency: "EUR")
        XCTAssertEqual(client.currency, "EUR")
        let contact = try await h.contacts.create(clientId: client.id, firstName: "Ada", lastName: "Lovelace")
        XCTAssertEqual(contact.client.id, client.id)
        let task = try await h.tasks.create(name: "Swift Testing")
        let project = try await h.projects.create(clientId: client.id, name: "Swift Project", isBillable: true, billBy: .project, budgetBy: .none, hourlyRate: 100)
        _ = try await h.taskAssignments.create(projectId: project.id, taskId: task.id)
        let value6 = try await h.userAssignments.list(projectId: project.id).all().isEmpty
        XCTAssertFalse(value6)
        let entry = try await h.timeEntries.create(projectId: project.id, taskId: task.id, spentDate: CalendarDate(year: 2024, month: 3, day: 4), hours: Decimal(string: "1.25"))
        XCTAssertEqual(entry.hours, Decimal(string: "1.25"))
        let timer = try await h.timeEntries.create(projectId: project.id, taskId: task.id, spentDate: .today())
        XCTAssertTrue(timer.isRunning)
        let value7 = try await h.timeEntries.stop(timer.id).isRunning
        XCTAssertFalse(value7)
        try await h.timeEntries.delete(timer.id)
        do {
            _ = try await h.timeEntries.get(timer.id)
            XCTFail("a deleted entry is gone")
        } catch let error as HarvestError {
            XCTAssertEqual(error.code, "not_found")
        }
        var categories = h.expenses.categories().makeAsyncIterator()
        let firstCategory = try await categories.next()
        let category = try XCTUnwrap(firstCategory)
        let expense = try await h.expenses.create(projectId: project.id, expenseCategoryId: category.id, spentDate: CalendarDate(year: 2024, month: 3, day: 5), totalCost: Decimal(string: "12.34"))
        XCTAssertEqual(expense.totalCost, Decimal(string: "12.34"))
        let lineItems: [Any?] = [["kind": "Service", "unit_price": Decimal(100), "quantity": 2] as [String: Any?]]
        let estimate = try await h.estimates.create(clientId: client.id, fields: ["line_items": lineItems])
        XCTAssertEqual(estimate.amount, 200)
        let from = CalendarDate(year: 2024, month: 1, day: 1), to = CalendarDate(year: 2024, month: 12, day: 31)
        let value8 = try await h.reports.projectsTime(from: from, to: to).all().contains { $0.projectId == project.id }
        XCTAssertTrue(value8)
        let value9 = try await h.reports.uninvoiced(from: from, to: to).all().contains { $0.projectId == project.id }
        XCTAssertTrue(value9)
        let value10 = try await h.budgetReport().contains { $0.projectName == "Marketing Website" }
        XCTAssertTrue(value10)
    }

    func testTheInvoiceWorkflowBillsTrackedTimeIsSentAndPaid() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let h = try sandbox.client()
        let customer = try await h.clients.create(name: "Invoice Workflow Client")
        let tasks = try await h.tasks.list().all()
        let programming = try XCTUnwrap(tasks.first { $0.name == "Programming" })
        let project = try await h.projects.create(clientId: customer.id, name: "Invoiced Project", isBillable: true, billBy: .project, budgetBy: .none, hourlyRate: 80)
        let day = CalendarDate(year: 2024, month: 4, day: 2)
        _ = try await h.logTime(projectId: project.id, taskId: programming.id, spentDate: day, hours: Decimal(string: "1.5")!)
        _ = try await h.logTime(projectId: project.id, taskId: programming.id, spentDate: CalendarDate(year: 2024, month: 4, day: 3), hours: 2)
        let invoice = try await h.invoiceFromTrackedTime(clientId: customer.id, from: CalendarDate(year: 2024, month: 4, day: 1), to: CalendarDate(year: 2024, month: 4, day: 30))
        XCTAssertEqual(invoice.state, .draft)
        XCTAssertEqual(invoice.amount, 280)
        _ = try await h.markInvoiceSent(invoice.id)
        let value11 = try await h.invoices.get(invoice.id).state
        XCTAssertEqual(value11, .open)
        _ = try await h.recordPayment(invoice.id, amount: 280, paidDate: CalendarDate(year: 2024, month: 4, day: 12))
        let value12 = try await h.invoices.get(invoice.id).state
        XCTAssertEqual(value12, .paid)
    }

    func testA503OnAReadIsRetriedAndCancellationLeavesTheClientUsable() async throws {
        let sandbox = try Sandbox(["--seed", "demo", "--faults", "--no-rate-limit"])
        let h = try sandbox.client()
        try await sandbox.fault(#"{"method":"GET","path":"/v2/company","times":2,"fault":"status","status":503}"#)
        let value13 = try await h.company.get().name
        XCTAssertEqual(value13, "Sandbox Studio")
        try await sandbox.fault(#"{"method":"GET","path":"/v2/users/me","times":1,"fault":"stall","ms":10000}"#)
        let stalled = Task { try await h.users.me() }
        try await Task.sleep(nanoseconds: 300_000_000)
        stalled.cancel()
        let started = Date()
        let outcome = await stalled.result
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "cancellation ends the call")
        if case .success = outcome { XCTFail("a cancelled call does not succeed") }
        let value14 = try await h.users.me().id
        XCTAssertGreaterThan(value14, 0)
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

    func testAUserSuppliedTransportCarriesEveryRequest() async throws {
        final class Counting: HarvestTransport, @unchecked Sendable {
            let inner = URLSessionTransport()
            var seen: [String] = []
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                seen.append(request.description)
                return try await inner.send(request)
            }
        }
        let sandbox = try Sandbox(["--seed", "demo", "--no-rate-limit"])
        let transport = Counting()
        let h = try sandbox.client(transport: transport)
        let value16 = try await h.company.get().name
        XCTAssertEqual(value16, "Sandbox Studio")
        XCTAssertEqual(transport.seen.count, 1)
        XCTAssertFalse(transport.seen.contains { $0.contains(sandbox.accessToken) })
    }
}
