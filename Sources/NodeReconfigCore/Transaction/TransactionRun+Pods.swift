/// Static pods (SPEC "Safety" 7): a container whose mounted file changed is restarted through
/// the node's container runtime, after the services, and the health gate waits for it to run
/// again and for its livenessProbe; the rollback restarts it once more on the old file.
extension TransactionRun {
    /// Before any write: the pods to restart, the runtime that will do it (none: refused,
    /// nothing changed) and the containers each runs now. A pod with no running container is
    /// left as it is, like a stopped service.
    mutating func findPods() throws(TransactionFailure) {
        var found: [StaticPod] = []
        for pod in files.flatMap(\.staticPods) where !found.contains(pod) { found.append(pod) }
        pods = found.sorted { a, b in
            let (ra, rb) = (ServiceOrder.rank(a.name), ServiceOrder.rank(b.name))
            return ra != rb ? ra < rb : a.name < b.name
        }
        guard !pods.isEmpty else { return }
        guard let runtime = ContainerRuntime.find(override: options.runtimeCommand, processes: context.processes) else {
            throw .noContainerRuntime(pods: pods.map(\.description))
        }
        self.runtime = runtime
        for pod in pods {
            switch runtime.runningIDs(pod, runner: context.processes, timeout: options.commandTimeout) {
            case .success(let ids): podContainers[pod] = ids
            case .failure(let failure): throw .serviceCommand(failure)
            }
        }
    }

    /// Before any write: the containers each changed kube-apiserver/etcd manifest's pod runs,
    /// through the runtime (`--runtime-cmd`, crictl, docker), so that the gate can tell the pod
    /// kubelet recreates from the old one. No runtime, or one that cannot list: said when the
    /// gate runs, which then falls back to the probe's failing and answering again.
    mutating func watchRecreatedPods() {
        let watched = files.flatMap(\.healthChecks).compactMap { check -> StaticPod? in
            if case .liveness(_, _, let pod?) = check { return pod }
            return nil
        }
        guard !watched.isEmpty, !options.noRestart else { return }
        let runtime = self.runtime ?? ContainerRuntime.find(override: options.runtimeCommand, processes: context.processes)
        for pod in watched where recreatedPods[pod] == nil {
            guard let runtime else {
                recreatedPods[pod] = .unwatched("no container runtime was found (crictl or docker on PATH, or --runtime-cmd)")
                continue
            }
            switch runtime.runningIDs(pod, runner: context.processes, timeout: options.commandTimeout) {
            case .success(let ids) where ids.isEmpty:
                // Not running before the write, or not under this name (a node name guessed from
                // the host name): waiting for "a new one" could only roll back a healthy node.
                recreatedPods[pod] = .unwatched("\(runtime.name) ps showed no running container of it before the write "
                                                + "(not running, or the pod is named after another node name)")
            case .success(let ids): recreatedPods[pod] = .containers(ids, runtime)
            case .failure(let failure): recreatedPods[pod] = .unwatched("\(failure)")
            }
        }
    }

    /// A changed manifest's pod recreated by kubelet (a container that did not run before the
    /// write), then its livenessProbe answering 2xx. Without the runtime: said plainly, and the
    /// probe must fail and answer again, or answer throughout `kubeletPickUp` seconds.
    mutating func waitRecreated(component: String, url: String, pod: StaticPod?) throws(TransactionFailure) {
        let tls = url.hasPrefix("https://") ? TLSFiles(insecure: true) : nil
        let seconds = Int(options.healthTimeout)
        switch pod.flatMap({ recreatedPods[$0] }) {
        case .containers(let old, let runtime)?:
            let pod = pod!
            let interrupted = options.interrupted
            if !runtime.waitRunning(pod, replacing: old, recreated: true, runner: context.processes, clock: context.clock,
                                    timeout: options.healthTimeout, pollInterval: options.pollInterval, commandTimeout: options.commandTimeout,
                                    interrupted: { interrupted() != nil }) {
                try checkInterrupt()
                throw .podNotRecreated(pod: pod.description, runtime: runtime.name, seconds: seconds)
            }
        case .unwatched(let why)?:
            say("\(pod!.description): \(why), so kubelet's new pod cannot be told from the old one; waiting for its livenessProbe \(url) "
                + "to fail and answer again, or to answer throughout \(Int(Self.kubeletPickUp)) s")
            var sawFailure = false
            let end = context.clock.now() + Self.kubeletPickUp
            while context.clock.now() < end {
                try checkInterrupt()
                if !(200..<300).contains(probeStatus(url, tls: tls) ?? 0) {
                    sawFailure = true
                    break
                }
                context.clock.sleep(seconds: options.pollInterval)
            }
            if !sawFailure { say("\(component)'s livenessProbe \(url) answered 2xx throughout \(Int(Self.kubeletPickUp)) s after its manifest's change") }
        case nil:
            break
        }
        let status = try poll { probeStatus(url, tls: tls) }
        if !(200..<300).contains(status ?? 0) {
            throw .liveness(component: component, url: url, status: status, seconds: seconds, restarted: false)
        }
    }

