#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash index of a relation's rows on some of its columns: for each
/// distinct key, the chain of rows that have it, newest first.
///
/// Chains run newest first so that a scan restricted to a range of rows
/// (the delta of semi-naive evaluation, or the rows before it) can skip the
/// rows above the range and stop at the first row below it. Rows are added
/// in order, as the relation grows (`catchUp`).
final class RowIndex {
    /// The indexed columns, in key order.
    let columns: [Int]
    /// Open addressing, one 64-bit word per slot: the high half holds the
    /// high half of the key's hash, the low half the newest row with the key
    /// plus one (0 for an empty slot). A probe touches one word, and reads a
    /// row back only when the hashes agree.
    ///
    /// A key's home slot is the top bits of its hash, which the word keeps:
    /// so doubling the table needs no row read back, and it walks the old
    /// slots and fills the new ones both front to back.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCount: Int
    /// 64 minus log2(slotCount): shifting a hash right by it gives the home slot.
    private var shift: UInt64
    private var keyCount = 0
    private(set) var chain: UnsafeMutablePointer<Int32>
    private var chainCapacity: Int
    /// Rows `0..<indexedRows` are in the index.
    private(set) var indexedRows = 0

    init(columns: [Int]) {
        self.columns = columns
        slotCount = 16
        shift = 60
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        chainCapacity = 16
        chain = Reallocation.allocate(max(1, chainCapacity))
    }

    deinit {
        slots.deallocate()
        free(chain)
    }

    /// Adds the rows the relation has gained since the last call.
    func catchUp(_ storage: RowStorage, rowCount: Int) {
        guard indexedRows < rowCount else { return }
        columns.withUnsafeBufferPointer { columns in
            for row in indexedRows..<rowCount {
                add(row: row, hash: RowHash.of(row: row, in: storage, columns: columns), storage, columns)
            }
        }
        indexedRows = rowCount
    }

    @inline(__always)
    private func add(row: Int, hash: UInt64, _ storage: RowStorage, _ columns: UnsafeBufferPointer<Int>) {
        if row >= chainCapacity { growChain(toHold: row + 1) }
        if (keyCount + 1) * 10 > slotCount * 7 { grow() }
        place(row: row, hash: hash, storage, columns)
    }

    private func place(row: Int, hash: UInt64, _ storage: RowStorage, _ columns: UnsafeBufferPointer<Int>) {
        let fragment = hash & 0xFFFF_FFFF_0000_0000
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while true {
            let word = slots[slot]
            if word == 0 {
                slots[slot] = fragment | UInt64(row + 1)
                chain[row] = -1
                keyCount += 1
                return
            }
            if word & 0xFFFF_FFFF_0000_0000 == fragment {
                let head = Int(word & 0xFFFF_FFFF) - 1
                if rowsShareKey(head, row, storage, columns) {
                    chain[row] = Int32(head)
                    slots[slot] = fragment | UInt64(row + 1)
                    return
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The newest row whose key is the `keyCount` values given, or -1;
    /// older ones follow through `chain`.
    @inline(__always)
    func first(keyTags: UnsafePointer<UInt8>, keyPayloads: UnsafePointer<UInt64>, keyCount: Int, _ storage: RowStorage) -> Int32 {
        first(hash: RowHash.of(tags: keyTags, payloads: keyPayloads, count: keyCount), tags: keyTags, payloads: keyPayloads, storage)
    }

    /// The newest row whose key equals the given values, or -1.
    @inline(__always)
    private func first(hash: UInt64, tags: UnsafePointer<UInt8>, payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Int32 {
        let fragment = hash & 0xFFFF_FFFF_0000_0000
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while true {
            let word = slots[slot]
            if word == 0 { return -1 }
            if word & 0xFFFF_FFFF_0000_0000 == fragment {
                let head = Int(word & 0xFFFF_FFFF) - 1
                if rowHasKey(head, tags, payloads, storage) { return Int32(head) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Forgets every row, keeping the allocated table.
    func removeAll() {
        slots.update(repeating: 0, count: slotCount)
        keyCount = 0
        indexedRows = 0
    }

    @inline(__always)
    private func rowHasKey(_ row: Int, _ tags: UnsafePointer<UInt8>, _ payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Bool {
        var index = 0
        for column in columns {
            if !storage.columns[column].holds(row, tag: tags[index], payload: payloads[index]) { return false }
            index &+= 1
        }
        return true
    }

    private func rowsShareKey(_ a: Int, _ b: Int, _ storage: RowStorage, _ columns: UnsafeBufferPointer<Int>) -> Bool {
        for column in columns where !storage.columns[column].same(a, b) { return false }
        return true
    }

    /// Doubles the table. Tables stay below 2^32 slots, so the hash half a
    /// word keeps holds every bit of the new home slot.
    private func grow() {
        let oldSlots = slots, oldCount = slotCount
        slotCount *= 2
        shift -= 1
        precondition(shift >= 32, "a row index beyond 2^32 slots")
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for oldSlot in 0..<oldCount {
            let word = oldSlots[oldSlot]
            guard word != 0 else { continue }
            var slot = Int(truncatingIfNeeded: word >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = word
        }
        oldSlots.deallocate()
    }

    private func growChain(toHold rows: Int) {
        var capacity = max(16, chainCapacity)
        while capacity < rows { capacity *= 2 }
        chain = Reallocation.grow(chain, to: capacity)
        chainCapacity = capacity
    }
}
