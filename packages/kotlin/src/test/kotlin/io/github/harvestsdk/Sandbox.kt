package io.github.harvestsdk

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.TimeUnit

/** The sandbox server, started on a free port for a test class, stopped by [close]. */
class Sandbox(vararg args: String) : AutoCloseable {
    private val process: Process
    val info: JsonObject

    init {
        val binary = System.getProperty("harvest.sandbox") ?: error("-Dharvest.sandbox is not set (run through `mvn test`)")
        check(File(binary).canExecute()) { "no sandbox binary at $binary" }
        process = ProcessBuilder(listOf(binary, "--port", "0", "--json") + args)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val line = process.inputStream.bufferedReader().readLine() ?: error("the sandbox exited before printing its start line")
        info = Json.parseToJsonElement(line).jsonObject
    }

    val baseUrl: String get() = info["base_url"]!!.jsonPrimitive.content
    val accountId: Long get() = info["account_id"]!!.jsonPrimitive.long
    val accessToken: String get() = info["access_token"]!!.jsonPrimitive.content

    /** A client of the sandbox's admin, with the default transport and the wall clock. */
    fun client(transport: HarvestTransport = JavaHttpTransport()): HarvestClient =
        HarvestClient(accountId, accessToken, USER_AGENT, baseUrl = baseUrl, idBaseUrl = baseUrl, transport = transport)

    /** Installs a fault (`--faults` must be on): `{"method","path","times","fault","status","ms"}`. */
    fun fault(spec: String) {
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/_sandbox/faults"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(spec))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 201) { "the fault $spec was refused: ${response.statusCode()} ${response.body()}" }
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        const val USER_AGENT = "harvest-sdk Kotlin tests (tests@example.com)"
        private val http: HttpClient = HttpClient.newHttpClient()
    }
}
