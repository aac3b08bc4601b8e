import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

@Suite("the demo node")
struct DemoNodeTests {
    static let demoRoot = Corpus.fixturesRoot.appendingPathComponent("demo-node").path
    static let arguments = ["plan", "--root", demoRoot, "--skip-preflight",
                            "--master=https://10.17.40.20:6443",
                            "--etcd=http://10.17.40.21:4012,http://10.17.40.22:4012,http://10.17.40.23:4012"]

    func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    @Test("plan prints the golden report and diff, exits 2 (RECORD_GOLDEN=1 re-records)")
    func goldenPlan() throws {
        let (code, output) = run(Self.arguments)
        #expect(code == 2)
        let text = output.stdout.replacingOccurrences(of: Self.demoRoot, with: "<demo-node>")
        #expect(text == (try Golden.expected("demo-node-plan.txt", recording: text)))
        #expect(!text.contains("demo-token-0123456789abcdef-never-printed"))
    }

    @Test("every demo-node file parses and renders back byte for byte")
    func roundTrip() throws {
        let files = try Discovery(root: Self.demoRoot, fileSystem: LocalFileSystem()).discover().files
        #expect(files.count >= 8)
        for file in files {
            let source = try SourceText(bytes: file.bytes)
            #expect(source.bytes == file.bytes, "\(file.displayPath)")
            try file.kind.handler.check(source)
        }
        // The symlinked kube-proxy kubeconfig is found once, at its target.
        #expect(files.filter { $0.hostPath.hasSuffix("/etc/kubernetes/kube-proxy.kubeconfig") }.count == 1)
    }

    @Test("the plan of a plan's output is empty: a second run changes nothing")
    func idempotent() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.demoRoot, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let targets = try #require({ () -> Targets? in
            guard case .run(let invocation) = CLIOutcome.resolve(Self.arguments) else { return nil }
            return invocation.options.targets
        }())
        let plan = try NodePlan.make(discovery: Discovery(root: copy, fileSystem: LocalFileSystem()), targets: targets)
        #expect(plan.changedFiles.count == 6)
        for file in plan.changedFiles { try Data(file.updated).write(to: URL(fileURLWithPath: file.file.hostPath)) }
        let again = try NodePlan.make(discovery: Discovery(root: copy, fileSystem: LocalFileSystem()), targets: targets)
        #expect(!again.hasChanges)
        let (code, output) = run(Self.arguments.map { $0 == Self.demoRoot ? copy : $0 })
        #expect(code == 0)
        #expect(output.stdout.contains("Already up to date"))
    }
}
