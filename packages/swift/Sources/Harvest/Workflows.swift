import Foundation

// The jobs Harvest makes multi-step, as one call each (the same as the Kotlin and Rust clients').

private func invalidInput(_ message: String) -> HarvestError {
    HarvestError.InvalidInput(code: "invalid_input", detail: message, status: nil, retryAtMs: nil, retryAfterMs: nil)
}

/// What an invoice from tracked time would bill, read from the uninvoiced report.
public struct UninvoicedPreview: Sendable {
    public let clientId: Int64
    public let from: CalendarDate
    public let to: CalendarDate
    /// One row per project with something uninvoiced.
    public let projects: [UninvoicedReportResult]
    public let hours: Decimal
    public let expenses: Decimal
    /// Hours at their rates, plus expenses.
    public let amount: Decimal
    public let currency: String?

    /// The projects with uninvoiced hours.
    public var projectIds: [Int64] {
        projects.filter { ($0.uninvoicedHours ?? 0) > 0 }.compactMap(\.projectId)
    }
}

/// An email recipient of an invoice.
public struct Recipient: Sendable {
    public var email: String
    public var name: String?
    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}

extension HarvestClient {
    /// What `invoiceFromTrackedTime` would bill: the uninvoiced report for the client's projects
    /// (all of them when `projectIds` is empty).
    public func previewUninvoiced(clientId: Int64, projectIds: [Int64] = [], from: CalendarDate, to: CalendarDate) async throws -> UninvoicedPreview {
        var found: [UninvoicedReportResult] = []
        for try await row in reports.uninvoiced(from: from, to: to) where row.clientId == clientId {
            if projectIds.isEmpty || projectIds.contains(where: { $0 == row.projectId }) { found.append(row) }
        }
        let rows = found
        func sum(_ field: (UninvoicedReportResult) -> Decimal?) -> Decimal { rows.compactMap(field).reduce(0, +) }
        return UninvoicedPreview(
            clientId: clientId, from: from, to: to, projects: rows,
            hours: sum { $0.uninvoicedHours },
            expenses: sum { $0.uninvoicedExpenses },
            amount: sum { $0.uninvoicedAmount },
            currency: rows.compactMap(\.currency).first
        )
    }

    /// Creates a draft invoice whose lines Harvest imports from the tracked time of `projectIds`
    /// between `from` and `to` (one line per project); that time becomes billed. With no
    /// `projectIds`, the projects with uninvoiced hours are used, and nothing is created if there
    /// are none (`invalid_input`).
    public func invoiceFromTrackedTime(clientId: Int64, projectIds: [Int64] = [], from: CalendarDate, to: CalendarDate) async throws -> Invoice {
        var ids = projectIds
        if ids.isEmpty {
            ids = try await previewUninvoiced(clientId: clientId, from: from, to: to).projectIds
            if ids.isEmpty { throw invalidInput("client \(clientId) has no uninvoiced hours between \(from) and \(to)") }
        }
        let time: Fields = ["summary_type": "project", "from": from, "to": to]
        let lineItemsImport: Fields = ["project_ids": ids, "time": time]
        return try await invoices.create(clientId: clientId, fields: ["line_items_import": lineItemsImport])
    }

    /// Marks a draft invoice as sent without emailing anyone.
    public func markInvoiceSent(_ invoiceId: Int64) async throws -> InvoiceMessage {
        try await invoices.messages.create(invoiceId, fields: ["event_type": InvoiceEventType.send])
    }

    /// Emails the invoice (Harvest's default subject and body, PDF attached), which also marks it sent.
    public func sendInvoice(_ invoiceId: Int64, to recipients: [Recipient]) async throws -> InvoiceMessage {
        if recipients.isEmpty { throw invalidInput("an invoice is sent to at least one recipient") }
        let to: [Any?] = recipients.map { params(("email", $0.email), ("name", $0.name)) }
        return try await invoices.messages.create(invoiceId, fields: ["recipients": to, "attach_pdf": true])
    }

    /// Records a payment, without the thank-you email Harvest would otherwise send when it settles the invoice.
    public func recordPayment(_ invoiceId: Int64, amount: Decimal, paidDate: CalendarDate) async throws -> InvoicePayment {
        if amount <= 0 { throw invalidInput("a payment amount must be positive, not \(amount)") }
        return try await invoices.payments.create(invoiceId, amount: amount, paidDate: paidDate, fields: ["send_thank_you": false])
    }

    /// Logs `hours` on a project's task for a day, as the token's user.
    public func logTime(projectId: Int64, taskId: Int64, spentDate: CalendarDate, hours: Decimal, notes: String? = nil) async throws -> TimeEntry {
        if hours <= 0 { throw invalidInput("hours must be positive, not \(hours)") }
        return try await timeEntries.create(projectId: projectId, taskId: taskId, spentDate: spentDate, hours: hours, notes: notes)
    }

    /// Starts a timer on a project's task for a day (Harvest stops the user's other running timer).
    public func startTimer(projectId: Int64, taskId: Int64, spentDate: CalendarDate) async throws -> TimeEntry {
        try await timeEntries.create(projectId: projectId, taskId: taskId, spentDate: spentDate)
    }

    /// Stops the token's user's running timer: `nil` when none was running.
    public func stopRunningTimer() async throws -> TimeEntry? {
        let me = try await users.me()
        var stopped: [TimeEntry] = []
        for running in try await timeEntries.list(userId: me.id, isRunning: true).all() {
            let entry = try await timeEntries.stop(running.id)
            stopped.append(entry)
        }
        return stopped.first
    }

    /// The user and the accounts the token reaches (on Harvest ID; no account id needed).
    public func accounts() async throws -> Accounts { try await one("listAccounts", [], nil, Accounts.init) }

    /// Each active project's budget, spent and remaining.
    public func budgetReport() async throws -> [ProjectBudgetReportResult] {
        try await reports.projectBudget(isActive: true).all()
    }
}
