package io.github.harvestsdk

import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/** Lists of more than 10000 time entries against the sandbox: lazily, page by page, resumed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {
    private lateinit var sandbox: Sandbox
    private lateinit var client: HarvestClient

    @BeforeAll
    fun start() {
        sandbox = Sandbox("--seed", "empty", "--seed-time-entries", "10500", "--no-rate-limit")
        client = sandbox.client()
    }

    @AfterAll
    fun stop() {
        client.close()
        sandbox.close()
    }

    @Test
    fun `every entry once, in pages of 2000`() = runBlocking {
        val pages = client.timeEntries.list().pages().toList()
        assertEquals(6, pages.size)
        assertEquals(listOf(2000, 2000, 2000, 2000, 2000, 500), pages.map { it.items.size })
        val ids = pages.flatMap { page -> page.items.map { it.id } }
        assertEquals(10500, ids.toSet().size)
        assertTrue(pages.last().isLast && pages.dropLast(1).none { it.isLast })
        assertEquals(10500, client.timeEntries.list().count())
    }

    @Test
    fun `the flow is lazy and a saved position resumes in a new list`() = runBlocking {
        val first = client.timeEntries.list(perPage = 100).take(150).toList()
        assertEquals(150, first.size)
        val twoPages = client.timeEntries.list(perPage = 1000).pages().take(2).toList()
        val rest = client.resume(twoPages.last().position, TimeEntry::from).toList()
        assertEquals(8500, rest.size)
        val seen = twoPages.flatMap { it.items.map(TimeEntry::id) }.toSet()
        assertTrue(rest.none { it.id in seen }, "resuming starts after the saved page")
    }
}
