import Foundation
import XCTest
@testable import Harvest

/// Every case of `tests/conformance` through the Swift binding, with a scripted transport and a
/// virtual clock: the scheduler of that folder's README, as in the Rust and Kotlin runners.
final class ConformanceTests: XCTestCase {
    private enum Driver {
        case one(HarvestCall)
        case pages(HarvestPaginator, maxPages: Int?, counts: [Int])
    }

    private enum Answer {
        case response(HttpResponse)
        case failure(UInt64, FailureKind)
    }

    private enum Slot {
        case ready, done
        case waiting(Int64)
        case awaiting(at: Int64, answer: Answer, jump: Int64)
    }

    private struct Run {
        var script: [[String: Any]]
        var step = 0
        var repeatLeft: Int64?
        var sent: [Int64] = []
        var now: Int64
        var errors: [String] = []
    }

    private func int(_ v: Any?) -> Int64? { (v as? NSNumber).map { $0.int64Value } }
    private func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    private func text(_ v: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)"
    }

    /// Whether `actual` contains `expected` (objects by key, arrays element-wise, numbers numerically).
    private func contains(_ actual: Any?, _ expected: Any?) -> Bool {
        switch (actual, expected) {
        case let (a as [String: Any], e as [String: Any]):
            return e.allSatisfy { key, value in
                (a[key].map { contains($0, value) } ?? false) || (value is NSNull && a[key] == nil)
            }
        case let (a as [Any], e as [Any]):
            return a.count == e.count && zip(a, e).allSatisfy { contains($0, $1) }
        case let (a as NSNumber, e as NSNumber):
            return a.doubleValue == e.doubleValue
        case let (a as String, e as String):
            return a == e
        case (is NSNull, is NSNull), (nil, is NSNull):
            return true
        default:
            return false
        }
    }

    private func errorResult(_ e: HarvestError) -> [String: Any] {
        var out: [String: Any] = ["error": e.code, "status": e.status.map { NSNumber(value: $0) } ?? NSNull()]
        if let at = e.retryAtMs { out["retry_at_ms"] = NSNumber(value: at) }
        return out
    }

    private func requestError(_ request: HarvestRequest, call: Int, step: [String: Any]) -> String? {
        let want = step["request"] as? [String: Any] ?? [:]
        let (method, url) = (request.method(), request.url())
        if (step["any_call"] as? Bool) != true, Int(int(want["call"]) ?? 0) != call {
            return "call \(call) sent \(method) \(url), but the script expects call \(int(want["call"]) ?? 0)"
        }
        if let m = want["method"] as? String, m != method { return "method: expected \(m), got \(method)" }
        if let u = want["url"] as? String, u != url { return "url: expected \(u), got \(url)" }
        if let p = want["url_prefix"] as? String, !url.hasPrefix(p) { return "url: expected a prefix \(p), got \(url)" }
        for (name, value) in want["headers"] as? [String: Any] ?? [:] {
            let actual = request.header(name: name)
            let ok = value is NSNull ? actual == nil : actual == (value as? String)
            if !ok { return "header \(name): expected \(value), got \(actual ?? "nil")" }
        }
        if let body = want["body"] {
            let actual: Any = request.body().map { data -> Any in
                let s = String(decoding: data, as: UTF8.self)
                let parsed = (try? JSONSerialization.jsonObject(with: data)) // objects and arrays only: a form body stays text
                return parsed ?? s
            } ?? NSNull()
            if !(contains(actual, body) && contains(body, actual)) { return "body: expected \(text(body)), got \(text(actual))" }
        }
        return nil
    }

    private func answer(_ step: [String: Any], _ requestId: UInt64) -> Answer {
        if let kind = step["failure"] as? String {
            let k: FailureKind = kind == "connect" ? .connect : kind == "timeout" ? .timeout : .transport
            return .failure(requestId, k)
        }
        let r = step["response"] as? [String: Any] ?? [:]
        let body: Data
        if let t = r["body_text"] as? String {
            body = Data(t.utf8)
        } else if let b = r["body"], !(b is NSNull) {
            body = (try? JSONSerialization.data(withJSONObject: b, options: [.fragmentsAllowed])) ?? Data()
        } else {
            body = Data()
        }
        let headers = (r["headers"] as? [String: Any] ?? [:]).map { Header(name: $0.key, value: $0.value as? String ?? "") }
        return .response(HttpResponse(requestId: requestId, status: UInt16(int(r["status"]) ?? 200), headers: headers, body: body))
    }

    private func deliver(_ driver: Driver, _ answer: Answer, _ now: Int64) -> String? {
        do {
            switch (driver, answer) {
            case let (.one(c), .response(r)): try c.handleResponse(response: r, nowMs: now)
            case let (.one(c), .failure(id, k)): try c.handleFailure(requestId: id, kind: k, message: "scripted failure", nowMs: now)
            case let (.pages(p, _, _), .response(r)): try p.handleResponse(response: r, nowMs: now)
            case let (.pages(p, _, _), .failure(id, k)): try p.handleFailure(requestId: id, kind: k, message: "scripted failure", nowMs: now)
            }
            return nil
        } catch {
            return "handing over an answer failed: \(error)"
        }
    }

    private func pagesResult(_ p: HarvestPaginator, _ counts: [Int], _ error: HarvestError? = nil) -> [String: Any] {
        var out: [String: Any] = ["pages": counts, "position": json(p.positionJson()) ?? NSNull()]
        if let error {
            out["error"] = error.code
            out["status"] = error.status.map { NSNumber(value: $0) } ?? NSNull()
        }
        return out
    }

    private func runCase(_ c: [String: Any]) throws -> [String] {
        let client = try FFIClient(optionsJson: text(c["config"] ?? [:]))
        let start = int(c["start_ms"]) ?? 0
        var specs = c["calls"] as? [[String: Any]] ?? []
        if let copies = int(c["repeat_calls"]), copies > 1 { specs = Array(repeating: specs[0], count: Int(copies)) }
        var run = Run(script: c["script"] as? [[String: Any]] ?? [], now: start)
        var drivers: [Driver?] = []
        var slots: [Slot] = []
        var results: [Any] = Array(repeating: NSNull(), count: specs.count)
        for (i, spec) in specs.enumerated() {
            do {
                let ids = (spec["path_ids"] as? [Any] ?? []).compactMap { int($0).map { UInt64($0) } }
                let params = spec["params"].flatMap { $0 is NSNull ? nil : text($0) }
                let maxPages = int(spec["max_pages"]).map { Int($0) }
                if let resume = spec["resume"], !(resume is NSNull) {
                    drivers.append(.pages(try client.resume(positionJson: text(resume)), maxPages: maxPages, counts: []))
                } else if (spec["paginate"] as? Bool) == true {
                    drivers.append(.pages(try client.paginate(operationId: spec["operation"] as? String ?? "", pathIds: ids, paramsJson: params), maxPages: maxPages, counts: []))
                } else {
                    drivers.append(.one(try client.call(operationId: spec["operation"] as? String ?? "", pathIds: ids, paramsJson: params)))
                }
                slots.append(.ready)
            } catch let e as HarvestError {
                drivers.append(nil)
                slots.append(.done)
                results[i] = ["error": e.code, "status": NSNull()]
            }
        }
        var end = start
        var rounds = 0
        outer: while true {
            rounds += 1
            if rounds > 1_000_000 { run.errors.append("the case did not finish"); break }
            for i in drivers.indices {
                guard var driver = drivers[i] else { continue }
                if case let .awaiting(at, answer, jump) = slots[i], at <= run.now {
                    slots[i] = .ready
                    if let e = deliver(driver, answer, run.now) { run.errors.append(e); break outer }
                    run.now += jump
                }
                stepping: while true {
                    switch slots[i] {
                    case .ready: break
                    case .waiting(let until) where until <= run.now: break
                    default: break stepping
                    }
                    var request: HarvestRequest?
                    var wait: Int64?
                    var finished: Any?
                    switch driver {
                    case .one(let call):
                        do {
                            switch try call.nextAction(nowMs: run.now) {
                            case .send(let r): request = r
                            case .wait(let until): wait = until
                            case .done(let value): finished = ["ok": json(value.toJson()) ?? NSNull()]
                            }
                        } catch let e as HarvestError {
                            finished = errorResult(e)
                        }
                    case .pages(let p, let maxPages, var counts):
                        if let maxPages, counts.count >= maxPages {
                            finished = pagesResult(p, counts)
                        } else {
                            do {
                                switch try p.nextAction(nowMs: run.now) {
                                case .send(let r): request = r
                                case .wait(let until): wait = until
                                case .page(let page):
                                    counts.append(Int(page.itemCount() ?? 0))
                                    driver = .pages(p, maxPages: maxPages, counts: counts)
                                    drivers[i] = driver
                                    continue stepping
                                case .finished: finished = pagesResult(p, counts)
                                }
                            } catch let e as HarvestError {
                                finished = pagesResult(p, counts, e)
                            }
                        }
                    }
                    if let request {
                        run.sent.append(run.now)
                        guard run.step < run.script.count else { run.errors.append("call \(i) sent \(request.url()) after the script ended"); break outer }
                        let step = run.script[run.step]
                        if step["wait"] != nil { run.errors.append("step \(run.step): expected a wait, but call \(i) sent \(request.url())"); break outer }
                        if let e = requestError(request, call: i, step: step) { run.errors.append("step \(run.step): \(e)"); break outer }
                        let left = (run.repeatLeft ?? int(step["repeat"]) ?? 1) - 1
                        if left == 0 { run.step += 1; run.repeatLeft = nil } else { run.repeatLeft = left }
                        let a = answer(step, request.id())
                        let delay = int(step["delay_ms"]) ?? 0, jump = int(step["clock_jump_ms"]) ?? 0
                        if delay == 0 {
                            if let e = deliver(driver, a, run.now) { run.errors.append(e); break outer }
                            run.now += jump
                            slots[i] = .ready
                        } else {
                            slots[i] = .awaiting(at: run.now + delay, answer: a, jump: jump)
                        }
                    } else if let until = wait {
                        if run.step < run.script.count, let w = run.script[run.step]["wait"] as? [String: Any], Int(int(w["call"]) ?? 0) == i {
                            if int(w["until"]) != until { run.errors.append("step \(run.step): call \(i) waits until \(until), expected \(w["until"] ?? "")") }
                            run.step += 1
                        }
                        if until <= run.now { run.errors.append("call \(i) asked to wait until \(until), not after now"); break outer }
                        slots[i] = .waiting(until)
                    } else if let finished {
                        results[i] = finished
                        slots[i] = .done
                        end = run.now
                    }
                }
            }
            if slots.allSatisfy({ if case .done = $0 { return true } else { return false } }) { break }
            let next = slots.compactMap { slot -> Int64? in
                switch slot {
                case .waiting(let t): return t
                case .awaiting(let at, _, _): return at
                default: return nil
                }
            }.min()
            guard let next else { run.errors.append("no call can make progress"); break }
            run.now = max(run.now, next)
        }
        if run.step < run.script.count && run.errors.isEmpty { run.errors.append("\(run.script.count - run.step) script steps were never reached") }
        var errors = run.errors
        let expect = c["expect"] as? [String: Any] ?? [:]
        for (i, w) in (expect["results"] as? [Any] ?? []).enumerated() where !contains(results[i], w) {
            errors.append("result \(i): expected \(text(w)), got \(text(results[i]))")
        }
        if let w = expect["all_results"], let bad = results.firstIndex(where: { !contains($0, w) }) {
            errors.append("result \(bad): expected \(text(w)), got \(text(results[bad]))")
        }
        if let w = int(expect["end_ms"]), w != end { errors.append("end_ms: expected \(w), got \(end)") }
        if let w = int(expect["requests"]), w != Int64(run.sent.count) { errors.append("requests: expected \(w), got \(run.sent.count)") }
        if let w = expect["max_requests_in_window"] as? [String: Any], let window = int(w["window_ms"]), let max = int(w["max"]) {
            let sent = run.sent.sorted()
            for (i, t) in sent.enumerated() where sent[i...].prefix(while: { $0 < t + window }).count > Int(max) {
                errors.append("more than \(max) requests within \(window) ms from \(t)")
                break
            }
        }
        if let want = expect["events"] as? [Any] {
            let events: [Any] = client.takeEvents().map { event in
                switch event {
                case .tokensRefreshed(let t):
                    return ["tokens_refreshed": ["access_token": t.accessToken(), "refresh_token": t.refreshToken() ?? NSNull(),
                                                 "expires_at_ms": t.expiresAtMs().map { NSNumber(value: $0) } ?? NSNull()] as [String: Any]]
                }
            }
            if !contains(events, want) { errors.append("events: expected \(text(want)), got \(text(events))") }
        }
        return errors
    }

    func testEveryConformanceCase() throws {
        let root = ProcessInfo.processInfo.environment["HARVEST_ROOT"] ?? FileManager.default.currentDirectoryPath + "/../.."
        let dir = URL(fileURLWithPath: root).appendingPathComponent("tests/conformance")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 80, "the conformance cases in \(dir.path)")
        for file in files {
            let c = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let errors = try runCase(c)
            XCTAssertTrue(errors.isEmpty, "\(file.lastPathComponent):\n  " + errors.joined(separator: "\n  "))
        }
    }
}
