/// A `key:` with nothing after it: where a value can be inserted.
public struct YAMLEmptyValue: Sendable, Equatable {
    /// 0-based line of the key.
    public var line: Int
    /// UTF-8 offset in that line where the value would start.
    public var offset: Int
    /// True when no space follows the `:` yet (one must be inserted before the value).
    public var needsSpace: Bool
    /// True when a `# comment` starts at `offset` (a space must follow the inserted value).
    public var beforeComment: Bool

    public init(line: Int, offset: Int, needsSpace: Bool, beforeComment: Bool) {
        self.line = line
        self.offset = offset
        self.needsSpace = needsSpace
        self.beforeComment = beforeComment
    }

    /// The patch that writes `value` as a plain scalar here. Refuses a value that is not safe
    /// to write unquoted.
    public func patch(inserting value: String) throws(FormatError) -> Patch {
        guard YAMLScalar.Style.plain.canHold(value) else {
            throw FormatError(line: line + 1, "the value '\(value)' cannot be written as a plain YAML scalar; write it by hand")
        }
        let text = (needsSpace ? " " : "") + value + (beforeComment ? " " : "")
        return .span(line: line, range: offset..<offset, replacement: text)
    }
}
