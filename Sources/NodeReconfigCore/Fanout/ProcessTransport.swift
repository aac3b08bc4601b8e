import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real transport: starts local processes (ssh) with Foundation's `Process`, several at
/// once, each with its own deadline.
///
/// At the deadline the process's stdin pipe is closed (a file as stdin: SIGTERM instead), which
/// makes the remote watchdog hang up the run; if the process has not ended `grace` seconds
/// later it gets SIGTERM, then SIGKILL, and the result says `killed`.
public struct ProcessTransport: FanoutTransport {
    public init() {}

    public func run(_ argv: [String], stdinFile: String?, timeout: Double, grace: Double) -> TransportResult {
        guard let first = argv.first, let executable = Self.locate(first) else {
            return TransportResult(exitCode: 127, launchError: "\(argv.first ?? "") not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        let input = Pipe()
        if let stdinFile {
            guard let handle = FileHandle(forReadingAtPath: stdinFile) else {
                return TransportResult(exitCode: 127, launchError: "cannot read \(stdinFile)")
            }
            process.standardInput = handle
        } else {
            process.standardInput = input
        }
        let out = Collector()
        let err = Collector()
        process.standardOutput = out.pipe
        process.standardError = err.pipe
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return TransportResult(exitCode: 127, launchError: "\(error)")
        }
        out.start()
        err.start()
        var timedOut = false
        var killed = false
        if ended.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            if stdinFile == nil {
                try? input.fileHandleForWriting.close()
            } else {
                kill(process.processIdentifier, SIGTERM)
            }
            if ended.wait(timeout: .now() + grace) == .timedOut {
                killed = true
                kill(process.processIdentifier, SIGTERM)
                if ended.wait(timeout: .now() + 2) == .timedOut {
                    kill(process.processIdentifier, SIGKILL)
                    ended.wait()
                }
            }
        }
        if stdinFile == nil { try? input.fileHandleForWriting.close() }
        let stdout = out.finish()
        let stderr = err.finish()
        var code = process.terminationStatus
        if process.terminationReason == .uncaughtSignal { code = 128 + code }
        return TransportResult(exitCode: code, standardOutput: stdout, standardError: stderr,
                               timedOut: timedOut, killed: killed)
    }

    /// `program` itself when it holds a `/`, else the first executable match on PATH.
    static func locate(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Drains one pipe on a background thread, so a chatty process never blocks on a full pipe.
final class Collector: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    func start() {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { bytes.append(contentsOf: chunk) }
            }
            done.signal()
        }
    }

    /// What was read; waits up to 5 s for end of file (a lingering grandchild may hold the pipe).
    func finish() -> [UInt8] {
        _ = done.wait(timeout: .now() + 5)
        return lock.withLock { bytes }
    }
}
