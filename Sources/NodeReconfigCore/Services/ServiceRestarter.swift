/// Restarts (or reloads) services in `ServiceOrder` and waits for them: shared by the forward
/// run's rollback, crash recovery and `node-reconfig rollback`, which all put old files back.
struct ServiceRestarter {
    var manager: ServiceManager
    var clock: any Clock
    var pollInterval: Double

    /// The restarter a rollback outside a run uses (crash recovery, `node-reconfig rollback`):
    /// the service command, its timeout and the poll interval from `options`.
    init(options: TransactionOptions, context: Context) {
        self.init(manager: ServiceManager(runner: context.processes, program: options.serviceCommand,
                                          commandTimeout: options.commandTimeout),
                  clock: context.clock, pollInterval: options.pollInterval)
        runtimeCommand = options.runtimeCommand
    }

    /// `--runtime-cmd`, for the static pods of restored files.
    var runtimeCommand: String?

    init(manager: ServiceManager, clock: any Clock, pollInterval: Double) {
        self.manager = manager
        self.clock = clock
        self.pollInterval = pollInterval
    }

    /// `daemon-reload` (when asked), then each service restarted/reloaded in order, then each
    /// waited for up to `timeout` seconds. Returns the outcomes and the failures.
    func restart(_ services: [String], daemonReload: Bool, timeout: Double, label: String, components: [String: Component] = [:])
        -> (outcomes: [ServiceOutcome], failures: [TransactionFailure]) {
        var outcomes: [ServiceOutcome] = []
        var failures: [TransactionFailure] = []
        if daemonReload, let failure = manager.perform(.daemonReload, nil) { failures.append(.serviceCommand(failure)) }
        let ordered = ServiceOrder.sorted(services, components: components)
        for service in ordered {
            let action = ServiceOrder.action(for: service, component: components[service])
            if let failure = manager.perform(action, service) {
                failures.append(.serviceCommand(failure))
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "failed \(label): \(failure)"))
            } else {
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "\(action == .reload ? "reloaded" : "restarted") \(label)"))
            }
        }
        for service in ordered where !waitActive(service, timeout: timeout, interrupted: { nil }) {
            failures.append(.notActive(service: service, seconds: Int(timeout)))
        }
        return (outcomes, failures)
    }

    /// After files were put back from a backup set: `daemon-reload` if a restored file asks for
    /// it, then the services of the restored files that are running now restarted (a stopped
    /// service stays stopped) and waited for.
    func restartRunning(servicesOf restored: [BackupEntry], timeout: Double, label: String)
        -> (outcomes: [ServiceOutcome], failures: [TransactionFailure]) {
        let components = ServiceOrder.components(restored.map { ($0.services, Component(rawValue: $0.component)) })
        var active = ServiceOrder.sorted(restored.flatMap(\.services), components: components).filter(manager.isActive)
        // A master's controller manager and scheduler follow its etcd or kube-apiserver back too.
        active += ServiceOrder.companions(of: active, components: components).filter(manager.isActive)
        var result = restart(active, daemonReload: restored.contains(where: \.needsDaemonReload), timeout: timeout, label: label,
                             components: components)
        var pods: [StaticPod] = []
        for pod in restored.flatMap(\.staticPods) where !pods.contains(pod) { pods.append(pod) }
        let again = restartPods(pods, timeout: timeout, label: label)
        result.outcomes += again.outcomes
        result.failures += again.failures
        return result
    }

    /// The static pods of restored files that run a container now, each restarted through the
    /// container runtime and waited for; one that runs none is left to kubelet.
    func restartPods(_ pods: [StaticPod], timeout: Double, label: String) -> (outcomes: [ServiceOutcome], failures: [TransactionFailure]) {
        guard !pods.isEmpty else { return ([], []) }
        let runner = manager.runner
        guard let runtime = ContainerRuntime.find(override: runtimeCommand, processes: runner) else {
            return ([], [.noContainerRuntime(pods: pods.map(\.description))])
        }
        var outcomes: [ServiceOutcome] = []
        var failures: [TransactionFailure] = []
        for pod in pods {
            switch runtime.runningIDs(pod, runner: runner, timeout: manager.commandTimeout) {
            case .failure(let failure):
                failures.append(.serviceCommand(failure))
                outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "failed \(label): \(failure)"))
            case .success(let ids) where ids.isEmpty:
                continue
            case .success(let ids):
                if let failure = ids.lazy.compactMap({ runtime.restart($0, runner: runner, timeout: self.manager.commandTimeout) }).first {
                    failures.append(.serviceCommand(failure))
                    outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "failed \(label): \(failure)"))
                } else if !runtime.waitRunning(pod, replacing: ids, runner: runner, clock: clock, timeout: timeout, pollInterval: pollInterval,
                                               commandTimeout: manager.commandTimeout) {
                    let failure = TransactionFailure.podNotBack(pod: pod.description, runtime: runtime.name, seconds: Int(timeout))
                    failures.append(failure)
                    outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "failed \(label): \(failure)"))
                } else {
                    outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "restarted \(label)"))
                }
            }
        }
        return (outcomes, failures)
    }

    /// Polls `is-active` until it says yes or `timeout` passes (or `interrupted` says stop).
    func waitActive(_ service: String, timeout: Double, interrupted: () -> Int32?) -> Bool {
        let deadline = clock.now() + timeout
        while true {
            if manager.isActive(service) { return true }
            if clock.now() >= deadline || interrupted() != nil { return false }
            clock.sleep(seconds: pollInterval)
        }
    }
}
