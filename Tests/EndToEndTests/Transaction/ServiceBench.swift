import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// A temp node root whose services are real processes run by `scripts/service-cmd/service-cmd.sh`
/// through a per-bench wrapper (the `--service-cmd` program).
struct ServiceBench {
    static let packageRoot: URL = Corpus.packageRoot

    /// Fails (not skips) in CI when a program the test needs is missing.
    static func has(_ program: String) -> Bool {
        let found = LocalProcessRunner().locate(program) != nil
        if !found && ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("\(program) is not installed") }
        return found
    }

    let root: String
    let services: String
    let serviceCommand: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("txn-e2e-\(UUID().uuidString)").path
        services = root + "/services"
        try FileManager.default.createDirectory(atPath: services, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        let script = Self.packageRoot.appendingPathComponent("scripts/service-cmd/service-cmd.sh").path
        serviceCommand = root + "/service-cmd"
        try write(serviceCommand, "#!/bin/sh\nexec \(script) \(services) \"$@\"\n", executable: true)
    }

    func write(_ path: String, _ text: String, executable: Bool = false) throws {
        try DemoNode.writeFile(path, text, executable: executable)
    }

    /// A fixture from `fixtures/txn/` with `@NAME@` placeholders filled in.
    func fixture(_ name: String, _ values: [String: String]) throws -> String {
        var text = try String(contentsOf: Self.packageRoot.appendingPathComponent("fixtures/txn/\(name)"), encoding: .utf8)
        for (key, value) in values { text = text.replacingOccurrences(of: "@\(key)@", with: value) }
        return text
    }

    /// A real single-member etcd as the `etcd` service: `fixtures/txn/etcd.env` on two free
    /// ports (plus `extra` lines) at `/etc/etcd.env`, a run script that sources it, started.
    /// Returns the file's path and text, etcd's `/health` URL (the caller waits for it) and its
    /// peer port.
    func startEtcd(extra: String = "") throws -> (envPath: String, text: String, health: String, peerPort: Int) {
        let ports = Self.freePorts(2)
        let envPath = root + "/etc/etcd.env"
        let text = try fixture("etcd.env", ["DIR": root, "PORT_CLIENT": "\(ports[0])", "PORT_PEER": "\(ports[1])"]) + extra
        try write(envPath, text)
        try write(services + "/etcd.run", "#!/bin/sh\nset -a\n. \(envPath)\nexec etcd\n", executable: true)
        try control("start", "etcd")
        return (envPath, text, "http://127.0.0.1:\(ports[0])/health", ports[1])
    }

    /// Runs the service command (`start`, `stop`, `is-active`).
    @discardableResult
    func control(_ action: String, _ service: String) throws -> Int32 {
        try LocalProcessRunner().run(ExternalCommand(serviceCommand, [action, service]), timeout: 30).exitCode
    }

    func options() -> TransactionOptions {
        var options = TransactionOptions()
        options.root = root
        options.serviceCommand = serviceCommand
        options.healthTimeout = 15
        options.settle = 1.5
        options.localProbes = []
        options.interrupted = { nil }
        options.pollInterval = 0.2
        return options
    }

    var context: Context {
        Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: StandardStreams())
    }

    /// Body of `GET url`, or nil.
    func get(_ url: String) -> String? {
        guard let result = try? LocalProcessRunner().run(ExternalCommand("curl", ["-s", "--max-time", "3", url]), timeout: 5),
              result.succeeded else { return nil }
        return result.output
    }

    /// Polls until `condition` holds (up to `seconds`).
    func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    /// Free loopback TCP ports (bound to 0, then released).
    static func freePorts(_ count: Int) -> [Int] {
        (0..<count).map { _ in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    func tearDown(_ services: [String]) {
        for service in services { _ = try? control("stop", service) }
        try? FileManager.default.removeItem(atPath: root)
    }
}
