extension TransactionRun {
    var restarter: ServiceRestarter {
        ServiceRestarter(manager: manager, clock: context.clock, pollInterval: options.pollInterval)
    }

    var needsDaemonReload: Bool { files.contains(where: \.needsDaemonReload) }

    /// `daemon-reload` if a unit changed, then restart/reload in order the services that were
    /// active before the run. Stopped services stay stopped.
    mutating func restartServices() throws(TransactionFailure) {
        guard !options.noRestart else {
            outcomes = services.map { ServiceOutcome(name: $0, action: "none", result: "not restarted (--no-restart)") }
            return
        }
        let interrupted = options.interrupted
        let abandon: @Sendable () -> Bool = { interrupted() != nil }
        if needsDaemonReload {
            try checkInterrupt()
            if let failure = manager.perform(.daemonReload, nil, abandonWhen: abandon) { throw .serviceCommand(failure) }
            try? record(.daemonReload)
        }
        for service in services {
            try checkInterrupt()
            guard wasActive[service] == true else {
                outcomes.append(ServiceOutcome(name: service, action: "none", result: "was not running; left stopped"))
                continue
            }
            let action = ServiceOrder.action(for: service, component: serviceComponents[service])
            touched.append(service)
            if let failure = manager.perform(action, service, abandonWhen: abandon) {
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "failed: \(failure)"))
                try checkInterrupt()
                throw .serviceCommand(failure)
            }
            outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: action == .reload ? "reloaded" : "restarted"))
            try? record(action == .reload ? .reloaded(service) : .restarted(service))
        }
    }

    /// Every touched service active within the health timeout and still active after `settle`;
    /// every `--probe` URL, and each local probe that answered before, answering 2xx.
    mutating func healthGate() throws(TransactionFailure) {
        guard !options.noRestart else { return }
        let restarter = self.restarter
        let interrupted = options.interrupted
        for service in touched where !restarter.waitActive(service, timeout: options.healthTimeout, interrupted: interrupted) {
            try checkInterrupt()
            markFailed(service, "not active within \(Int(options.healthTimeout)) s")
            throw .notActive(service: service, seconds: Int(options.healthTimeout))
        }
        let settleEnd = context.clock.now() + options.settle
        repeat {
            try checkInterrupt()
            for service in touched where !manager.isActive(service) {
                markFailed(service, "stopped while settling")
                throw .stoppedWhileSettling(service: service, seconds: Int(options.settle))
            }
            if context.clock.now() >= settleEnd { break }
            context.clock.sleep(seconds: min(options.pollInterval, max(0, settleEnd - context.clock.now())))
        } while true
        for url in options.probes + probesBefore {
            let deadline = context.clock.now() + options.healthTimeout
            var status = context.network.httpStatus(url, timeout: 3)
            while !(200..<300).contains(status ?? 0) {
                try checkInterrupt()
                if context.clock.now() >= deadline {
                    throw .probe(url: url, status: status, seconds: Int(options.healthTimeout))
                }
                context.clock.sleep(seconds: options.pollInterval)
                status = context.network.httpStatus(url, timeout: 3)
            }
        }
    }

    private mutating func markFailed(_ service: String, _ why: String) {
        if let index = outcomes.firstIndex(where: { $0.name == service }) { outcomes[index].result = "failed: \(why)" }
    }
}
