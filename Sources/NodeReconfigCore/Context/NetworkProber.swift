/// Reaching other machines, as a protocol: preflight TCP checks and HTTP health probes.
/// `LocalNetworkProber` is the real one; fault-injection tests use fakes.
public protocol NetworkProber: Sendable {
    /// Opens a TCP connection to every target at once (then closes it). One entry per target,
    /// in order: nil when it connected, else what went wrong (`connection refused`, `timed out
    /// after 3 s`, `cannot resolve host`).
    func connect(_ targets: [HostPort], timeout: Double) -> [String?]
    /// `GET url`: the HTTP status code, or nil when nothing answered within `timeout`.
    func httpStatus(_ url: String, timeout: Double) -> Int?
    /// The addresses `host` resolves to (itself when it is an address): a DNS name and its
    /// address name one etcd endpoint.
    func addresses(of host: String) -> [String]
    /// This machine's own addresses (its interfaces'): the own-address rule reads them when
    /// `--root` is `/` and no `--local-addresses` is given.
    func localAddresses() -> [String]
}

extension NetworkProber {
    /// Probers that resolve nothing (test fakes) know each host as itself.
    public func addresses(of host: String) -> [String] { [host] }
    /// Fakes have no interfaces unless they say so.
    public func localAddresses() -> [String] { [] }
}
