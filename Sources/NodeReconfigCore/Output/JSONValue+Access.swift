extension JSONValue {
    /// The member named `key` of an object (the last one when a key repeats); nil for a
    /// missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last(where: { $0.0 == key })?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// A number that is a whole number within `Int`'s range.
    public var intValue: Int? {
        guard case .number(let number) = self, number.rounded() == number,
              number >= -9.2e18, number <= 9.2e18 else { return nil }
        return Int(number)
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The same value with every object's keys sorted, at every depth (a repeated key keeps
    /// only its last value).
    public func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items): return .array(items.map { $0.sortingKeys() })
        case .object(let pairs):
            var last: [String: JSONValue] = [:]
            for (key, value) in pairs { last[key] = value.sortingKeys() }
            return .object(last.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        default: return self
        }
    }
}
