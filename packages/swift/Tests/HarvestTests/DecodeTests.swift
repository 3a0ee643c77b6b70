import Foundation
import XCTest
@testable import Harvest

/// `decode` and the typed models generated from the Rust models (mirrors the Kotlin DecodeTest).
final class DecodeTests: XCTestCase {
    let entry = """
    {"id": 3000000001, "spent_date": "2024-03-04", "hours": 1.10, "rounded_hours": 1.25,
     "user": {"id": 1, "name": "Ada"}, "client": {"id": 2, "name": "ABC", "currency": "EUR"},
     "project": {"id": 3, "name": "Site", "code": "S"}, "task": {"id": 4, "name": "Code"},
     "approval_status": "escalated", "is_running": false, "billable": true, "notes": null,
     "created_at": "2024-03-04T10:00:00Z", "updated_at": "2024-03-04T11:30:00Z", "new_field": {"a": [1, 2]}}
    """

    func testATimeEntryDecodesToExactTypesKeepingWhatItDoesNotKnow() throws {
        let decoded = try decode(operationId: "retrieveTimeEntry", status: 200, body: Data(entry.utf8))
        let e = TimeEntry(try XCTUnwrap(decoded.model()))
        XCTAssertEqual(e.id, 3_000_000_001)
        XCTAssertEqual(e.spentDate, CalendarDate(year: 2024, month: 3, day: 4))
        XCTAssertEqual(e.hours, Decimal(string: "1.1"))
        XCTAssertEqual(e.roundedHours, Decimal(string: "1.25"))
        XCTAssertEqual(e.client.currency, "EUR")
        XCTAssertEqual(e.approvalStatus, .unknown("escalated"))
        XCTAssertNil(e.notes)
        XCTAssertEqual(e.updatedAt, Date(timeIntervalSince1970: 1_709_551_800))
        XCTAssertEqual(e.extra["new_field"], #"{"a":[1,2]}"#)
        XCTAssertTrue(decoded.toJson().contains("\"new_field\""))
    }

    func testAPageDecodesToItsItemsAndLinks() throws {
        let body = """
        {"time_entries": [\(entry)], "per_page": 2000, "total_entries": 1,
         "links": {"first": "x", "next": "https://api.harvestapp.com/v2/time_entries?cursor=abc&per_page=2000", "previous": null, "last": null}}
        """
        let page = try decode(operationId: "listTimeEntries", status: 200, body: Data(body.utf8))
        XCTAssertTrue(page.isPage())
        XCTAssertEqual(page.itemCount(), 1)
        XCTAssertEqual(TimeEntry(try XCTUnwrap(page.items()?.first)).id, 3_000_000_001)
        XCTAssertTrue(try XCTUnwrap(page.nextLink()).contains("cursor=abc"))
    }

    func testErrorAnswersThrowTheErrorWithTheStableCode() {
        XCTAssertThrowsError(try decode(operationId: "retrieveTimeEntry", status: 404, body: Data(#"{"status":404,"error":"Not Found"}"#.utf8))) { error in
            let e = error as? HarvestError
            XCTAssertEqual(e?.code, "not_found")
            XCTAssertEqual(e?.status, 404)
        }
        XCTAssertThrowsError(try decode(operationId: "createTimeEntry", status: 422, body: Data(#"{"message":"Project can't be blank"}"#.utf8))) { error in
            XCTAssertEqual((error as? HarvestError)?.detail, "Project can't be blank")
        }
        XCTAssertThrowsError(try decode(operationId: "retrieveTimeEntry", status: 200, body: Data("<html>oops</html>".utf8))) { error in
            XCTAssertEqual((error as? HarvestError)?.code, "decode")
        }
    }

    func testStringEnumsAndParametersGoOutExact() {
        XCTAssertEqual(InvoiceState("draft"), .draft)
        XCTAssertEqual(PaymentTerm("net 15"), .net15)
        XCTAssertEqual(PaymentTerm("net 99").value, "net 99")
        let json = JSONParams.write(["hours": Decimal(string: "0.10"), "spent_date": CalendarDate(year: 2024, month: 3, day: 4), "state": InvoiceState.draft, "none": nil] as [String: Any?])
        XCTAssertEqual(json, #"{"hours":0.1,"spent_date":"2024-03-04","state":"draft"}"#)
    }
}
