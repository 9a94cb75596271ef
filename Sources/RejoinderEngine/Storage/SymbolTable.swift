import RejoinderSyntax

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
public final class SymbolTable {
    private var texts: [String] = []
    /// Open addressing over symbol ids (id + 1; 0 is empty), keyed by the
    /// text's bytes, so a loader can intern straight from a file's bytes
    /// without making a String for symbols it has seen.
    private var slots = [UInt32](repeating: 0, count: 1024)
    private var slotHashes = [UInt32](repeating: 0, count: 1024)
    private var ranges: [ClosedRange<Int64>] = []
    private var rangeIDs: [ClosedRange<Int64>: UInt64] = [:]

    public init() {}

    public var symbolCount: Int { texts.count }

    public func intern(_ text: String) -> SymbolID {
        var bytes = text
        return bytes.withUTF8 { intern(bytes: $0, text: text) }
    }

    /// Interns the symbol spelled by `bytes` (valid UTF-8).
    public func intern(bytes: UnsafeBufferPointer<UInt8>) -> SymbolID {
        intern(bytes: bytes, text: nil)
    }

    /// The id of `text` if it has been interned, without interning it.
    public func lookup(_ text: String) -> SymbolID? {
        var text = text
        return text.withUTF8 { bytes in
            let (slot, found) = find(bytes, hash: Self.hash(bytes))
            _ = slot
            return found
        }
    }

    private func intern(bytes: UnsafeBufferPointer<UInt8>, text: String?) -> SymbolID {
        let hash = Self.hash(bytes)
        let (slot, found) = find(bytes, hash: hash)
        if let found { return found }
        let id = UInt32(texts.count)
        texts.append(text ?? String(decoding: bytes, as: UTF8.self))
        slots[slot] = id + 1
        slotHashes[slot] = UInt32(truncatingIfNeeded: hash >> 32)
        if texts.count * 10 > slots.count * 7 { grow() }
        return SymbolID(rawValue: id)
    }

    /// The slot holding `bytes`, or the empty slot where they would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (Int, SymbolID?) {
        let mask = slots.count - 1
        let fragment = UInt32(truncatingIfNeeded: hash >> 32)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if slotHashes[slot] == fragment {
                var stored = texts[Int(entry - 1)]
                if stored.withUTF8({ ByteSearch.equal($0, bytes) }) { return (slot, SymbolID(rawValue: entry - 1)) }
            }
            slot = (slot + 1) & mask
        }
    }

    private func grow() {
        let count = slots.count * 2
        var newSlots = [UInt32](repeating: 0, count: count)
        var newHashes = [UInt32](repeating: 0, count: count)
        for index in texts.indices {
            var text = texts[index]
            let hash = text.withUTF8 { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & (count - 1)
            while newSlots[slot] != 0 { slot = (slot + 1) & (count - 1) }
            newSlots[slot] = UInt32(index + 1)
            newHashes[slot] = UInt32(truncatingIfNeeded: hash >> 32)
        }
        slots = newSlots
        slotHashes = newHashes
    }

    /// FNV-1a, finished with a mixer so the low bits pick slots well.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return RowHash.finish(hash)
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

    /// The rows `rows` of `relation` in value order, row by row as
    /// `compare` orders values. The symbols met are ranked by text first,
    /// so the sort itself compares integers: a large answer's text is not
    /// compared again at every step of the sort.
    func valueOrder(of rows: [Int], in relation: Relation) -> [Int] {
        let width = relation.arity
        var met = Set<UInt64>()
        for row in rows {
            for column in 0..<width {
                let value = relation.value(row: row, column: column)
                if value.tag == .symbol { met.insert(value.payload) }
            }
        }
        var rank: [UInt64: UInt64] = [:]
        for (position, id) in met.sorted(by: { texts[Int($0)] < texts[Int($1)] }).enumerated() { rank[id] = UInt64(position) }
        // The rows' values side by side, each symbol replaced by its rank.
        var ranked: [Value] = []
        ranked.reserveCapacity(rows.count * width)
        for row in rows {
            for column in 0..<width {
                let value = relation.value(row: row, column: column)
                ranked.append(value.tag == .symbol ? Value(tag: .symbol, payload: rank[value.payload]!) : value)
            }
        }
        let order = ranked.withUnsafeBufferPointer { values in
            Array(rows.indices).sorted { lhs, rhs in
                for column in 0..<width {
                    let a = values[lhs * width + column], b = values[rhs * width + column]
                    if a == b { continue }
                    if a.tag == .symbol && b.tag == .symbol { return a.payload < b.payload }
                    return compare(a, b) < 0
                }
                return false
            }
        }
        return order.map { rows[$0] }
    }
}
