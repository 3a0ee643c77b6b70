import Foundation

// The jobs Harvest makes multi-step, as one call each (the same as the Kotlin and Rust clients').

private func invalidInput(_ message: String) -> HarvestError {
    HarvestError.InvalidInput(code: "invalid_input", detail: message, status: nil, retryAtMs: nil, retryAfterMs: nil)
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
    /// The projects of `clientId` with uninvoiced hours between `from` and `to`.
    public func uninvoicedProjects(clientId: Int64, from: CalendarDate, to: CalendarDate) async throws -> [UninvoicedReportResult] {
        var rows: [UninvoicedReportResult] = []
        for try await row in reports.uninvoiced(from: from, to: to) where row.clientId == clientId && (row.uninvoicedHours ?? 0) > 0 {
            rows.append(row)
        }
        return rows
    }

    /// Creates a draft invoice whose lines Harvest imports from the tracked time of `projectIds`
    /// (all projects with uninvoiced hours when empty) between `from` and `to`; that time becomes billed.
    public func invoiceFromTrackedTime(clientId: Int64, projectIds: [Int64] = [], from: CalendarDate, to: CalendarDate) async throws -> Invoice {
        var ids = projectIds
        if ids.isEmpty {
            ids = try await uninvoicedProjects(clientId: clientId, from: from, to: to).compactMap(\.projectId)
            if ids.isEmpty { throw invalidInput("client \(clientId) has no uninvoiced hours between \(from) and \(to)") }
        }
        let time: Fields = ["summary_type": "project", "from": from, "to": to]
        let lineItemsImport: Fields = ["project_ids": ids, "time": time]
        return try await invoices.create(clientId: clientId, fields: ["line_items_import": lineItemsImport])
    }

    /// Marks a draft invoice as sent without emailing anyone.
    public func markInvoiceSent(_ invoiceId: Int64) async throws -> InvoiceMessage {
        try await invoices.createMessage(invoiceId, fields: ["event_type": InvoiceEventType.send])
    }

    /// Emails the invoice (Harvest's default subject and body, PDF attached), which also marks it sent.
    public func sendInvoice(_ invoiceId: Int64, to recipients: [Recipient]) async throws -> InvoiceMessage {
        if recipients.isEmpty { throw invalidInput("an invoice is sent to at least one recipient") }
        let to: [Any?] = recipients.map { params(("email", $0.email), ("name", $0.name)) }
        return try await invoices.createMessage(invoiceId, fields: ["recipients": to, "attach_pdf": true])
    }

    /// Records a payment, without the thank-you email Harvest would otherwise send.
    public func recordPayment(_ invoiceId: Int64, amount: Decimal, paidDate: CalendarDate) async throws -> InvoicePayment {
        if amount <= 0 { throw invalidInput("a payment amount must be positive, not \(amount)") }
        return try await invoices.createPayment(invoiceId, amount: amount, paidDate: paidDate, fields: ["send_thank_you": false])
    }

    /// Logs `hours` on a project's task for a day, as the token's user.
    public func logTime(projectId: Int64, taskId: Int64, spentDate: CalendarDate, hours: Decimal, notes: String? = nil) async throws -> TimeEntry {
        if hours <= 0 { throw invalidInput("hours must be positive, not \(hours)") }
        return try await timeEntries.create(projectId: projectId, taskId: taskId, spentDate: spentDate, hours: hours, notes: notes)
    }

    /// Each active project's budget, spent and remaining.
    public func budgetReport() async throws -> [ProjectBudgetReportResult] {
        try await reports.projectBudget(isActive: true).all()
    }

    /// The user and the accounts the token reaches (on Harvest ID; no account id needed).
    public func accounts() async throws -> Accounts { try await one("listAccounts", [], nil, Accounts.init) }
}
