package io.github.harvestsdk

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

/**
 * Writes parameters as JSON for the core, which checks them against the operation's typed
 * parameters. Accepts null (left out of objects), strings, booleans, numbers (BigDecimal kept
 * exact), dates, instants, the generated string enums, lists, maps, and [Json.Raw] text.
 */
internal object Json {
    /** JSON text passed through as is. */
    class Raw(val text: String)

    fun write(value: Any?): String = StringBuilder().also { append(it, value) }.toString()

    private fun append(out: StringBuilder, value: Any?) {
        when (value) {
            null -> out.append("null")
            is Raw -> out.append(value.text)
            is String -> string(out, value)
            is Boolean -> out.append(value)
            is BigDecimal -> out.append(value.toPlainString())
            is Double, is Float -> {
                val d = (value as Number).toDouble()
                require(d.isFinite()) { "a parameter is not a finite number: $d" }
                out.append(BigDecimal(value.toString()).toPlainString())
            }
            is Number -> out.append(value.toString())
            is ULong, is UInt -> out.append(value.toString())
            is LocalDate -> string(out, value.toString())
            is Instant -> string(out, value.toString())
            is Enum<*> -> string(out, value.name.lowercase())
            is Map<*, *> -> {
                out.append('{')
                var first = true
                for ((k, v) in value) {
                    if (v == null) continue
                    if (!first) out.append(',')
                    first = false
                    string(out, k.toString())
                    out.append(':')
                    append(out, v)
                }
                out.append('}')
            }
            is Iterable<*> -> {
                out.append('[')
                value.forEachIndexed { i, v -> if (i > 0) out.append(','); append(out, v) }
                out.append(']')
            }
            is Array<*> -> append(out, value.asList())
            is LongArray -> append(out, value.asList())
            else -> string(out, value.toString())
        }
    }

    private fun string(out: StringBuilder, s: String) {
        out.append('"')
        for (c in s) {
            when (c) {
                '"' -> out.append("\\\"")
                '\\' -> out.append("\\\\")
                '\n' -> out.append("\\n")
                '\r' -> out.append("\\r")
                '\t' -> out.append("\\t")
                else -> if (c < ' ') out.append(String.format("\\u%04x", c.code)) else out.append(c)
            }
        }
        out.append('"')
    }
}

/** Builds a parameter map, leaving out nulls. */
internal fun params(vararg pairs: Pair<String, Any?>): Map<String, Any?> = pairs.filter { it.second != null }.toMap()
