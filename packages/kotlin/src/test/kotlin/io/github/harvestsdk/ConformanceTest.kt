package io.github.harvestsdk

import io.github.harvestsdk.ffi.CallAction
import io.github.harvestsdk.ffi.ClientEvent
import io.github.harvestsdk.ffi.FailureKind
import io.github.harvestsdk.ffi.HarvestCall
import io.github.harvestsdk.ffi.HarvestException
import io.github.harvestsdk.ffi.HarvestPaginator
import io.github.harvestsdk.ffi.HarvestRequest
import io.github.harvestsdk.ffi.Header
import io.github.harvestsdk.ffi.HttpResponse
import io.github.harvestsdk.ffi.PageAction
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.put
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import io.github.harvestsdk.ffi.HarvestClient as FfiClient

/**
 * Every language-neutral case of `tests/conformance` through the Kotlin binding, with a scripted
 * transport and a virtual clock. The scheduler is the one in that folder's README, the same as
 * the Rust runner's (`core/tests/conformance.rs`).
 */
class ConformanceTest {
    private sealed class Driver {
        class One(val call: HarvestCall) : Driver()
        class Pages(val paginator: HarvestPaginator, val maxPages: Long?) : Driver() {
            val pages = mutableListOf<Int>()
            var stopped = false
        }
    }

    private sealed class Answer {
        class Response(val response: HttpResponse) : Answer()
        class Failure(val requestId: ULong, val kind: FailureKind) : Answer()
    }

    private sealed class Slot {
        object Ready : Slot()
        class Waiting(val until: Long) : Slot()
        class Awaiting(val at: Long, val answer: Answer, val jump: Long) : Slot()
        object Done : Slot()
    }

    private sealed class Step {
        class Send(val request: HarvestRequest) : Step()
        class Wait(val until: Long) : Step()
        class Finished(val result: JsonElement) : Step()
        object Continue : Step()
    }

    private class Run(val script: List<JsonElement>, var now: Long) {
        var step = 0
        var repeatLeft: Long? = null
        val sent = mutableListOf<Long>()
        val errors = mutableListOf<String>()
    }

    private val JsonElement?.obj: JsonObject get() = (this as? JsonObject) ?: JsonObject(emptyMap())
    private fun JsonElement?.str(): String? = (this as? JsonPrimitive)?.takeIf { it.isString }?.content
    private fun JsonElement?.long(): Long? = (this as? JsonPrimitive)?.longOrNull
    private fun JsonElement?.bool(): Boolean = (this as? JsonPrimitive)?.booleanOrNull ?: false
    private fun parse(text: String): JsonElement = Json.parseToJsonElement(text)

    private fun errorJson(e: HarvestException): JsonElement = buildJsonObject {
        put("error", e.code)
        put("status", e.status?.toInt())
        e.retryAtMs?.let { put("retry_at_ms", it) }
    }

    private fun startCall(client: FfiClient, spec: JsonObject): Driver {
        val resume = spec["resume"]
        if (resume != null && resume !is JsonNull) {
            return Driver.Pages(client.resume(resume.toString()), spec["max_pages"].long())
        }
        val ids = spec["path_ids"]?.jsonArray?.mapNotNull { it.long()?.toULong() } ?: emptyList()
        val params = spec["params"]?.takeIf { it !is JsonNull }?.toString()
        val op = spec["operation"].str() ?: ""
        return if (spec["paginate"].bool()) {
            Driver.Pages(client.paginate(op, ids, params), spec["max_pages"].long())
        } else {
            Driver.One(client.call(op, ids, params))
        }
    }

    private fun headerMatches(request: HarvestRequest, expected: JsonElement?): String? {
        for ((name, value) in expected.obj) {
            val actual = request.header(name)
            val ok = when (value) {
                is JsonNull -> actual == null
                is JsonPrimitive -> value.isString && actual == value.content
                else -> false
            }
            if (!ok) return "header $name: expected $value, got $actual"
        }
        return null
    }

