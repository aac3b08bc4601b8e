/// OpenShift 3.x masters' API and controllers: in the catalog they are the services `master-api`
/// and `master-controllers`, and `ServiceManager` drives them the way the node's own tools do
/// (openshift-ansible's handlers):
///
/// - restart: `master-restart api` (`controllers`) where that program exists (3.10 and later; it
///   restarts an `atomic-openshift-master-api` / `origin-master-api` unit when there is one, else
///   stops the static pod, which kubelet starts again); without it (3.9 and before), the
///   `atomic-openshift-master-api` or `origin-master-api` unit that is active, through systemctl.
/// - is-active: one of those units is active; else, where `master-restart` exists, the static
///   pod's container (`api`, `controllers` in `kube-system`) is running, as `crictl ps` (else
///   `docker ps`) lists it.
///
/// With `--service-cmd=PROGRAM` (hosts without systemd, tests) the names are passed to PROGRAM
/// as they are: `PROGRAM restart master-api`.
struct MasterRestart: Sendable, Equatable {
    /// The program 3.10+ masters install (`/usr/local/bin/master-restart`).
    static let program = "master-restart"
    /// The services a change to the master's configuration restarts, in the catalog's words.
    static let masterServices = ["master-api", "master-controllers"]
    /// Service name → the component `master-restart` takes (also the static pod's container name).
    static let components: [String: String] = ["master-api": "api", "master-controllers": "controllers"]

    /// `api` or `controllers`.
    let component: String

    /// How `service` is driven when `program` is systemctl; nil for every other service, and
    /// for every service under `--service-cmd`.
    init?(service: String, program: String) {
        guard PathMath.basename(program) == Systemctl.defaultProgram, let component = Self.components[service] else { return nil }
        self.component = component
    }

    /// The units the component is on masters that run it under systemd.
    var units: [String] {
        ["atomic-openshift-master-\(component)", "origin-master-\(component)"]
    }

    /// Whether the component runs: a unit of its is active, or its static pod's container is.
    func isActive(_ manager: ServiceManager) -> Bool {
        if activeUnit(manager) != nil { return true }
        guard manager.runner.locate(Self.program) != nil, let command = containerQuery(manager.runner) else { return false }
        guard let result = try? manager.runner.run(command, timeout: manager.commandTimeout), result.succeeded else { return false }
        return !result.output.trimmingBlanks(newlines: true).isEmpty
    }

    /// The command that restarts the component; nil for actions other than restart (it is never
    /// reloaded), which go to systemctl as they are.
    func command(_ action: ServiceAction, _ manager: ServiceManager) -> ExternalCommand? {
        guard action == .restart else { return nil }
        if let located = manager.runner.locate(Self.program) { return ExternalCommand(located, [component]) }
        return Systemctl.restart(activeUnit(manager) ?? units[0], program: manager.program)
    }

    /// The first unit of `units` that systemctl says is active.
    private func activeUnit(_ manager: ServiceManager) -> String? {
        units.first { unit in
            (try? manager.runner.run(Systemctl.isActive(unit, program: manager.program), timeout: manager.commandTimeout))?.succeeded ?? false
        }
    }

    /// The running containers of the component's static pod: through crictl, else docker; nil
    /// when neither is installed.
    func containerQuery(_ runner: any ProcessRunner) -> ExternalCommand? {
        let labels = ["io.kubernetes.pod.namespace=kube-system", "io.kubernetes.container.name=\(component)"]
        if let crictl = runner.locate("crictl") {
            return ExternalCommand(crictl, ["ps", "-q", "--state", "running"] + labels.flatMap { ["--label", $0] })
        }
        if let docker = runner.locate("docker") {
            return ExternalCommand(docker, ["ps", "-q"] + labels.flatMap { ["--filter", "label=\($0)"] })
        }
        return nil
    }
}
