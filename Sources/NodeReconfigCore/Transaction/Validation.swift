/// How a written file is checked with the real program, where it is installed.
public enum Validation: String, Sendable, Equatable, Codable {
    /// `nginx -t -c FILE`
    case nginx
    /// `haproxy -c -f FILE`
    case haproxy

    /// The program to look for on PATH.
    public var program: String { rawValue }

    /// The check for the configuration at `path`.
    public func command(for path: String, program located: String? = nil) -> ExternalCommand {
        switch self {
        case .nginx: ExternalCommand(located ?? program, ["-t", "-c", path])
        case .haproxy: ExternalCommand(located ?? program, ["-c", "-f", path])
        }
    }
}
