/// Restarts (or reloads) services in `ServiceOrder` and waits for them: shared by the forward
/// run's rollback, crash recovery and `node-reconfig rollback`, which all put old files back.
struct ServiceRestarter {
    var manager: ServiceManager
    var clock: any Clock
    var pollInterval: Double

    /// `daemon-reload` (when asked), then each service restarted/reloaded in order, then each
    /// waited for up to `timeout` seconds. Returns the outcomes and the failures.
    func restart(_ services: [String], daemonReload: Bool, timeout: Double, label: String) -> (outcomes: [ServiceOutcome], failures: [String]) {
        var outcomes: [ServiceOutcome] = []
        var failures: [String] = []
        if daemonReload, let failure = manager.perform(.daemonReload, nil) { failures.append(failure) }
        let ordered = ServiceOrder.sorted(services)
        for service in ordered {
            let action = ServiceOrder.action(for: service)
            if let failure = manager.perform(action, service) {
                failures.append(failure)
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "failed \(label): \(failure)"))
            } else {
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "\(action == .reload ? "reloaded" : "restarted") \(label)"))
            }
        }
        for service in ordered where !waitActive(service, timeout: timeout, interrupted: { nil }) {
            failures.append("\(service) is not active \(Int(timeout)) s after its restart")
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
