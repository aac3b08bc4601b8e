/// `node-reconfig fanout`: runs node-reconfig on every host through the system `ssh`.
public enum FanoutCommand {
    /// Entry point from `main.swift`: `arguments` are the words after `fanout`. Returns the exit
    /// code (see `node-reconfig help fanout`).
    public static func run(arguments: [String], context: Context) -> Int32 {
        run(arguments: arguments, context: context, transport: ProcessTransport(),
            isTerminal: Platform.standardErrorIsTerminal, selfBinary: nil)
    }

    /// The same with the effects given: `transport` starts ssh, `selfBinary` is the binary
    /// `--copy-binary` sends (default: `/proc/self/exe`).
    public static func run(arguments: [String], context: Context, transport: any FanoutTransport,
                           isTerminal: Bool, selfBinary: String?) -> Int32 {
        let output = context.output
        var options: FanoutOptions
        let hosts: [String]
        do throws(FanoutUsageError) {
            options = try FanoutOptions(parsing: arguments)
            if options.help {
                output.standardOutput(HelpText.text(for: .fanout))
                return 0
            }
            guard let resolved = try resolveHosts(&options, context: context) else {
                output.standardError("Nothing to retry: every host in \(options.retryFailed ?? "") succeeded.\n")
                return 0
            }
            hosts = resolved
            if options.mode != .detect && options.flags.isEmpty {
                throw FanoutUsageError("Missing node-reconfig flags after '--' (for example: -- --master=https://10.0.0.1:6443)")
            }
        } catch {
            output.standardError(error.rendered)
            return 1
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
                return 1
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
                try write(report.encoded(), to: path, fileSystem: context.fileSystem)
            } catch {
                output.standardError("Error: cannot write the report \(path): \(error); the hosts did run: "
                    + "their results are on stdout above\n")
                return 3
            }
        }
        if !outcomes.allSatisfy({ $0.result.succeeded }) { return 3 }
        return outcomes.contains(where: { $0.result == .pending }) ? 2 : 0
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
    private static func write(_ text: String, to path: String, fileSystem: any FileSystem) throws(SystemError) {
        let temporary = "\(path).tmp-\(Platform.processID)"
        if try fileSystem.status(temporary) != nil { try fileSystem.remove(temporary) }
        try fileSystem.writeNewFile(temporary, bytes: Array(text.utf8), mode: 0o644)
        try fileSystem.rename(temporary, to: path)
    }
}
