/// What happened to one service during a run: for the human and JSON reports.
public struct ServiceOutcome: Sendable, Equatable, Codable {
    public var name: String
    /// `restart`, `reload`, or `none` (not touched).
    public var action: String
    /// `restarted`, `reloaded`, `was not running; left stopped`, `not restarted (--no-restart)`,
    /// `failed: …`, `restarted after rollback`, …
    public var result: String

    public init(name: String, action: String, result: String) {
        self.name = name
        self.action = action
        self.result = result
    }

    /// The JSON reports' object: `name`, `action`, `result`.
    var json: JSONValue {
        .object([("name", .string(name)), ("action", .string(action)), ("result", .string(result))])
    }
}
