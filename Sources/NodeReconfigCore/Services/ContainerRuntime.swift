/// The node's container runtime, as command values: how a static pod's container is found by
/// its pod's name and restarted (SPEC "Safety" 7). kubelet restarts a static pod's container
/// when it stops, but never because a file the pod mounts changed; no systemd unit runs it.
///
///     crictl ps -q --name ^kube-scheduler$ --label io.kubernetes.pod.name=kube-scheduler-node1
///     crictl stop 1f73f2d81bf98                  // kubelet starts a new container
///     docker ps -q --filter label=io.kubernetes.pod.name=… --filter label=io.kubernetes.container.name=…
///     docker restart 1f73f2d81bf9                // the same container, started again
///
/// `--runtime-cmd=PROGRAM` runs PROGRAM with crictl's arguments instead (a wrapper naming a
/// runtime endpoint, a test's stand-in).
public struct ContainerRuntime: Sendable, Equatable {
    public enum Flavor: String, Sendable {
        /// crictl, or a program taking crictl's arguments: `stop`, and kubelet starts a new container.
        case crictl
        /// docker (kubelet's dockershim): `restart`, the same container again.
        case docker
    }

    public var program: String
    public var flavor: Flavor

    public init(program: String, flavor: Flavor) {
        self.program = program
        self.flavor = flavor
    }

    /// `--runtime-cmd` when given (crictl's arguments), else crictl on PATH, else docker; nil
    /// when the node has none of them.
    public static func find(override: String?, processes: any ProcessRunner) -> ContainerRuntime? {
        if let override { return ContainerRuntime(program: override, flavor: .crictl) }
        if let crictl = processes.locate("crictl") { return ContainerRuntime(program: crictl, flavor: .crictl) }
        if let docker = processes.locate("docker") { return ContainerRuntime(program: docker, flavor: .docker) }
        return nil
    }

    /// The IDs of the pod's running containers of that name, one a line.
    public func running(_ pod: StaticPod) -> ExternalCommand {
        let podName = pod.mirrorName ?? pod.name
        switch flavor {
        case .crictl:
            return ExternalCommand(program, ["ps", "-q", "--name", "^\(pod.container)$", "--label", "io.kubernetes.pod.name=\(podName)"])
        case .docker:
            return ExternalCommand(program, ["ps", "-q", "--filter", "label=io.kubernetes.pod.name=\(podName)",
                                             "--filter", "label=io.kubernetes.container.name=\(pod.container)"])
        }
    }

    /// Restarts one container: crictl stops it (kubelet starts a new one), docker restarts it.
    public func restart(_ id: String) -> ExternalCommand {
        ExternalCommand(program, [flavor == .crictl ? "stop" : "restart", id])
    }

    /// `crictl`, `docker`, or the override's name, for messages.
    public var name: String {
        String(program.split(separator: "/").last ?? Substring(program))
    }

    /// The container IDs a `running` command printed (one a line; blank lines and spaces ignored).
    static func ids(in output: [UInt8]) -> [String] {
        String(decoding: output, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
    }

    /// The pod's running containers, or why they could not be listed.
    func runningIDs(_ pod: StaticPod, runner: any ProcessRunner, timeout: Double) -> Result<[String], ServiceCommandFailure> {
        let command = running(pod)
        do {
            let result = try runner.run(command, timeout: timeout)
            guard result.succeeded else {
                let lastError = result.errorOutput.split(separator: "\n").last.map(String.init)
                return .failure(ServiceCommandFailure(command: command.description, reason: result.exitCode == 124 ? .timedOut(seconds: Int(timeout)) : .exit(result.exitCode), lastError: lastError))
            }
            return .success(Self.ids(in: result.standardOutput))
        } catch {
            return .failure(ServiceCommandFailure(command: command.description, reason: .couldNotRun(error.description), lastError: nil))
        }
    }

    /// Restarts container `id`: nil on success, else why not.
    func restart(_ id: String, runner: any ProcessRunner, timeout: Double, abandonWhen: @escaping @Sendable () -> Bool = { false }) -> ServiceCommandFailure? {
        let command = restart(id)
        do {
            let result = try runner.run(command, timeout: timeout, abandonWhen: abandonWhen)
            if result.succeeded { return nil }
            let lastError = result.errorOutput.split(separator: "\n").last.map(String.init)
            let reason: ServiceCommandFailure.Reason = result.exitCode == 124 ? .timedOut(seconds: Int(timeout))
                : result.exitCode == 130 && abandonWhen() ? .interrupted : .exit(result.exitCode)
            return ServiceCommandFailure(command: command.description, reason: reason, lastError: lastError)
        } catch {
            return ServiceCommandFailure(command: command.description, reason: .couldNotRun(error.description), lastError: nil)
        }
    }

    /// Polls until the pod runs a container (not one of `old` where crictl stopped them, as
    /// kubelet starts a new one); false when `timeout` passes first or `interrupted` says stop.
    func waitRunning(_ pod: StaticPod, replacing old: [String], runner: any ProcessRunner, clock: any Clock, timeout: Double,
                     pollInterval: Double, commandTimeout: Double, interrupted: () -> Bool = { false }) -> Bool {
        let deadline = clock.now() + timeout
        while true {
            if case .success(let ids) = runningIDs(pod, runner: runner, timeout: commandTimeout),
               ids.contains(where: { flavor == .docker || !old.contains($0) }) {
                return true
            }
            if interrupted() || clock.now() >= deadline { return false }
            clock.sleep(seconds: pollInterval)
        }
    }
}
