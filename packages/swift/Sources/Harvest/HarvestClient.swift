import Foundation
import HarvestFFI

/// A Harvest client. Every call is `async throws` over `transport` (by default `URLSession`),
/// cancelled with its task; lists are `HarvestList`s, `AsyncSequence`s of items with `.pages()`;
/// failures are `HarvestError`s with a stable `code`. Resource namespaces are named as Harvest's
/// docs name them: `client.timeEntries.list(projectId: 1)`. The calls of one client share its
/// rate limiter and OAuth refresh, so run as many concurrently as you like.
public final class HarvestClient: @unchecked Sendable, CustomStringConvertible {
    let ffi: FFIClient
    let transport: any HarvestTransport
    let clock: any HarvestClock
    private let onTokensRefreshed: (@Sendable (OAuthTokens) -> Void)?

    /// A client for `accountId` with a personal access token. `userAgent` names your app and a
    /// contact: `MyApp (me@example.com)`. `baseURL` is Harvest's unless set (the sandbox's in tests).
    public convenience init(
        accountId: Int64?,
        accessToken: String,
        userAgent: String,
        baseURL: String? = nil,
        idBaseURL: String? = nil,
        transport: any HarvestTransport = URLSessionTransport(),
        clock: any HarvestClock = SystemClock()
    ) throws {
        let options = params(
            ("account_id", accountId), ("access_token", accessToken), ("user_agent", userAgent),
            ("base_url", baseURL), ("id_base_url", idBaseURL)
        )
        try self.init(optionsJSON: JSONParams.write(options), transport: transport, clock: clock)
    }

    /// A client from `ClientOptions` JSON, the shape every binding shares (`account_id`,
    /// `access_token`, `user_agent`, `base_url`, `retry`, `rate_limits`, `oauth`...).
    /// `onTokensRefreshed` receives OAuth tokens after each refresh: store them in the Keychain.
    public init(
        optionsJSON: String,
        transport: any HarvestTransport = URLSessionTransport(),
        clock: any HarvestClock = SystemClock(),
        onTokensRefreshed: (@Sendable (OAuthTokens) -> Void)? = nil
    ) throws {
        self.ffi = try FFIClient(optionsJson: optionsJSON)
        self.transport = transport
        self.clock = clock
        self.onTokensRefreshed = onTokensRefreshed
    }

    public var description: String { "HarvestClient(\(ffi.baseUrl()))" }

    public var clients: Clients { Clients(h: self) }
    public var contacts: Contacts { Contacts(h: self) }
    public var company: CompanyAPI { CompanyAPI(h: self) }
    /// Estimates, their messages and item categories.
    public var estimates: Estimates { Estimates(h: self) }
    /// Expenses and expense categories.
    public var expenses: Expenses { Expenses(h: self) }
    /// Invoices, their messages, payments and item categories.
    public var invoices: Invoices { Invoices(h: self) }
    public var projects: Projects { Projects(h: self) }
    public var taskAssignments: TaskAssignments { TaskAssignments(h: self) }
    public var userAssignments: UserAssignments { UserAssignments(h: self) }
    public var reports: Reports { Reports(h: self) }
    public var roles: Roles { Roles(h: self) }
    public var tasks: Tasks { Tasks(h: self) }
    public var timeEntries: TimeEntries { TimeEntries(h: self) }
    /// Users, their rates, project assignments and teammates.
    public var users: Users { Users(h: self) }

    /// The account id, if set.
    public var accountId: Int64? { ffi.accountId().map { Int64(truncatingIfNeeded: $0) } }

    /// Sets the account id (after account discovery).
    public func setAccountId(_ accountId: Int64) throws { try ffi.setAccountId(accountId: UInt64(accountId)) }

    /// The current OAuth tokens, when signed in with OAuth.
    public func tokens() -> OAuthTokens? { ffi.tokens() }

