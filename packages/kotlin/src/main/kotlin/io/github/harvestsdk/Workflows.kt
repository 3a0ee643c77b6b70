package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestException
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.toList
import java.math.BigDecimal
import java.time.LocalDate

// The jobs Harvest makes multi-step, as one call each (the same as the Rust client's workflows).

/** What an invoice from tracked time would bill, read from the uninvoiced report. */
public data class UninvoicedPreview(
    val clientId: Long,
    val from: LocalDate,
    val to: LocalDate,
    /** One row per project with something uninvoiced. */
    val projects: List<UninvoicedReportResult>,
    val hours: BigDecimal,
    val expenses: BigDecimal,
    /** Hours at their rates, plus expenses. */
    val amount: BigDecimal,
    val currency: String?,
) {
    /** The projects with uninvoiced hours. */
    val projectIds: List<Long>
        get() = projects.filter { (it.uninvoicedHours ?: BigDecimal.ZERO) > BigDecimal.ZERO }.mapNotNull { it.projectId }
}

/** An email recipient of an invoice. */
public data class Recipient(val email: String, val name: String? = null)

private fun invalidInput(message: String) =
    HarvestException.InvalidInput(code = "invalid_input", detail = message, status = null, retryAtMs = null, retryAfterMs = null)

/** What [invoiceFromTrackedTime] would bill: the uninvoiced report for the client's projects (all when [projectIds] is empty). */
public suspend fun HarvestClient.previewUninvoiced(clientId: Long, projectIds: List<Long>, from: LocalDate, to: LocalDate): UninvoicedPreview {
    val rows = reports.uninvoiced(from, to)
        .filter { it.clientId == clientId && (projectIds.isEmpty() || it.projectId in projectIds) }
        .toList()
    fun sum(field: (UninvoicedReportResult) -> BigDecimal?) = rows.mapNotNull(field).fold(BigDecimal.ZERO, BigDecimal::add)
    return UninvoicedPreview(
        clientId, from, to, rows,
        hours = sum { it.uninvoicedHours },
        expenses = sum { it.uninvoicedExpenses },
        amount = sum { it.uninvoicedAmount },
        currency = rows.firstNotNullOfOrNull { it.currency },
    )
}

/**
 * Creates a draft invoice whose lines Harvest imports from the tracked time of [projectIds] between
 * [from] and [to] (one line per project); that time becomes billed. With no [projectIds], the
 * projects with uninvoiced hours are used, and nothing is created if there are none
 * (`invalid_input`).
 */
public suspend fun HarvestClient.invoiceFromTrackedTime(clientId: Long, projectIds: List<Long>, from: LocalDate, to: LocalDate): Invoice {
    val ids = projectIds.ifEmpty {
        previewUninvoiced(clientId, emptyList(), from, to).projectIds.ifEmpty {
            throw invalidInput("client $clientId has no uninvoiced hours between $from and $to")
        }
    }
    val import = mapOf("project_ids" to ids, "time" to mapOf("summary_type" to "project", "from" to from, "to" to to))
    return invoices.create(clientId, mapOf("line_items_import" to import))
}

/** Marks a draft invoice as sent without emailing anyone. */
public suspend fun HarvestClient.markInvoiceSent(invoiceId: Long): InvoiceMessage =
    invoices.messages.create(invoiceId, mapOf("event_type" to InvoiceEventType.Send))

/** Emails the invoice (Harvest's default subject and body, PDF attached), which also marks it sent. */
public suspend fun HarvestClient.sendInvoice(invoiceId: Long, recipients: List<Recipient>): InvoiceMessage {
    if (recipients.isEmpty()) throw invalidInput("an invoice is sent to at least one recipient")
    val to = recipients.map { params("email" to it.email, "name" to it.name) }
    return invoices.messages.create(invoiceId, mapOf("recipients" to to, "attach_pdf" to true))
}

/** Records a payment, without the thank-you email Harvest would otherwise send when it settles the invoice. */
public suspend fun HarvestClient.recordPayment(invoiceId: Long, amount: BigDecimal, paidDate: LocalDate): InvoicePayment {
    if (amount.signum() <= 0) throw invalidInput("a payment amount must be positive, not ${amount.toPlainString()}")
    return invoices.payments.create(invoiceId, amount, paidDate, mapOf("send_thank_you" to false))
}

/** Logs [hours] on a project's task for a day, as the token's user. */
public suspend fun HarvestClient.logTime(projectId: Long, taskId: Long, spentDate: LocalDate, hours: BigDecimal, notes: String? = null): TimeEntry {
    if (hours.signum() <= 0) throw invalidInput("hours must be positive, not ${hours.toPlainString()}")
    return timeEntries.create(projectId, taskId, spentDate, hours, notes)
}

/** Starts a timer on a project's task for a day (Harvest stops the user's other running timer). */
public suspend fun HarvestClient.startTimer(projectId: Long, taskId: Long, spentDate: LocalDate): TimeEntry =
    timeEntries.create(projectId, taskId, spentDate)

/** Stops the token's user's running timer: `null` when none was running. */
public suspend fun HarvestClient.stopRunningTimer(): TimeEntry? {
    val me = users.me()
    return timeEntries.list(userId = me.id, isRunning = true).toList().map { timeEntries.stop(it.id) }.firstOrNull()
}

/** The user and the accounts the token reaches (on Harvest ID; no account id needed). */
public suspend fun HarvestClient.accounts(): Accounts = one("listAccounts", emptyList(), null, Accounts::from)

/** Each active project's budget, spent and remaining. */
public suspend fun HarvestClient.budgetReport(): List<ProjectBudgetReportResult> = reports.projectBudget(isActive = true).toList()
