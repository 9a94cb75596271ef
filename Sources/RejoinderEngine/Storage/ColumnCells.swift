#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cells of one column of a relation, in row order.
///
/// A column keeps each cell in 4 bytes (`NarrowCell`) while every value in
/// it is a symbol or an integer of 31 bits: the ids, names and years that
/// make up most relations. The first other value (a double, a range, a
/// large integer) widens the column for good to a tag byte and a 64-bit
/// payload per cell, the engine's `Value`.
///
/// The owner (`Relation`) keeps the capacity and frees the buffers; a
/// column only knows which of its two forms it is in.
struct ColumnCells {
    /// The cells while the column is narrow; nil once it is wide.
    private(set) var narrow: UnsafeMutablePointer<UInt32>?
    private var tags: UnsafeMutablePointer<UInt8>?
    private var payloads: UnsafeMutablePointer<UInt64>?

    init(capacity: Int) {
        narrow = Reallocation.allocate(capacity)
    }

    var isNarrow: Bool { narrow != nil }

    /// What one cell takes, for the memory limit.
    var bytesPerCell: Int { narrow != nil ? 4 : 9 }

    @inline(__always)
    func value(_ row: Int) -> Value {
        if let narrow { return NarrowCell.value(narrow[row]) }
        return Value(tag: unsafeBitCast(tags.unsafelyUnwrapped[row], to: Value.Tag.self), payload: payloads.unsafelyUnwrapped[row])
    }

    /// Whether the cell holds the value with this tag and payload.
    @inline(__always)
    func holds(_ row: Int, tag: UInt8, payload: UInt64) -> Bool {
        if let narrow { return NarrowCell.cell(tag: tag, payload: payload) == narrow[row] }
        return payloads.unsafelyUnwrapped[row] == payload && tags.unsafelyUnwrapped[row] == tag
    }

    /// Whether two cells of the column hold the same value.
    @inline(__always)
    func same(_ a: Int, _ b: Int) -> Bool {
        if let narrow { return narrow[a] == narrow[b] }
        return payloads.unsafelyUnwrapped[a] == payloads.unsafelyUnwrapped[b] && tags.unsafelyUnwrapped[a] == tags.unsafelyUnwrapped[b]
    }

    /// One word of the cell, read to bring it into cache.
    @inline(__always)
    func touch(_ row: Int) -> UInt64 {
        if let narrow { return UInt64(narrow[row]) }
        return payloads.unsafelyUnwrapped[row]
    }

    /// Stores a value; the column must be wide or the value fit a narrow
    /// cell (`store(_:tag:payload:rows:capacity:)` widens first when needed).
    @inline(__always)
    func set(_ row: Int, tag: UInt8, payload: UInt64) {
        if let narrow {
            narrow[row] = NarrowCell.cell(tag: tag, payload: payload).unsafelyUnwrapped
        } else {
            tags.unsafelyUnwrapped[row] = tag
            payloads.unsafelyUnwrapped[row] = payload
        }
    }

    /// Stores a value in row `row`, widening the column first (its rows
    /// below `row` kept, room for `capacity`) when it is narrow and the
    /// value does not fit.
    @inline(__always)
    mutating func store(_ row: Int, tag: UInt8, payload: UInt64, capacity: Int) {
        if let narrow {
            if let cell = NarrowCell.cell(tag: tag, payload: payload) {
                narrow[row] = cell
                return
            }
            widen(rows: row, capacity: capacity)
        }
        tags.unsafelyUnwrapped[row] = tag
        payloads.unsafelyUnwrapped[row] = payload
    }

    /// Turns the column wide, decoding its first `rows` cells.
    mutating func widen(rows: Int, capacity: Int) {
        guard let narrow else { return }
        let tags: UnsafeMutablePointer<UInt8> = Reallocation.allocate(capacity)
        let payloads: UnsafeMutablePointer<UInt64> = Reallocation.allocate(capacity)
        for row in 0..<rows {
            let value = NarrowCell.value(narrow[row])
            tags[row] = value.tag.rawValue
            payloads[row] = value.payload
        }
        free(narrow)
        self.narrow = nil
        self.tags = tags
        self.payloads = payloads
    }

    /// Makes room for `capacity` cells, keeping the cells stored.
    mutating func grow(to capacity: Int) {
        if let narrow {
            self.narrow = Reallocation.grow(narrow, to: capacity)
        } else {
            tags = Reallocation.grow(tags.unsafelyUnwrapped, to: capacity)
            payloads = Reallocation.grow(payloads.unsafelyUnwrapped, to: capacity)
        }
    }

    func deallocate() {
        free(narrow)
        free(tags)
        free(payloads)
    }
}

/// A value in 4 bytes: a symbol id below 2^31 with the top bit set, or an
/// integer from -2^30 to 2^30 - 1 in the low 31 bits, two's complement.
/// Each value has one cell, so equal cells are equal values.
enum NarrowCell {
    private static let symbolBit: UInt32 = 0x8000_0000

    /// The cell of a value, or nil when it has none.
    @inline(__always)
    static func cell(tag: UInt8, payload: UInt64) -> UInt32? {
        switch tag {
        case Value.Tag.symbol.rawValue:
            return payload < UInt64(symbolBit) ? symbolBit | UInt32(truncatingIfNeeded: payload) : nil
        case Value.Tag.integer.rawValue:
            let integer = Int64(bitPattern: payload)
            return integer >= -(1 << 30) && integer < 1 << 30 ? UInt32(truncatingIfNeeded: payload) & ~symbolBit : nil
        default:
            return nil
        }
    }

    @inline(__always)
    static func fits(tag: UInt8, payload: UInt64) -> Bool { cell(tag: tag, payload: payload) != nil }

    @inline(__always)
    static func value(_ cell: UInt32) -> Value {
        if cell & symbolBit != 0 { return Value(tag: .symbol, payload: UInt64(cell & ~symbolBit)) }
        return Value(tag: .integer, payload: UInt64(bitPattern: Int64(Int32(bitPattern: cell << 1) >> 1)))
    }
}
