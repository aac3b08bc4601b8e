import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// The node roots of `fixtures/addons`: planned (report and every diff: the exact bytes each file
/// gets) and detected against golden files, applied, and planned again.
@Suite("add-on node roots: a calico node, an OpenShift 3.11 master and node, a DNS add-on master")
struct AddonNodeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var flags: [String]
        /// Files the plan changes.
        var changed: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "calico-node", flags: ["--master=https://10.30.0.10:6443",
                                          "--etcd=https://10.30.0.11:2379,https://10.30.0.12:2379,https://10.30.0.13:2379"], changed: 5),
        Case(name: "openshift-master", flags: ["--master=https://10.30.0.10:8443",
                                               "--etcd=https://10.30.0.21:2379,https://10.30.0.22:2379,https://10.30.0.23:2379"], changed: 6),
        Case(name: "openshift-node", flags: ["--master=https://10.30.0.10:8443"], changed: 2),
        Case(name: "dns-master", flags: ["--master=http://10.30.0.10:8080", "--etcd=http://10.30.0.11:2379,http://10.30.0.12:2379"], changed: 3),
    ]

    static func root(_ name: String) -> String { Corpus.fixturesRoot.appendingPathComponent("addons/\(name)").path }

    func run(_ arguments: [String]) -> (Int32, BufferedOutput) {
        let output = BufferedOutput()
        let context = Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(), output: output)
        return (NodeReconfigCLI.main(arguments: arguments, context: context), output)
    }

    @Test("plan prints the golden report and diffs, exits 2 (RECORD_GOLDEN=1 re-records)", arguments: cases)
    func goldenPlan(_ node: Case) throws {
        let root = Self.root(node.name)
        let (code, output) = run(["plan", "--root", root, "--skip-preflight"] + node.flags)
        #expect(code == 2, "\(output.stderr)")
        let text = output.stdout.replacingOccurrences(of: root, with: "<root>")
        #expect(text == (try Golden.expected("addons-\(node.name)-plan.txt", recording: text)))
        #expect(text.contains("\(node.changed) file(s) would change"))
    }

    @Test("detect lists every file with its component, kind and values (RECORD_GOLDEN=1 re-records)", arguments: cases)
    func goldenDetect(_ node: Case) throws {
        let root = Self.root(node.name)
        let (code, output) = run(["detect", "--root", root])
        #expect(code == 0, "\(output.stderr)")
        let text = output.stdout.replacingOccurrences(of: root, with: "<root>")
        #expect(text == (try Golden.expected("addons-\(node.name)-detect.txt", recording: text)))
    }

    @Test("applied, the plan of the result changes nothing; no file outside the plan's list changed", arguments: cases)
    func appliedTwice(_ node: Case) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("addons-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.root(node.name), toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let (code, output) = run(["apply", "--root", copy, "--skip-preflight", "--no-restart"] + node.flags)
        #expect(code == 0, "\(output.stderr)")
        let (again, second) = run(["plan", "--root", copy, "--skip-preflight"] + node.flags)
        #expect(again == 0, "\(second.stdout)")
        #expect(second.stdout.contains("Already up to date"))

        // Every CNI config written is JSON as python3's strict reader reads it, with the new list.
        let etcd = node.flags.first { $0.hasPrefix("--etcd=") }.map { String($0.dropFirst(7)) }
        let cni = copy + "/etc/cni/net.d"
        var seen = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cni)) ?? [] {
            let script = """
                import json, sys
                def pairs(p):
                    if len(p) != len(dict(p)): raise ValueError("duplicate key")
                    return dict(p)
                def find(v):
                    if isinstance(v, dict):
                        for k, x in v.items():
                            if k == "etcd_endpoints": print(x)
                            find(x)
                    elif isinstance(v, list):
                        for x in v: find(x)
                find(json.load(open(sys.argv[1]), object_pairs_hook=pairs))
                """
            let read = try Subprocess.run(["python3", "-c", script, cni + "/" + name])
            #expect(read.status == 0, "\(name): \(read.errorOutput)")
            for value in read.output.split(separator: "\n") {
                #expect(String(value) == etcd, "\(name)")
                seen += 1
            }
        }
        #expect(seen == (node.name == "calico-node" ? 1 : 0))
    }

    @Test("the files of each root belong to the components and services SPEC names")
    func services() throws {
        let discovered = { (name: String) throws -> [String: DiscoveredFile] in
            let files = try Discovery(root: Self.root(name), fileSystem: LocalFileSystem()).discover().files
            return Dictionary(uniqueKeysWithValues: files.map { ($0.displayPath, $0) })
        }
        let master = try discovered("openshift-master")
        #expect(master["/etc/origin/master/master-config.yaml"]?.services == ["master-api", "master-controllers"])
        #expect(master["/etc/origin/master/master-config.yaml"]?.kind == .openshiftMaster)
        #expect(master["/etc/origin/master/openshift-master.kubeconfig"]?.services == ["master-api", "master-controllers"])
        #expect(master["/etc/origin/master/admin.kubeconfig"]?.services == [])
        #expect(master["/etc/origin/node/node.kubeconfig"]?.services == ["atomic-openshift-node", "origin-node"])
        #expect(master["/etc/origin/node/pods/apiserver.yaml"]?.component == .kubeAPIServer)
        #expect(master["/etc/keepalived/keepalived.conf"]?.kind == .keepalived)
        #expect(master["/etc/origin/node/node-config.yaml"]?.kind == .openshiftNode, "read for masterKubeConfig; it holds no address")
        let calico = try discovered("calico-node")
        #expect(calico["/etc/systemd/system/calico-node.service"]?.services == ["calico-node"])
        #expect(calico["/etc/calico/calico.env"]?.services == ["calico-node"])
        #expect(calico["/etc/calico/calicoctl.cfg"]?.services == [])
        #expect(calico["/etc/cni/net.d/10-calico.conflist"]?.component == .cni)
        let dns = try discovered("dns-master")
        #expect(dns["/etc/coredns/Corefile"]?.services == ["coredns"])
        #expect(dns["/etc/kubernetes/addons/dns/skydns-kube2sky.yaml"]?.component == .addons)
        #expect(dns["/etc/kubernetes/manifests/kube-dns.yaml"]?.services == [])
    }

    @Test("--only=calico selects the calico files and the CNI configs, nothing else; --only=addons the DNS add-ons")
    func only() throws {
        let calico = try Discovery(root: Self.root("calico-node"), only: ["calico"], fileSystem: LocalFileSystem()).discover().files
        #expect(calico.map(\.displayPath).sorted() == [
            "/etc/calico/calico.env", "/etc/calico/calicoctl.cfg", "/etc/cni/net.d/10-calico.conflist", "/etc/cni/net.d/99-loopback.conf",
            "/etc/systemd/system/calico-node.service",
        ])
        let addons = try Discovery(root: Self.root("dns-master"), only: ["addons"], fileSystem: LocalFileSystem()).discover().files
        #expect(addons.count == 3)
        #expect(try Discovery(root: Self.root("dns-master"), only: ["calico"], fileSystem: LocalFileSystem()).discover().files.isEmpty)
    }

    @Test("kube2sky's --etcd-server takes the first --etcd URL; skydns's --machines the list")
    func singleURL() throws {
        let (_, output) = run(["plan", "--root", Self.root("dns-master"), "--skip-preflight", "--json",
                               "--etcd=http://10.30.0.11:2379,http://10.30.0.12:2379"])
        let json = try JSONValue.parse(output.stdout)
        let edits = (json["files"]?.arrayValue ?? []).flatMap { $0["edits"]?.arrayValue ?? [] }
        let after = Dictionary(uniqueKeysWithValues: edits.compactMap { edit in
            edit["label"]?.stringValue.flatMap { label in edit["after"]?.stringValue.map { (label, $0) } }
        })
        #expect(after["--etcd-server"] == "http://10.30.0.11:2379")
        #expect(after["-machines"] == "http://10.30.0.11:2379,http://10.30.0.12:2379")
    }
}
