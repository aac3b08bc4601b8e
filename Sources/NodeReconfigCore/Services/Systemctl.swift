/// Service commands as values. Every command has the shape `PROGRAM ACTION [SERVICE]`, which is
/// systemctl's own and the contract of `--service-cmd=PROGRAM` (for hosts without systemd and for
/// tests that drive real processes):
///
///     Systemctl.restart("kubelet").arguments            // ["restart", "kubelet"]
///     Systemctl.daemonReload(program: "/x/svc").description  // "/x/svc daemon-reload"
public enum Systemctl {
    /// The default program.
    public static let defaultProgram = "systemctl"

    /// Exit 0 when the service is active.
    public static func isActive(_ service: String, program: String = defaultProgram) -> ExternalCommand {
        command(.isActive, service, program: program)
    }

    public static func restart(_ service: String, program: String = defaultProgram) -> ExternalCommand {
        command(.restart, service, program: program)
    }

    public static func reload(_ service: String, program: String = defaultProgram) -> ExternalCommand {
        command(.reload, service, program: program)
    }

    public static func daemonReload(program: String = defaultProgram) -> ExternalCommand {
        command(.daemonReload, nil, program: program)
    }

    /// `PROGRAM ACTION [SERVICE]`.
    public static func command(_ action: ServiceAction, _ service: String?, program: String = defaultProgram) -> ExternalCommand {
        ExternalCommand(program, [action.rawValue] + (service.map { [$0] } ?? []))
    }
}

/// What node-reconfig asks of a service manager. The raw value is the word passed to it:
/// `systemctl ACTION [SERVICE]`, or `PROGRAM ACTION [SERVICE]` with `--service-cmd=PROGRAM`.
public enum ServiceAction: String, Sendable, Codable {
    case isActive = "is-active"
    case restart
    case reload
    case daemonReload = "daemon-reload"
}
