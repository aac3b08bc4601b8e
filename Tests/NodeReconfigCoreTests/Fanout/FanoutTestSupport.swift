import Foundation
@testable import NodeReconfigCore

/// A clock that never sleeps.
struct FanoutTestClock: Clock {
    func now() -> Double { ProcessInfo.processInfo.systemUptime }
    func wallTime() -> Double { Date().timeIntervalSince1970 }
    func sleep(seconds: Double) {}
}

/// Just enough of a file system for hosts files and reports, in memory.
final class FanoutTestFileSystem: FileSystem, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]]

    init(_ files: [String: String] = [:]) { self.files = files.mapValues { Array($0.utf8) } }

    func text(_ path: String) -> String? { lock.withLock { files[path].map { String(decoding: $0, as: UTF8.self) } } }

    func status(_ path: String) throws(SystemError) -> FileStatus? {
        lock.withLock { files[path].map { FileStatus(type: .regular, mode: 0o644, uid: 0, gid: 0, size: $0.count) } }
    }
    func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        guard let bytes = lock.withLock({ files[path] }) else { throw SystemError("open", path, ENOENT) }
        return bytes
    }
    func readLink(_ path: String) throws(SystemError) -> String { throw SystemError("readlink", path, EINVAL) }
    func listDirectory(_ path: String) throws(SystemError) -> [String] { [] }
    func createDirectory(_ path: String, mode: UInt32) throws(SystemError) {}
    func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        lock.lock()
        defer { lock.unlock() }
        guard files[path] == nil else { throw SystemError("open", path, EEXIST) }
        files[path] = bytes
    }
    func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError) { lock.withLock { files[path] = bytes } }
    func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) {}
    func setMode(_ path: String, mode: UInt32) throws(SystemError) {}
    func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]] { [:] }
    func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError) {}
    func rename(_ from: String, to: String) throws(SystemError) {
        lock.withLock { files[to] = files.removeValue(forKey: from) }
    }
    func fsyncDirectory(_ path: String) throws(SystemError) {}
    func remove(_ path: String) throws(SystemError) { _ = lock.withLock { files.removeValue(forKey: path) } }
}

/// Not used by the fanout; present because `Context` needs one.
struct FanoutTestProcesses: ProcessRunner {
    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult { ProcessResult(exitCode: 127) }
    func locate(_ program: String) -> String? { nil }
}

/// A transport answering from a closure keyed by host, recording every argv and the peak
/// number of concurrent runs.
final class FanoutTestTransport: FanoutTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let answer: @Sendable (_ host: String, _ argv: [String]) -> ProcessResult
    private(set) var calls: [[String]] = []
    private var running = 0
    private(set) var peak = 0

    init(_ answer: @escaping @Sendable (_ host: String, _ argv: [String]) -> ProcessResult) { self.answer = answer }

    func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> ProcessResult {
        lock.withLock {
            calls.append(argv)
            running += 1
            peak = max(peak, running)
        }
        Thread.sleep(forTimeInterval: 0.01)
        let host = argv.firstIndex(of: "--").map { argv[$0 + 1] } ?? ""
        let result = answer(host, argv)
        lock.withLock { running -= 1 }
        return result
    }

    var hostsCalled: [String] { lock.withLock { calls.compactMap { argv in argv.firstIndex(of: "--").map { argv[$0 + 1] } } } }
}

extension ProcessResult {
    /// A SPEC-shaped `--json` answer.
    static func json(_ result: String, changed: Bool = false, rolledBack: Bool = false, message: String = "",
                     exitCode: Int32 = 0) -> ProcessResult {
        let text = "{\"result\": \"\(result)\", \"changed\": \(changed), \"backup_id\": null, \"files\": [], "
            + "\"services\": [], \"rolled_back\": \(rolledBack), \"message\": \"\(message)\"}\n"
        return ProcessResult(exitCode: exitCode, standardOutput: Array(text.utf8))
    }
}

func fanoutContext(_ fileSystem: FanoutTestFileSystem = FanoutTestFileSystem(), output: BufferedOutput) -> Context {
    Context(fileSystem: fileSystem, processes: FanoutTestProcesses(), clock: FanoutTestClock(), output: output)
}
