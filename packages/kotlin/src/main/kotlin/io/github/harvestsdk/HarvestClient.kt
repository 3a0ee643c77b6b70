package io.github.harvestsdk

import io.github.harvestsdk.ffi.CallAction
import io.github.harvestsdk.ffi.ClientEvent
import io.github.harvestsdk.ffi.FailureKind
import io.github.harvestsdk.ffi.HarvestDecoded
import io.github.harvestsdk.ffi.HarvestException
import io.github.harvestsdk.ffi.HarvestRequest
import io.github.harvestsdk.ffi.Header
import io.github.harvestsdk.ffi.HttpResponse
import io.github.harvestsdk.ffi.ModelValue
import io.github.harvestsdk.ffi.OAuthTokens
import java.io.IOException
import kotlin.coroutines.cancellation.CancellationException
import io.github.harvestsdk.ffi.HarvestClient as FfiClient

/** OAuth settings: the client refreshes the access token itself and reports new tokens. */
public class OAuthSettings(
    public val clientId: String,
    private val clientSecret: String,
    private val refreshToken: String?,
    /** When the current access token expires, epoch milliseconds. */
    public val expiresAtMs: Long? = null,
    /** Called with the new tokens after each refresh: persist them (secure storage). */
    public val onTokensRefreshed: ((OAuthTokens) -> Unit)? = null,
) {
    internal fun toJson(): Map<String, Any?> =
        params("client_id" to clientId, "client_secret" to clientSecret, "refresh_token" to refreshToken, "expires_at_ms" to expiresAtMs)

    override fun toString(): String = "OAuthSettings(clientId=$clientId, expiresAtMs=$expiresAtMs)"
}

/**
 * A Harvest client. Every function is a `suspend` function over [transport] (by default
 * `java.net.http`), cancellable like any coroutine; lists are [HarvestList]s, a `Flow` of items
 * with `.pages()`; failures are [HarvestException]s with a stable [code]. Resource namespaces are
 * named as Harvest's docs name them: `client.timeEntries.list(projectId = 1)`.
 *
 * The calls of one client share its rate limiter and OAuth refresh, so run as many concurrently as
 * you like. For Java and other non-coroutine callers, see [blocking].
 */
