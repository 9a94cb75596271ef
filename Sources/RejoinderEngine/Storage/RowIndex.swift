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
    /// Whether every key has exactly one row (the relation's row set), so no
    /// chains are needed.
    private let isUnique: Bool
    private var slotRows: UnsafeMutablePointer<Int32>
    /// The full hash of each slot's key, so that growing the table needs
    /// no row read back.
    private var slotHashes: UnsafeMutablePointer<UInt64>
    private var slotCount: Int
    private var keyCount = 0
    private(set) var chain: UnsafeMutablePointer<Int32>
    private var chainCapacity: Int
    /// Rows `0..<indexedRows` are in the index.
    private(set) var indexedRows = 0

    init(columns: [Int], isUnique: Bool) {
        self.columns = columns
        self.isUnique = isUnique
        slotCount = 16
        slotRows = .allocate(capacity: slotCount)
        slotRows.initialize(repeating: -1, count: slotCount)
        slotHashes = .allocate(capacity: slotCount)
        slotHashes.initialize(repeating: 0, count: slotCount)
        chainCapacity = isUnique ? 0 : 16
        chain = Reallocation.allocate(max(1, chainCapacity))
    }

    deinit {
        slotRows.deallocate()
        slotHashes.deallocate()
        free(chain)
    }

    var distinctKeys: Int { keyCount }

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

    /// Adds one row whose hash is known (the relation's row set does this
    /// as each row is appended).
    func add(row: Int, hash: UInt64, _ storage: RowStorage) {
        columns.withUnsafeBufferPointer { columns in
            add(row: row, hash: hash, storage, columns)
        }
        indexedRows = row + 1
    }

    private func add(row: Int, hash: UInt64, _ storage: RowStorage, _ columns: UnsafeBufferPointer<Int>) {
        if !isUnique && row >= chainCapacity { growChain(toHold: row + 1) }
        if (keyCount + 1) * 10 > slotCount * 7 { grow() }
        let fragment = hash
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let head = slotRows[slot]
            if head < 0 {
                slotRows[slot] = Int32(row)
                slotHashes[slot] = fragment
                if !isUnique { chain[row] = -1 }
                keyCount += 1
                return
            }
            if !isUnique, slotHashes[slot] == fragment, rowsShareKey(Int(head), row, storage, columns) {
                chain[row] = head
                slotRows[slot] = Int32(row)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The newest row whose key equals the given values, or -1.
    @inline(__always)
    func first(hash: UInt64, tags: UnsafePointer<UInt8>, payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Int32 {
        let fragment = hash
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let head = slotRows[slot]
            if head < 0 { return -1 }
            if slotHashes[slot] == fragment && rowHasKey(Int(head), tags, payloads, storage) { return head }
            slot = (slot + 1) & mask
        }
    }

    /// Forgets every row, keeping the allocated table.
    func removeAll() {
        slotRows.update(repeating: -1, count: slotCount)
        keyCount = 0
        indexedRows = 0
    }

    @inline(__always)
    private func rowHasKey(_ row: Int, _ tags: UnsafePointer<UInt8>, _ payloads: UnsafePointer<UInt64>, _ storage: RowStorage) -> Bool {
        let base = row &* storage.arity
        var index = 0
        for column in columns {
            if storage.payloads[base &+ column] != payloads[index] || storage.tags[base &+ column] != tags[index] { return false }
            index &+= 1
        }
        return true
    }

    private func rowsShareKey(_ a: Int, _ b: Int, _ storage: RowStorage, _ columns: UnsafeBufferPointer<Int>) -> Bool {
        let baseA = a * storage.arity, baseB = b * storage.arity
        for column in columns {
            if storage.payloads[baseA + column] != storage.payloads[baseB + column] || storage.tags[baseA + column] != storage.tags[baseB + column] {
                return false
            }
        }
        return true
    }

    private func grow() {
        let oldRows = slotRows, oldHashes = slotHashes, oldCount = slotCount
        slotCount *= 2
        slotRows = .allocate(capacity: slotCount)
        slotRows.initialize(repeating: -1, count: slotCount)
        slotHashes = .allocate(capacity: slotCount)
        slotHashes.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for oldSlot in 0..<oldCount {
            let head = oldRows[oldSlot]
            guard head >= 0 else { continue }
            let hash = oldHashes[oldSlot]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slotRows[slot] >= 0 { slot = (slot + 1) & mask }
            slotRows[slot] = head
            slotHashes[slot] = hash
        }
        oldRows.deallocate()
        oldHashes.deallocate()
    }

    private func growChain(toHold rows: Int) {
        var capacity = max(16, chainCapacity)
        while capacity < rows { capacity *= 2 }
        chain = Reallocation.grow(chain, to: capacity)
        chainCapacity = capacity
    }
}
