import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// The node roots under `fixtures/installers/`, one per installer of today (issue 17), planned
/// and detected with golden output, then written and planned again.
@Suite("the layouts today's installers leave on a node")
struct InstallerLayoutTests {
    struct Layout: Sendable, CustomTestStringConvertible {
        var name: String
        var flags: [String]
        /// The files the plan changes.
        var changed: [String]

        var testDescription: String { name }
        var root: String { Corpus.fixturesRoot.appendingPathComponent("installers/\(name)").path }
    }

    static let newEtcd = "--etcd=https://10.17.40.21:2379,https://10.17.40.22:2379,https://10.17.40.23:2379"
    static let newPool = "--apiservers=10.17.40.20:6443,10.17.33.21:6443,10.17.40.22:6443"

    static let layouts: [Layout] = [
        Layout(name: "k3s-agent", flags: ["--master=https://10.17.40.20:6443"],
               changed: ["/etc/systemd/system/k3s-agent.service.env"]),
        Layout(name: "rke2-agent", flags: ["--master=https://10.17.40.20:9345"], changed: ["/etc/rancher/rke2/config.yaml"]),
        Layout(name: "kubekey-worker", flags: ["--master=https://10.17.40.20:6443", newPool], changed: ["/etc/kubekey/haproxy/haproxy.cfg"]),
        Layout(name: "sealos-node", flags: [newPool, "--drain=10.17.33.21:6443"],
               changed: ["/etc/kubernetes/manifests/kube-sealos-lvscare.yaml"]),
        Layout(name: "binary-opt-node", flags: ["--master=https://10.17.40.20:6443", newEtcd],
               changed: ["/opt/kubernetes/cfg/bootstrap.kubeconfig", "/opt/kubernetes/cfg/kubelet.kubeconfig",
                         "/opt/kubernetes/cfg/kube-proxy.kubeconfig", "/opt/kubernetes/cfg/flanneld"]),
        Layout(name: "binary-opt-master",
               flags: ["--master=https://10.17.40.20:6443", newEtcd,
                       "--etcd-members=etcd-1=https://10.17.40.21:2380,etcd-2=https://10.17.40.22:2380,etcd-3=https://10.17.40.23:2380"],
               changed: ["/opt/etcd/cfg/etcd.conf", "/opt/kubernetes/cfg/kube-apiserver.conf"]),
        Layout(name: "charmed-flannel", flags: [newEtcd], changed: ["/lib/systemd/system/flannel.service"]),
    ]

    func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    func targets(_ layout: Layout) throws -> Targets {
        guard case .run(let invocation) = CLIOutcome.resolve(["plan", "--root", layout.root, "--skip-preflight"] + layout.flags) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the flags of \(layout.name) do not parse"])
        }
        return invocation.options.targets
    }

    @Test("plan prints the golden report and diff, exits 2, and never prints a token (RECORD_GOLDEN=1 re-records)", arguments: layouts)
    func goldenPlan(_ layout: Layout) throws {
        let (code, output) = run(["plan", "--root", layout.root, "--skip-preflight"] + layout.flags)
        #expect(code == 2, "\(output.stderr)")
        let text = output.stdout.replacingOccurrences(of: layout.root, with: "<root>")
        #expect(text == (try Golden.expected("installers-\(layout.name)-plan.txt", recording: text)))
        for token in ["K107c3f2a9e51d0b84f6a3c2e1d9b8a7f", "K10d2b7a4c9e1f3085b6a7c8d9e0f1a2b", "0fb61c46f8991b718eb38d27b605b008"] {
            #expect(!text.contains(token), "a token reached the output")
        }
    }

    @Test("detect lists every file of the layout with its component and values (RECORD_GOLDEN=1 re-records)", arguments: layouts)
    func goldenDetect(_ layout: Layout) throws {
        let (code, output) = run(["detect", "--root", layout.root])
        #expect(code == 0, "\(output.stderr)")
        #expect(output.stdout == (try Golden.expected("installers-\(layout.name)-detect.txt", recording: output.stdout)))
    }

    @Test("exactly the expected files change; written, each reads back and a second plan changes nothing", arguments: layouts)
    func applyTwice(_ layout: Layout) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("installer-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: layout.root, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let targets = try targets(layout)
        let plan = try NodePlan.make(discovery: Discovery(root: copy, fileSystem: LocalFileSystem()), targets: targets)
        #expect(plan.changedFiles.map(\.file.displayPath).sorted() == layout.changed.sorted())
        for file in plan.changedFiles {
            try file.file.kind.handler.check(try SourceText(bytes: file.updated))
            try Data(file.updated).write(to: URL(fileURLWithPath: file.file.hostPath))
        }
        let again = try NodePlan.make(discovery: Discovery(root: copy, fileSystem: LocalFileSystem()), targets: targets)
        #expect(!again.hasChanges, "still changes \(again.changedFiles.map(\.file.displayPath))")
    }
}

