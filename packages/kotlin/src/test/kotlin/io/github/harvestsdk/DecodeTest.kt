package io.github.harvestsdk

import io.github.harvestsdk.ffi.HarvestException
import io.github.harvestsdk.ffi.HttpResponse
import io.github.harvestsdk.ffi.decode
import io.github.harvestsdk.ffi.isListOperation
import io.github.harvestsdk.ffi.operationIds
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

/** `decode` and the typed models generated from the Rust models. */
class DecodeTest {
    private fun response(status: Int, body: String) = HttpResponse(1uL, status.toUShort(), emptyList(), body.encodeToByteArray())

    private val entry = """{"id": 3000000001, "spent_date": "2024-03-04", "hours": 1.10, "rounded_hours": 1.25,
        "user": {"id": 1, "name": "Ada"}, "client": {"id": 2, "name": "ABC", "currency": "EUR"},
        "project": {"id": 3, "name": "Site", "code": "S"}, "task": {"id": 4, "name": "Code"},
        "approval_status": "escalated", "is_running": false, "billable": true, "notes": null,
        "created_at": "2024-03-04T10:00:00Z", "updated_at": "2024-03-04T11:30:00Z", "new_field": {"a": [1, 2]}}"""

    @Test
    fun `a time entry decodes to exact types, keeping what it does not know`() {
        val decoded = decode("retrieveTimeEntry", response(200, entry))
        val e = TimeEntry.from(decoded.model()!!)
        assertEquals(3_000_000_001L, e.id)
        assertEquals(LocalDate.of(2024, 3, 4), e.spentDate)
        assertEquals(BigDecimal("1.1"), e.hours, "exact, no float error")
        assertEquals(BigDecimal("1.25"), e.roundedHours)
        assertEquals("EUR", e.client.currency)
        assertEquals(ApprovalStatus.Unknown("escalated"), e.approvalStatus)
        assertEquals("escalated", e.approvalStatus?.value)
        assertNull(e.notes)
        assertEquals(Instant.parse("2024-03-04T11:30:00Z"), e.updatedAt)
        assertEquals("""{"a":[1,2]}""", e.extra["new_field"])
        assertTrue(decoded.toJson().contains("\"new_field\""))
        assertEquals(e, harvestModel(decoded.model()!!))
    }

    @Test
    fun `a page decodes to its items and links`() {
        val page = decode("listTimeEntries", response(200, """{"time_entries": [$entry], "per_page": 2000, "total_entries": 1,
            "links": {"first": "x", "next": "https://api.harvestapp.com/v2/time_entries?cursor=abc&per_page=2000", "previous": null, "last": null}}"""))
        assertTrue(page.isPage())
        assertEquals(1uL, page.itemCount())
        assertEquals(3_000_000_001L, TimeEntry.from(page.items()!!.single()).id)
        assertTrue(page.nextLink()!!.contains("cursor=abc"))
    }

    @Test
    fun `error answers decode to the exception with the stable code`() {
        val notFound = assertThrows<HarvestException.NotFound> { decode("retrieveTimeEntry", response(404, """{"status":404,"error":"Not Found"}""")) }
        assertEquals("not_found", notFound.code)
        assertEquals(404, notFound.status?.toInt())
        val validation = assertThrows<HarvestException.Validation> { decode("createTimeEntry", response(422, """{"message":"Project can't be blank"}""")) }
        assertEquals("Project can't be blank", validation.detail)
        val html = assertThrows<HarvestException.Decode> { decode("retrieveTimeEntry", response(200, "<html>oops</html>")) }
        assertEquals("decode", html.code)
        assertThrows<HarvestException.InvalidInput> { decode("noSuchOperation", response(200, "{}")) }
    }

    @Test
    fun `every operation is known, lists among them`() {
        val ids = operationIds()
        assertTrue(ids.size >= 113)
        assertTrue(isListOperation("listTimeEntries"))
        assertTrue(!isListOperation("createTimeEntry"))
    }

    @Test
    fun `string enums round trip and parameters go out exact`() {
        assertEquals(InvoiceState.Draft, InvoiceState.of("draft"))
        assertEquals(PaymentTerm.Net15, PaymentTerm.of("net 15"))
        assertEquals(
            """{"hours":0.10,"spent_date":"2024-03-04","state":"draft","ids":[1,2]}""",
            Json.write(mapOf("hours" to BigDecimal("0.10"), "spent_date" to LocalDate.of(2024, 3, 4), "state" to InvoiceState.Draft, "ids" to listOf(1L, 2L), "none" to null)),
        )
    }
}
