import Foundation
import TestSupport
import Glibc
import Testing

/// A fresh copy of `fixtures/demo-node` in its own temp dir (the symlink kept), and the flags
/// that move it to the new control plane.
struct DemoNode {
    static let fixture = BinaryRun.packageRoot.appendingPathComponent("fixtures/demo-node").path
    static let token = "demo-token-0123456789abcdef-never-printed"
    static let targets = [
        "--master=https://10.17.40.20:6443",
        "--etcd=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012",
    ]

    /// The temp dir holding the copy (and scratch files the test writes).
    let scratch: String
    /// The node root (`<scratch>/root`).
    let root: String

    /// A copy of `fixture` (the demo node unless another node root is named).
    init(fixture: String = DemoNode.fixture) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("binary-e2e-\(UUID().uuidString)").path
        root = scratch + "/root"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let copy = try Subprocess.run(["/bin/cp", "-a", fixture, root])
        try #require(copy.status == 0, "cp -a \(fixture) failed: \(copy)")
    }

    /// Runs the binary with `--root <copy> --skip-preflight` (where the command takes it) after `arguments`.
    func invoke(_ arguments: [String], preflight: Bool = true) throws -> BinaryRun {
        let common = preflight ? ["--root", root, "--skip-preflight"] : ["--root", root]
        return try BinaryRun.nodeReconfig(arguments + common, in: scratch)
    }

    /// `apply`-style flags: targets plus the root.
    func run(_ command: String?, _ extra: [String] = []) throws -> BinaryRun {
        try invoke((command.map { [$0] } ?? []) + Self.targets + extra)
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: root + path)))
    }

    func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    func write(_ path: String, _ text: String, executable: Bool = false) throws {
        try Self.writeFile(path.hasPrefix(scratch) ? path : root + path, text, executable: executable)
    }

    /// Writes `text` to `full` (folders made, mode 0755 or 0644 even for an existing file).
    /// O_CLOEXEC: a process another test spawns meanwhile must not inherit a writable fd of a
    /// script, or exec'ing that script fails with ETXTBSY.
    static func writeFile(_ full: String, _ text: String, executable: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let mode: mode_t = executable ? 0o755 : 0o644
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        try #require(fd >= 0, "cannot create \(full)")
        defer { close(fd) }
        try #require(fchmod(fd, mode) == 0, "cannot set the mode of \(full)")
        let bytes = Array(text.utf8)
        try #require(Glibc.write(fd, bytes, bytes.count) == bytes.count, "cannot write \(full)")
    }

    /// Every entry under `top` (relative path → file bytes, `-> target` for a symlink, `dir`),
    /// the tool's own state (`run/`, `var/lib/node-reconfig/`) left out unless asked for.
    static func snapshot(_ top: String, includingState: Bool = false) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: top) else { return out }
        while let item = walker.nextObject() as? String {
            if !includingState, item == "run" || item.hasPrefix("run/") || item.hasPrefix("var/lib/node-reconfig") { continue }
            let full = top + "/" + item
            let attributes = try manager.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: out[item] = Array("-> \(try manager.destinationOfSymbolicLink(atPath: full))".utf8)
            case .typeDirectory?: out[item] = Array("dir".utf8)
            default: out[item] = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
            }
        }
        return out
    }

    func snapshot(includingState: Bool = false) throws -> [String: [UInt8]] {
        try Self.snapshot(root, includingState: includingState)
    }

    /// The paths whose entries differ between two snapshots.
    static func differences(_ a: [String: [UInt8]], _ b: [String: [UInt8]]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// Modification times of the regular files under the root (state left out).
    func mtimes() throws -> [String: Date] {
        var out: [String: Date] = [:]
        for (path, _) in try snapshot() {
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + path)
            out[path] = attributes[.modificationDate] as? Date
        }
        return out
    }

    /// The backup sets' directory under the root.
    var backups: String { root + "/var/lib/node-reconfig/backups" }
}
