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
    }

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
        let active = ServiceOrder.sorted(restored.flatMap(\.services), components: components).filter(manager.isActive)
        return restart(active, daemonReload: restored.contains(where: \.needsDaemonReload), timeout: timeout, label: label,
                       components: components)
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
