/// The id of an interned symbol.
public struct SymbolID: Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }
}

/// Interns the non-numeric constants of a knowledge base: symbols (names and
/// strings, which are the same values) and ranges. Each is stored once and
/// referred to by id, so rows hold only fixed-width numbers and joins never
/// compare strings. Ids only grow; nothing is ever removed.
public final class SymbolTable: @unchecked Sendable {
    private var texts: [String] = []
    private var ids: [String: UInt32] = [:]
    private var ranges: [ClosedRange<Int64>] = []
    private var rangeIDs: [ClosedRange<Int64>: UInt64] = [:]

    public init() {}

    public var symbolCount: Int { texts.count }

    public func intern(_ text: String) -> SymbolID {
        if let id = ids[text] { return SymbolID(rawValue: id) }
        let id = UInt32(texts.count)
        texts.append(text)
        ids[text] = id
        return SymbolID(rawValue: id)
    }

    /// The id of `text` if it has been interned, without interning it.
    public func lookup(_ text: String) -> SymbolID? {
        ids[text].map(SymbolID.init(rawValue:))
    }

    public func text(_ id: SymbolID) -> String { texts[Int(id.rawValue)] }

    public func symbol(_ text: String) -> Value { .symbol(intern(text)) }

    public func range(_ bounds: ClosedRange<Int64>) -> Value {
        if let id = rangeIDs[bounds] { return Value(tag: .range, payload: id) }
        let id = UInt64(ranges.count)
        ranges.append(bounds)
        rangeIDs[bounds] = id
        return Value(tag: .range, payload: id)
    }

    public func bounds(of value: Value) -> ClosedRange<Int64>? {
        value.tag == .range ? ranges[Int(value.payload)] : nil
    }

    /// The value resolved for display.
    public func datum(_ value: Value) -> Datum {
        switch value.tag {
        case .integer: return .integer(Int64(bitPattern: value.payload))
        case .double: return .double(Double(bitPattern: value.payload))
        case .symbol: return .symbol(texts[Int(value.payload)])
        case .range:
            let bounds = ranges[Int(value.payload)]
            return .range(bounds.lowerBound, bounds.upperBound)
        }
    }

    /// The value as written in the language.
    public func sourceText(_ value: Value) -> String { datum(value).sourceText }

    /// The total order of LANGUAGE.md §2: numbers by value, then symbols by
    /// text, then ranges by their bounds.
    public func compare(_ lhs: Value, _ rhs: Value) -> Int {
        let leftNumber = lhs.isNumber, rightNumber = rhs.isNumber
        if leftNumber && rightNumber { return NumberOrder.compare(lhs, rhs) }
        if leftNumber != rightNumber { return leftNumber ? -1 : 1 }
        if lhs.tag != rhs.tag { return lhs.tag.rawValue < rhs.tag.rawValue ? -1 : 1 }
        if lhs.payload == rhs.payload { return 0 }
        if lhs.tag == .symbol {
            let a = texts[Int(lhs.payload)], b = texts[Int(rhs.payload)]
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        let a = ranges[Int(lhs.payload)], b = ranges[Int(rhs.payload)]
        if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound ? -1 : 1 }
        return a.upperBound < b.upperBound ? -1 : (a.upperBound == b.upperBound ? 0 : 1)
    }
}