    private fun requestMatches(request: HarvestRequest, call: Int, step: JsonObject): String? {
        val want = step["request"].obj
        val method = request.method()
        val url = request.url()
        if (!step["any_call"].bool()) {
            val wantCall = want["call"].long()?.toInt() ?: 0
            if (wantCall != call) return "call $call sent $method $url, but the script expects call $wantCall"
        }
        want["method"].str()?.let { if (it != method) return "method: expected $it, got $method ($url)" }
        want["url"].str()?.let { if (it != url) return "url: expected $it, got $url" }
        want["url_prefix"].str()?.let { if (!url.startsWith(it)) return "url: expected a prefix $it, got $url" }
        headerMatches(request, want["headers"])?.let { return it }
        if (want.containsKey("body")) {
            val bytes = request.body()
            val actual: JsonElement = when (bytes) {
                null -> JsonNull
                else -> jsonOrText(bytes.decodeToString())
            }
            if (actual != want["body"]) return "body: expected ${want["body"]}, got $actual"
        }
        return null
    }

    /** A body as JSON when it is JSON, else as a JSON string (form-encoded OAuth bodies). */
    private fun jsonOrText(text: String): JsonElement {
        val parsed = runCatching { parse(text) }.getOrNull()
        val literal = parsed is JsonPrimitive && !parsed.isString
        val strictLiteral = literal && (text.trim() in setOf("true", "false", "null") || text.trim().toBigDecimalOrNull() != null)
        return if (parsed == null || (literal && !strictLiteral)) JsonPrimitive(text) else parsed
    }

    private fun answerFor(step: JsonObject, requestId: ULong): Answer {
        step["failure"].str()?.let { kind ->
            val k = when (kind) {
                "connect" -> FailureKind.CONNECT
                "transport" -> FailureKind.TRANSPORT
                "timeout" -> FailureKind.TIMEOUT
                else -> throw IllegalArgumentException("unknown failure kind $kind")
            }
            return Answer.Failure(requestId, k)
        }
        val r = step["response"].obj
        val bodyText = r["body_text"].str()
        val body = when {
            bodyText != null -> bodyText.encodeToByteArray()
            r["body"] == null || r["body"] is JsonNull -> ByteArray(0)
            else -> r["body"].toString().encodeToByteArray()
        }
        val headers = r["headers"].obj.map { (k, v) -> Header(k, v.str() ?: "") }
        val status = (r["status"].long() ?: 200).toInt().toUShort()
        return Answer.Response(HttpResponse(requestId, status, headers, body))
    }

    private fun takeStep(run: Run, request: HarvestRequest, call: Int): Triple<Answer, Long, Long>? {
        run.sent.add(run.now)
        val step = run.script.getOrNull(run.step)?.obj
        if (step == null) {
            run.errors.add("call $call sent ${request.method()} ${request.url()} after the script ended")
            return null
        }
        if (step.containsKey("wait")) {
            run.errors.add("step ${run.step}: expected a wait, but call $call sent ${request.method()} ${request.url()}")
            return null
        }
        requestMatches(request, call, step)?.let {
            run.errors.add("step ${run.step}: $it")
            return null
        }
        val left = (run.repeatLeft ?: step["repeat"].long() ?: 1) - 1
        if (left == 0L) {
            run.step += 1
            run.repeatLeft = null
        } else {
            run.repeatLeft = left
        }
        return Triple(answerFor(step, request.id()), step["delay_ms"].long() ?: 0, step["clock_jump_ms"].long() ?: 0)
    }

    private fun checkWait(run: Run, call: Int, until: Long) {
        val w = run.script.getOrNull(run.step)?.obj?.get("wait") ?: return
        if ((w.obj["call"].long() ?: 0).toInt() == call) {
            if (w.obj["until"].long() != until) run.errors.add("step ${run.step}: call $call waits until $until, expected ${w.obj["until"]}")
            run.step += 1
        }
    }

    private fun deliver(driver: Driver, answer: Answer, now: Long): String? = try {
        when (driver) {
            is Driver.One -> when (answer) {
                is Answer.Response -> driver.call.handleResponse(answer.response, now)
                is Answer.Failure -> driver.call.handleFailure(answer.requestId, answer.kind, "scripted failure", now)
            }
            is Driver.Pages -> when (answer) {
                is Answer.Response -> driver.paginator.handleResponse(answer.response, now)
                is Answer.Failure -> driver.paginator.handleFailure(answer.requestId, answer.kind, "scripted failure", now)
            }
        }
        null
    } catch (e: HarvestException) {
        "handing over an answer failed: ${e.code}: ${e.detail}"
    }

