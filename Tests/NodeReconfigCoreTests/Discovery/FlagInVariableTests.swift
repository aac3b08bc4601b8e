import Foundation
import Testing
import TestSupport
@testable import NodeReconfigCore

/// Issue 13 item 3: a variable SPEC rewrites as a bare list keeps a flag written inside it
/// (`FLANNEL_ETCD="-etcd-endpoints=…"`, used as `flanneld ${FLANNEL_ETCD}`): only the flag's value
/// changes. Every variable of `Role.variables`, in its flag form, in an env file and in a unit's
/// `Environment=`; bash reads the variable back as the flag with the new value.
@Suite("a flag inside a variable stays a flag")
struct FlagInVariableTests {
    static let etcd = "https://10.99.0.11:2379,https://10.99.0.12:2379"
    static let members = "m1=https://10.99.0.11:2380,m2=https://10.99.0.12:2380"

    /// Variable, its value in flag form (`OLD` stands for the old value), the new value expected.
    static let cases: [(String, String, String)] = [
        ("FLANNEL_ETCD", "-etcd-endpoints=OLD", "-etcd-endpoints=\(etcd)"),
        ("FLANNEL_ETCD", "-etcd-endpoints OLD", "-etcd-endpoints \(etcd)"),
        ("FLANNEL_ETCD_ENDPOINTS", "-etcd-endpoints=OLD", "-etcd-endpoints=\(etcd)"),
        ("FLANNELD_ETCD_ENDPOINTS", "--etcd-endpoints=OLD", "--etcd-endpoints=\(etcd)"),
        ("ETCD_ENDPOINTS", "--etcd-endpoints=OLD", "--etcd-endpoints=\(etcd)"),
        ("ETCDCTL_ENDPOINTS", "--endpoints=OLD", "--endpoints=\(etcd)"),
        ("ETCD_INITIAL_CLUSTER", "--initial-cluster=OLDMEMBERS", "--initial-cluster=\(members)"),
    ]

    static var targets: Targets {
        var targets = Targets()
        targets.etcd = [Endpoint(scheme: "https", host: "10.99.0.11", port: 2379), Endpoint(scheme: "https", host: "10.99.0.12", port: 2379)]
        targets.etcdMembers = [EtcdMember(name: "m1", peerURL: Endpoint(scheme: "https", host: "10.99.0.11", port: 2380)),
                               EtcdMember(name: "m2", peerURL: Endpoint(scheme: "https", host: "10.99.0.12", port: 2380))]
        return targets
    }

    static func old(_ value: String) -> String {
        value.replacingOccurrences(of: "OLDMEMBERS", with: "a=http://10.1.0.11:2380,b=http://10.1.0.12:2380")
            .replacingOccurrences(of: "OLD", with: "http://10.1.0.11:2379,http://10.1.0.12:2379")
    }

    static func plan(_ text: String, kind: FileKind, path: String) throws -> String {
        let file = DiscoveredFile(displayPath: path, hostPath: path, kind: kind, component: .flanneld, services: [], bytes: Array(text.utf8))
        return String(decoding: try NodePlan.plan(file, targets: targets).updated, as: UTF8.self)
    }

    @Test("in an env file: exact bytes, bash reads the flag back with the new value", arguments: cases)
    func envFile(_ name: String, _ flagForm: String, _ expected: String) throws {
        let text = "# \(name) holds a flag\n\(name)=\"\(Self.old(flagForm))\"\nOTHER=keep\n"
        let updated = try Self.plan(text, kind: .env, path: "/etc/sysconfig/flanneld")
        #expect(updated == "# \(name) holds a flag\n\(name)=\"\(expected)\"\nOTHER=keep\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flag-in-var-\(UUID().uuidString)").path
        try Data(updated.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let bash = try Subprocess.run(["/bin/bash", "-c", "set -e; . \"$1\"; printf %s \"$\(name)\"", "bash", file])
        #expect(bash.status == 0 && bash.output == expected, "\(bash)")
        #expect(try Self.plan(updated, kind: .env, path: "/etc/sysconfig/flanneld") == updated, "a second run changes nothing")
    }

    @Test("in a unit's Environment=: exact bytes", arguments: cases)
    func unitEnvironment(_ name: String, _ flagForm: String, _ expected: String) throws {
        let text = "[Service]\nEnvironment=\"\(name)=\(Self.old(flagForm))\"\nExecStart=/usr/bin/flanneld ${\(name)}\n"
        #expect(try Self.plan(text, kind: .unit, path: "/etc/systemd/system/flanneld.service")
                == "[Service]\nEnvironment=\"\(name)=\(expected)\"\nExecStart=/usr/bin/flanneld ${\(name)}\n")
    }

    @Test("the bare list form is still the value itself, and several flags in one variable are read as flags")
    func bareAndSeveral() throws {
        #expect(try Self.plan("FLANNEL_ETCD=\"http://10.1.0.11:2379\"\n", kind: .env, path: "/etc/sysconfig/flanneld")
                == "FLANNEL_ETCD=\"\(Self.etcd)\"\n")
        let args = "KUBE_API_ARGS=\"--v=2 --etcd-servers=http://10.1.0.11:2379 --etcd-cafile=/etc/pki/ca.pem\"\n"
        #expect(try Self.plan(args, kind: .env, path: "/etc/kubernetes/kube-apiserver.conf")
                == "KUBE_API_ARGS=\"--v=2 --etcd-servers=\(Self.etcd) --etcd-cafile=/etc/pki/ca.pem\"\n")
    }

    @Test("a known variable holding flags none of which is known to hold its value is refused with its line, word for word")
    func ambiguous() throws {
        let text = "# two unknown flags\nFLANNEL_ETCD=\"-etcd-prefix=/coreos.com/network -iface=eth0\"\n"
        #expect(throws: NodeReconfigError.format(path: "/etc/sysconfig/flanneld", FormatError(line: 2,
            "FLANNEL_ETCD holds command-line flags (-etcd-prefix, -iface), none known to hold the etcd value; edit it by hand, or leave the file out with --only"))) {
            try Self.plan(text, kind: .env, path: "/etc/sysconfig/flanneld")
        }
    }
}
