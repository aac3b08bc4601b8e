/// One long option, declared once in `OptionSpec.table` (`OptionTable.swift`): its name, value
/// syntax, default, help, group, the commands that take it, how its value is checked and where
/// it goes, and how Ansible passes it. The CLI parser, every command's help, fanout's own
/// options and the Ansible module's parameters (and so `scripts/ansible/rollout.yml`) are all
/// read from the table; nothing else lists options.
struct OptionSpec: Sendable {
    /// The sections of help, in the order they are printed (swift-argument-parser's titled
    /// option groups): node-reconfig's are targets, discovery, restart and health, output, state;
    /// fanout's are hosts, waves, remote run, output.
    enum Group: String, Sendable, CaseIterable {
        case targets = "TARGETS"
        case discovery = "DISCOVERY"
        case hosts = "HOSTS"
        case waves = "WAVES"
        case remote = "REMOTE RUN"
        case restartAndHealth = "RESTART AND HEALTH"
        case output = "OUTPUT"
        case state = "STATE"
    }

    /// What follows the flag, as shown in help (`--etcd <url,...>`); nil: a switch, no value.
    enum Value: Sendable {
        /// One value: `<url>`.
        case single(String)
        /// A comma-joined list, in the order given: `<url,...>`. Ansible takes a YAML list or a comma string.
        case list(String)
        /// A whole number: `<seconds>`. Ansible takes a number or a numeric string.
        case number(String)

        /// The name in help and in "Missing value" errors: `url`, `url,...`, `seconds`.
        var name: String {
            switch self {
            case .single(let name), .number(let name): return name
            case .list(let name): return name + ",..."
            }
        }
    }

    /// The commands that take an option, as bits: a `Set` per entry costs the static binary far
    /// more code than the table is worth.
    struct Commands: OptionSet, Sendable {
        let rawValue: UInt8
        init(rawValue: UInt8) { self.rawValue = rawValue }

        static let apply = Commands(rawValue: 1 << 0)
        static let plan = Commands(rawValue: 1 << 1)
        static let detect = Commands(rawValue: 1 << 2)
        static let rollback = Commands(rawValue: 1 << 3)
        static let backups = Commands(rawValue: 1 << 4)
        static let fanout = Commands(rawValue: 1 << 5)
        static let help = Commands(rawValue: 1 << 6)

        init(_ command: CommandName) {
            switch command {
            case .apply: self = .apply
            case .plan: self = .plan
            case .detect: self = .detect
            case .rollback: self = .rollback
            case .backups: self = .backups
            case .fanout: self = .fanout
            case .help: self = .help
            }
        }

        func contains(_ command: CommandName) -> Bool { contains(Commands(command)) }
    }

    /// Where a checked value goes. `flag` is the option as written (`--settle`), for messages.
    enum Destination: Sendable {
        /// A target (`Targets`): what to change to.
        case target(@Sendable (_ targets: inout Targets, _ value: String, _ flag: String) throws(ValueError) -> Void)
        /// Any other option of apply, plan, detect, rollback, backups (`Options`).
        case option(@Sendable (_ options: inout Options, _ value: String, _ flag: String) throws(ValueError) -> Void)
        /// An option of the coordinator (`FanoutOptions`).
        case fanout(@Sendable (_ options: inout FanoutOptions, _ value: String, _ flag: String) throws(FanoutUsageError) -> Void)
    }

    /// How the Ansible module (`AnsibleParameters`) and `rollout.yml` pass an option of `apply`.
    enum Ansible: Sendable, Equatable {
        /// A module parameter named like the option with `_` for `-`; the playbook fills it from
        /// the variable `playbookVariable` (nil: the parameter's own name).
        case parameter(playbookVariable: String?)
        /// Not a parameter: the module always passes it (`--json`, which it reads back).
        case alwaysPassedByModule
    }

    /// Without dashes: `master`.
    var name: String
    var value: Value?
    /// Shown as `(default: …)`, read from the value's home (`Options()`, `FanoutOptions()`) so it
    /// is written down once; nil when there is none to show.
    var defaultText: String?
    /// May be given more than once (values collect, in order).
    var repeatable = false
    var group: Group
    var commands: Commands
    var help: String
    var ansible: Ansible = .parameter(playbookVariable: nil)
    var destination: Destination

    // Not inlined: the table's thirty-odd entries are then one call each, not thirty copies of
    // this body (the static binary stays the size it was before the table).
    @inline(never)
    init(_ name: String, _ value: Value? = nil, default defaultText: String? = nil, repeatable: Bool = false,
         group: Group, commands: Commands, ansible: Ansible = .parameter(playbookVariable: nil),
         help: String, destination: Destination) {
        self.name = name
        self.value = value
        self.defaultText = defaultText
        self.repeatable = repeatable
        self.group = group
        self.commands = commands
        self.help = help
        self.ansible = ansible
        self.destination = destination
    }

    /// `--master`
    var flag: String { "--" + name }
    /// `--master <url>`, as argument-parser writes it in help and in "Missing value" errors.
    var label: String { value.map { "\(flag) <\($0.name)>" } ?? flag }
    var takesValue: Bool { value != nil }
    /// The help sentence with the default, as help prints it.
    var helpWithDefault: String { defaultText.map { "\(help) (default: \($0))" } ?? help }

    /// The Ansible module's parameter name: `etcd_members`; nil when the option is not one.
    var ansibleParameter: String? {
        guard commands.contains(.apply), case .parameter = ansible else { return nil }
        return name.replacing("-", with: "_")
    }

    /// The `rollout.yml` variable that fills the parameter: `new_master`, `drain`.
    var playbookVariable: String? {
        guard let parameter = ansibleParameter, case .parameter(let variable) = ansible else { return nil }
        return variable ?? parameter
    }

    /// The options `command` accepts, in table order.
    static func accepted(by command: CommandName) -> [OptionSpec] {
        table.filter { $0.commands.contains(command) }
    }

    /// The option `name` (without dashes) of `command`; nil when `command` has none by that name.
    static func named(_ name: String, for command: CommandName) -> OptionSpec? {
        table.first { $0.name == name && $0.commands.contains(command) }
    }

    /// The names of the target options (`Targets`), in table order.
    static var targetNames: [String] {
        table.compactMap { spec in
            if case .target = spec.destination { return spec.name }
            return nil
        }
    }

    /// Shows a number of seconds as the operator writes it: `600`, `0.5`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