    private fun pagesResult(d: Driver.Pages, error: HarvestException? = null): JsonElement = buildJsonObject {
        put("pages", JsonArray(d.pages.map { JsonPrimitive(it) }))
        put("position", parse(d.paginator.positionJson()))
        if (error != null) {
            put("error", error.code)
            put("status", error.status?.toInt())
        }
    }

    private fun ask(driver: Driver, now: Long): Step = when (driver) {
        is Driver.One -> try {
            when (val a = driver.call.nextAction(now)) {
                is CallAction.Send -> Step.Send(a.request)
                is CallAction.Wait -> Step.Wait(a.untilMs)
                is CallAction.Done -> Step.Finished(buildJsonObject { put("ok", a.value.use { parse(it.toJson()) }) })
            }
        } catch (e: HarvestException) {
            Step.Finished(errorJson(e))
        }
        is Driver.Pages -> {
            if (driver.stopped || (driver.maxPages != null && driver.pages.size >= driver.maxPages)) {
                driver.stopped = true
                Step.Finished(pagesResult(driver))
            } else {
                try {
                    when (val a = driver.paginator.nextAction(now)) {
                        is PageAction.Send -> Step.Send(a.request)
                        is PageAction.Wait -> Step.Wait(a.untilMs)
                        is PageAction.Page -> {
                            driver.pages.add(a.page.use { (it.itemCount() ?: 0uL).toInt() })
                            Step.Continue
                        }
                        PageAction.Finished -> Step.Finished(pagesResult(driver))
                    }
                } catch (e: HarvestException) {
                    Step.Finished(pagesResult(driver, e))
                }
            }
        }
    }

    /** Whether [actual] contains [expected]: objects by key, arrays element-wise, numbers numerically. */
    private fun contains(actual: JsonElement?, expected: JsonElement): Boolean = when {
        actual is JsonObject && expected is JsonObject -> expected.all { (k, v) ->
            (actual[k]?.let { contains(it, v) } ?: false) || (v is JsonNull && !actual.containsKey(k))
        }
        actual is JsonArray && expected is JsonArray -> actual.size == expected.size && actual.zip(expected).all { (a, e) -> contains(a, e) }
        actual is JsonPrimitive && expected is JsonPrimitive && !actual.isString && !expected.isString &&
            actual.doubleOrNull != null && expected.doubleOrNull != null -> actual.doubleOrNull == expected.doubleOrNull
        else -> actual == expected
    }

