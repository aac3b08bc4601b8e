import Foundation
import TestSupport
import Testing

/// Runs `scripts/rehearse-migration.sh` at a small size (300 keys, 5 nodes) and checks its
/// summary: the whole migration on real etcd, nginx, sshd hosts and `node-reconfig fanout`.
@Suite("Migration rehearsal on real processes", .tags(.slow), .notInQuickRun)
struct MigrationRehearsalTests {
    @Test("old etcd and TLS masters move to new ones with no failed client request (calico, an OpenShift 3.11 master and node, a k3s agent and a KubeKey worker's haproxy static pod with them); a node whose nginx -t fails rolls back alone; a new apiserver whose certificate lacks its address is refused everywhere; a kubelet whose heartbeat misses the new master is rolled back",
          .enabled(if: RehearsalRun.canRun || RehearsalRun.isCI, "needs root and \(RehearsalRun.needed.joined(separator: ", "))"))
    func rehearsal() throws {
        let missing = RehearsalRun.missing
        guard missing.isEmpty else {
            Issue.record("CI=true but the rehearsal cannot run: missing \(missing.joined(separator: ", "))")
            return
        }
        let run = try RehearsalRun.run(environment: ["KEYS": "300", "NODES": "5"], timeout: 480)
        let summary = run.output.components(separatedBy: "== summary").last ?? ""
        #expect(run.status == 0, "exit \(run.status)\n\(run.output.suffix(6000))")
        #expect(summary.contains("REHEARSAL PASSED"), "\(summary)")
        #expect(summary.contains("seeded keys on the new cluster: 300 of 300 present, 0 missing, 0 wrong"), "\(summary)")
        #expect(summary.range(of: #"files on old addresses: 0 of [1-9][0-9]* \(detect --json on 12 hosts\)"#, options: .regularExpression) != nil, "\(summary)")
        #expect(summary.range(of: #"kubeconfigs on old addresses: 0 of [1-9]"#, options: .regularExpression) != nil, "\(summary)")
        #expect(summary.contains("LBs serving old backends: 0 of 6"), "\(summary)")
        #expect(summary.contains("failed client requests during the switch: 0 failed of"), "\(summary)")
        #expect(summary.contains("scenario 2: node 1 rolled-back (Rollback finished"), "\(summary)")
        #expect(summary.contains("4 changed, fanout exit 3"), "\(summary)")
        #expect(summary.contains("retry-failed exit 0"), "\(summary)")
        #expect(summary.contains("kubelet heartbeats on the new master (health gate, wave 1): 2\n"), "\(summary)")
        #expect(summary.contains("calico: node 3: calicoctl.cfg, CNI config, calico.env on the new etcd (etcdctl endpoint health: 3 of 3, 3 of 3, 3 of 3); calico-node running\n"), "\(summary)")
        #expect(summary.contains("OpenShift 3.11: master restarted master-api, master-controllers, atomic-openshift-node; node restarted atomic-openshift-node; "
                                 + "etcdClientInfo.urls 3 of 3 healthy; running after the old etcd left: master-api, master-controllers\n"), "\(summary)")
        #expect(summary.contains("k3s agent: K3S_URL https://10.73.0.1:6443 (wave 1 restarted k3s-agent), k3s-agent running, last answer from new-1 after the old apiservers stopped\n"), "\(summary)")
        #expect(summary.range(of: #"KubeKey worker: haproxy.cfg pool 10\.73\.0\.1:6443,10\.73\.0\.2:6443,10\.73\.0\.3:6443 \(haproxy -c ok\), haproxy pod restarted [2-3] times through crictl, 0 failed of [1-9][0-9]* requests through it\n"#,
                              options: .regularExpression) != nil, "\(summary)")
        #expect(summary.contains("scenario 3: every host refused by the preflight (5 of 5 failed with exit 1), fleet untouched (5 of 5 nodes' files identical), fanout exit 3"), "\(summary)")
        #expect(summary.contains("scenario 4: node 1 rolled-back by the heartbeat gate (Rollback finished, kubelet.conf unchanged, kubelet running), fanout exit 3"), "\(summary)")
        #expect(!run.output.contains("CHECK FAILED"), "\(run.output.suffix(6000))")
        #expect(run.output.range(of: #"127\.0\.[0-9]+\.1 +rolled-back +[0-9]+ +nginx refused the new /etc/nginx/nginx\.conf"#, options: .regularExpression) != nil,
                "fanout's table shows node 1 rolled back, and why")
        #expect(run.output.contains("5 hosts: 4 changed, 1 rolled-back"), "fanout's scenario 2 total line")
    }
}
