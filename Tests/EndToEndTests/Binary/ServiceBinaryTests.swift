import Foundation
import TestSupport
import Testing

@Suite("Binary: service control")
struct ServiceBinaryTests {
    /// A `--service-cmd` that logs `ACTION SERVICE`, says only kubelet and flanneld are active, and
    /// fails `restart flanneld` when `failWhen` (a shell condition) holds.
    static func wrapper(_ node: DemoNode, failWhen: String = "false") throws -> (command: String, log: String) {
        let command = node.scratch + "/service-cmd", log = node.scratch + "/service.log"
        try node.write(command, """
            #!/bin/sh
            echo "$*" >> \(log)
            case "$1" in
                is-active) case "$2" in kubelet|flanneld) exit 0 ;; *) exit 3 ;; esac ;;
                restart) if [ "$2" = flanneld ] && \(failWhen); then exit 1; fi ;;
            esac
            exit 0

            """, executable: true)
        return (command, log)
    }

    static func actions(_ log: String) throws -> [String] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("is-active") }
    }

    /// `apply` with `service` as the `--service-cmd`, no settle time and a short health wait.
    static func apply(_ node: DemoNode, _ service: (command: String, log: String)) throws -> BinaryRun {
        try node.run("apply", ["--service-cmd", service.command, "--health-timeout", "5", "--settle", "0"])
    }

    @Test("apply restarts only the active affected services, in SPEC order, after daemon-reload")
    func restartsActiveServicesInOrder() throws {
        let node = try DemoNode()
        let service = try Self.wrapper(node)
        let run = try Self.apply(node, service)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try Self.actions(service.log) == ["daemon-reload", "restart flanneld", "restart kubelet"])
        let asked = try String(contentsOfFile: service.log, encoding: .utf8)
        for inactive in ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-lb", "kube-proxy"] {
            #expect(asked.contains("is-active \(inactive)\n"), "\(inactive) was not asked about")
        }
    }

    @Test("a service refusing the new config fails the run with exit 3, Rollback finished, every file as it was")
    func refusedRestartRollsBack() throws {
        let node = try DemoNode()
        // flanneld refuses to start while its file names the new etcd, as a real one refusing the new config would.
        let service = try Self.wrapper(node, failWhen: "grep -q 10.17.40.21 \(node.root)/etc/sysconfig/flanneld")
        let run = try Self.apply(node, service)
        #expect(run.status == 3, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains("Rollback finished"))
        #expect(DemoNode.differences(try DemoNode.snapshot(DemoNode.fixture), try node.snapshot()) == [])
        #expect(try Self.actions(service.log) == ["daemon-reload", "restart flanneld", "daemon-reload", "restart flanneld"])
    }

    @Test("a service that cannot come back even on the old files: exit 4, Rollback FAILED, files still restored")
    func restartFailingTwiceNeedsAHuman() throws {
        let node = try DemoNode()
        let service = try Self.wrapper(node, failWhen: "true")
        let run = try Self.apply(node, service)
        #expect(run.status == 4, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains("Rollback FAILED"))
        #expect(run.stderr.contains(node.backups))
        #expect(DemoNode.differences(try DemoNode.snapshot(DemoNode.fixture), try node.snapshot()) == [])
    }
}
