package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestPaginator
import io.github.harvestsdk.ffi.ModelValue
import io.github.harvestsdk.ffi.PageAction
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList

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
 * as they are collected, or page by page with [pages]. Each collection starts from the first page.
 */
public class HarvestList<T> internal constructor(
    private val client: HarvestClient,
    private val start: () -> HarvestPaginator,
    private val convert: (ModelValue) -> T,
) : Flow<T> {

    override suspend fun collect(collector: FlowCollector<T>) {
        pages().collect { page -> page.items.forEach { collector.emit(it) } }
    }

    /** The pages, one request each, as they are collected. */
    public fun pages(): Flow<Page<T>> = flow {
        val paginator = start()
        try {
            while (true) {
                when (val action = paginator.nextAction(client.clock.nowMs())) {
                    is PageAction.Send -> client.exchange(action.request, paginator::handleResponse, paginator::handleFailure)
                    is PageAction.Wait -> client.clock.sleepUntil(action.untilMs)
                    is PageAction.Page -> {
                        val items = action.page.use { page -> page.items().orEmpty().map(convert) }
                        emit(Page(items, paginator.pages().toLong(), paginator.positionJson(), paginator.isFinished()))
                    }
                    PageAction.Finished -> break
                }
            }
        } finally {
            paginator.close()
            client.deliverEvents()
        }
    }

    /** The same list, resumed from a [Page.position]. */
    internal fun resumeAt(position: String): HarvestList<T> = HarvestList(client, { client.ffi.resume(position) }, convert)

    /** Every item, every page read. */
    public suspend fun all(): List<T> = toList()
}
