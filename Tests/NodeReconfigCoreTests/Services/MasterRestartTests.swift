import Foundation
import Testing
@testable import NodeReconfigCore

/// The commands an OpenShift master's `master-api` / `master-controllers` become, on masters of
/// each era. The node is a table (which programs exist, which units are active, which containers
/// run) behind `ProcessRunner`: none of systemd, master-restart, crictl or docker runs here, and
/// what is under test is the command values `ServiceManager` makes from what it finds.
@Suite("OpenShift master services: master-restart where it exists, else the units; --service-cmd gets the names")
struct MasterRestartTests {
    final class Node: ProcessRunner, @unchecked Sendable {
        let programs: [String: String]
        let activeUnits: Set<String>
        let runningContainers: Set<String>
        private let lock = NSLock()
        private var commands: [String] = []

        init(programs: [String], activeUnits: Set<String> = [], runningContainers: Set<String> = []) {
            self.programs = Dictionary(uniqueKeysWithValues: programs.map { ($0, ($0 == "master-restart" ? "/usr/local/bin/" : "/usr/bin/") + $0) })
            self.activeUnits = activeUnits
            self.runningContainers = runningContainers
        }

        var log: [String] { lock.withLock { commands } }

        func locate(_ program: String) -> String? { program.contains("/") ? program : programs[program] }

        func run(_ command: ExternalCommand, timeout: Double?) throws(SystemError) -> ProcessResult {
            lock.withLock { commands.append(command.description) }
            let name = PathMath.basename(command.program)
            let arguments = command.arguments
            switch name {
            case "systemctl", "svc":
                if arguments.first == "is-active" { return ProcessResult(exitCode: activeUnits.contains(arguments[1]) ? 0 : 3) }
                return ProcessResult(exitCode: 0)
            case "crictl", "docker":
                let container = arguments.last?.split(separator: "=").last.map(String.init) ?? ""
                return ProcessResult(exitCode: 0, standardOutput: runningContainers.contains(container) ? Array("4f2a9c1d\n".utf8) : [])
            default:
                return ProcessResult(exitCode: 0)
            }
        }
    }

    @Test("3.10+ with static pods: active while crictl lists the container; restarted with master-restart")
    func staticPodsCrictl() {
        let node = Node(programs: ["master-restart", "crictl", "docker"], runningContainers: ["api"])
        let manager = ServiceManager(runner: node)
        #expect(manager.isActive("master-api"))
        #expect(!manager.isActive("master-controllers"))
        #expect(manager.perform(.restart, "master-api") == nil)
        #expect(node.log == [
            "systemctl is-active atomic-openshift-master-api", "systemctl is-active origin-master-api",
            "/usr/bin/crictl ps -q --state running --label io.kubernetes.pod.namespace=kube-system --label io.kubernetes.container.name=api",
            "systemctl is-active atomic-openshift-master-controllers", "systemctl is-active origin-master-controllers",
            "/usr/bin/crictl ps -q --state running --label io.kubernetes.pod.namespace=kube-system --label io.kubernetes.container.name=controllers",
            "/usr/local/bin/master-restart api",
        ])
    }

    @Test("3.10+ on docker without crictl: docker ps tells whether the container runs")
    func staticPodsDocker() {
        let node = Node(programs: ["master-restart", "docker"], runningContainers: ["controllers"])
        let manager = ServiceManager(runner: node)
        #expect(manager.isActive("master-controllers"))
        #expect(node.log.last == "/usr/bin/docker ps -q --filter label=io.kubernetes.pod.namespace=kube-system --filter label=io.kubernetes.container.name=controllers")
        #expect(manager.perform(.restart, "master-controllers") == nil)
        #expect(node.log.last == "/usr/local/bin/master-restart controllers")
    }

    @Test("3.9 and before (no master-restart): the active unit, origin or atomic-openshift, is the one restarted", arguments: [
        ("origin-master-api", "master-api"), ("atomic-openshift-master-controllers", "master-controllers"),
    ])
    func units(_ unit: String, _ service: String) {
        let node = Node(programs: [], activeUnits: [unit])
        let manager = ServiceManager(runner: node)
        #expect(manager.isActive(service))
        #expect(manager.perform(.restart, service) == nil)
        #expect(node.log.last == "systemctl restart \(unit)")
        #expect(!node.log.contains { $0.contains("crictl") || $0.contains("docker") })
    }

    @Test("a master whose API runs nowhere is inactive: the run leaves it stopped")
    func stopped() {
        #expect(!ServiceManager(runner: Node(programs: ["master-restart", "crictl"])).isActive("master-api"))
        #expect(!ServiceManager(runner: Node(programs: [])).isActive("master-api"))
        // master-restart without a container runtime to ask: nothing says it runs.
        #expect(!ServiceManager(runner: Node(programs: ["master-restart"])).isActive("master-api"))
    }

    @Test("--service-cmd gets the names as they are; other services are not mapped")
    func serviceCommand() {
        let node = Node(programs: ["master-restart", "crictl"], activeUnits: ["master-api"])
        let manager = ServiceManager(runner: node, program: "/x/svc")
        #expect(manager.isActive("master-api"))
        #expect(manager.perform(.restart, "master-api") == nil)
        #expect(node.log == ["/x/svc is-active master-api", "/x/svc restart master-api"])
        let systemd = Node(programs: ["master-restart"])
        #expect(ServiceManager(runner: systemd).perform(.restart, "kubelet") == nil)
        #expect(ServiceManager(runner: systemd).perform(.daemonReload, nil) == nil)
        #expect(systemd.log == ["systemctl restart kubelet", "systemctl daemon-reload"])
    }

    @Test("restart order: the API before the controllers, both after etcd; the node service with kubelet's rank")
    func order() {
        #expect(ServiceOrder.sorted(["atomic-openshift-node", "master-controllers", "calico-node", "master-api", "etcd"])
                == ["etcd", "master-api", "master-controllers", "calico-node", "atomic-openshift-node"])
        #expect(ServiceOrder.action(for: "master-api") == .restart)
    }
}
