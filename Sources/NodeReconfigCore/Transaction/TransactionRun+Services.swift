extension TransactionRun {
    var restarter: ServiceRestarter {
        ServiceRestarter(manager: manager, clock: context.clock, pollInterval: options.pollInterval)
    }

    var needsDaemonReload: Bool { files.contains(where: \.needsDaemonReload) }

    /// The active controller manager and scheduler of a master whose etcd or kube-apiserver
    /// this run restarts (one that was active before it), restarted after it (SPEC "Safety" 7).
    mutating func addCompanions() {
        let triggers = services.filter { wasActive[$0] == true && ServiceOrder.rank($0, serviceComponents[$0]) <= 1 }
        guard let trigger = triggers.last else { return }
        for companion in ServiceOrder.companions(of: triggers, components: serviceComponents) where !services.contains(companion) {
            guard manager.isActive(companion) else { continue }
            wasActive[companion] = true
            companions[companion] = ServiceOrder.baseName(trigger)
            services = ServiceOrder.sorted(services + [companion], components: serviceComponents)
        }
    }

    /// `daemon-reload` if a unit changed, then restart/reload in order the services that were
    /// active before the run. Stopped services stay stopped.
    mutating func restartServices() throws(TransactionFailure) {
        for service in spared {
            outcomes.append(ServiceOutcome(name: service, action: "none", result: Self.sparedResult))
        }
        guard !options.noRestart else {
            outcomes += services.map { ServiceOutcome(name: $0, action: "none", result: "not restarted (--no-restart)") }
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
            restartedAt[service] = context.clock.wallTime()
            if let failure = manager.perform(action, service, abandonWhen: abandon) {
                outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: "failed: \(failure)"))
                try checkInterrupt()
                throw .serviceCommand(failure)
            }
            let after = companions[service].map { " after \($0) (it would keep stale connections to it)" } ?? ""
            outcomes.append(ServiceOutcome(name: service, action: action.rawValue, result: (action == .reload ? "reloaded" : "restarted") + after))
            try? record(action == .reload ? .reloaded(service) : .restarted(service))
        }
    }

    /// What a service spared by the first-start rule reads in the report.
    static let sparedResult = "not restarted: only initial-cluster/initial-cluster-state changed, which etcd reads only when a member first starts"

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
        try waitForPods()
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
            let tls = options.probes.contains(url) && url.hasPrefix("https://") ? options.probeTLS : nil
            let status = try poll { probeStatus(url, tls: tls) }
            if !(200..<300).contains(status ?? 0) { throw .probe(url: url, status: status, seconds: Int(options.healthTimeout)) }
        }
        try beyondTheProcess()
    }

    /// A `--probe` URL's status: with `--probe-cacert`/`--probe-cert`/`--probe-key` through curl,
    /// else through the network prober.
    func probeStatus(_ url: String, tls: TLSFiles?) -> Int? {
        guard let tls else { return context.network.httpStatus(url, timeout: 3) }
        return try? HTTPCheck(url: url, tls: tls, timeout: 3).run(context.processes).get().status
    }

    /// Polls `status` every poll interval until it is 2xx or the health timeout passes; the last status.
    func poll(_ status: () -> Int?) throws(TransactionFailure) -> Int? {
        let deadline = context.clock.now() + options.healthTimeout
        var last = status()
        while !(200..<300).contains(last ?? 0) {
            try checkInterrupt()
            if context.clock.now() >= deadline { return last }
            context.clock.sleep(seconds: options.pollInterval)
            last = status()
        }
        return last
    }

    /// SPEC "Safety" 8 beyond the process: each changed file's health checks. kubelet's
    /// heartbeat is read with kubelet's own credentials (inline ones through the 0700 scratch
    /// directory); a static pod's livenessProbe is asked like kubelet asks it (https unverified).
    mutating func beyondTheProcess() throws(TransactionFailure) {
        let checks = files.flatMap(\.healthChecks)
        for check in checks {
            switch check {
            case .heartbeat(let beat):
                guard touched.contains(beat.service), let since = restartedAt[beat.service] else { continue }
                say(try waitForHeartbeat(beat, since: since))
            case .liveness(let component, let url):
                let tls = url.hasPrefix("https://") ? TLSFiles(insecure: true) : nil
                let status = try poll { probeStatus(url, tls: tls) }
                if !(200..<300).contains(status ?? 0) {
                    throw .liveness(component: component, url: url, status: status, seconds: Int(options.healthTimeout), restarted: false)
                }
            }
        }
    }

    /// kubelet's Lease (or, without leases, its Node's Ready heartbeat) renewed after `since`;
    /// the line that says so.
    func waitForHeartbeat(_ beat: NodeHeartbeat, since: Double) throws(TransactionFailure) -> String {
        let seconds = Int(options.healthTimeout)
        let fail = { (detail: String) in TransactionFailure.heartbeat(node: beat.nodeName, server: beat.server, seconds: seconds, detail: detail) }
        var scratch: SecretScratch?
        defer { scratch?.remove() }
        if SecretScratch.needed(for: beat.credentials) {
            switch SecretScratch.create(in: options.backupPath, fileSystem: context.fileSystem, pid: options.pid) {
            case .failure(let finding): throw fail(finding.detail)
            case .success(let made): scratch = made
            }
        }
        let tls: TLSFiles
        switch beat.credentials.files(fileSystem: context.fileSystem, scratch: scratch, prefix: "heartbeat") {
        case .success(let files): tls = files
        case .failure(let problem): throw fail("kubelet's credentials: \(problem.message)")
        }
        let deadline = context.clock.now() + options.healthTimeout
        var last = "nothing was read yet"
        while true {
            try checkInterrupt()
            switch readHeartbeat(beat, tls: tls) {
            case .renewed(let time, let what):
                if time > since { return "kubelet's heartbeat reached \(beat.server): \(what) renewed at \(Timestamp.text(time))" }
                last = "\(what) was last renewed at \(Timestamp.text(time)), before kubelet's restart at \(Timestamp.text(since))"
            case .problem(let problem):
                last = problem
            }
            if context.clock.now() >= deadline { throw fail(last) }
            context.clock.sleep(seconds: options.pollInterval)
        }
    }

    /// The Lease's renewTime, or, where the server has no Lease API or Lease (404), the Node's
    /// Ready heartbeat; with what was read, for the message.
    func readHeartbeat(_ beat: NodeHeartbeat, tls: TLSFiles) -> HeartbeatReading {
        let lease = "the Lease kube-node-lease/\(beat.nodeName)"
        switch beat.lease(tls: tls, timeout: 3).run(context.processes) {
        case .failure(let failure): return .problem("reading \(lease) failed: \(failure.message)")
        case .success(let response) where response.status == 404:
            switch beat.node(tls: tls, timeout: 3).run(context.processes) {
            case .failure(let failure): return .problem("reading the Node \(beat.nodeName) failed: \(failure.message)")
            case .success(let node):
                guard let time = NodeHeartbeat.heartbeatTime(node: node) else {
                    return .problem("\(lease) and the Node \(beat.nodeName) are not there (404, then \(node.status) with no Ready heartbeat)")
                }
                return .renewed(time, "the Node \(beat.nodeName)'s Ready heartbeat")
            }
        case .success(let response):
            guard let time = NodeHeartbeat.renewTime(lease: response) else {
                return .problem("\(lease) answered \(response.status) with no renewTime")
            }
            return .renewed(time, lease)
        }
    }

    private mutating func markFailed(_ service: String, _ why: String) {
        if let index = outcomes.firstIndex(where: { $0.name == service }) { outcomes[index].result = "failed: \(why)" }
    }
}

/// What one read of kubelet's heartbeat found.
enum HeartbeatReading {
    /// When it was last renewed, and what was read (`the Lease kube-node-lease/node-1`).
    case renewed(Double, String)
    case problem(String)
}
