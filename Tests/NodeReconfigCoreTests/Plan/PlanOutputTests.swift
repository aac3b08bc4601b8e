import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// `plan` streams its output (summary lines, each diff in pieces, the message) so that a 50 MB
/// file's diff is never held whole. The summary is checked against a golden file, the diffs by
/// `patch`: applied to the old files they must give exactly the new ones, built here by hand.
@Suite("plan's streamed output: golden summary, diffs that patch applies")
struct PlanOutputTests {
    /// Enough servers that the pool's summary line (about 15 bytes each) is longer than a piece.
    static let servers = 10_000
    static let header = "user nginx;\r\nstream {\n    upstream kube_apiserver {\n        least_conn;\n"
    static let footer = "    }\n    server {\n        listen 127.0.0.1:6443;\n        proxy_pass kube_apiserver;\n    }\n}"

    static func server(_ i: Int) -> String { "10.40.\(i / 250).\(i % 250):6443" }

    /// An nginx pool big enough that its diff is handed on in several pieces.
    static let nginx: String = {
        var text = header
        for i in 0..<servers { text += "        server \(server(i)) max_fails=3 fail_timeout=30s;\n" }
        return text + footer
    }()

    /// The summary with the old pool (one list of every server) written `<old pool>`, as in the
    /// golden file.
    static func elided(_ summary: String) -> String {
        summary.replacingOccurrences(of: (0..<servers).map(server).joined(separator: ","), with: "<old pool>")
    }

    /// The pool after `--apiservers=10.99.0.1:6443,10.99.0.2:6443`, written out by hand.
    static let nginxAfter = header
        + "        server 10.99.0.1:6443 max_fails=3 fail_timeout=30s;\n"
        + "        server 10.99.0.2:6443 max_fails=3 fail_timeout=30s;\n" + footer

    static let arguments = ["--skip-preflight", "--master=https://10.2.0.1:6443", "--etcd=http://10.2.0.11:2379",
                            "--apiservers=10.99.0.1:6443,10.99.0.2:6443"]

    private func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    private func makeRoot() throws -> NodeRoot {
        let root = try NodeRoot()
        try root.place(Array(OptionsPlanTests.kubeconfig.utf8), at: "/etc/kubernetes/kubelet.conf")
        try root.place(Array(Self.nginx.utf8), at: "/etc/nginx/nginx.conf")
        return root
    }

    /// Applies `diff` with `patch -p1` inside a copy of `root` and returns the patched files.
    private func patched(_ diff: String, root: NodeRoot, files: [String]) throws -> [String: String] {
        let copy = try NodeRoot()
        defer { copy.remove() }
        for file in files { try copy.place(Array(try Data(contentsOf: URL(fileURLWithPath: root.path + file))), at: file) }
        let result = try Subprocess.run(["/usr/bin/env", "patch", "-p1", "-s", "-d", copy.path, "--binary"], stdin: Data(diff.utf8))
        #expect(result.status == 0, "patch refused the diff: \(result)")
        var out: [String: String] = [:]
        for file in files { out[file] = try String(contentsOf: URL(fileURLWithPath: copy.path + file), encoding: .utf8) }
        return out
    }

    @Test("plan and apply --dry-run print the golden summary, diffs that patch applies, and the message", arguments: ["plan", "apply"])
    func streamedOutput(_ command: String) throws {
        let root = try makeRoot()
        defer { root.remove() }
        let arguments = [command] + (command == "apply" ? ["--dry-run"] : []) + ["--root", root.path] + Self.arguments
        let (code, output) = run(arguments)
        #expect(code == 2)
        let text = output.stdout
        let firstDiff = try #require(text.range(of: "\n--- a/"))
        let summary = Self.elided(String(text[..<firstDiff.lowerBound]))
        #expect(summary == (try Golden.expected("plan-streamed-summary.txt", recording: summary)))
        let message = "\n2 file(s) would change. Nothing was written (dry run).\n"
        #expect(text.hasSuffix(message))
        let diffs = String(text[text.index(after: firstDiff.lowerBound)..<text.index(text.endIndex, offsetBy: -message.count)])
        #expect(diffs.contains("    token: <redacted>") && !text.contains("s3cr3t-token-value"))
        // The kubeconfig's diff redacts its secret lines, so patch is given the nginx diff alone.
        let nginxDiff = try #require(diffs.range(of: "--- a/etc/nginx/nginx.conf")).lowerBound
        let after = try patched(String(diffs[nginxDiff...]), root: root, files: ["/etc/nginx/nginx.conf"])
        #expect(after["/etc/nginx/nginx.conf"] == Self.nginxAfter)
        #expect(diffs[..<nginxDiff].contains("-    server: https://10.1.0.1:6443\n+    server: https://10.2.0.1:6443\n"))
    }

    @Test("a file's diff is handed on in pieces of whole lines, and patch turns the old file into the new one with it")
    func streamedDiff() throws {
        let root = try makeRoot()
        defer { root.remove() }
        let plan = try root.plan(Targets(apiservers: [HostPort(host: "10.99.0.1", port: 6443), HostPort(host: "10.99.0.2", port: 6443)]))
        let file = try #require(plan.changedFiles.first)
        var pieces: [String] = []
        PlanCommand.writeDiff(file) { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        #expect(pieces.joined() == PlanCommand.diff(file))
        let after = try patched(pieces.joined(), root: root, files: ["/etc/nginx/nginx.conf"])
        #expect(after["/etc/nginx/nginx.conf"] == Self.nginxAfter)
    }

    @Test("a pool line longer than a piece is handed on whole, the summary equal to its golden file")
    func humanLines() throws {
        let root = try makeRoot()
        defer { root.remove() }
        guard case .run(let invocation) = CLIOutcome.resolve(["plan", "--root", root.path] + Self.arguments) else {
            Issue.record("arguments refused")
            return
        }
        let plan = try root.plan(invocation.options.targets)
        var pieces: [String] = []
        PlanReport.writeHumanLines(plan) { pieces.append($0) }
        #expect(pieces.count > 1, "the \(Self.servers)-server pool line is longer than one piece")
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        #expect(Self.elided(pieces.joined()) == (try Golden.expected("plan-streamed-summary.txt", recording: Self.elided(pieces.joined()))))
    }
}
