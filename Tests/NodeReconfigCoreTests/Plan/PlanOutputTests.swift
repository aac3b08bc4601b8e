import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

@Suite("plan's streamed text output is the text it used to build whole")
struct PlanOutputTests {
    /// An nginx pool big enough that its diff is handed on in several pieces.
    static let nginx: String = {
        var text = "user nginx;\r\nstream {\n    upstream kube_apiserver {\n        least_conn;\n"
        for i in 0..<6_000 { text += "        server 10.40.\(i / 250).\(i % 250):6443 max_fails=3 fail_timeout=30s;\n" }
        return text + "    }\n    server {\n        listen 127.0.0.1:6443;\n        proxy_pass kube_apiserver;\n    }\n}"
    }()

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

    @Test("plan and apply --dry-run print summary, each diff and the message exactly as joined before", arguments: ["plan", "apply"])
    func sameAsWhole(_ command: String) throws {
        let root = try makeRoot()
        defer { root.remove() }
        let arguments = [command] + (command == "apply" ? ["--dry-run"] : []) + ["--root", root.path] + Self.arguments
        guard case .run(let invocation) = CLIOutcome.resolve(arguments) else {
            Issue.record("arguments refused")
            return
        }
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: BufferedOutput())
        let plan = try NodePlan.make(discovery: Discovery(invocation.options, context: context), targets: invocation.options.targets)
        #expect(plan.changedFiles.count == 2)
        // The text as PlanCommand built it in one string before streaming.
        var expected = PlanReport.humanLines(plan).joined(separator: "\n") + "\n"
        for file in plan.changedFiles { expected += "\n" + PlanCommand.diff(file) }
        expected += "\n2 file(s) would change. Nothing was written (dry run).\n"

        let (code, output) = run(arguments)
        #expect(code == 2)
        #expect(output.stdout == expected)
        #expect(output.stdout.contains("    token: <redacted>") && !output.stdout.contains("s3cr3t-token-value"))
        #expect(output.stdout.contains("-        server 10.40.23.249:6443 max_fails=3 fail_timeout=30s;\n+        server 10.99.0.1:6443"))
    }

    @Test("a file's diff streamed in pieces of whole lines equals the diff of its lines as strings")
    func streamedDiff() throws {
        let root = try makeRoot()
        defer { root.remove() }
        let plan = try root.plan(Targets(apiservers: [HostPort(host: "10.99.0.1", port: 6443)]))
        let file = try #require(plan.changedFiles.first)
        var pieces: [String] = []
        PlanCommand.writeDiff(file) { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        let old = UnifiedDiff.lines(of: String(decoding: file.file.bytes, as: UTF8.self))
        let new = UnifiedDiff.lines(of: String(decoding: file.updated, as: UTF8.self))
        let reference = UnifiedDiff.render(old: old, new: new, oldLabel: "a/etc/nginx/nginx.conf", newLabel: "b/etc/nginx/nginx.conf")
        #expect(pieces.joined() == reference)
        #expect(PlanCommand.diff(file) == reference)
    }

    @Test("writeHumanLines hands on humanLines joined, a line longer than a piece whole")
    func humanLines() throws {
        let root = try makeRoot()
        defer { root.remove() }
        let plan = try root.plan(OptionsPlanTests.targets)
        var pieces: [String] = []
        PlanReport.writeHumanLines(plan) { pieces.append($0) }
        #expect(pieces.joined() == PlanReport.humanLines(plan).joined(separator: "\n") + "\n")
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
    }
}
