package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.Collections

/**
 * Lists read ahead: the first page alone, then each next page while the collector works through
 * the one before; its error when the collector reaches it; a collection that stops cancels it. A
 * scripted transport serves four pages of two clients, 10 ms each.
 */
class ReadAheadTest {
    private class FourPages(val fail: Int = 0) : HarvestTransport {
        val pages: MutableList<Int> = Collections.synchronizedList(mutableListOf())
        val cancelled: MutableList<Int> = Collections.synchronizedList(mutableListOf())
        val asked = (1..4).associateWith { CompletableDeferred<Unit>() }

        override suspend fun send(request: TransportRequest): TransportResponse {
            val page = Regex("[?&]page=(\\d+)").find(request.url)?.groupValues?.get(1)?.toInt() ?: 1
            pages += page
            asked.getValue(page).complete(Unit)
            try {
                delay(10)
            } catch (e: CancellationException) {
                cancelled += page
                throw e
            }
            val json = listOf("content-type" to "application/json")
            if (page == fail) return TransportResponse(404, json, """{"message":"Not found"}""".toByteArray())
            val base = "https://api.harvestapp.com/v2/clients?per_page=2&page="
            val clients = (1..2).joinToString(",") { """{"id":${page * 10 + it},"name":"Client $page.$it","is_active":true}""" }
            val next = if (page < 4) "\"$base${page + 1}\"" else "null"
            val body = """{"clients":[$clients],"per_page":2,"total_pages":4,"total_entries":8,"page":$page,"links":{"first":"${base}1","next":$next,"previous":null,"last":"${base}4"}}"""
            return TransportResponse(200, json, body.toByteArray())
        }
    }

    private fun clientOn(fake: FourPages) = HarvestClient(1, "token", "Tests (tests@example.com)", transport = fake)

    private val twoPerPage = mapOf<String, Any?>("per_page" to 2)

    @Test
    fun `the first item or page costs one request`() = runBlocking {
        val fake = FourPages()
        clientOn(fake).use { client ->
            assertEquals(11L, client.clients.list(filters = twoPerPage).first().id)
            assertEquals(listOf(11L, 12L), client.clients.list(filters = twoPerPage).pages().first().items.map { it.id })
            delay(50)
            assertEquals(listOf(1, 1), fake.pages)
        }
    }

    @Test
    fun `from the second page on the next one is fetched before it is asked for`() = runBlocking {
        val fake = FourPages()
        clientOn(fake).use { client ->
            val ids = mutableListOf<Long>()
            client.clients.list(filters = twoPerPage).pages().collect { page ->
                if (page.number == 2L) withTimeout(5000) { fake.asked.getValue(3).await() }
                ids += page.items.map { it.id }
            }
            assertEquals(listOf(11L, 12L, 21L, 22L, 31L, 32L, 41L, 42L), ids)
            assertEquals(listOf(1, 2, 3, 4), fake.pages)
        }
    }

    @Test
    fun `a page read ahead that failed is thrown when the collector reaches it`() {
        val fake = FourPages(fail = 3)
        clientOn(fake).use { client ->
            val seen = mutableListOf<Long>()
            var position = ""
            assertThrows<HarvestException.NotFound> {
                runBlocking {
                    client.clients.list(filters = twoPerPage).pages().collect { page ->
                        if (page.number == 2L) withTimeout(5000) { fake.asked.getValue(3).await() }
                        delay(30) // the read-ahead has failed by now; the page's items still all arrive
                        seen += page.items.map { it.id }
                        position = page.position
                    }
                }
            }
            assertEquals(listOf(11L, 12L, 21L, 22L), seen)
            val rest = runBlocking { clientOn(FourPages()).use { it.resume(position, Client::from).toList() } }
            assertEquals(listOf(31L, 32L, 41L, 42L), rest.map { it.id })
        }
    }

    @Test
    fun `a collection that stops early cancels the page read ahead`() = runBlocking {
        val fake = FourPages()
        clientOn(fake).use { client ->
            val three = client.clients.list(filters = twoPerPage).take(3).toList()
            assertEquals(listOf(11L, 12L, 21L), three.map { it.id })
            assertEquals(listOf(1, 2, 3), fake.pages)
            assertTrue(fake.cancelled == listOf(3), "the fetch of page 3 was cancelled: ${fake.cancelled}")
        }
    }
}
