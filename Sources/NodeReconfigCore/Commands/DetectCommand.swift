/// `node-reconfig detect`: the config files found on this node, how each was found, what uses
/// it, and the master / etcd / member / load-balancer values they hold now; then the TLS files
/// they name (paths only) and what the operator should know.
public struct DetectCommand: Sendable {
    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run(_ context: Context) -> ExitCode {
        let found: DiscoveryResult
        var reports: [(DiscoveredFile, [DetectedValue])] = []
        do {
            found = try Discovery(options, context: context).discover()
            guard !found.files.isEmpty else { throw NodeReconfigError.nothingFound(root: options.root, only: options.only) }
            for file in found.files {
                reports.append((file, try DetectedValue.values(in: file, lbPool: options.targets.lbPool)))
            }
            let local = found.placing(options.targets).localAddresses
            for report in reports.indices where !local.isEmpty {
                for value in reports[report].1.indices where reports[report].1[value].left == nil {
                    let detected = reports[report].1[value]
                    if case .left(.local) = ValueRule.classify(detected.value, role: detected.role, local: local) {
                        reports[report].1[value].left = .local
                        reports[report].1[value].note = ValueRule.Left.local.description
                    }
                }
            }
            var reasons = DiscoveryResult.onThisNode(reports.flatMap { $0.1.map(\.left) }, found)[...]
            for report in reports.indices {
                for value in reports[report].1.indices {
                    let reason = reasons.removeFirst()
                    if reason != reports[report].1[value].left {
                        reports[report].1[value].left = reason
                        reports[report].1[value].note = reason?.description
                    }
                }
            }
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        if options.json {
            let json = JSONValue.object([
                ("result", .string("detected")),
                ("root", .string(options.root)),
                ("files", .array(reports.map { file, values in
                    .object([
                        ("path", .string(file.displayPath)),
                        ("target", .optional(file.linkTarget)),
                        ("component", .string(file.component.rawValue)),
                        ("kind", .string(file.kind.rawValue)),
                        ("services", .array(file.services.map(JSONValue.string))),
                        ("static_pods", .array(file.use.staticPods.map { .string($0.description) })),
                        ("found_by", .array(file.foundBy.map { .string($0.description) })),
                        ("values", .array(values.map(\.json))),
                    ])
                })),
                ("credentials", .array(found.credentials.map(\.json))),
                ("findings", .array(found.findings.map(\.json))),
            ])
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        } else {
            var lines: [String] = []
            for (file, values) in reports {
                let link = file.linkTarget.map { " -> \($0)" } ?? ""
                lines.append("\(file.displayPath)\(link)  [\(file.component), \(file.kind.rawValue)]")
                var restarted = file.services.isEmpty ? [] : ["service\(file.services.count == 1 ? "" : "s") \(file.services.joined(separator: ", "))"]
                restarted += file.use.staticPods.map(\.description)
                let services = restarted.isEmpty ? "" : " (\(restarted.joined(separator: "; ")))"
                lines.append("    found by: \(file.foundBy.map(\.description).joined(separator: "; "))\(services)")
                if values.isEmpty { lines.append("    (no control-plane addresses)") }
                for value in values {
                    lines.append("    \(value.role.rawValue.padding(to: 13)) line \(value.line) \(value.label): \(value.value)\(value.note.map { "  (\($0))" } ?? "")")
                }
            }
            if !found.credentials.isEmpty {
                lines.append("Credentials named (read for the preflight, never rewritten):")
                lines += found.credentials.map { "    \($0)" }
            }
            lines += found.findings.map { "note: \($0)" }
            context.output.standardOutput(lines.joined(separator: "\n") + "\n")
        }
        return .success
    }
}
