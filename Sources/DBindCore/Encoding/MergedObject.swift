/// Encodes `first`'s members and then `second`'s as one JSON object: reports that put a row of
/// scores at the top level beside their other members.
public struct MergedObject<First: Encodable, Second: Encodable>: Encodable {
    public var first: First
    public var second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public func encode(to encoder: Encoder) throws {
        try first.encode(to: encoder)
        try second.encode(to: encoder)
    }
}
