/// A JSON value whose objects keep their keys in the order written, as DiscordChatExporter's
/// files do; what `DCEWriter` lays out. Literals build it: `["id": "1", "isBot": false]` is an
/// object with `id` first.
public enum DCEValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([DCEValue])
    case object([(String, DCEValue)])

    /// A string, or `null` when absent.
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }

    /// The member `key` of an object (the first, if repeated); nil for a missing key or a non-object.
    public subscript(key: String) -> DCEValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> DCEValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [DCEValue] {
        if case .array(let items) = self { return items }
        return []
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

extension DCEValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: DCEValue...) { self = .array(elements) }
    /// Dictionary literals keep their written order.
    public init(dictionaryLiteral elements: (String, DCEValue)...) { self = .object(elements) }
}
