package io.github.harvestsdk

import io.github.harvestsdk.ffi.FailureKind
import kotlinx.coroutines.future.await
import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.UnknownHostException
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.HttpTimeoutException
import java.time.Duration

/** A request for the transport to send verbatim. Its string form never shows the token. */
public class TransportRequest(
    /** Identifies the request within its client. */
    public val id: Long,
    /** `GET`, `POST`, `PATCH` or `DELETE`. */
    public val method: String,
    /** The absolute URL, query encoded. */
    public val url: String,
    /** Every header to send, `Authorization` included. */
    public val headers: List<Pair<String, String>>,
    /** The body (JSON, or form-encoded for OAuth), if any. */
    public val body: ByteArray?,
) {
    /** A header's value by case-insensitive name. */
    public fun header(name: String): String? = headers.firstOrNull { it.first.equals(name, ignoreCase = true) }?.second

    override fun toString(): String = "$method ${url.substringBefore('?')}"
}

/** What the server answered. */
public class TransportResponse(
    public val status: Int,
    public val headers: List<Pair<String, String>>,
    public val body: ByteArray,
) {
    override fun toString(): String = "TransportResponse(status=$status, ${body.size} bytes)"
}

/**
 * Thrown by a transport when a request got no answer. [kind] decides what the core may do:
 * [FailureKind.CONNECT] (never reached the server: even a POST is repeated), [FailureKind.TRANSPORT]
 * (may have reached it), [FailureKind.TIMEOUT].
 */
public class TransportFailure(public val kind: FailureKind, message: String, cause: Throwable? = null) : IOException(message, cause)

/**
 * Sends requests for the client. Implement it to use OkHttp, add a proxy or certificate pinning, or
 * mock Harvest in tests. Throw [TransportFailure] (or any [IOException]) when there is no answer;
 * an HTTP error status is an answer, not an exception. Cancellation must propagate.
 */
public fun interface HarvestTransport {
    public suspend fun send(request: TransportRequest): TransportResponse
}

/** The default transport: `java.net.http.HttpClient`, asynchronous, cancelled with its coroutine. */
public class JavaHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(),
    /** How long to wait for an answer before a `timeout` failure. */
    private val requestTimeout: Duration = Duration.ofSeconds(30),
) : HarvestTransport {
    override suspend fun send(request: TransportRequest): TransportResponse {
        val body = request.body?.let { HttpRequest.BodyPublishers.ofByteArray(it) } ?: HttpRequest.BodyPublishers.noBody()
        val builder = HttpRequest.newBuilder(URI.create(request.url)).timeout(requestTimeout).method(request.method, body)
        for ((name, value) in request.headers) {
            if (name.lowercase() !in RESTRICTED) builder.header(name, value)
        }
        val response = try {
            client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).await()
        } catch (e: HttpConnectTimeoutException) {
            throw TransportFailure(FailureKind.CONNECT, "connect timed out", e)
        } catch (e: HttpTimeoutException) {
            throw TransportFailure(FailureKind.TIMEOUT, "no answer within $requestTimeout", e)
        } catch (e: ConnectException) {
            throw TransportFailure(FailureKind.CONNECT, e.message ?: "connection refused", e)
        } catch (e: UnknownHostException) {
            throw TransportFailure(FailureKind.CONNECT, "unknown host", e)
        } catch (e: IOException) {
            throw TransportFailure(FailureKind.TRANSPORT, e.message ?: e.javaClass.simpleName, e)
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { name to it } }
        return TransportResponse(response.statusCode(), headers, response.body() ?: ByteArray(0))
    }

    private companion object {
        /** Headers java.net.http sets itself and refuses from callers. */
        val RESTRICTED = setOf("connection", "content-length", "expect", "host", "upgrade")
    }
}
