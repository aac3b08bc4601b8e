/// One flag with its value found on a command line: `--etcd-servers=https://…`,
/// `--initial-cluster controller-0=…`, `-etcd-endpoints=…`, `--api_servers=…`.
public struct FlagOccurrence: Sendable, Equatable {
    /// How the flag and its value are written.
    public enum Form: Sendable, Equatable {
        /// `--f=v`
        case doubleDashEquals
        /// `--f v`
        case doubleDashSeparate
        /// `-f=v`
        case singleDashEquals
        /// `-f v`
        case singleDashSeparate
    }

    /// The name without leading dashes and with `_` turned into `-`: `api-servers`.
    public var name: String
    /// The flag as written, dashes included, without `=` or value: `--api_servers`.
    public var spelling: String
    public var form: Form
    /// The value. Its range covers exactly the value inside its line (inside quotes when
    /// quoted), so `value.patch(with:)` changes only the value; not verbatim when the value
    /// holds escapes or spans pieces, in which case it must not be patched.
    public var value: ValueToken
    /// Index of the word holding the flag in the scanned word list.
    public var wordIndex: Int

    public init(name: String, spelling: String, form: Form, value: ValueToken, wordIndex: Int) {
        self.name = name
        self.spelling = spelling
        self.form = form
        self.value = value
        self.wordIndex = wordIndex
    }
}
