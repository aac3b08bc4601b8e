/// A control-plane value found in a file, for `detect`.
public struct DetectedValue: Sendable, Equatable {
    public var role: Role
    public var label: String
    /// 1-based.
    public var line: Int
    public var value: String
    /// `loopback (node-local)`, `variable reference`, `apiserver pool`, `not an apiserver pool`, …
    public var note: String?
    /// Why the value would be left as it is, when it would.
    public var left: ValueRule.Left?

    public init(role: Role, label: String, line: Int, value: String, note: String?, left: ValueRule.Left? = nil) {
        self.role = role
        self.label = label
        self.line = line
        self.value = value
        self.note = note
        self.left = left
    }

    public var json: JSONValue {
        .object([("role", .string(role.rawValue)), ("label", .string(label)), ("line", .int(line)),
                 ("value", .string(value)), ("note", .optional(note))])
    }

    /// Everything of a known role in `file`, as its kind's handler reads it.
    public static func values(in file: DiscoveredFile, lbPool: String? = nil) throws(NodeReconfigError) -> [DetectedValue] {
        try NodeReconfigError.reading(file.displayPath) { () throws(FormatError) in
            try file.kind.handler.detect(try SourceText(bytes: file.bytes), use: file.use, lbPool: lbPool)
        }
    }
}
