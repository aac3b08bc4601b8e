/// What node-reconfig asks of a service manager. The raw value is the word passed to it:
/// `systemctl ACTION [SERVICE]`, or `PROGRAM ACTION [SERVICE]` with `--service-cmd=PROGRAM`.
public enum ServiceAction: String, Sendable, Codable {
    case isActive = "is-active"
    case restart
    case reload
    case daemonReload = "daemon-reload"
}
