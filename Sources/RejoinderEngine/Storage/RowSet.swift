/// A relation's rows by their values: which row, if any, holds a given row
/// of values. Every row of the relation is in it, once.
///
/// Open addressing, one 32-bit word per slot: the low bits hold the row
/// plus one (0 for an empty slot), as many bits as the table has slots'
/// worth (the table is kept under 70% full, so every row number fits), and
/// the high bits hold the hash's bits just below those that chose the home
/// slot. A probe reads a row back only when those agree, which a different
/// row does once in 2^(32 - log2 slots) times: once in 2,048 at 1.4 million
/// rows.
///
/// A key's home slot is the top bits of its hash. The words keep too few of
/// them to move a word when the table doubles, so doubling hashes every row
/// again, in row order: the columns are read front to back.
final class RowSet {
    /// Every column of the relation, in order: a row's key is all of it.
    private let columns: [Int]
    private let arity: Int
    private var slots: UnsafeMutablePointer<UInt32>
    private var slotCount: Int
    /// log2(slotCount): the bits of a word that hold a row.
    private var rowBits: UInt32
    /// 64 minus rowBits: shifting a hash right by it gives the home slot.
    private var shift: UInt64
    private(set) var count = 0

    init(arity: Int) {
        self.arity = arity
        columns = Array(0..<arity)
        rowBits = 4
        slotCount = 1 << Int(rowBits)
        shift = 64 - UInt64(rowBits)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        slots.deallocate()
    }

    /// The word of a row with this hash, but for its row bits.
    @inline(__always)
    private func fragment(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32) &<< rowBits
    }

    @inline(__always)
    private var rowMask: UInt32 { (1 &<< rowBits) &- 1 }

    /// Adds row `row` (the next one) with its hash.
    func add(row: Int, hash: UInt64, _ storage: RowStorage) {
        if (count + 1) * 10 > slotCount * 7 { grow(storage) }
        placeNew(row: row, hash: hash)
        count += 1
    }

    /// The row holding the given values, or -1.
    @inline(__always)
    func first(hash: UInt64, tags: UnsafePointer<UInt8>, payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Int32 {
        let fragment = fragment(hash), rowMask = rowMask
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while true {
            let word = slots[slot]
            if word == 0 { return -1 }
            if word & ~rowMask == fragment {
                let row = Int(word & rowMask) - 1
                if rowHolds(row, tags, payloads, storage) { return Int32(row) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The word of the slot a hash starts probing at (read ahead by batch
    /// inserts).
    @inline(__always)
    func slotWord(hash: UInt64) -> UInt32 {
        slots[Int(truncatingIfNeeded: hash >> shift)]
    }

    /// The row a slot word names, if its hash bits agree with `hash`.
    @inline(__always)
    func candidate(_ word: UInt32, hash: UInt64) -> Int? {
        guard word != 0, word & ~rowMask == fragment(hash) else { return nil }
        return Int(word & rowMask) - 1
    }

    // MARK: Placing new rows from several threads

    /// Grows the table, before `placeNew`, to hold `rows` more rows; the
    /// rows it holds must be in `storage`.
    func reserve(rows: Int, _ storage: RowStorage) {
        while (count + rows) * 10 > slotCount * 7 { grow(storage) }
    }

    /// Where the slots of region `region` of `regions` end: a row's home
    /// slot is the top bits of its hash, so the rows whose hash starts with
    /// the region's bits have their home in it.
    func regionEnd(_ region: Int, of regions: Int) -> Int {
        (region + 1) * (slotCount / regions)
    }

    /// Places a row known to be absent at the first empty slot from its
    /// home before `limit`; false when there is none (the row must then be
    /// placed by `placeNew(row:hash:)` once the threads placing other
    /// regions are done). Threads placing rows of different regions never
    /// write the same slot.
    @inline(__always)
    func placeNew(row: Int, hash: UInt64, before limit: Int) -> Bool {
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while slot < limit {
            if slots[slot] == 0 {
                slots[slot] = fragment(hash) | UInt32(truncatingIfNeeded: row + 1)
                return true
            }
            slot += 1
        }
        return false
    }

    /// Places a row known to be absent, probing past regions.
    func placeNew(row: Int, hash: UInt64) {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = fragment(hash) | UInt32(truncatingIfNeeded: row + 1)
    }

    /// Counts the rows `placeNew` placed.
    func placedNew(_ rows: Int) {
        count += rows
    }

    /// Forgets every row, keeping the allocated table.
    func removeAll() {
        slots.update(repeating: 0, count: slotCount)
        count = 0
    }

    @inline(__always)
    private func rowHolds(_ row: Int, _ tags: UnsafePointer<UInt8>, _ payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Bool {
        for column in 0..<arity where !storage.columns[column].holds(row, tag: tags[column], payload: payloads[column]) { return false }
        return true
    }

    /// Doubles the table and places every row again. Row numbers fill at
    /// most 31 bits, so a word keeps at least one bit of the hash.
    private func grow(_ storage: RowStorage) {
        precondition(rowBits < 31, "a relation of more than a billion rows")
        slots.deallocate()
        rowBits += 1
        slotCount *= 2
        shift -= 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        columns.withUnsafeBufferPointer { columns in
            for row in 0..<count { placeNew(row: row, hash: RowHash.of(row: row, in: storage, columns: columns)) }
        }
    }
}
