import Foundation
import HarvestFFI

// The uniffi types a user of `Harvest` meets, under their own names, so `import Harvest` is enough.

/// An error from the SDK or from Harvest: the case is the stable code (`code` holds it as text).
public typealias HarvestError = HarvestFFI.HarvestError
/// Why a request got no answer (`connect`, `transport`, `timeout`).
public typealias FailureKind = HarvestFFI.FailureKind
/// One model as the library hands it out; the generated structs read it.
public typealias ModelValue = HarvestFFI.ModelValue
/// One field of a `ModelValue`.
public typealias FieldValue = HarvestFFI.FieldValue
/// The decoded answer of any operation.
public typealias HarvestDecoded = HarvestFFI.HarvestDecoded
/// OAuth tokens (their description never shows a token).
public typealias OAuthTokens = HarvestFFI.OAuthTokens
/// A raw response, for `decode`.
public typealias HttpResponse = HarvestFFI.HttpResponse

// The state machines, for the driver and the conformance runner (`@testable import Harvest`),
// so no other module needs to import HarvestFFI next to Harvest (whose names it shares).
typealias FFIClient = HarvestFFI.HarvestClient
typealias HarvestCall = HarvestFFI.HarvestCall
typealias HarvestPaginator = HarvestFFI.HarvestPaginator
typealias HarvestRequest = HarvestFFI.HarvestRequest
typealias Header = HarvestFFI.Header
typealias CallAction = HarvestFFI.CallAction
typealias PageAction = HarvestFFI.PageAction
typealias ClientEvent = HarvestFFI.ClientEvent

/// Decodes a raw response to the operation named by its OpenAPI `operationId`: the typed value, or
/// the `HarvestError` with its stable code. For cached responses, replay tests and debugging.
public func decode(operationId: String, status: Int, headers: [(String, String)] = [], body: Data) throws -> HarvestDecoded {
    let response = HttpResponse(requestId: 1, status: UInt16(clamping: status), headers: headers.map { Header(name: $0.0, value: $0.1) }, body: body)
    return try HarvestFFI.decode(operationId: operationId, response: response)
}

extension ModelValue {
    /// The fields, padded with nulls to the count the generated model expects.
    func fieldsPadded(to count: Int) -> [FieldValue] {
        fields.count >= count ? fields : fields + Array(repeating: FieldValue.null, count: count - fields.count)
    }
}

// Conversions the generated models use. A value of another kind (only possible if the generated
// models did not match the library; `make test-swift` checks they do) reads as the type's default,
// as the core itself decodes a null non-optional field.
extension FieldValue {
    var orNil: FieldValue? {
        if case .null = self { return nil }
        return self
    }

    var asInt64: Int64 {
        switch self {
        case .uInt(let value): return Int64(truncatingIfNeeded: value)
        case .int(let value): return value
        default: return 0
        }
    }

    var asBool: Bool {
        if case .bool(let value) = self { return value }
        return false
    }

    var asText: String {
        if case .text(let value) = self { return value }
        return ""
    }

    var asDecimal: Decimal {
        if case .decimal(let value) = self { return Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
        return 0
    }

    var asDate: CalendarDate {
        if case .date(let value) = self, let date = CalendarDate(iso: value) { return date }
        return CalendarDate(year: 1970, month: 1, day: 1)
    }

    var asTimestamp: Date {
        if case .timestamp(let value) = self { return value }
        return Date(timeIntervalSince1970: 0)
    }

    var asJSON: String {
        if case .json(let value) = self { return value }
        return "null"
    }

    var asModel: ModelValue {
        if case .model(let value) = self { return value }
        return ModelValue(typeName: "", fields: [], extra: [:])
    }

    var asList: [FieldValue] {
        if case .items(let value) = self { return value }
        return []
    }
}

/// A calendar date (`spent_date`, `issue_date`), without a time or a time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Today in the current calendar and time zone.
    public static func today(calendar: Calendar = .current) -> CalendarDate {
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// `YYYY-MM-DD`, as Harvest writes dates.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// The date as components, for `Calendar.date(from:)`.
    public var dateComponents: DateComponents { DateComponents(year: year, month: month, day: day) }

    public var description: String { iso }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
