/// The options the Ansible module accepts: every option of `apply` in `OptionSpec.table` (but
/// `--json`, which the module always passes), by its long name with `_` for `-`, and how each
/// becomes a command-line flag.
public enum AnsibleParameters {
    enum Kind: Equatable { case string, commaList, repeated, number, flag }

    /// The option behind the parameter `name`, from the table; nil when there is none.
    static func option(_ name: String) -> OptionSpec? {
        OptionSpec.table.first { $0.ansibleParameter == name }
    }

    /// How a parameter's JSON value is read: from the option's value syntax.
    static func kind(of spec: OptionSpec) -> Kind {
        switch spec.value {
        case nil: return .flag
        case _ where spec.repeatable: return .repeated
        case .list?: return .commaList
        case .number?: return .number
        case .single?: return .string
        }
    }

    /// The names, sorted, as Ansible lists them.
    public static var supported: [String] { OptionSpec.table.compactMap(\.ansibleParameter).sorted() }

    /// `rollout.yml`'s `node_reconfig:` arguments, in table order: parameter and the play
    /// variable that fills it (`master: "{{ new_master | default(omit) }}"`).
    static var playbookArguments: [(parameter: String, variable: String)] {
        OptionSpec.accepted(by: .apply).compactMap { spec in
            guard let parameter = spec.ansibleParameter, let variable = spec.playbookVariable else { return nil }
            return (parameter, variable)
        }
    }

    /// The node-reconfig flags for the module's arguments (`_ansible_*` keys are ignored here).
    /// Throws Ansible's usual message for unknown names and a plain one for wrong types.
    public static func flags(from arguments: [String: JSONValue]) throws(AnsibleModuleError) -> [String] {
        let unknown = arguments.keys.filter { !$0.hasPrefix("_ansible_") && option($0) == nil }.sorted()
        guard unknown.isEmpty else {
            throw AnsibleModuleError("Unsupported parameters for (node_reconfig) module: \(unknown.joined(separator: ", ")). "
                                     + "Supported parameters include: \(supported.joined(separator: ", ")).")
        }
        var flags: [String] = []
        for name in supported {
            guard let value = arguments[name], let spec = option(name), !value.isNull else { continue }
            let flag = spec.flag
            switch kind(of: spec) {
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

