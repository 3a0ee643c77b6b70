package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestDecoded
import io.github.harvestsdk.ffi.ModelValue
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.math.BigDecimal
import java.time.LocalDate

/**
 * Blocking calls for Java and for Kotlin code outside coroutines: each one runs the suspending
 * call with `runBlocking` on the calling thread (never call them from a coroutine). [run] runs
 * any suspending code of the client, so everything the async client does is reachable.
 */
public class BlockingHarvestClient internal constructor(private val client: HarvestClient) {
    /** Runs suspending code against the client and waits for it: `blocking.run { timeEntries.get(1) }`. */
    public fun <T> run(block: suspend HarvestClient.() -> T): T = runBlocking { client.block() }

    /** Any operation by its `operationId`; see [HarvestClient.call]. */
    @JvmOverloads
    public fun call(operationId: String, pathIds: List<Long> = emptyList(), params: Map<String, Any?>? = null): HarvestDecoded =
        run { call(operationId, pathIds, params) }

    /**
     * Any operation whose answer is one object, typed by [convert] — a model's `from`: the way
     * from Java to every `get`, `create` and `update` of the namespaces, e.g.
     * `blocking.one("retrieveClient", List.of(7L), null, Client::from)`.
     */
    public fun <T> one(operationId: String, pathIds: List<Long>, params: Map<String, Any?>?, convert: java.util.function.Function<ModelValue, T>): T =
        run { one(operationId, pathIds, params) { convert.apply(it) } }

    /** Every item of a list (all pages). */
    public fun <T> all(list: HarvestList<T>): List<T> = runBlocking { list.toList() }

    /** The first [count] items of a list (only the pages needed). */
    public fun <T> first(list: Flow<T>, count: Int): List<T> = runBlocking { list.take(count).toList() }

    /** A list page by page, lazily: each `next()` may fetch one page. */
    public fun <T> pages(list: HarvestList<T>): Iterator<Page<T>> = object : Iterator<Page<T>> {
        private var position: String? = null
        private var buffered: Page<T>? = null
        private var done = false

        private fun fill() {
            if (buffered != null || done) return
            val source = position?.let { list.resumeAt(it) } ?: list
            val page = runBlocking { source.pages().take(1).toList().firstOrNull() }
            if (page == null) done = true else {
                buffered = page
                position = page.position
                if (page.isLast) done = true
            }
        }

        override fun hasNext(): Boolean {
            fill()
            return buffered != null
        }

        override fun next(): Page<T> {
            fill()
            val page = buffered ?: throw NoSuchElementException("no more pages")
            buffered = null
            return page
        }
    }

    /** Logs hours; see [HarvestClient.logTime]. */
    @JvmOverloads
    public fun logTime(projectId: Long, taskId: Long, spentDate: LocalDate, hours: BigDecimal, notes: String? = null): TimeEntry =
        run { logTime(projectId, taskId, spentDate, hours, notes) }

    /** The active projects' budgets; see [HarvestClient.budgetReport]. */
    public fun budgetReport(): List<ProjectBudgetReportResult> = run { budgetReport() }

    /** See [HarvestClient.invoiceFromTrackedTime]. */
    public fun invoiceFromTrackedTime(clientId: Long, projectIds: List<Long>, from: LocalDate, to: LocalDate): Invoice =
        run { invoiceFromTrackedTime(clientId, projectIds, from, to) }

    /** See [HarvestClient.markInvoiceSent]. */
    public fun markInvoiceSent(invoiceId: Long): InvoiceMessage = run { markInvoiceSent(invoiceId) }

    /** See [HarvestClient.recordPayment]. */
    public fun recordPayment(invoiceId: Long, amount: BigDecimal, paidDate: LocalDate): InvoicePayment =
        run { recordPayment(invoiceId, amount, paidDate) }

    /** The token's user. */
    public fun me(): User = run { users.me() }
}
