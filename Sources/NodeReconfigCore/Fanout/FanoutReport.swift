import Foundation

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

    /// Pretty JSON with sorted keys, ending in a newline.
    public func encoded() -> String {
        let hostObjects: [[String: Any]] = hosts.map { outcome in
            var object: [String: Any] = [
                "host": outcome.host, "result": outcome.result.rawValue,
                "seconds": (outcome.seconds * 1000).rounded() / 1000, "message": outcome.message,
                "changed": outcome.changed, "rolled_back": outcome.rolledBack,
                "stderr": outcome.standardError,
                "exit_code": outcome.exitCode.map { Int($0) as Any } ?? NSNull(),
                "backup_id": outcome.backupID.map { $0 as Any } ?? NSNull(),
            ]
            if let json = outcome.json, let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) {
                object["output"] = value
            } else {
                object["output"] = NSNull()
            }
            return object
        }
        let counts = Dictionary(HostOutcome.Result.allCases.map { result in
            (result.rawValue, hosts.count(where: { $0.result == result }))
        }, uniquingKeysWith: +)
        let root: [String: Any] = [
            "command": mode.rawValue, "flags": flags, "hosts": hostObjects, "summary": counts,
            "succeeded": hosts.allSatisfy { $0.result.succeeded },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a report written by `encoded()`.
    public init(decoding text: String) throws(FanoutUsageError) {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let root = value as? [String: Any],
              let mode = (root["command"] as? String).flatMap(FanoutOptions.Mode.init(rawValue:)),
              let flags = root["flags"] as? [String],
              let hosts = root["hosts"] as? [[String: Any]] else {
            throw FanoutUsageError("not a fanout report (expected the JSON written by --report)")
        }
        var outcomes: [HostOutcome] = []
        for object in hosts {
            guard let host = object["host"] as? String,
                  let result = (object["result"] as? String).flatMap(HostOutcome.Result.init(rawValue:)) else {
                throw FanoutUsageError("fanout report has a host entry without 'host' and 'result'")
            }
            outcomes.append(HostOutcome(host: host, result: result, exitCode: (object["exit_code"] as? Int).map(Int32.init),
                                        seconds: object["seconds"] as? Double ?? 0, message: object["message"] as? String ?? "",
                                        changed: object["changed"] as? Bool ?? false, rolledBack: object["rolled_back"] as? Bool ?? false,
                                        backupID: object["backup_id"] as? String, standardError: object["stderr"] as? String ?? ""))
        }
        self.init(mode: mode, flags: flags, hosts: outcomes)
    }
}
