import Foundation
import TestSupport
import Testing
@testable import NodeReconfigCore

/// What `scripts/build-release.sh` left in `.build/release-static/`. CI builds it before
/// `swift test`; elsewhere these tests are skipped until it has been run (in CI they fail).
enum Release {
    static let directory = BinaryRun.packageRoot.appendingPathComponent(".build/release-static").path
    static let binary = directory + "/node-reconfig"
    static var tarball: String { directory + "/node-reconfig-\(Version.number)-linux-x86_64.tar.gz" }
    static var rpm: String { directory + "/node-reconfig-\(Version.number)-1.x86_64.rpm" }
    static var deb: String { directory + "/node-reconfig_\(Version.number)-1_amd64.deb" }
    static let glibcFloor = [2, 17]
    /// The shared libraries the binary may need: the C library's, nothing else.
    static let allowedLibraries: Set = ["libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "ld-linux-x86-64.so.2"]

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    /// Runs where the release was built, and always in CI (where a missing build fails).
    static var shouldRun: Bool { isBuilt || isCI }

    /// `program` on PATH or in an sbin directory; in CI a missing one is recorded as a failure.
    static func tool(_ program: String) -> String? {
        let found = ChildProcess.locate(program)
        if found == nil && isCI { Issue.record("\(program) is not installed (.ci/run installs it)") }
        return found
    }

    /// Runs `argv` (argv[0] located on PATH) and requires it to exit 0.
    @discardableResult
    static func run(_ argv: [String], environment: [String: String]? = nil) throws -> Subprocess.Result {
        let program = try #require(ChildProcess.locate(argv[0]), "\(argv[0]) is not installed")
        let result = try Subprocess.run([program] + argv.dropFirst(), environment: environment, timeout: 300)
        try #require(result.status == 0 && !result.signaled, "\(argv.joined(separator: " ")): \(result)")
        return result
    }

    /// `(symbol, version)` for every dynamic symbol bound to a `GLIBC_x.y[.z]` version.
    static func glibcSymbols(_ file: String) throws -> [(symbol: String, version: [Int])] {
        let dump = try run(["objdump", "-T", file]).output
        return dump.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #"GLIBC_[0-9.]+"#, options: .regularExpression) else { return nil }
            let version = line[range].dropFirst("GLIBC_".count).split(separator: ".").compactMap { Int($0) }
            return (String(line.split(separator: " ").last ?? ""), version)
        }
    }

    /// The `NEEDED` entries of the dynamic section.
    static func neededLibraries(_ file: String) throws -> [String] {
        try run(["objdump", "-p", file]).output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            return words.count == 2 && words[0] == "NEEDED" ? String(words[1]) : nil
        }
    }
}

@Suite("Release binary: glibc 2.17, no C++ runtime, version, size, --copy-binary",
       .enabled(if: Release.shouldRun, "needs scripts/build-release.sh's .build/release-static/node-reconfig"))
struct ReleaseBinaryTests {
    @Test("no dynamic symbol needs a glibc newer than 2.17 (a failure names the symbol)")
    func symbolVersions() throws {
        guard Release.tool("objdump") != nil else { return }
        let symbols = try Release.glibcSymbols(Release.binary)
        #expect(symbols.count > 50, "objdump -T found only \(symbols.count) glibc symbols")
        let newer = symbols.filter { Release.glibcFloor.lexicographicallyPrecedes($0.version) }
        #expect(newer.isEmpty, "needs a glibc newer than 2.17: \(newer.map { "\($0.symbol)@GLIBC_\($0.version.map(String.init).joined(separator: "."))" }.joined(separator: ", "))")
        // Nor a named version a 2.17 loader lacks (GLIBC_ABI_DT_RELR: packed relocations, 2.36).
        let references = try Release.run(["objdump", "-p", Release.binary]).output
        let named = Set(references.matches(of: #/GLIBC_[A-Z][A-Z_]*/#).map { String($0.output) })
        #expect(named.isEmpty, "the binary needs \(named.sorted())")
    }

    @Test("NEEDED lists only the C library's parts: no libstdc++, libgcc_s or Swift runtime")
    func neededLibraries() throws {
        guard Release.tool("objdump") != nil else { return }
        let needed = try Release.neededLibraries(Release.binary)
        #expect(needed.contains("libc.so.6"))
        let extra = needed.filter { !Release.allowedLibraries.contains($0) }
        #expect(extra.isEmpty, "the release binary needs \(extra.joined(separator: ", ")) besides the C library")
    }

    @Test("--version names the version, this commit and glibc >= 2.17")
    func version() throws {
        let output = try Release.run([Release.binary, "--version"]).output
        let pattern = #"^node-reconfig ([0-9]+\.[0-9]+\.[0-9]+) \(commit ([0-9a-f]{7})(-dirty)?, glibc >= 2\.17\)\n$"#
        let match = try #require(output.wholeMatch(of: try Regex(pattern)), "--version printed \(output)")
        #expect(match.output[1].substring.map(String.init) == Version.number)
        // The commit baked in is the one checked out. Only in CI, which builds the release from
        // this checkout just before: elsewhere .build/release-static may be from an older commit.
        if Release.isCI, let git = ChildProcess.locate("git"),
           let head = try? Subprocess.run([git, "-C", BinaryRun.packageRoot.path, "rev-parse", "--short=7", "HEAD"]),
           head.status == 0 {
            #expect(match.output[2].substring.map(String.init) == head.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("the stripped binary is at most 15 MB, and its .sha256 matches it")
    func sizeAndChecksum() throws {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: Release.binary)[.size] as? Int)
        #expect(size <= 15_000_000, "\(size) bytes")
        #expect(!(try Release.run(["objdump", "-h", Release.binary]).output.contains(".debug_info")), "not stripped")
        let recorded = try String(contentsOfFile: Release.binary + ".sha256", encoding: .utf8)
        #expect(recorded == "\(try sha256(Release.binary))  node-reconfig\n")
    }

    @Test("fanout --copy-binary run by the release binary puts a byte-identical copy of it on the host and runs that copy")
    func copyBinary() throws {
        let node = try DemoNode()
        // A stand-in for ssh: `ssh [options] -- HOST COMMAND` runs COMMAND here.
        let ssh = node.scratch + "/ssh"
        try DemoNode.writeFile(ssh, "#!/bin/sh\nwhile [ \"$1\" != \"--\" ]; do shift; done\nshift 2\nexec sh -c \"$1\"\n", executable: true)
        let target = node.scratch + "/host/sbin/node-reconfig"
        let run = try Subprocess.run([Release.binary, "fanout", "--hosts=host-a", "--ssh=\(ssh)", "--copy-binary",
                                      "--remote-bin=\(target)", "--json", "--", "plan", "--root=\(node.root)", "--skip-preflight"]
                                     + DemoNode.targets, timeout: 120)
        #expect(run.status == 2, "plan with changes pending: \(run)")
        let report = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], "\(run)")
        let hosts = try #require(report["hosts"] as? [[String: Any]])
        #expect(hosts.map { $0["result"] as? String } == ["pending"], "\(run)")
        #expect(FileManager.default.contentsEqual(atPath: target, andPath: Release.binary), "the copy differs from the release binary")
        #expect(FileManager.default.isExecutableFile(atPath: target))
    }

    private func sha256(_ path: String) throws -> String {
        String(try Release.run(["sha256sum", path]).output.prefix(64))
    }
}
