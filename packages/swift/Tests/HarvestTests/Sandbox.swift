import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import Harvest

/// The sandbox server on a free port (`HARVEST_SANDBOX` names the binary; `make test-swift` sets it).
final class Sandbox {
    static let userAgent = "harvest-sdk Swift tests (tests@example.com)"
    let process = Process()
    let baseURL: String
    let accountId: Int64
    let accessToken: String

    init(_ arguments: [String]) throws {
        guard let binary = ProcessInfo.processInfo.environment["HARVEST_SANDBOX"] else {
            throw XCTSkip("HARVEST_SANDBOX is not set (run through `make test-swift`)")
        }
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0", "--json"] + arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let info = try XCTUnwrap(JSONSerialization.jsonObject(with: line) as? [String: Any])
        baseURL = try XCTUnwrap(info["base_url"] as? String)
        accountId = try XCTUnwrap((info["account_id"] as? NSNumber)?.int64Value)
        accessToken = try XCTUnwrap(info["access_token"] as? String)
    }

    func client(transport: any HarvestTransport = URLSessionTransport()) throws -> HarvestClient {
        try HarvestClient(accountId: accountId, accessToken: accessToken, userAgent: Sandbox.userAgent, baseURL: baseURL, idBaseURL: baseURL, transport: transport)
    }

    /// Installs a fault (`--faults` must be on).
    func fault(_ spec: String) async throws {
        var request = URLRequest(url: URL(string: baseURL + "/_sandbox/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(spec.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 201, spec)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
