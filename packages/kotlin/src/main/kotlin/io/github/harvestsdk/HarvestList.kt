package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestPaginator
import io.github.harvestsdk.ffi.ModelValue
import io.github.harvestsdk.ffi.PageAction
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.supervisorScope

/**
 * One page of a list: its items, and the [position] to resume after it (JSON, a few hundred
 * bytes: save it, then `client.resume(position, TimeEntry::from)`).
 */
public class Page<T>(
    public val items: List<T>,
    /** Pages read so far, this one included. */
    public val number: Long,
    /** Where the list stands after this page. */
    public val position: String,
    /** Whether this was the last page. */
    public val isLast: Boolean,
) {
    override fun toString(): String = "Page(number=$number, items=${items.size}, isLast=$isLast)"
}

/**
 * A lazy list across pages: a cold `Flow` of the items, fetched a page (up to 2000 items) at a time
 * as they are collected (the next page while the collector works through one), or page by page
 * with [pages]. Each collection starts from the first page.
 */
public class HarvestList<T> internal constructor(
    private val client: HarvestClient,
    private val start: () -> HarvestPaginator,
    private val convert: (ModelValue) -> T,
) : Flow<T> {

    override suspend fun collect(collector: FlowCollector<T>) {
        pages().collect { page -> page.items.forEach { collector.emit(it) } }
    }

    /**
     * The pages, one request each, as they are collected. The first page is fetched alone (the
     * first item, or page, costs one request); from the second page on, the next page is fetched
     * while the collector works through the one before. Its error is thrown when the collector
     * reaches it; a collection that stops early cancels it.
     */
    public fun pages(): Flow<Page<T>> = flow {
        val paginator = start()
        try {
            // A supervisor scope: a page read ahead that fails waits for the collector to reach it.
            supervisorScope {
                var ahead: Deferred<Page<T>?>? = null
                var asked = 0
                while (true) {
                    val current = ahead
                    ahead = null
                    val page = (if (current != null) current.await() else next(paginator)) ?: break
                    asked += 1
                    if (asked > 1 && !page.isLast) {
                        // Undispatched: the request goes out now, before the collector gets the page.
                        ahead = async(start = CoroutineStart.UNDISPATCHED) { next(paginator) }
                    }
                    emit(page)
                }
            }
        } finally {
            paginator.close()
            client.deliverEvents()
        }
    }

    /** Drives the paginator to its next page, or `null` at the end of the list. */
    private suspend fun next(paginator: HarvestPaginator): Page<T>? {
        while (true) {
            when (val action = paginator.nextAction(client.clock.nowMs())) {
                is PageAction.Send -> client.exchange(action.request, paginator::handleResponse, paginator::handleFailure)
                is PageAction.Wait -> client.clock.sleepUntil(action.untilMs)
                is PageAction.Page -> {
                    val items = action.page.use { page -> page.items().orEmpty().map(convert) }
                    return Page(items, paginator.pages().toLong(), paginator.positionJson(), paginator.isFinished())
                }
                PageAction.Finished -> return null
            }
        }
    }

    /** The same list, resumed from a [Page.position]. */
    internal fun resumeAt(position: String): HarvestList<T> = HarvestList(client, { client.ffi.resume(position) }, convert)

    /** Every item, every page read. */
    public suspend fun all(): List<T> = toList()
}
