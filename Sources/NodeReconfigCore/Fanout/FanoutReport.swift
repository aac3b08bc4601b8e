/// The `--report` JSON: what ran, with which flags, and every host's outcome. `--retry-failed`
/// reads it back.
public struct FanoutReport: Sendable, Equatable {
    public var mode: FanoutOptions.Mode
    public var flags: [String]
    public var hosts: [HostOutcome]

    public init(mode: FanoutOptions.Mode, flags: [String], hosts: [HostOutcome]) {
        self.mode = mode
        self.flags = flags
        self.hosts = hosts
    }

    /// The hosts that did not succeed, in report order.
    public var failedHosts: [String] { hosts.filter { !$0.result.succeeded }.map(\.host) }

    /// Pretty JSON with sorted keys (at every depth, the hosts' own output included), in
    /// Foundation's pretty style (`"key" : value`), ending in a newline.
    public func encoded() -> String {
        let hostObjects: [JSONValue] = hosts.map { outcome in
            let output = outcome.json.flatMap { try? JSONValue.parse($0) } ?? .null
            return .object([
                ("host", .string(outcome.host)), ("result", .string(outcome.result.rawValue)),
                ("seconds", .number((outcome.seconds * 1000).rounded() / 1000)), ("message", .string(outcome.message)),
                ("changed", .bool(outcome.changed)), ("rolled_back", .bool(outcome.rolledBack)),
                ("stderr", .string(outcome.standardError)),
                ("exit_code", outcome.exitCode.map { .int(Int($0)) } ?? .null),
                ("backup_id", .optional(outcome.backupID)),
                ("output", output),
            ])
        }
        let counts = HostOutcome.Result.allCases.map { result in
            (result.rawValue, JSONValue.int(hosts.count(where: { $0.result == result })))
        }
        let root = JSONValue.object([
            ("command", .string(mode.rawValue)), ("flags", .array(flags.map(JSONValue.string))),
            ("hosts", .array(hostObjects)), ("summary", .object(counts)),
            ("succeeded", .bool(hosts.allSatisfy { $0.result.succeeded })),
        ])
        return root.sortingKeys().rendered(indent: 2, spacedColon: true) + "\n"
    }

    /// Reads a report written by `encoded()`.
    public init(decoding text: String) throws(FanoutUsageError) {
        guard let root = try? JSONValue.parse(text), root.objectValue != nil,
              let mode = root["command"]?.stringValue.flatMap(FanoutOptions.Mode.init(rawValue:)),
              let flagValues = root["flags"]?.arrayValue, flagValues.allSatisfy({ $0.stringValue != nil }),
              let hosts = root["hosts"]?.arrayValue, hosts.allSatisfy({ $0.objectValue != nil }) else {
            throw FanoutUsageError("not a fanout report (expected the JSON written by --report)")
        }
        var outcomes: [HostOutcome] = []
        for object in hosts {
            guard let host = object["host"]?.stringValue,
                  let result = object["result"]?.stringValue.flatMap(HostOutcome.Result.init(rawValue:)) else {
                throw FanoutUsageError("fanout report has a host entry without 'host' and 'result'")
            }
            outcomes.append(HostOutcome(host: host, result: result, exitCode: object["exit_code"]?.intValue.map(Int32.init),
                                        seconds: object["seconds"]?.doubleValue ?? 0, message: object["message"]?.stringValue ?? "",
                                        changed: object["changed"]?.boolValue ?? false, rolledBack: object["rolled_back"]?.boolValue ?? false,
                                        backupID: object["backup_id"]?.stringValue, standardError: object["stderr"]?.stringValue ?? ""))
        }
        self.init(mode: mode, flags: flagValues.compactMap(\.stringValue), hosts: outcomes)
    }
}
