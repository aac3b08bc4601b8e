/// The effects node-reconfig may have, in one value. `main.swift` builds the real one; tests build
/// one with fakes for fault injection.
public struct Context: Sendable {
    public var fileSystem: any FileSystem
    public var processes: any ProcessRunner
    public var clock: any Clock
    public var output: any Output

    public init(fileSystem: any FileSystem, processes: any ProcessRunner, clock: any Clock, output: any Output) {
        self.fileSystem = fileSystem
        self.processes = processes
        self.clock = clock
        self.output = output
    }
}
