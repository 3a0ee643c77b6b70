package io.github.harvestsdk

import io.github.harvestsdk.ffi.FieldValue
import io.github.harvestsdk.ffi.ModelValue
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

// Conversions the generated models (Models.kt) use to read a ModelValue tree. A value of the wrong
// kind means the generated models do not match the library: the build regenerates both, so it
// is a bug, reported as such.

private fun FieldValue.mismatch(wanted: String): Nothing =
    throw IllegalStateException("expected $wanted, the library sent $this: the generated models do not match the library")

internal fun checkShape(m: ModelValue, typeName: String, fields: Int) {
    if (m.typeName != typeName || m.fields.size != fields) {
        throw IllegalStateException("expected a $typeName of $fields fields, the library sent a ${m.typeName} of ${m.fields.size}: regenerate the models")
    }
}

internal fun FieldValue.orNull(): FieldValue? = if (this is FieldValue.Null) null else this

internal fun FieldValue.long(): Long = when (this) {
    is FieldValue.UInt -> value.toLong()
    is FieldValue.Int -> value
    else -> mismatch("an integer")
}

internal fun FieldValue.bool(): Boolean = (this as? FieldValue.Bool)?.value ?: mismatch("a boolean")

internal fun FieldValue.text(): String = (this as? FieldValue.Text)?.value ?: mismatch("text")

internal fun FieldValue.decimal(): BigDecimal = (this as? FieldValue.Decimal)?.value?.let(::BigDecimal) ?: mismatch("a decimal")

internal fun FieldValue.date(): LocalDate = (this as? FieldValue.Date)?.value?.let(LocalDate::parse) ?: mismatch("a date")

internal fun FieldValue.instant(): Instant = (this as? FieldValue.Timestamp)?.value ?: mismatch("a timestamp")

internal fun FieldValue.json(): String = (this as? FieldValue.Json)?.value ?: mismatch("JSON")

internal fun FieldValue.model(): ModelValue = (this as? FieldValue.Model)?.value ?: mismatch("a model")

internal fun FieldValue.list(): List<FieldValue> = (this as? FieldValue.Items)?.value ?: mismatch("a list")