    private fun runCase(case: JsonObject): List<String> {
        val client = FfiClient(case["config"].toString())
        val start = case["start_ms"].long() ?: error("start_ms")
        val specs0 = case["calls"]?.jsonArray?.map { it.jsonObject } ?: emptyList()
        val copies = case["repeat_calls"].long()?.toInt() ?: 1
        val specs = if (copies > 1) List(copies) { specs0[0] } else specs0
        val run = Run(case["script"]?.jsonArray ?: emptyList(), start)
        val drivers = mutableListOf<Driver?>()
        val slots = mutableListOf<Slot>()
        val results = MutableList<JsonElement>(specs.size) { JsonNull }
        for ((i, spec) in specs.withIndex()) {
            try {
                drivers.add(startCall(client, spec))
                slots.add(Slot.Ready)
            } catch (e: HarvestException) {
                drivers.add(null)
                slots.add(Slot.Done)
                results[i] = buildJsonObject { put("error", e.code); put("status", JsonNull) }
            }
        }
        var end = start
        var rounds = 0
        outer@ while (true) {
            rounds += 1
            if (rounds > 1_000_000) {
                run.errors.add("the case did not finish within a million scheduler rounds")
                break
            }
            for (i in drivers.indices) {
                val driver = drivers[i] ?: continue
                val slot = slots[i]
                if (slot is Slot.Awaiting && slot.at <= run.now) {
                    slots[i] = Slot.Ready
                    deliver(driver, slot.answer, run.now)?.let { run.errors.add(it); break@outer }
                    run.now += slot.jump
                }
                while (true) {
                    val ready = when (val s = slots[i]) {
                        Slot.Ready -> true
                        is Slot.Waiting -> s.until <= run.now
                        else -> false
                    }
                    if (!ready) break
                    when (val step = ask(driver, run.now)) {
                        is Step.Send -> {
                            val taken = step.request.use { takeStep(run, it, i) } ?: break@outer
                            val (answer, delay, jump) = taken
                            if (delay == 0L) {
                                deliver(driver, answer, run.now)?.let { run.errors.add(it); break@outer }
                                run.now += jump
                                slots[i] = Slot.Ready
                            } else {
                                slots[i] = Slot.Awaiting(run.now + delay, answer, jump)
                            }
                        }
                        is Step.Wait -> {
                            checkWait(run, i, step.until)
                            if (step.until <= run.now) {
                                run.errors.add("call $i asked to wait until ${step.until}, which is not after now (${run.now})")
                                break@outer
                            }
                            slots[i] = Slot.Waiting(step.until)
                        }
                        is Step.Finished -> {
                            results[i] = step.result
                            slots[i] = Slot.Done
                            end = run.now
                        }
                        Step.Continue -> {}
                    }
                }
            }
            if (slots.all { it is Slot.Done }) break
            val next = slots.mapNotNull {
                when (it) {
                    is Slot.Waiting -> it.until
                    is Slot.Awaiting -> it.at
                    else -> null
                }
            }.minOrNull()
            if (next == null) {
                run.errors.add("no call can make progress")
                break
            }
            run.now = maxOf(run.now, next)
        }
        if (run.step < run.script.size && run.errors.isEmpty()) {
            run.errors.add("${run.script.size - run.step} script steps were never reached (next: ${run.script[run.step]})")
        }
        val errors = run.errors.toMutableList()
        val expect = case["expect"].obj
        expect["results"]?.jsonArray?.forEachIndexed { i, w ->
            if (!contains(results[i], w)) errors.add("result $i: expected $w, got ${results[i].toString().take(400)}")
        }
        expect["all_results"]?.let { w ->
            results.withIndex().firstOrNull { !contains(it.value, w) }?.let { errors.add("result ${it.index}: expected $w, got ${it.value.toString().take(400)}") }
        }
        expect["end_ms"].long()?.let { if (it != end) errors.add("end_ms: expected $it, got $end (start + ${end - start})") }
        expect["requests"].long()?.let { if (it != run.sent.size.toLong()) errors.add("requests: expected $it, got ${run.sent.size}") }
        expect["max_requests_in_window"]?.obj?.let { w ->
            val window = w["window_ms"].long()!!
            val max = w["max"].long()!!.toInt()
            val sent = run.sent.sorted()
            for ((i, t) in sent.withIndex()) {
                val n = sent.drop(i).takeWhile { it < t + window }.size
                if (n > max) {
                    errors.add("$n requests within $window ms from $t, more than $max")
                    break
                }
            }
        }
        expect["events"]?.jsonArray?.let { want ->
            val events = JsonArray(client.takeEvents().map { event ->
                when (event) {
                    is ClientEvent.TokensRefreshed -> buildJsonObject {
                        put("tokens_refreshed", buildJsonObject {
                            put("access_token", event.tokens.accessToken())
                            put("refresh_token", event.tokens.refreshToken())
                            put("expires_at_ms", event.tokens.expiresAtMs())
                        })
                    }
                }
            })
            if (!contains(events, want)) errors.add("events: expected $want, got $events")
        }
        for (d in drivers) {
            when (d) {
                is Driver.One -> d.call.close()
                is Driver.Pages -> d.paginator.close()
                null -> {}
            }
        }
        client.close()
        return errors
    }

    @TestFactory
    fun conformanceCases(): List<DynamicTest> {
        val dir = File(System.getProperty("harvest.root", "../.."), "tests/conformance")
        val files = dir.listFiles { f -> f.extension == "json" }?.sortedBy { it.name } ?: emptyList()
        assertTrue(files.size >= 80, "expected the conformance cases in $dir, found ${files.size}")
        return files.map { file ->
            DynamicTest.dynamicTest(file.nameWithoutExtension) {
                val case = parse(file.readText()).jsonObject
                val errors = runCase(case)
                assertTrue(errors.isEmpty(), "${file.name}:\n  " + errors.joinToString("\n  "))
            }
        }
    }
}
