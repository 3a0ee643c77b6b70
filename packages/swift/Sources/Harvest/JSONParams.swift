import Foundation

/// Writes parameters as JSON for the core, which checks them against the operation's typed
/// parameters. Accepts strings, booleans, integers, `Decimal` (exact), `CalendarDate`, `Date`
/// (ISO 8601), the generated string enums, arrays and dictionaries; `nil` values are left out.
enum JSONParams {
    static func write(_ value: Any?) -> String {
        var out = ""
        append(&out, value)
        return out
    }

    private static func append(_ out: inout String, _ value: Any?) {
        guard let value = unwrap(value) else {
            out += "null"
            return
        }
        switch value {
        case let v as String: string(&out, v)
        case let v as Bool: out += v ? "true" : "false"
        case let v as Decimal: out += NSDecimalNumber(decimal: v).stringValue
        case let v as Int: out += String(v)
        case let v as Int64: out += String(v)
        case let v as UInt64: out += String(v)
        case let v as Double: out += NSDecimalNumber(value: v).stringValue
        case let v as CalendarDate: string(&out, v.iso)
        case let v as Date: string(&out, ISO8601DateFormatter().string(from: v))
        case let v as any HarvestEnum: string(&out, v.value)
        case let v as [String: Any?]:
            out += "{"
            var first = true
            for key in v.keys.sorted() where unwrap(v[key] ?? nil) != nil {
                if !first { out += "," }
                first = false
                string(&out, key)
                out += ":"
                append(&out, v[key] ?? nil)
            }
            out += "}"
        case let v as [Any?]:
            out += "["
            for (i, item) in v.enumerated() {
                if i > 0 { out += "," }
                append(&out, item)
            }
            out += "]"
        case let v as [Any]: append(&out, v.map { Optional($0) })
        default: string(&out, "\(value)")
        }
    }

    /// Looks through optionals wrapped in `Any`.
    private static func unwrap(_ value: Any?) -> Any? {
        guard let value else { return nil }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.flatMap { unwrap($0.value) }
        }
        return value
    }

    private static func string(_ out: inout String, _ s: String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Parameters from pairs, leaving out nils.
func params(_ pairs: (String, Any?)...) -> [String: Any?] {
    var out: [String: Any?] = [:]
    for (key, value) in pairs where value != nil {
        out[key] = value
    }
    return out
}

extension Dictionary where Key == String, Value == Any? {
    /// These parameters and `more` (which win on a clash).
    func with(_ more: [String: Any?]) -> [String: Any?] {
        merging(more) { _, new in new }
    }
}