@Suite("k3s, rke2, KubeKey, sealos and binary-install rules")
struct InstallerRuleTests {
    static let k3s = Corpus.fixturesRoot.appendingPathComponent("installers/k3s-agent").path
    static let rke2 = Corpus.fixturesRoot.appendingPathComponent("installers/rke2-agent").path
    static let kubekey = Corpus.fixturesRoot.appendingPathComponent("installers/kubekey-worker").path

    func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    @Test("a k3s agent's server is never made http: the run is refused at K3S_URL's line, saying what to give")
    func k3sHTTPRefused() {
        let (code, output) = run(["plan", "--root", Self.k3s, "--skip-preflight", "--master=http://10.17.40.20:8080"])
        #expect(code == 1)
        #expect(output.stderr.contains("/etc/systemd/system/k3s-agent.service.env:2: K3S_URL is the server a k3s/rke2 agent registers with"), "\(output.stderr)")
        #expect(output.stderr.contains("Give --master=https://"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test("an rke2 agent registered on the supervisor port 9345 is not moved to the apiserver's port: refused, naming the port to give")
    func rke2PortRefused() {
        let (code, output) = run(["plan", "--root", Self.rke2, "--skip-preflight", "--master=https://10.17.40.20:6443"])
        #expect(code == 1)
        #expect(output.stderr.contains("/etc/rancher/rke2/config.yaml:2: server 'https://10.17.33.20:9345' is rke2's supervisor port 9345"), "\(output.stderr)")
        #expect(output.stderr.contains("--master=https://10.17.40.20:9345"), "\(output.stderr)")
    }

    @Test("k3s and rke2 agent units: --server / -s in ExecStart is the server URL; the same flag in another unit is not read")
    func agentUnitServer() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let k3s = "[Service]\nExecStart=/usr/local/bin/k3s \\\n    agent \\\n\t'--server' \\\n\t'https://10.17.33.20:6443' \\\n\n"
        try root.place(Array(k3s.utf8), at: "/etc/systemd/system/k3s-agent.service")
        let rke2 = "[Service]\nExecStart=/usr/local/bin/rke2 agent -s https://10.17.33.20:9345\n"
        try root.place(Array(rke2.utf8), at: "/usr/local/lib/systemd/system/rke2-agent.service")
        let kubelet = "[Service]\nExecStart=/usr/bin/kubelet --server=https://10.17.33.20:6443\n"
        try root.place(Array(kubelet.utf8), at: "/etc/systemd/system/kubelet.service")
        var targets = Targets()
        targets.master = Endpoint(scheme: "https", host: "10.17.40.20", port: 9345)
        let plan = try root.plan(targets)
        let changed = Dictionary(uniqueKeysWithValues: plan.changedFiles.map { ($0.file.displayPath, String(decoding: $0.updated, as: UTF8.self)) })
        #expect(changed.keys.sorted() == ["/etc/systemd/system/k3s-agent.service", "/usr/local/lib/systemd/system/rke2-agent.service"])
        #expect(changed["/etc/systemd/system/k3s-agent.service"] == k3s.replacingOccurrences(of: "https://10.17.33.20:6443", with: "https://10.17.40.20:9345"))
        #expect(changed["/usr/local/lib/systemd/system/rke2-agent.service"] == rke2.replacingOccurrences(of: "10.17.33.20", with: "10.17.40.20"))
        #expect(plan.files.first { $0.file.displayPath == "/etc/systemd/system/kubelet.service" }?.edits.isEmpty == true)
    }

