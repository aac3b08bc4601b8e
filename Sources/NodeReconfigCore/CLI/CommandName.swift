/// The commands of `node-reconfig` (SPEC "Commands").
public enum CommandName: String, Sendable, CaseIterable, Hashable {
    /// The switch-over; the default when the first word is a flag.
    case apply
    /// `apply --dry-run`: prints a unified diff per file, changes nothing.
    case plan
    /// Lists the config files found on this node and the values they hold now.
    case detect
    /// Restores the newest (or the named) backup set.
    case rollback
    /// Lists backup sets.
    case backups
    /// The coordinator; its arguments are passed through untouched.
    case fanout
    /// Usage, per command.
    case help
}
