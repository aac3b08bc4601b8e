/// One long option: its name, whether it takes a value, which commands accept it, its help.
struct OptionSpec: Sendable {
    /// Without dashes: `master`.
    var name: String
    /// The value's name in usage (`url`); nil for a boolean flag that takes no value.
    var valueName: String?
    /// May be given more than once (values collect).
    var repeatable = false
    var commands: Set<CommandName>
    var help: String

    /// `--master`
    var flag: String { "--" + name }
    /// `--master <url>`, as argument-parser writes it in help and in "Missing value" errors.
    var label: String { valueName.map { "\(flag) <\($0)>" } ?? flag }
    var takesValue: Bool { valueName != nil }

    /// The options `command` accepts, in table order.
    static func accepted(by command: CommandName) -> [OptionSpec] {
        table.filter { $0.commands.contains(command) }
    }

    static func named(_ name: String) -> OptionSpec? {
        table.first { $0.name == name }
    }
}
