import Foundation
import Testing
@testable import NodeReconfigCore

/// SPEC "Indirection rule": only a whole `$NAME`/`${NAME}` is a reference, rewritten where the
/// variable is defined. A value built from variables or computed by the shell is not written in
/// the file: a run that would change it is refused with `file:line` and what to do, never
/// reported as a reference while nothing is rewritten.
@Suite("values built from variables or computed are refused, not taken for references")
struct PartialInterpolationTests {
    @Test("a whole $NAME or ${NAME} is a reference", arguments: ["$KUBE_MASTER", "${KUBE_MASTER}", " ${KUBE_MASTER} "])
    func wholeReference(_ value: String) {
        #expect(ValueRule.classify(value, role: .master) == .left(.variableReference))
    }

    @Test("an address built from variables, or computed, is refused when a run would change it",
          arguments: ["http://${MASTER_IP}:8080", "http://$MASTER_IP:8080", "$(cat /etc/kube-master)", "`cat /etc/kube-master`", "${A}${B}"])
    func built(_ value: String) {
        guard case .built(let message) = ValueRule.classify(value, role: .master) else {
            Issue.record("\(value) is \(ValueRule.classify(value, role: .master))")
            return
        }
        #expect(message.hasPrefix("'\(value)' is "))
        #expect(message.contains("write the address itself there"))
        guard case .refuse = ValueRule.decide(current: value, role: .master, target: "http://10.17.40.20:8080") else {
            Issue.record("not refused")
            return
        }
    }

    @Test("a static pod's $(HOST_IP) (kubelet's expansion of the container's environment) is refused as computed when it runs, not blamed on the shell")
    func podEnvironmentExpansion() {
        guard case .built(let message) = ValueRule.classify("https://$(HOST_IP):2379", role: .etcd) else {
            Issue.record("not refused")
            return
        }
        #expect(message.hasPrefix("'https://$(HOST_IP):2379' is computed when it runs (the shell's $(…), or kubelet's $(NAME) from a container's environment)"))
    }

    @Test("planned on a node: http://${MASTER_IP}:8080 in an env file refuses with file:line; a whole reference is followed to its definition")
    func onANode() throws {
        let root = try NodeRoot()
        defer { root.remove() }
        try root.place(Array("MASTER_IP=10.17.33.20\nKUBE_MASTER=\"--master=http://${MASTER_IP}:8080\"\n".utf8), at: "/etc/kubernetes/config")
        let targets = Targets(master: Endpoint(scheme: "http", host: "10.17.40.20", port: 8080))
        do {
            _ = try root.plan(targets)
            Issue.record("planned, though nothing would be rewritten")
        } catch {
            #expect("\(error)".hasPrefix("/etc/kubernetes/config:2: 'http://${MASTER_IP}:8080' is built from shell variables"), "\(error)")
        }

        try root.place(Array("KUBE_MASTER_URL=http://10.17.33.20:8080\nKUBE_MASTER=\"--master=${KUBE_MASTER_URL}\"\n".utf8), at: "/etc/kubernetes/config")
        let plan = try root.plan(targets)
        let edits = plan.files.flatMap(\.edits)
        #expect(edits.contains { $0.before == "${KUBE_MASTER_URL}" && $0.left == .variableReference })
        #expect(edits.contains { $0.before == "http://10.17.33.20:8080" && $0.after == "http://10.17.40.20:8080" && $0.outcome == .changed }, "\(edits)")
    }
}