    @Test("KubeKey: haproxy.cfg belongs to the haproxy static pod that mounts /etc/kubekey/haproxy: no unit to reload, the pod restarted through the runtime")
    func kubekeyStaticPod() throws {
        let catalog = try #require(Catalog.entries.first { $0.path == "/etc/kubekey/haproxy/haproxy.cfg" })
        #expect(catalog.services.isEmpty)
        var targets = Targets()
        targets.apiservers = [HostPort(host: "10.17.40.20", port: 6443)]
        let plan = try NodePlan.make(discovery: Discovery(root: Self.kubekey, fileSystem: LocalFileSystem()), targets: targets)
        let file = try #require(plan.changedFiles.first { $0.file.displayPath == "/etc/kubekey/haproxy/haproxy.cfg" })
        #expect(file.file.services.isEmpty, "no haproxy unit is reloaded: \(file.file.services)")
        let pods = file.plannedFile.staticPods
        #expect(pods.map(\.name) == ["haproxy"] && pods.map(\.manifest) == ["/etc/kubernetes/manifests/haproxy.yaml"], "\(pods)")
        #expect(pods.first?.container == "haproxy" && pods.first?.component == .loadBalancer)
        // The manifest itself is not changed: kubelet would not recreate the pod on its own.
        #expect(!plan.changedFiles.contains { $0.file.displayPath == "/etc/kubernetes/manifests/haproxy.yaml" })
        let (code, output) = run(["detect", "--root", Self.kubekey])
        #expect(code == 0)
        #expect(output.stdout.contains("hostPath of static pod haproxy") && output.stdout.contains("(static pod haproxy)"), "\(output.stdout)")
    }

    @Test("binary installs: no /opt path is in the catalog; every file under /opt is found through the unit (or the file) that names it")
    func binaryInstallsFoundByReference() throws {
        #expect(!Catalog.entries.contains { $0.path.hasPrefix("/opt/kubernetes/") || $0.path.hasPrefix("/opt/etcd/") })
        for layout in ["binary-opt-node", "binary-opt-master"] {
            let root = Corpus.fixturesRoot.appendingPathComponent("installers/\(layout)").path
            let found = try Discovery(root: root, fileSystem: LocalFileSystem()).discover().files.filter { $0.displayPath.hasPrefix("/opt/") }
            #expect(found.count >= 4, "\(layout): \(found.map(\.displayPath))")
            for file in found {
                #expect(!file.foundBy.isEmpty && !file.foundBy.contains(.catalog), "\(file.displayPath): \(file.foundBy)")
                #expect(!file.services.isEmpty, "\(file.displayPath) restarts nothing")
            }
        }
    }

    @Test("env secrets (K3S_TOKEN, *_PASSWORD…) are redacted in diffs, key kept; a value over lines hides every line")
    func envSecretsRedacted() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let text = "K3S_TOKEN='K10abc::server:def'\nK3S_URL=\"https://10.17.33.20:6443\"\nDB_PASSWORD=\"first\nsecond:part\"\n"
        try root.place(Array(text.utf8), at: "/etc/default/k3s-agent")
        var targets = Targets()
        targets.master = Endpoint(scheme: "https", host: "10.17.40.20", port: 6443)
        let file = try #require(try root.plan(targets).changedFiles.first)
        let diff = PlanCommand.diff(file)
        #expect(diff.contains(" K3S_TOKEN=<redacted>\n"), "\(diff)")
        #expect(diff.contains(" DB_PASSWORD=<redacted>\n <redacted>\n"), "\(diff)")
        for secret in ["K10abc", "server:def", "first", "second"] { #expect(!diff.contains(secret), "\(diff)") }
        #expect(file.file.services == ["k3s-agent"])
    }

