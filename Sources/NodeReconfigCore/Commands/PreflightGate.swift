/// Runs preflight (SPEC "Safety" 1) for apply and plan unless `--skip-preflight`.
enum PreflightGate {
    struct Unreachable: Error, CustomStringConvertible {
        var lines: [String]
        var description: String {
            "preflight failed; nothing was changed.\n" + lines.map { "  \($0)" }.joined(separator: "\n")
                + "\nCheck the addresses and the network path from this node, or pass --skip-preflight if they will come up later."
        }
    }

    static func require(_ options: Options, context: Context) throws(Unreachable) {
        guard !options.skipPreflight else { return }
        let targets = Preflight.targets(for: options.targets)
        guard !targets.isEmpty else { return }
        let failures = Preflight.check(endpoints: targets, network: context.network)
        if !failures.isEmpty { throw Unreachable(lines: failures) }
    }
}
