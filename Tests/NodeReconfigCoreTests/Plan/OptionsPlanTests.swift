import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

@Suite("--only, --file and secrets in plan")
struct OptionsPlanTests {
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: https://10.1.0.1:6443
        users:
        - user:
            token: s3cr3t-token-value
            client-key-data: c2VjcmV0LWtleS1kYXRh
          name: u
        contexts: []

        """

    static var targets: Targets {
        var targets = Targets()
        targets.master = Endpoint(scheme: "https", host: "10.2.0.1", port: 6443)
        targets.etcd = [Endpoint(scheme: "http", host: "10.2.0.11", port: 2379)]
        return targets
    }

    @Test("--only keeps the plan to the named components")
    func only() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig.utf8), at: "/etc/kubernetes/kubelet.conf")
        try root.place(Array("FLANNEL_ETCD=\"http://10.1.0.11:2379\"\n".utf8), at: "/etc/sysconfig/flanneld")
        let all = try root.plan(Self.targets)
        #expect(all.changedFiles.map(\.file.displayPath) == ["/etc/kubernetes/kubelet.conf", "/etc/sysconfig/flanneld"])
        let flannelOnly = try root.plan(Self.targets, only: ["flanneld"])
        #expect(flannelOnly.files.map(\.file.displayPath) == ["/etc/sysconfig/flanneld"])
    }

    @Test("--file adds a file outside the catalog and a missing one is an error naming it")
    func extraFile() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig.utf8), at: "/opt/custom/kube-proxy.kubeconfig")
        let discovery = Discovery(root: root.path, extraFiles: [(kind: .kubeconfig, path: "/opt/custom/kube-proxy.kubeconfig")], fileSystem: LocalFileSystem())
        let plan = try NodePlan.make(discovery: discovery, targets: Self.targets)
        let file = try #require(plan.files.first)
        #expect(file.file.component == "kube-proxy" && file.file.services == ["kube-proxy"])
        #expect(file.changed)
        let missing = Discovery(root: root.path, extraFiles: [(kind: .env, path: "/etc/nope")], fileSystem: LocalFileSystem())
        #expect(throws: NodeReconfigError.missingFile(path: "/etc/nope", detail: nil)) { try missing.discover() }
    }

    @Test("a token next to the rewritten server is redacted in the diff and never printed")
    func secretsRedacted() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array(Self.kubeconfig.utf8), at: "/etc/kubernetes/kubelet.conf")
        let plan = try root.plan(Self.targets)
        let diff = PlanCommand.diff(try #require(plan.changedFiles.first))
        #expect(diff.contains("+    server: https://10.2.0.1:6443"))
        #expect(diff.contains("    token: <redacted>"))
        let file = try #require(plan.changedFiles.first)
        let redacted = Redaction.lines(of: file.updated, secretLines: file.secretLinesAfter).joined()
        #expect(redacted.contains("    client-key-data: <redacted>\n") && redacted.contains("    token: <redacted>\n"))
        #expect(!diff.contains("s3cr3t-token-value") && !diff.contains("c2VjcmV0LWtleS1kYXRh"))
        let json = PlanReport.json(result: "pending", plan: plan, backupID: nil, services: [], rolledBack: false, message: "").rendered()
        #expect(!json.contains("s3cr3t-token-value"))
    }

    @Test("a kubeconfig naming two remote apiservers is refused without --old-master and rewritten with it")
    func oldMaster() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let text = Self.kubeconfig.replacingOccurrences(of: "    server: https://10.1.0.1:6443\n", with: "    server: https://10.1.0.1:6443\n- name: other\n  cluster:\n    server: https://10.1.0.9:6443\n")
        #expect(text != Self.kubeconfig)
        try root.place(Array(text.utf8), at: "/etc/kubernetes/admin.conf")
        #expect(throws: NodeReconfigError.self) { try root.plan(Self.targets) }
        var targets = Self.targets
        targets.oldMasters = [Endpoint(scheme: "https", host: "10.1.0.1", port: 6443)]
        let plan = try root.plan(targets)
        let file = try #require(plan.files.first)
        #expect(file.edits.map(\.outcome) == [.changed, .skipped])
        let updated = String(decoding: file.updated, as: UTF8.self)
        #expect(updated.contains("server: https://10.2.0.1:6443") && updated.contains("server: https://10.1.0.9:6443"))
    }
}

@Suite("refusals say where and that nothing changed")
struct AmbiguityRefusalTests {
    @Test("an etcd list mixing loopback and remote members is refused with path:line and 'Nothing was changed'")
    func mixedList() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let text = "# flannel\nFLANNEL_ETCD=\"http://127.0.0.1:2379,http://10.1.0.11:2379\"\n"
        try root.place(Array(text.utf8), at: "/etc/sysconfig/flanneld")
        var targets = Targets()
        targets.etcd = [Endpoint(scheme: "http", host: "10.2.0.11", port: 2379)]
        do {
            _ = try root.plan(targets)
            Issue.record("a mixed list was not refused")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("/etc/sysconfig/flanneld:2: "), "\(message)")
            #expect(message.hasSuffix("Nothing was changed."), "\(message)")
        }
        #expect(try root.bytes(at: "/etc/sysconfig/flanneld") == Array(text.utf8))
    }
}

@Suite("detect and --lb-pool")
struct DetectLbPoolTests {
    @Test("--lb-pool makes detect call a pool with an unhinted name an apiserver pool")
    func lbPoolCountsInDetect() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        let conf = "stream {\n    upstream front {\n        server 10.1.0.1:7443;\n    }\n}\n"
        try root.place(Array(conf.utf8), at: "/etc/nginx/nginx.conf")
        let file = try #require(try Discovery(root: root.path, fileSystem: LocalFileSystem()).discover().files.first)
        #expect(try DetectedValue.values(in: file).map(\.note) == ["not an apiserver pool"])
        #expect(try DetectedValue.values(in: file, lbPool: "front").map(\.note) == ["apiserver pool"])
    }
}
