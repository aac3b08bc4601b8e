/// The options the Ansible module accepts: every option of `apply`, by its long name with `_`
/// for `-`, and how each becomes a command-line flag.
public enum AnsibleParameters {
    enum Kind { case string, commaList, repeated, number, flag }

    static let kinds: [String: Kind] = [
        "master": .string, "etcd": .commaList, "etcd_members": .commaList, "apiservers": .commaList,
        "drain": .commaList, "old_master": .commaList, "only": .commaList, "file": .repeated,
        "root": .string, "lb_pool": .string, "backup_dir": .string, "service_cmd": .string,
        "probe": .repeated, "keep_backups": .number, "health_timeout": .number, "settle": .number,
        "no_restart": .flag, "skip_preflight": .flag, "dry_run": .flag,
    ]

    /// The names, sorted, as Ansible lists them.
    public static var supported: [String] { kinds.keys.sorted() }

    /// The node-reconfig flags for the module's arguments (`_ansible_*` keys are ignored here).
    /// Throws Ansible's usual message for unknown names and a plain one for wrong types.
    public static func flags(from arguments: [String: JSONValue]) throws(AnsibleModuleError) -> [String] {
        let unknown = arguments.keys.filter { !$0.hasPrefix("_ansible_") && kinds[$0] == nil }.sorted()
        guard unknown.isEmpty else {
            throw AnsibleModuleError("Unsupported parameters for (node_reconfig) module: \(unknown.joined(separator: ", ")). "
                                     + "Supported parameters include: \(supported.joined(separator: ", ")).")
        }
        var flags: [String] = []
        for name in supported {
            guard let value = arguments[name], let kind = kinds[name], !value.isNull else { continue }
            let flag = "--" + name.replacing("_", with: "-")
            switch kind {
            case .string:
                guard let text = value.stringValue else { throw typeError(name, "a string") }
                flags.append("\(flag)=\(text)")
            case .number:
                if case .number = value { flags.append("\(flag)=\(value.rendered())") }
                else if let text = value.stringValue, Double(text) != nil { flags.append("\(flag)=\(text)") }
                else { throw typeError(name, "a number") }
            case .flag:
                guard let on = boolean(value) else { throw typeError(name, "a boolean") }
                if on { flags.append(flag) }
            case .commaList:
                let items = try list(value, name)
                if !items.isEmpty { flags.append("\(flag)=\(items.joined(separator: ","))") }
            case .repeated:
                flags += try list(value, name).map { "\(flag)=\($0)" }
            }
        }
        return flags
    }

    /// A JSON list of strings, or a comma string.
    static func list(_ value: JSONValue, _ name: String) throws(AnsibleModuleError) -> [String] {
        if let text = value.stringValue {
            return text.split(separator: ",").map { $0.trimmingBlanks() }
        }
        if let items = value.arrayValue {
            var out: [String] = []
            for item in items {
                guard let text = item.stringValue else { throw typeError(name, "a list of strings") }
                out.append(text)
            }
            return out
        }
        throw typeError(name, "a list or a comma-separated string")
    }

    /// JSON booleans and Ansible's spellings (`yes`, `no`, `true`, `1`, …).
    static func boolean(_ value: JSONValue) -> Bool? {
        if let flag = value.boolValue { return flag }
        if let text = value.stringValue {
            switch text.lowercased() {
            case "yes", "true", "on", "1", "y", "t": return true
            case "no", "false", "off", "0", "n", "f": return false
            default: return nil
            }
        }
        if let number = value.intValue { return number != 0 }
        return nil
    }

    private static func typeError(_ name: String, _ expected: String) -> AnsibleModuleError {
        AnsibleModuleError("argument '\(name)' must be \(expected)")
    }
}

