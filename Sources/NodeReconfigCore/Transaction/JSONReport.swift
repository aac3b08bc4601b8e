/// One-line JSON with snake_case keys, sorted, for the `rollback` and `backups` reports.
enum JSONReport {
    static func encode(_ value: JSONValue) -> String {
        value.sortingKeys().rendered()
    }
}