public class HarvestClient internal constructor(
    internal val ffi: FfiClient,
    internal val transport: HarvestTransport,
    internal val clock: HarvestClock,
    private val onTokensRefreshed: ((OAuthTokens) -> Unit)?,
) : AutoCloseable {

    /**
     * A client for [accountId] with a personal access token (or an OAuth access token, with
     * [oauth] to refresh it). [userAgent] names your app and a contact: `MyApp (me@example.com)`.
     * [baseUrl] is Harvest's unless set (the sandbox's URL in tests).
     */
    public constructor(
        accountId: Long?,
        accessToken: String,
        userAgent: String,
        baseUrl: String? = null,
        idBaseUrl: String? = null,
        oauth: OAuthSettings? = null,
        transport: HarvestTransport = JavaHttpTransport(),
        clock: HarvestClock = SystemClock,
    ) : this(
        FfiClient(
            Json.write(
                params(
                    "account_id" to accountId, "access_token" to accessToken, "user_agent" to userAgent,
                    "base_url" to baseUrl, "id_base_url" to idBaseUrl, "oauth" to oauth?.toJson(),
                ),
            ),
        ),
        transport, clock, oauth?.onTokensRefreshed,
    )

    public companion object {
        /**
         * A client from `ClientOptions` JSON, the shape every binding shares: `account_id`,
         * `access_token`, `user_agent`, `base_url`, `id_base_url`, `retry`, `rate_limits`, `oauth`.
         */
        @JvmStatic
        @JvmOverloads
        public fun fromOptionsJson(
            optionsJson: String,
            transport: HarvestTransport = JavaHttpTransport(),
            clock: HarvestClock = SystemClock,
            onTokensRefreshed: ((OAuthTokens) -> Unit)? = null,
        ): HarvestClient = HarvestClient(FfiClient(optionsJson), transport, clock, onTokensRefreshed)
    }

    /** Clients. */
    public val clients: Clients = Clients(this)
    /** Contacts. */
    public val contacts: Contacts = Contacts(this)
    /** The company (account settings). */
    public val company: CompanyApi = CompanyApi(this)
    /** Estimates, their messages and item categories. */
    public val estimates: Estimates = Estimates(this)
    /** Expenses and expense categories. */
    public val expenses: Expenses = Expenses(this)
    /** Invoices, their messages, payments and item categories. */
    public val invoices: Invoices = Invoices(this)
    /** Projects. */
    public val projects: Projects = Projects(this)
    /** Task assignments (of every project, or of one). */
    public val taskAssignments: TaskAssignments = TaskAssignments(this)
    /** User assignments (of every project, or of one). */
    public val userAssignments: UserAssignments = UserAssignments(this)
    /** Reports: time, expenses, uninvoiced, project budget. */
    public val reports: Reports = Reports(this)
    /** Roles. */
    public val roles: Roles = Roles(this)
    /** Tasks. */
    public val tasks: Tasks = Tasks(this)
    /** Time entries. */
    public val timeEntries: TimeEntries = TimeEntries(this)
    /** Users, their rates, project assignments and teammates. */
    public val users: Users = Users(this)

    /** Blocking versions of the calls, for Java and code outside coroutines. */
    public val blocking: BlockingHarvestClient by lazy { BlockingHarvestClient(this) }

    /** The account id, if set. */
    public val accountId: Long? get() = ffi.accountId()?.toLong()

    /** Sets the account id (after account discovery). */
    public fun setAccountId(accountId: Long): Unit = ffi.setAccountId(accountId.toULong())

    /** The current OAuth tokens, when signed in with OAuth. */
    public fun tokens(): OAuthTokens? = ffi.tokens()

    /**
     * Any operation by its OpenAPI `operationId` (`listTimeEntries`, `createInvoice`...), with its
     * path ids in order and its parameters (query filters or body fields): the decoded answer. Use
     * it for what the namespaces do not name; `HarvestDecoded.model()`/`items()` hold the typed
     * trees, `toJson()` the JSON.
     */
    public suspend fun call(operationId: String, pathIds: List<Long> = emptyList(), params: Map<String, Any?>? = null): HarvestDecoded =
        run(operationId, pathIds, params) { it }

    /** Lists any list operation by its `operationId`, converting items with [convert]. */
    public fun <T> list(operationId: String, pathIds: List<Long>, params: Map<String, Any?>?, convert: (ModelValue) -> T): HarvestList<T> =
        HarvestList(this, { ffi.paginate(operationId, pathIds.map { it.toULong() }, params?.let(Json::write)) }, convert)

    /** Resumes a list from a [Page.position] saved earlier (even in another process). */
    public fun <T> resume(position: String, convert: (ModelValue) -> T): HarvestList<T> = HarvestList(this, { ffi.resume(position) }, convert)

    /** Runs one operation to its end and converts the answer. */
    internal suspend fun <T> run(operationId: String, pathIds: List<Long>, params: Map<String, Any?>?, convert: (HarvestDecoded) -> T): T {
        val call = ffi.call(operationId, pathIds.map { it.toULong() }, params?.let(Json::write))
        try {
            while (true) {
                when (val action = call.nextAction(clock.nowMs())) {
                    is CallAction.Send -> exchange(action.request, call::handleResponse, call::handleFailure)
                    is CallAction.Wait -> clock.sleepUntil(action.untilMs)
                    is CallAction.Done -> {
                        val value = action.value
                        val result = convert(value)
                        // `call` hands the decoded object itself to the caller; anything else is a copy.
                        if (result !== value) value.close()
                        return result
                    }
                }
            }
        } catch (e: CancellationException) {
            call.cancel()
            throw e
        } finally {
            call.close()
            deliverEvents()
        }
    }

    /** Runs one operation whose answer is an object, typed by [convert]. */
    internal suspend fun <T> one(operationId: String, pathIds: List<Long>, params: Map<String, Any?>?, convert: (ModelValue) -> T): T =
        run(operationId, pathIds, params) { decoded ->
            val model = decoded.model() ?: throw IllegalStateException("$operationId answered without an object")
            convert(model)
        }

    /** Runs one operation whose answer is not needed (a delete). */
    internal suspend fun unit(operationId: String, pathIds: List<Long>) {
        run(operationId, pathIds, null) { }
    }

    /** Sends one request and hands the answer, or the failure, back to the state machine. */
    internal suspend fun exchange(
        request: HarvestRequest,
        handleResponse: (HttpResponse, Long) -> Unit,
        handleFailure: (ULong, FailureKind, String, Long) -> Unit,
    ) {
        request.use {
            val id = request.id()
            val sent = TransportRequest(id.toLong(), request.method(), request.url(), request.headers().map { it.name to it.value }, request.body())
            val answer = try {
                transport.send(sent)
            } catch (e: CancellationException) {
                throw e
            } catch (e: TransportFailure) {
                handleFailure(id, e.kind, e.message ?: "", clock.nowMs())
                return
            } catch (e: IOException) {
                handleFailure(id, FailureKind.TRANSPORT, e.message ?: e.javaClass.simpleName, clock.nowMs())
                return
            }
            val headers = answer.headers.map { Header(it.first, it.second) }
            handleResponse(HttpResponse(id, answer.status.toUShort(), headers, answer.body), clock.nowMs())
        }
    }

    /** Hands refreshed OAuth tokens to the host's callback. */
    internal fun deliverEvents() {
        for (event in ffi.takeEvents()) {
            when (event) {
                is ClientEvent.TokensRefreshed -> onTokensRefreshed?.invoke(event.tokens)
            }
        }
    }

    override fun close(): Unit = ffi.close()

    override fun toString(): String = "HarvestClient(${ffi.baseUrl()}, account ${ffi.accountId()})"
}
