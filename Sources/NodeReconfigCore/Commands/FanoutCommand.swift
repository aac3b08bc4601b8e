/// `node-reconfig fanout`: runs node-reconfig on every host through the system `ssh`.
public struct FanoutCommand: Sendable {
    /// The words after `fanout`.
    public var arguments: [String]
    /// Starts ssh (`ProcessTransport`; tests give fakes).
    public var transport: any FanoutTransport
    /// Progress as one updating line (a terminal) or a line per host.
    public var isTerminal: Bool
    /// The binary `--copy-binary` sends; nil: `/proc/self/exe`.
    public var selfBinary: String?

    public init(arguments: [String], transport: any FanoutTransport = ProcessTransport(),
                isTerminal: Bool = Platform.standardErrorIsTerminal, selfBinary: String? = nil) {
        self.arguments = arguments
        self.transport = transport
        self.isTerminal = isTerminal
        self.selfBinary = selfBinary
    }

    /// Exit codes: success (every host succeeded), refused (bad input: nothing ran), pending
    /// (plan: every host succeeded, some have changes pending), hostsFailed (see
    /// `node-reconfig help fanout`).
    public func run(_ context: Context) -> ExitCode {
        let output = context.output
        var options: FanoutOptions
        let hosts: [String]
        do throws(FanoutUsageError) {
            options = try FanoutOptions(parsing: arguments)
            if options.help {
                output.standardOutput(HelpText.text(for: .fanout))
                return .success
            }
            guard let resolved = try Self.resolveHosts(&options, context: context) else {
                output.standardError("Nothing to retry: every host in \(options.retryFailed ?? "") succeeded.\n")
                return .success
            }
            hosts = resolved
            if options.mode != .detect && options.flags.isEmpty {
                throw FanoutUsageError("Missing node-reconfig flags after '--' (for example: -- --master=https://10.0.0.1:6443)")
            }
            if let path = options.report {
                // Found out now, not after the whole fleet ran.
                do throws(SystemError) {
                    try Self.write("", to: path, fileSystem: context.fileSystem, rename: false)
                } catch {
                    throw FanoutUsageError("cannot write the report \(path): \(error); nothing was run on any host")
                }
            }
        } catch {
            output.standardError(error.rendered)
            return .refused
        }

        var binary: (path: String, sha256: String)? = nil
        if options.copyBinary {
            let path = selfBinary ?? ((try? context.fileSystem.readLink("/proc/self/exe")) ?? "/proc/self/exe")
            let summed = transport.run(["sha256sum", path], stdinFile: nil, timeout: 120, grace: 1)
            let sha = String(decoding: summed.standardOutput, as: UTF8.self).split(separator: " ").first.map(String.init)
            guard summed.exitCode == 0, let sha, sha.count == 64 else {
                let detail = HostOutcome.lastLine(String(decoding: summed.standardError, as: UTF8.self))
                    ?? summed.launchError ?? "exit \(summed.exitCode)"
                output.standardError("Error: cannot compute the sha256 of \(path) for --copy-binary (sha256sum: \(detail)); "
                    + "nothing was run on any host\n")
                return .refused
            }
            binary = (path, sha)
        }

        let progress = FanoutProgress(output: output, isTerminal: isTerminal)
        let runner = FanoutRunner(options: options, transport: transport, clock: context.clock,
                                  progress: progress, binary: binary)
        let outcomes = runner.run(hosts: hosts)
        let report = FanoutReport(mode: options.mode, flags: options.flags, hosts: outcomes)
        output.standardOutput(options.json ? report.encoded() : FanoutTable.render(outcomes))
        if let path = options.report {
            do throws(SystemError) {
                try Self.write(report.encoded(), to: path, fileSystem: context.fileSystem)
            } catch {
                output.standardError("Error: cannot write the report \(path): \(error); the hosts did run: "
                    + "their results are on stdout above\n")
                return .reportNotWritten
            }
        }
        if !outcomes.allSatisfy({ $0.result.succeeded }) { return .hostsFailed }
        return outcomes.contains(where: { $0.result == .pending }) ? .pending : .success
    }

    /// The hosts to run: from `--retry-failed` (nil when none failed) or `--hosts`.
    static func resolveHosts(_ options: inout FanoutOptions, context: Context) throws(FanoutUsageError) -> [String]? {
        if let reportPath = options.retryFailed {
            if options.hosts != nil { throw FanoutUsageError("Give --hosts or --retry-failed, not both") }
            let report = try FanoutReport(decoding: try readText(reportPath, what: "report", context: context))
            if options.flags.isEmpty {
                options.flags = report.flags
                options.mode = report.mode
            }
            let failed = report.failedHosts
            return failed.isEmpty ? nil : try HostList.checked(failed)
        }
        let spec = options.hosts ?? ""
        let exists: Bool
        do throws(SystemError) {
            exists = try context.fileSystem.status(spec) != nil
        } catch {
            exists = true  // something is there; reading it says what is wrong
        }
        guard HostList.namesFile(spec, exists: exists) else { return try HostList.parse(list: spec) }
        guard exists else {
            throw FanoutUsageError("the hosts file \(spec) does not exist; --hosts takes an existing file "
                                   + "(one host a line) or a comma-joined list of hosts")
        }
        return try HostList.parse(file: try readText(spec, what: "hosts file", context: context))
    }

    private static func readText(_ path: String, what: String, context: Context) throws(FanoutUsageError) -> String {
        do throws(SystemError) {
            return String(decoding: try context.fileSystem.readFile(path), as: UTF8.self)
        } catch {
            throw FanoutUsageError("cannot read the \(what) \(path): \(error)")
        }
    }

    /// Writes `text` next to `path` then renames it over, so a reader never sees half a report.
    /// Without `rename`, the file next to it is removed again: the check that the report can be
    /// written, before any host runs.
    private static func write(_ text: String, to path: String, fileSystem: any FileSystem, rename: Bool = true) throws(SystemError) {
        let temporary = "\(path).tmp-\(Platform.processID)"
        if try fileSystem.status(temporary) != nil { try fileSystem.remove(temporary) }
        try fileSystem.writeNewFile(temporary, bytes: Array(text.utf8), mode: 0o644)
        if rename { try fileSystem.rename(temporary, to: path) } else { try fileSystem.remove(temporary) }
    }
}
