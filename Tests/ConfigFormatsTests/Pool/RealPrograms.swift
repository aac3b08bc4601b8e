import ConfigFormats
import Foundation

/// Runs the real `nginx -t` and `haproxy -c` on a temporary copy of a configuration.
///
/// Corpus files name users, pid and log paths, and hosts that do not exist here. ONLY the copy
/// made for the validation run is adjusted: `user`/`pid` dropped, log paths moved into the temp
/// directory, the stream module loaded; haproxy's `nbproc`/`user`/`group`/`chroot`/`pidfile`
/// dropped and servers given `init-addr none` (so host names need not resolve).
enum RealPrograms {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let streamModule = "/usr/lib/nginx/modules/ngx_stream_module.so"

    static let nginx: String? = executable("nginx")
    static let haproxy: String? = executable("haproxy")

    /// nginx with the stream module (every apiserver proxy in the corpus is a `stream` block).
    static var nginxReady: Bool { nginx != nil && FileManager.default.fileExists(atPath: streamModule) }

    static func executable(_ name: String) -> String? {
        ["/usr/sbin/", "/usr/bin/", "/usr/local/sbin/", "/usr/local/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `program` with `arguments`; returns the exit status and the merged output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        // A file, not a pipe: a daemonizing nginx keeps its inherited output open forever.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("lb-run-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `nginx -t` on a validation copy of `source`.
    static func nginxCheck(_ source: SourceText) throws -> (status: Int32, output: String) {
        let nginx = try require(nginx, "nginx")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try NginxConfig(source)
        var patches: [Patch] = []
        for directive in config.allDirectives {
            switch directive.keyword {
            case "user", "pid":
                guard directive.terminator.endLine == directive.line else { break }
                patches.append(.span(line: directive.line, range: directive.name.start..<directive.terminator.end, replacement: ""))
            case "error_log", "access_log":
                if let path = directive.arguments.first, !["stderr", "off"].contains(path.value.text) {
                    patches.append(try path.value.patch(with: dir.appendingPathComponent(directive.keyword + ".log").path))
                }
            default:
                break
            }
        }
        if config.directives.contains(where: { $0.keyword == "stream" }) {
            patches.append(.lines(0..<0, replacement: [Line("load_module \(streamModule);")]))
        }
        let file = dir.appendingPathComponent("nginx.conf")
        try Data(try source.applying(patches).bytes).write(to: file)
        return try run(nginx, ["-t", "-q", "-p", dir.path + "/", "-c", file.path, "-e", dir.appendingPathComponent("error.log").path,
                               "-g", "pid \(dir.appendingPathComponent("nginx.pid").path);"])
    }

    /// `haproxy -c` on a validation copy of `source`.
    static func haproxyCheck(_ source: SourceText) throws -> (status: Int32, output: String) {
        let haproxy = try require(haproxy, "haproxy")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try HAProxyConfig(source)
        let dropped: Set<String> = ["nbproc", "user", "group", "chroot", "pidfile"]
        var patches: [Patch] = config.lines.filter { dropped.contains($0.keyword ?? "") }.map { .lines($0.index..<($0.index + 1), replacement: []) }
        for server in config.pools.flatMap(\.servers) {
            patches.append(.span(line: server.line, range: server.insertionOffset..<server.insertionOffset, replacement: " init-addr none"))
        }
        let file = dir.appendingPathComponent("haproxy.cfg")
        try Data(try source.applying(patches).bytes).write(to: file)
        return try run(haproxy, ["-c", "-f", file.path])
    }

    private static func require(_ path: String?, _ name: String) throws -> String {
        guard let path else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(name) is not installed"]) }
        return path
    }
}