    /// How long kubelet may take to notice a changed manifest (its file check period is 20 s)
    /// and recreate the pod: the fallback's window when the runtime cannot be asked.
    static let kubeletPickUp = 40.0

    /// Each pod with a running container: that container restarted (crictl: stopped, and
    /// kubelet starts a new one; docker: restarted).
    mutating func restartPods() throws(TransactionFailure) {
        guard let runtime, !options.noRestart else {
            outcomes += pods.map { ServiceOutcome(name: $0.description, action: "none", result: "not restarted (--no-restart)") }
            return
        }
        let interrupted = options.interrupted
        for pod in pods {
            try checkInterrupt()
            let ids = podContainers[pod] ?? []
            guard !ids.isEmpty else {
                outcomes.append(ServiceOutcome(name: pod.description, action: "none",
                                               result: "no running container (\(runtime.running(pod))); left as it is: if it runs under "
                                                   + "another node name, restart it by hand so it reads the new file"))
                continue
            }
            touchedPods.append(pod)
            for id in ids {
                if let failure = runtime.restart(id, runner: context.processes, timeout: options.commandTimeout, abandonWhen: { interrupted() != nil }) {
                    outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "failed: \(failure)"))
                    try checkInterrupt()
                    throw .serviceCommand(failure)
                }
            }
            let how = runtime.flavor == .crictl ? "\(runtime.name) stop \(ids.joined(separator: " ")); kubelet starts it again"
                : "\(runtime.name) restart \(ids.joined(separator: " "))"
            outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: "restarted (\(how))"))
            try? record(.restarted(pod.description))
        }
    }

    /// Each restarted pod running again (a new container where crictl stopped the old one)
    /// within the health timeout, then its livenessProbe answering 2xx.
    mutating func waitForPods() throws(TransactionFailure) {
        for pod in touchedPods {
            if let failure = waitRunning(pod, replacing: podContainers[pod] ?? []) {
                if let index = outcomes.firstIndex(where: { $0.name == pod.description }) { outcomes[index].result = "failed: not running again" }
                throw failure
            }
            if let url = pod.liveness {
                let tls = url.hasPrefix("https://") ? TLSFiles(insecure: true) : nil
                let status = try poll { probeStatus(url, tls: tls) }
                if !(200..<300).contains(status ?? 0) {
                    throw .liveness(component: pod.description, url: url, status: status, seconds: Int(options.healthTimeout), restarted: true)
                }
            }
        }
    }

    /// Waits for the pod to run a container again (a new one where crictl stopped `old`); the
    /// failure when the health timeout passes first. The rollback's wait is not cut short by a
    /// signal (the one that started the rollback stays pending), as `ServiceRestarter`'s is not.
    func waitRunning(_ pod: StaticPod, replacing old: [String], interruptible: Bool = true) -> TransactionFailure? {
        guard let runtime else { return nil }
        let interrupted = interruptible ? options.interrupted : { nil }
        if runtime.waitRunning(pod, replacing: old, runner: context.processes, clock: context.clock, timeout: options.healthTimeout,
                               pollInterval: options.pollInterval, commandTimeout: options.commandTimeout, interrupted: { interrupted() != nil }) {
            return nil
        }
        if let signal = interrupted() { return .interrupted(signal: signal) }
        return .podNotBack(pod: pod.description, runtime: runtime.name, seconds: Int(options.healthTimeout))
    }

    /// After the files were put back: each touched pod restarted again (on the old file) and
    /// waited for; the failures, and each pod's outcome extended.
    mutating func restartPodsAgain() -> [TransactionFailure] {
        guard let runtime else { return [] }
        var failures: [TransactionFailure] = []
        for pod in touchedPods {
            var result: String
            switch runtime.runningIDs(pod, runner: context.processes, timeout: options.commandTimeout) {
            case .failure(let failure):
                failures.append(.serviceCommand(failure))
                result = "failed after rollback: \(failure)"
            case .success(let ids):
                let (runner, timeout) = (context.processes, options.commandTimeout)
                if let failure = ids.lazy.compactMap({ runtime.restart($0, runner: runner, timeout: timeout) }).first {
                    failures.append(.serviceCommand(failure))
                    result = "failed after rollback: \(failure)"
                } else if let failure = waitRunning(pod, replacing: ids, interruptible: false) {
                    failures.append(failure)
                    result = "failed after rollback: \(failure)"
                } else {
                    result = "restarted after rollback"
                }
            }
            if let index = outcomes.firstIndex(where: { $0.name == pod.description }) {
                outcomes[index].result += "; " + result
            } else {
                outcomes.append(ServiceOutcome(name: pod.description, action: "restart", result: result))
            }
        }
        return failures
    }
}

/// What the gate knows of a changed manifest's pod before the write.
enum PodWatch {
    /// The containers it ran, through this runtime.
    case containers([String], ContainerRuntime)
    /// Why the runtime cannot be asked.
    case unwatched(String)
}
