/// `node-reconfig detect`: the config files found on this node, their component, and the master /
/// etcd / member / load-balancer values they hold now.
public struct DetectCommand: Sendable {
    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run(_ context: Context) -> ExitCode {
        let files: [DiscoveredFile]
        var reports: [(DiscoveredFile, [DetectedValue])] = []
        do {
            files = try Discovery(options, context: context).discover()
            for file in files {
                reports.append((file, try DetectedValue.values(in: file, lbPool: options.targets.lbPool)))
            }
        } catch {
            return Refusal.report(error, options: options, context: context)
        }
        if options.json {
            let json = JSONValue.object([
                ("result", .string("detected")),
                ("root", .string(options.root)),
                ("files", .array(reports.map { file, values in
                    var pairs: [(String, JSONValue)] = [
                        ("path", .string(file.displayPath)),
                        ("target", .optional(file.linkTarget)),
                        ("component", .string(file.component.rawValue)),
                        ("kind", .string(file.kind.rawValue)),
                        ("services", .array(file.services.map(JSONValue.string))),
                        ("values", .array(values.map(\.json))),
                    ]
                    if let pod = Catalog.staticPod(for: file.displayPath) {
                        pairs.append(("static_pod", .object([("name", .string(pod.name)), ("manifest", .string(pod.manifest))])))
                    }
                    return .object(pairs)
                })),
            ])
            context.output.standardOutput(json.rendered(indent: 2) + "\n")
        } else {
            var lines: [String] = []
            for (file, values) in reports {
                let link = file.linkTarget.map { " -> \($0)" } ?? ""
                lines.append("\(file.displayPath)\(link)  [\(file.component), \(file.kind.rawValue)]")
                if let pod = Catalog.staticPod(for: file.displayPath) {
                    lines.append("    (run by the \(pod.name) static pod, \(pod.manifest), not by a systemd unit: after a change its container must be restarted by hand)")
                }
                if values.isEmpty { lines.append("    (no control-plane addresses)") }
                for value in values {
                    lines.append("    \(value.role.rawValue.padding(to: 13)) line \(value.line) \(value.label): \(value.value)\(value.note.map { "  (\($0))" } ?? "")")
                }
            }
            if files.isEmpty { lines.append("No configuration files found under \(options.root).") }
            context.output.standardOutput(lines.joined(separator: "\n") + "\n")
        }
        return .success
    }
}