    /// Any operation by its OpenAPI `operationId`, path ids in order, parameters by Harvest's names.
    public func call(_ operationId: String, pathIds: [Int64] = [], params: [String: Any?]? = nil) async throws -> HarvestDecoded {
        try await run(operationId, pathIds, params) { $0 }
    }

    /// Any list operation by its `operationId`, items converted by `convert`.
    public func list<T>(_ operationId: String, pathIds: [Int64] = [], params: [String: Any?]? = nil, convert: @escaping (ModelValue) -> T) -> HarvestList<T> {
        let ids = pathIds.map { UInt64($0) }
        let json = params.map { JSONParams.write($0) }
        return HarvestList(client: self, start: { [ffi] in try ffi.paginate(operationId: operationId, pathIds: ids, paramsJson: json) }, convert: convert)
    }

    /// Resumes a list from a `Page.position` saved earlier (even in another process).
    public func resume<T>(position: String, convert: @escaping (ModelValue) -> T) -> HarvestList<T> {
        HarvestList(client: self, start: { [ffi] in try ffi.resume(positionJson: position) }, convert: convert)
    }

    func run<T>(_ operationId: String, _ pathIds: [Int64], _ params: [String: Any?]?, convert: (HarvestDecoded) throws -> T) async throws -> T {
        let call = try ffi.call(operationId: operationId, pathIds: pathIds.map { UInt64($0) }, paramsJson: params.map { JSONParams.write($0) })
        defer { deliverEvents() }
        return try await withTaskCancellationHandler {
            while true {
                switch try call.nextAction(nowMs: clock.nowMs()) {
                case .send(let request):
                    try await exchange(request, respond: call.handleResponse(response:nowMs:), fail: call.handleFailure(requestId:kind:message:nowMs:))
                case .wait(let until):
                    try await clock.sleep(until: until)
                case .done(let value):
                    return try convert(value)
                }
            }
        } onCancel: {
            call.cancel()
        }
    }

    func one<T>(_ operationId: String, _ pathIds: [Int64], _ params: [String: Any?]?, _ convert: (ModelValue) -> T) async throws -> T {
        try await run(operationId, pathIds, params) { decoded in
            guard let model = decoded.model() else {
                throw HarvestError.Decode(code: "decode", detail: "\(operationId) answered without an object", status: nil, retryAtMs: nil, retryAfterMs: nil)
            }
            return convert(model)
        }
    }

    func unit(_ operationId: String, _ pathIds: [Int64]) async throws {
        _ = try await run(operationId, pathIds, nil) { _ in () }
    }

    /// Sends one request and hands the answer, or the failure, back to the state machine.
    func exchange(
        _ request: HarvestRequest,
        respond: (HttpResponse, Int64) throws -> Void,
        fail: (UInt64, FailureKind, String, Int64) throws -> Void
    ) async throws {
        let id = request.id()
        guard let url = URL(string: request.url()) else {
            try fail(id, .connect, "not a URL", clock.nowMs())
            return
        }
        let sent = TransportRequest(id: id, method: request.method(), url: url, headers: request.headers().map { ($0.name, $0.value) }, body: request.body())
        let answer: TransportResponse
        do {
            answer = try await transport.send(sent)
        } catch is CancellationError {
            throw CancellationError()
        } catch let failure as TransportFailure {
            try Task.checkCancellation()
            try fail(id, failure.kind, failure.message, clock.nowMs())
            return
        } catch {
            try Task.checkCancellation()
            try fail(id, .transport, String(describing: error), clock.nowMs())
            return
        }
        try Task.checkCancellation()
        let headers = answer.headers.map { Header(name: $0.0, value: $0.1) }
        try respond(HttpResponse(requestId: id, status: UInt16(clamping: answer.status), headers: headers, body: answer.body), clock.nowMs())
    }

    /// Hands refreshed OAuth tokens to the host's callback.
    func deliverEvents() {
        for event in ffi.takeEvents() {
            switch event {
            case .tokensRefreshed(let tokens): onTokensRefreshed?(tokens)
            }
        }
    }
}
