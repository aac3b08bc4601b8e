import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// The node layouts of issue 13 (`fixtures/discovery/`): files no catalog path names, found by
/// following the node's own units and files. `plan` and `detect` print exactly their golden files
/// (`RECORD_GOLDEN=1` re-records; read the diff).
@Suite("discovery: the node's own references, layout by layout")
struct DiscoveryLayoutTests {
    /// Each layout with the targets it is planned with.
    static let layouts: [(String, [String])] = [
        ("opt-kubernetes", ["--master=https://10.17.40.20:6443", "--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379,https://10.17.40.23:2379"]),
        ("etc-kubernetes-conf", ["--master=http://10.17.40.20:8080", "--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379"]),
        ("flannel-sysconfig", ["--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379"]),
        ("approot-kube-nginx", ["--apiservers=10.17.40.20:6443,10.17.40.25:6443"]),
        ("salt-stream-d", ["--apiservers=10.17.40.20:6443,10.17.40.25:6443", "--drain=10.17.40.25:6443"]),
    ]

    static func root(_ layout: String) -> String {
        Corpus.fixturesRoot.appendingPathComponent("discovery/\(layout)").path
    }

    static func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    @Test("plan prints the golden summary and diffs, exits 2", arguments: layouts)
    func plan(_ layout: String, _ targets: [String]) throws {
        let root = Self.root(layout)
        let (code, output) = Self.run(["plan", "--root", root, "--skip-preflight"] + targets)
        #expect(code == 2, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let text = output.stdout.replacingOccurrences(of: root, with: "<root>")
        #expect(text == (try Golden.expected("discovery-\(layout)-plan.txt", recording: text)))
        #expect(!text.contains("never-printed"), "a token reached the output")
    }

    @Test("detect says how each file was found and what uses it, and lists the credentials by path", arguments: layouts.map(\.0))
    func detect(_ layout: String) throws {
        let root = Self.root(layout)
        let (code, output) = Self.run(["detect", "--root", root])
        #expect(code == 0, "\(output.stderr)")
        let text = output.stdout.replacingOccurrences(of: root, with: "<root>")
        #expect(text == (try Golden.expected("discovery-\(layout)-detect.txt", recording: text)))
        #expect(!text.contains("never-printed"), "a token reached the output")
    }

    @Test("a second plan over the first plan's bytes changes nothing", arguments: layouts)
    func idempotent(_ layout: String, _ targets: [String]) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.root(layout), toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        guard case .run(let invocation) = CLIOutcome.resolve(["plan", "--root", copy] + targets) else {
            Issue.record("the targets do not parse")
            return
        }
        let discovery = Discovery(invocation.options, context: Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(),
                                                                      clock: SystemClock(), output: BufferedOutput()))
        let plan = try NodePlan.make(discovery: discovery, targets: invocation.options.targets)
        #expect(plan.hasChanges)
        for file in plan.changedFiles { try Data(file.updated).write(to: URL(fileURLWithPath: file.file.hostPath)) }
        let again = try NodePlan.make(discovery: discovery, targets: invocation.options.targets)
        #expect(!again.hasChanges, "\(again.changedFiles.map(\.file.displayPath))")
    }

    @Test("detect --json gives each file's found_by and services, and the credentials as typed entries")
    func detectJSON() throws {
        let root = Self.root("opt-kubernetes")
        let (code, output) = Self.run(["detect", "--json", "--root", root])
        #expect(code == 0)
        let json = try JSONValue.parse(output.stdout)
        let files = json["files"]?.arrayValue ?? []
        let flannel = try #require(files.first { $0["path"]?.stringValue == "/opt/kubernetes/cfg/flanneld" })
        #expect(flannel["found_by"]?.arrayValue?.compactMap(\.stringValue) == ["EnvironmentFile= in /usr/lib/systemd/system/flannel.service:8"])
        #expect(flannel["services"]?.arrayValue?.compactMap(\.stringValue) == ["flannel"])
        #expect(flannel["component"]?.stringValue == "flanneld")
        let unit = try #require(files.first { $0["path"]?.stringValue == "/usr/lib/systemd/system/flannel.service" })
        #expect(unit["found_by"]?.arrayValue?.compactMap(\.stringValue) == ["unit running flanneld"])
        let credentials = json["credentials"]?.arrayValue ?? []
        let cafile = try #require(credentials.first { $0["label"]?.stringValue == "-etcd-cafile" })
        #expect(cafile["target"]?.stringValue == "etcd" && cafile["purpose"]?.stringValue == "ca")
        #expect(cafile["path"]?.stringValue == "/opt/etcd/ssl/ca.pem" && cafile["embedded"]?.boolValue == false)
        #expect(cafile["named_by"]?.stringValue == "/opt/kubernetes/cfg/flanneld:1")
        let token = try #require(credentials.first { $0["label"]?.stringValue == "token" })
        #expect(token["embedded"]?.boolValue == true && token["path"]?.isNull == true)
        #expect(token["owner"]?.stringValue == "user kubelet-bootstrap")
        #expect(!output.stdout.contains("never-printed"))
    }
}
