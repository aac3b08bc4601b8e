/// The effects node-reconfig may have, in one value. `main.swift` builds the real one; tests build
/// one with fakes for fault injection.
public struct Context: Sendable {
    public var fileSystem: any FileSystem
    public var processes: any ProcessRunner
    public var clock: any Clock
    public var output: any Output
    /// TCP preflight checks and HTTP health probes.
    public var network: any NetworkProber

    public init(fileSystem: any FileSystem, processes: any ProcessRunner, clock: any Clock, output: any Output,
                network: any NetworkProber = LocalNetworkProber()) {
        self.fileSystem = fileSystem
        self.processes = processes
        self.clock = clock
        self.output = output
        self.network = network
    }

    /// The real machine: system calls, real processes, real clock, stdout/stderr, real sockets.
    public static func live() -> Context {
        Context(fileSystem: LocalFileSystem(), processes: LocalProcessRunner(), clock: SystemClock(),
                output: StandardStreams(), network: LocalNetworkProber())
    }
}
