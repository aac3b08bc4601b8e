import Foundation
@testable import NodeReconfigCore

/// A pretend service manager behind `ProcessRunner` (fault injection only): `PROGRAM ACTION
/// SERVICE` commands change a set of active services; chosen restarts fail or leave the service
/// dead. Every command is recorded.
final class FakeServices: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var active: Set<String>
    private var restartCount = 0
    private(set) var commands: [String] = []
    /// Restart/reload number N (1-based, counted over the whole run) exits 1.
    var failRestart: Int?
    /// Restart/reload number N leaves the service inactive (it "crashes" on the new config).
    var deadAfterRestart: Int?

    init(active: Set<String>) { self.active = active }

    var log: [String] { lock.withLock { commands } }
    func isActive(_ service: String) -> Bool { lock.withLock { active.contains(service) } }

    func locate(_ program: String) -> String? { program == "svc" ? "/fake/svc" : nil }

    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
        lock.withLock {
            commands.append(command.arguments.joined(separator: " "))
            let action = command.arguments.first ?? ""
            let service = command.arguments.dropFirst().first ?? ""
            switch action {
            case "is-active":
                return ProcessResult(exitCode: active.contains(service) ? 0 : 3)
            case "restart", "reload":
                restartCount += 1
                if restartCount == failRestart { return ProcessResult(exitCode: 1, standardError: Array("boom\n".utf8)) }
                if restartCount == deadAfterRestart { active.remove(service) } else { active.insert(service) }
                return ProcessResult(exitCode: 0)
            default:
                return ProcessResult(exitCode: 0)
            }
        }
    }
}

/// A clock whose sleeps pass instantly.
final class FakeClock: NodeReconfigCore.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var time = 1000.0
    func now() -> Double { lock.withLock { time } }
    func wallTime() -> Double { 1_795_000_000 + now() }
    func sleep(seconds: Double) { lock.withLock { time += max(seconds, 0.001) } }
}

/// Probes answer from a table; unknown URLs answer nothing.
struct FakeNetwork: NetworkProber {
    var statuses: [String: Int] = [:]
    func connect(_ targets: [HostPort], timeout: Double) -> [String?] { targets.map { _ in nil } }
    func httpStatus(_ url: String, timeout: Double) -> Int? { statuses[url] }
}

