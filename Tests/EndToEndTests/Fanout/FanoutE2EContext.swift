import Foundation
import NodeReconfigCore

/// A real-enough `Context` for running `FanoutCommand` in-process against simulated hosts:
/// Foundation-backed files (hosts file, report), captured output, the real clock.
final class FanoutE2EOutput: Output, @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    func standardOutput(_ text: String) { lock.withLock { out += text } }
    func standardError(_ text: String) { lock.withLock { err += text } }
    var stdout: String { lock.withLock { out } }
    var stderr: String { lock.withLock { err } }
}

struct FanoutE2EClock: Clock {
    func now() -> Double { ProcessInfo.processInfo.systemUptime }
    func wallTime() -> Double { Date().timeIntervalSince1970 }
    func sleep(seconds: Double) { Thread.sleep(forTimeInterval: seconds) }
}

struct FanoutE2EFileSystem: FileSystem {
    private func fail(_ op: String, _ path: String) -> SystemError { SystemError(op, path, EIO) }

    func status(_ path: String) throws(SystemError) -> FileStatus? {
        FileManager.default.fileExists(atPath: path) ? FileStatus(type: .regular, mode: 0o644, uid: 0, gid: 0, size: 0) : nil
    }
    func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw SystemError("open", path, ENOENT) }
        return Array(data)
    }
    func readLink(_ path: String) throws(SystemError) -> String {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { throw fail("readlink", path) }
        return target
    }
    func listDirectory(_ path: String) throws(SystemError) -> [String] { [] }
    func createDirectory(_ path: String, mode: UInt32) throws(SystemError) {}
    func writeNewFile(_ path: String, bytes: [UInt8], mode: UInt32) throws(SystemError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw fail("create", path) }
    }
    func overwriteInPlace(_ path: String, bytes: [UInt8]) throws(SystemError) { try writeNewFile(path, bytes: bytes, mode: 0o644) }
    func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) {}
    func setMode(_ path: String, mode: UInt32) throws(SystemError) {}
    func extendedAttributes(_ path: String) throws(SystemError) -> [String: [UInt8]] { [:] }
    func setExtendedAttribute(_ path: String, name: String, value: [UInt8]) throws(SystemError) {}
    func rename(_ from: String, to: String) throws(SystemError) {
        guard Foundation.rename(from, to) == 0 else { throw fail("rename", from) }
    }
    func fsyncDirectory(_ path: String) throws(SystemError) {}
    func remove(_ path: String) throws(SystemError) { try? FileManager.default.removeItem(atPath: path) }
}

struct FanoutE2EProcesses: ProcessRunner {
    func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult { ProcessResult(exitCode: 127) }
    func locate(_ program: String) -> String? { nil }
}

/// Runs `node-reconfig fanout ARGUMENTS` in-process with the real ssh.
func runFanout(_ arguments: [String], selfBinary: String? = nil) -> (code: Int32, stdout: String, stderr: String) {
    let output = FanoutE2EOutput()
    let context = Context(fileSystem: FanoutE2EFileSystem(), processes: FanoutE2EProcesses(), clock: FanoutE2EClock(), output: output)
    let code = FanoutCommand.run(arguments: arguments, context: context, transport: ProcessTransport(),
                                 isTerminal: false, selfBinary: selfBinary)
    return (code, output.stdout, output.stderr)
}
