import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A request for the transport to send verbatim. Its description never shows the token.
public struct TransportRequest: Sendable, CustomStringConvertible {
    public let id: UInt64
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    public let method: String
    /// The absolute URL, query encoded.
    public let url: URL
    /// Every header to send, `Authorization` included.
    public let headers: [(String, String)]
    /// The body (JSON, or form-encoded for OAuth), if any.
    public let body: Data?

    /// A header's value by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    public var description: String {
        "\(method) \(url.absoluteString.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "")"
    }
}

/// What the server answered (any status: an HTTP error is an answer, not a failure).
public struct TransportResponse: Sendable {
    public let status: Int
    public let headers: [(String, String)]
    public let body: Data

    public init(status: Int, headers: [(String, String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Thrown by a transport when a request got no answer. `kind` decides what the core may do:
/// `.connect` (never reached the server: even a POST is repeated), `.transport`, `.timeout`.
public struct TransportFailure: Error, Sendable {
    public let kind: FailureKind
    public let message: String

    public init(kind: FailureKind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Sends requests for the client: implement it for a proxy, certificate pinning, or to mock
/// Harvest in tests. Throw `TransportFailure` when there is no answer; let cancellation through.
public protocol HarvestTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// The default transport: `URLSession`, cancelled with its task.
public struct URLSessionTransport: HarvestTransport {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(session: URLSession = .shared, timeout: TimeInterval = 30) {
        self.session = session
        self.timeout = timeout
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.timeoutInterval = timeout
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportFailure(kind: .transport, message: "not an HTTP response")
            }
            let headers: [(String, String)] = http.allHeaderFields.compactMap { key, value in
                guard let name = key as? String else { return nil }
                return (name, "\(value)")
            }
            return TransportResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            switch error.code {
            case .cancelled:
                throw CancellationError()
            case .timedOut:
                throw TransportFailure(kind: .timeout, message: "no answer within \(timeout) s")
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
                throw TransportFailure(kind: .connect, message: error.localizedDescription)
            default:
                throw TransportFailure(kind: .transport, message: error.localizedDescription)
            }
        }
    }
}

/// Where the driver reads the time and sleeps: the wall clock, or a virtual one in tests.
public protocol HarvestClock: Sendable {
    /// Wall-clock epoch milliseconds.
    func nowMs() -> Int64
    /// Sleeps until `epochMs`; throws `CancellationError` when the task is cancelled.
    func sleep(until epochMs: Int64) async throws
}

/// The system clock and `Task.sleep`.
public struct SystemClock: HarvestClock {
    public init() {}

    public func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    public func sleep(until epochMs: Int64) async throws {
        let ms = epochMs - nowMs()
        if ms > 0 { try await Task.sleep(nanoseconds: UInt64(ms) * 1_000_000) }
    }
}
