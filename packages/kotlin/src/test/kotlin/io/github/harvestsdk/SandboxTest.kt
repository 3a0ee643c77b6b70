package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestException
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.LocalDate
import java.util.concurrent.atomic.AtomicInteger

/** End-to-end: the Kotlin client against the sandbox over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxTest {
    private lateinit var sandbox: Sandbox
    private lateinit var client: HarvestClient

    @BeforeAll
    fun start() {
        sandbox = Sandbox("--seed", "demo", "--faults", "--no-rate-limit")
        client = sandbox.client()
    }

    @AfterAll
    fun stop() {
        client.close()
        sandbox.close()
    }

    @Test
    fun `every resource family reads and writes`() = runBlocking {
        val h = client
        val company = h.company.get()
        assertEquals("Sandbox Studio", company.name)
        val me = h.users.me()
        assertTrue(me.accessRoles.contains(AccessRole.Administrator), "the sandbox token is the admin's: ${me.accessRoles}")
        assertTrue(h.users.list().toList().size >= 4)
        assertTrue(h.roles.list().toList().any { it.name == "Developer" })

        val clients = h.clients.list(isActive = true).toList()
        assertTrue(clients.any { it.name == "ABC Corp" })
        val client = h.clients.create("Kotlin Test Client", currency = "EUR")
        assertEquals("EUR", client.currency)
        assertEquals("Kotlin Test Client (renamed)", h.clients.update(client.id, mapOf("name" to "Kotlin Test Client (renamed)")).name)
        val contact = h.contacts.create(client.id, "Ada", "Lovelace", email = "ada@example.com")
        assertEquals(client.id, contact.client.id)
        assertTrue(h.contacts.list(clientId = client.id).toList().map { it.id }.contains(contact.id))

        val task = h.tasks.create("Kotlin Testing", mapOf("default_hourly_rate" to BigDecimal("95.50")))
        assertEquals(0, BigDecimal("95.50").compareTo(task.defaultHourlyRate!!))
        val project = h.projects.create(client.id, "Kotlin Project", isBillable = true, billBy = BillBy.Project, budgetBy = BudgetBy.Project, budget = BigDecimal("40"), hourlyRate = BigDecimal("100"))
        assertEquals(BudgetBy.Project, project.budgetBy)
        val ta = h.taskAssignments.create(project.id, task.id)
        assertEquals(task.id, ta.task?.id)
        assertTrue(h.taskAssignments.listForProject(project.id).toList().any { it.id == ta.id })
        assertTrue(h.userAssignments.listForProject(project.id).toList().isNotEmpty(), "the creator is assigned")

        val entry = h.timeEntries.create(project.id, task.id, LocalDate.of(2024, 3, 4), BigDecimal("1.25"), notes = "from Kotlin")
        assertEquals(LocalDate.of(2024, 3, 4), entry.spentDate)
        assertEquals(0, BigDecimal("1.25").compareTo(entry.hours))
        assertEquals("edited", h.timeEntries.update(entry.id, notes = "edited").notes)
        assertEquals("edited", h.timeEntries.get(entry.id).notes)
        val timer = h.startTimer(project.id, task.id, LocalDate.now())
        assertTrue(timer.isRunning)
        val stopped = h.timeEntries.stop(timer.id)
        assertFalse(stopped.isRunning)
        assertTrue(h.timeEntries.restart(timer.id).isRunning)
        assertNotNull(h.stopRunningTimer())
        h.timeEntries.delete(timer.id)
        assertThrows<HarvestException.NotFound> { runBlocking { h.timeEntries.get(timer.id) } }

        val category = h.expenses.categories.list().first()
        val expense = h.expenses.create(project.id, category.id, LocalDate.of(2024, 3, 5), totalCost = BigDecimal("12.34"))
        assertEquals(0, BigDecimal("12.34").compareTo(expense.totalCost))
        assertTrue(h.expenses.list(projectId = project.id).toList().any { it.id == expense.id })

        val estimate = h.estimates.create(client.id, mapOf("subject" to "Kotlin estimate", "line_items" to listOf(mapOf("kind" to "Service", "unit_price" to BigDecimal("100"), "quantity" to 2))))
        assertEquals(0, BigDecimal("200").compareTo(estimate.amount))
        h.estimates.messages.create(estimate.id, mapOf("event_type" to "send"))
        assertEquals(EstimateState.Sent, h.estimates.get(estimate.id).state)
        assertTrue(h.estimates.itemCategories.list().toList().isNotEmpty())
        assertTrue(h.invoices.itemCategories.list().toList().isNotEmpty())

        val from = LocalDate.of(2024, 1, 1)
        val to = LocalDate.of(2024, 12, 31)
        assertTrue(h.reports.projectsTime(from, to).toList().any { it.projectId == project.id })
        assertTrue(h.reports.projectsExpenses(from, to).toList().any { it.projectId == project.id })
        assertTrue(h.reports.uninvoiced(from, to).toList().any { it.projectId == project.id })
        assertTrue(h.budgetReport().any { it.projectId == project.id && it.budget?.compareTo(BigDecimal("40")) == 0 })

        h.timeEntries.delete(entry.id)
        h.expenses.delete(expense.id)
        h.estimates.delete(estimate.id)
        h.contacts.delete(contact.id)
    }

    @Test
    fun `the invoice workflow bills tracked time, is sent and paid`() = runBlocking {
        val h = client
        val customer = h.clients.create("Invoice Workflow Client")
        val task = h.tasks.list().first { it.name == "Programming" }
        val project = h.projects.create(customer.id, "Invoiced Project", isBillable = true, billBy = BillBy.Project, budgetBy = BudgetBy.None, hourlyRate = BigDecimal("80"))
        assertTrue(h.taskAssignments.listForProject(project.id).toList().any { it.task?.id == task.id }, "default tasks are assigned to new projects")
        val day = LocalDate.of(2024, 4, 2)
        h.logTime(project.id, task.id, day, BigDecimal("1.5"))
        h.logTime(project.id, task.id, day.plusDays(1), BigDecimal("2"))

        val preview = h.previewUninvoiced(customer.id, emptyList(), day.withDayOfMonth(1), day.withDayOfMonth(30))
        assertEquals(listOf(project.id), preview.projectIds)
        assertEquals(0, BigDecimal("3.5").compareTo(preview.hours))
        assertEquals(0, BigDecimal("280").compareTo(preview.amount))

        val invoice = h.invoiceFromTrackedTime(customer.id, emptyList(), day.withDayOfMonth(1), day.withDayOfMonth(30))
        assertEquals(InvoiceState.Draft, invoice.state)
        assertEquals(0, BigDecimal("280").compareTo(invoice.amount))
        assertTrue(h.timeEntries.list(projectId = project.id).toList().all { it.isBilled }, "imported time is billed")

        h.markInvoiceSent(invoice.id)
        assertEquals(InvoiceState.Open, h.invoices.get(invoice.id).state)
        val payment = h.recordPayment(invoice.id, BigDecimal("280.00"), day.plusDays(10))
        assertEquals(0, BigDecimal("280").compareTo(payment.amount))
        assertEquals(InvoiceState.Paid, h.invoices.get(invoice.id).state)

        val error = assertThrows<HarvestException.InvalidInput> { runBlocking { h.invoiceFromTrackedTime(customer.id, emptyList(), day, day) } }
        assertEquals("invalid_input", error.code)
    }

    @Test
    fun `a 503 on a read is retried and succeeds, a 404 is NotFound with its code`() = runBlocking {
        sandbox.fault("""{"method":"GET","path":"/v2/company","times":2,"fault":"status","status":503}""")
        assertEquals("Sandbox Studio", client.company.get().name)
        val e = assertThrows<HarvestException.NotFound> { runBlocking { client.projects.get(999_999_999) } }
        assertEquals("not_found", e.code)
        assertEquals(404, e.status?.toInt())
        assertFalse(e.toString().contains(sandbox.accessToken), "no token in the exception")
    }

    @Test
    fun `a stalled call is cancelled by withTimeout and the client stays usable`() = runBlocking {
        sandbox.fault("""{"method":"GET","path":"/v2/users/me","times":1,"fault":"stall","ms":10000}""")
        val started = System.nanoTime()
        assertThrows<TimeoutCancellationException> { runBlocking { withTimeout(500) { client.users.me() } } }
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "the timeout cancelled the request")
        // An explicitly cancelled job, too.
        sandbox.fault("""{"method":"GET","path":"/v2/company","times":1,"fault":"stall","ms":10000}""")
        val job = launch { client.company.get() }
        delay(200)
        job.cancel()
        job.join()
        assertTrue(job.isCancelled)
        assertEquals("Sandbox Studio", client.company.get().name)
        assertTrue(client.users.me().id > 0)
    }

    @Test
    fun `concurrent calls share one client`() = runBlocking {
        val names = (1..8).map { async { client.projects.list().toList().size } }.awaitAll()
        assertEquals(1, names.toSet().size)
        assertTrue(names.first() >= 6)
    }

    @Test
    fun `a user-supplied transport carries every request`() = runBlocking {
        val count = AtomicInteger()
        val seen = mutableListOf<String>()
        val default = JavaHttpTransport()
        val counting = HarvestTransport { request ->
            count.incrementAndGet()
            seen.add(request.toString())
            assertEquals(Sandbox.USER_AGENT, request.header("User-Agent"))
            default.send(request)
        }
        sandbox.client(counting).use { h ->
            assertEquals("Sandbox Studio", h.company.get().name)
            assertTrue(h.tasks.list().take(2).toList().size == 2)
        }
        assertEquals(2, count.get())
        assertTrue(seen.none { it.contains(sandbox.accessToken) }, "requests print without the token: $seen")
    }

    @Test
    fun `blocking wrappers for Java callers`() {
        val blocking = client.blocking
        assertTrue(blocking.me().id > 0)
        assertTrue(blocking.budgetReport().any { it.projectName == "Marketing Website" })
        val pages = blocking.pages(client.clients.list(filters = mapOf("per_page" to 2))).asSequence().toList()
        assertTrue(pages.size >= 3, "clients in pages of 2: ${pages.size}")
        assertEquals(pages.flatMap { it.items }.map { it.id }.toSet().size, pages.sumOf { it.items.size })
        val decoded = blocking.call("retrieveCompany")
        assertEquals("Sandbox Studio", Company.from(decoded.model()!!).name)
    }

    @Test
    fun `the example logs time and prints the budget report`() = runBlocking {
        val out = StringBuilder()
        io.github.harvestsdk.example.run(client, out)
        val text = out.toString()
        assertTrue(text.contains("Logged 1.5 h"), text)
        assertTrue(text.contains("Marketing Website"), text)
        assertTrue(text.contains("remaining"), text)
    }
}