    /// k3s's install.sh (`quote_indent`) writes `sh -s - agent --server … --token …` into the
    /// unit, one quoted argument a line, each `\`-continued, the last followed by a blank line.
    static let k3sArgsUnit = "[Unit]\nDescription=Lightweight Kubernetes\n\n[Service]\nType=exec\n"
        + "Environment=\"K3S_AGENT_TOKEN=K10envtoken5a1f::server:77aa\"\n"
        + "ExecStart=/usr/local/bin/k3s \\\n    agent \\\n\t'--server' \\\n\t'https://10.17.33.20:6443' \\\n"
        + "\t'--token' \\\n\t'K10c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4::server:3f2e1d0c9b8a' \\\n"
        + "\t'--token-file' \\\n\t'/etc/rancher/k3s/token' \\\n\n"
    static let k3sArgsSecrets = ["K10c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4", "3f2e1d0c9b8a", "K10envtoken5a1f", "77aa"]

    @Test("a k3s agent unit with --server and --token as install.sh writes them: plan and plan --json never show the token; apply changes only the server value")
    func agentUnitTokenRedacted() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let unit = "/etc/systemd/system/k3s-agent.service"
        try root.place(Array(Self.k3sArgsUnit.utf8), at: unit)
        for json in [false, true] {
            let (code, output) = run(["plan", "--root", root.path, "--skip-preflight", "--master=https://10.17.40.20:6443"] + (json ? ["--json"] : []))
            #expect(code == 2, "\(output.stderr)")
            #expect(output.stdout.contains("10.17.40.20"), "the plan shows the change: \(output.stdout)")
            for secret in Self.k3sArgsSecrets {
                #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "json \(json): \(output.stdout)")
            }
        }
        var targets = Targets()
        targets.master = Endpoint(scheme: "https", host: "10.17.40.20", port: 6443)
        let plan = try root.plan(targets)
        let file = try #require(plan.changedFiles.first { $0.file.displayPath == unit })
        let diff = PlanCommand.diff(file)
        // The token word's line is hidden whole, as an env secret's further lines are; the
        // flag and the token file's path stay readable.
        #expect(diff.contains("\n \t'--token' \\\n \t<redacted>\n \t'--token-file' \\\n"), "\(diff)")
        #expect(diff.contains("+\t'https://10.17.40.20:6443' \\\n"), "\(diff)")
        #expect(file.secretLinesBefore == [5] && file.hiddenLinesBefore == [11], "Environment= keyed, the token word whole: \(file)")
        try root.write(plan)
        #expect(String(decoding: try root.bytes(at: unit), as: UTF8.self)
                == Self.k3sArgsUnit.replacingOccurrences(of: "https://10.17.33.20:6443", with: "https://10.17.40.20:6443"))
    }

    @Test("unit token flags: `--token=…` keeps the flag and hides the value; `-t` and `--agent-token` take the next word; `--token-file` is no secret")
    func unitTokenForms() throws {
        let text = "[Service]\nExecStart=/usr/local/bin/rke2 agent \\\n  --token=K10inline::x \\\n  -t short-token \\\n"
            + "  --agent-token \\\n  'agent-secret' \\\n  --token-file /var/lib/token\nEnvironment=RKE2_URL=https://10.17.33.20:9345 \"K3S_ARGS=--token sec\"\n"
        let source = try SourceText(bytes: Array(text.utf8))
        let lines = try UnitHandler().secretLines(in: source)
        #expect(lines.keyed == [2, 7], "\(lines)")
        #expect(lines.whole == [3, 5], "\(lines)")
        let shown = Redaction.lines(of: Array(text.utf8), secretLines: Set(lines.keyed), hiddenLines: Set(lines.whole)).joined()
        #expect(shown.contains("  --token=<redacted>\n") && shown.contains("  --token-file /var/lib/token\n"), "\(shown)")
        for secret in ["K10inline", "short-token", "agent-secret", "sec\""] { #expect(!shown.contains(secret), "\(shown)") }
    }
}
