#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of one predicate in one view: a de-duplicating set of
/// fixed-width rows, stored column by column (`ColumnCells`: 4 bytes a cell
/// while a column holds only symbols and small integers), with hash indexes
/// on column sets built on first use.
///
/// Rows are only ever appended, so a row is named by its position and a range
/// of positions is a cheap snapshot (the delta of a semi-naive round).
public final class Relation {
    public let arity: Int
    public private(set) var count = 0
    private var capacity: Int
    /// `arity` columns (one unused slot when the arity is 0).
    private let columns: UnsafeMutablePointer<ColumnCells>
    private let rowSet: RowSet
    /// Where `insertAll` leaves what it read ahead, so that the reads are
    /// not optimised away.
    private var prefetchSink: UInt64 = 0
    private var indexes: [UInt64: RowIndex] = [:]

    public init(arity: Int, capacity: Int = 8) {
        self.arity = arity
        self.capacity = max(1, capacity)
        columns = .allocate(capacity: max(1, arity))
        for column in 0..<arity { (columns + column).initialize(to: ColumnCells(capacity: self.capacity)) }
        rowSet = RowSet(arity: arity)
    }

    deinit {
        for column in 0..<arity { columns[column].deallocate() }
        columns.deinitialize(count: arity)
        columns.deallocate()
    }

    var storage: RowStorage { RowStorage(columns: columns) }

    @inline(__always)
    public func value(row: Int, column: Int) -> Value {
        columns[column].value(row)
    }

    /// What one row takes besides its cells: its slot in the row set and
    /// in an index, about.
    static let bytesPerRowOutsideCells = 16

    /// What one row takes as the columns are now, for the memory limit.
    var bytesPerRow: Int { (0..<arity).reduce(Relation.bytesPerRowOutsideCells) { $0 + columns[$1].bytesPerCell } }

    /// Calls `body` with row `row` copied into two buffers of `arity`
    /// values each, the form rows are inserted and probed in.
    @inline(__always)
    func withRow<Result>(_ row: Int, _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt64>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, arity)) { tags in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, arity)) { payloads in
                for column in 0..<arity {
                    let value = columns[column].value(row)
                    tags[column] = value.tag.rawValue
                    payloads[column] = value.payload
                }
                return body(UnsafePointer(tags.baseAddress!), UnsafePointer(payloads.baseAddress!))
            }
        }
    }

    public func row(_ row: Int) -> [Value] {
        (0..<arity).map { value(row: row, column: $0) }
    }

    /// All rows, in insertion order.
    public var rows: [[Value]] { (0..<count).map(row) }

    /// Inserts a row unless it is already present; returns whether it was new.
    @discardableResult
    public func insert(_ row: [Value]) -> Bool {
        precondition(row.count == arity, "row width \(row.count) in a relation of arity \(arity)")
        let rowTags = row.map(\.tag.rawValue)
        let rowPayloads = row.map(\.payload)
        return rowTags.withUnsafeBufferPointer { tagBuffer in
            rowPayloads.withUnsafeBufferPointer { payloadBuffer in
                insert(tags: tagBuffer.baseAddress!, payloads: payloadBuffer.baseAddress!)
            }
        }
    }

    /// Inserts the row held in the two buffers (`arity` values each) unless
    /// it is already present; returns whether it was new.
    @inline(__always)
    @discardableResult
    func insert(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>) -> Bool {
        let hash = RowHash.of(tags: rowTags, payloads: rowPayloads, count: arity)
        if rowSet.first(hash: hash, tags: rowTags, payloads: rowPayloads, storage) >= 0 { return false }
        append(tags: rowTags, payloads: rowPayloads, hash: hash)
        return true
    }

    /// The position of the row held in the buffers, appending it first if
    /// it is absent.
    @inline(__always)
    func position(insertingTags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>) -> Int {
        let hash = RowHash.of(tags: rowTags, payloads: rowPayloads, count: arity)
        let found = rowSet.first(hash: hash, tags: rowTags, payloads: rowPayloads, storage)
        if found >= 0 { return Int(found) }
        append(tags: rowTags, payloads: rowPayloads, hash: hash)
        return count - 1
    }

    /// The position of the row held in the buffers, if present.
    @inline(__always)
    func position(ofTags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>) -> Int? {
        let found = rowSet.first(hash: RowHash.of(tags: rowTags, payloads: rowPayloads, count: arity), tags: rowTags, payloads: rowPayloads, storage)
        return found >= 0 ? Int(found) : nil
    }

    /// Whether the row held in the buffers is present.
    @inline(__always)
    func contains(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>) -> Bool {
        let hash = RowHash.of(tags: rowTags, payloads: rowPayloads, count: arity)
        return rowSet.first(hash: hash, tags: rowTags, payloads: rowPayloads, storage) >= 0
    }

    /// The position of a row, if present.
    func position(of row: [Value]) -> Int? {
        let rowTags = row.map(\.tag.rawValue)
        let rowPayloads = row.map(\.payload)
        let found = rowTags.withUnsafeBufferPointer { tagBuffer in
            rowPayloads.withUnsafeBufferPointer { payloadBuffer in
                rowSet.first(hash: RowHash.of(tags: tagBuffer.baseAddress!, payloads: payloadBuffer.baseAddress!, count: arity),
                             tags: tagBuffer.baseAddress!, payloads: payloadBuffer.baseAddress!, storage)
            }
        }
        return found >= 0 ? Int(found) : nil
    }

    public func contains(_ row: [Value]) -> Bool {
        let rowTags = row.map(\.tag.rawValue)
        let rowPayloads = row.map(\.payload)
        return rowTags.withUnsafeBufferPointer { tagBuffer in
            rowPayloads.withUnsafeBufferPointer { payloadBuffer in
                contains(tags: tagBuffer.baseAddress!, payloads: payloadBuffer.baseAddress!)
            }
        }
    }

    /// Inserts the rows of a batch that are new, in order, and returns
    /// which were (bit i for the batch's row i).
    ///
    /// Inserting into a large relation waits on memory: one cache miss for
    /// the row set's slot, another to compare a row that may be the same.
    /// Reading every slot of the batch first, then every candidate row,
    /// lets those misses overlap, and the inserts then find both in cache.
    @discardableResult
    func insertAll(_ batch: RowBatch) -> UInt64 {
        insertAll(tags: batch.tags, payloads: batch.payloads, hashes: batch.hashes, count: batch.count)
    }

    /// `insertAll(_:)` for `count` (at most 64) rows held in the buffers.
    @discardableResult
    func insertAll(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>, hashes: UnsafePointer<UInt64>,
                   count rows: Int) -> UInt64 {
        prefetchSink = readAhead(hashes: hashes, count: rows)
        var inserted: UInt64 = 0
        for position in 0..<rows {
            let base = position &* arity
            let hash = hashes[position]
            if rowSet.first(hash: hash, tags: rowTags + base, payloads: rowPayloads + base, storage) < 0 {
                append(tags: rowTags + base, payloads: rowPayloads + base, hash: hash)
                inserted |= 1 << UInt64(position)
            }
        }
        return inserted
    }

    /// Which of the batch's rows are absent (bit i for row i), reading the
    /// relation only: threads may ask this together while nothing inserts.
    func absent(_ batch: RowBatch) -> UInt64 {
        batch.readAheadSink = readAhead(hashes: batch.hashes, count: batch.count)
        var absent: UInt64 = 0
        for position in 0..<batch.count {
            let base = position &* arity
            if rowSet.first(hash: batch.hashes[position], tags: batch.tags + base, payloads: batch.payloads + base, storage) < 0 {
                absent |= 1 << UInt64(position)
            }
        }
        return absent
    }

    /// Reads the row-set slot of every hash, then every candidate row, so
    /// that the cache misses of a batch overlap; returns what it read, for
    /// the caller to keep the reads from being optimised away.
    @inline(__always)
    private func readAhead(hashes: UnsafePointer<UInt64>, count rows: Int) -> UInt64 {
        var touched: UInt64 = 0
        for position in 0..<rows { touched ^= UInt64(rowSet.slotWord(hash: hashes[position])) }
        for position in 0..<rows {
            let word = rowSet.slotWord(hash: hashes[position])
            if arity > 0, let row = rowSet.candidate(word, hash: hashes[position]) { touched ^= columns[0].touch(row) }
        }
        return touched
    }

    /// Appends the rows held in `chunks` (none of which this relation has),
    /// in order, each once: the same rows in the same order as inserting
    /// each chunk in turn would give, with the work shared by threads.
    /// `parallel(n, body)` runs `body(0)` to `body(n - 1)`, perhaps at once.
    ///
    /// The rows' hashes say which region of the row set their home slots
    /// lie in (its top bits). Each chunk's rows are sorted into regions;
    /// one thread per region finds the rows seen twice among its own; each
    /// chunk's rows are copied to the place their order gives them; and
    /// each region's rows are put in its slots. A row whose probe would run
    /// past its region is placed afterwards.
    func appendAbsent(_ chunks: [PendingRows], parallel: (Int, (Int) -> Void) -> Void) -> Int {
        let regionBits: UInt64 = 4, regions = 1 << Int(regionBits)
        let arity = self.arity
        // 1. Each chunk's rows by region, and the columns they widen.
        let sorted = chunks.map { _ in PendingRows.Regions(count: regions) }
        var narrowColumns: UInt64 = 0
        for column in 0..<arity where columns[column].isNarrow { narrowColumns |= 1 << UInt64(column) }
        parallel(chunks.count) { number in
            let chunk = chunks[number]
            for position in 0..<chunk.count {
                sorted[number].positions[Int(truncatingIfNeeded: chunk.hashes[position] >> (64 - regionBits))].append(UInt32(position))
            }
            sorted[number].widened = chunk.widened(of: narrowColumns)
        }
        // 2. Which rows come first with their values, and how many each
        //    chunk keeps in each region.
        let firsts = chunks.map { PendingRows.Marks(count: $0.count) }
        let kept = UnsafeMutablePointer<Int>.allocate(capacity: regions * chunks.count)
        kept.initialize(repeating: 0, count: regions * chunks.count)
        defer { kept.deallocate() }
        parallel(regions) { region in
            var seen = SeenRows(capacity: sorted.reduce(0) { $0 + $1.positions[region].count }, chunks: chunks, arity: arity)
            for number in chunks.indices {
                for position in sorted[number].positions[region] where seen.insert(chunk: number, position: Int(position)) {
                    firsts[number].rows[Int(position)] = 1
                    kept[region * chunks.count + number] += 1
                }
            }
        }
        var starts = [count]
        for number in chunks.indices { starts.append(starts[number] + (0..<regions).reduce(0) { $0 + kept[$1 * chunks.count + number] }) }
        let added = starts[chunks.count] - count
        guard added > 0 else { return 0 }
        reserve(count + added)
        rowSet.reserve(rows: added, storage)
        // 3. Copy each chunk's first rows in order, noting where each went.
        //    A column widens first if a row kept may not fit it narrow.
        let widened = sorted.reduce(0) { $0 | $1.widened }
        for column in 0..<arity where widened & (1 << UInt64(column)) != 0 { columns[column].widen(rows: count, capacity: capacity) }
        let columns = self.columns
        parallel(chunks.count) { number in
            let chunk = chunks[number], marks = firsts[number]
            var row = starts[number]
            for position in 0..<chunk.count where marks.rows[position] != 0 {
                let from = position &* arity
                for column in 0..<arity {
                    columns[column].set(row, tag: chunk.tags[from &+ column], payload: chunk.payloads[from &+ column])
                }
                marks.placed[position] = Int32(row)
                row += 1
            }
        }
        // 4. Put them in the row set, region by region.
        let spills = (0..<regions).map { _ in PendingRows.Spills() }
        let rowSet = self.rowSet
        parallel(regions) { region in
            let limit = rowSet.regionEnd(region, of: regions)
            for number in chunks.indices {
                let chunk = chunks[number], marks = firsts[number]
                for position in sorted[number].positions[region] where marks.rows[Int(position)] != 0 {
                    let row = Int(marks.placed[Int(position)]), hash = chunk.hashes[Int(position)]
                    if !rowSet.placeNew(row: row, hash: hash, before: limit) { spills[region].rows.append((row, hash)) }
                }
            }
        }
        for spill in spills { for (row, hash) in spill.rows { rowSet.placeNew(row: row, hash: hash) } }
        rowSet.placedNew(added)
        count += added
        return added
    }

    /// Appends every row of `other` that this relation lacks.
    func insertAll(from other: Relation) {
        precondition(other.arity == arity)
        for row in 0..<other.count {
            other.withRow(row) { tags, payloads in _ = insert(tags: tags, payloads: payloads) }
        }
    }

    /// Forgets every row, keeping the memory for reuse.
    func removeAll() {
        count = 0
        rowSet.removeAll()
        indexes.removeAll()
    }

    /// The index on the columns in `mask` (bit i = column i), built or
    /// brought up to date on demand.
    func index(on mask: UInt64) -> RowIndex {
        let index: RowIndex
        if let existing = indexes[mask] {
            index = existing
        } else {
            index = RowIndex(columns: (0..<arity).filter { mask & (1 << UInt64($0)) != 0 })
            indexes[mask] = index
        }
        index.catchUp(storage, rowCount: count)
        return index
    }

    /// The positions of the rows whose columns equal the values given (nil
    /// matches anything), oldest first, read through the index on the
    /// columns given rather than by a scan of every row.
    func positions(matching pattern: [Value?]) -> [Int] {
        precondition(pattern.count == arity)
        let key = pattern.compactMap { $0 }
        guard !key.isEmpty else { return Array(0..<count) }
        if key.count == arity { return position(of: key).map { [$0] } ?? [] }
        var mask: UInt64 = 0
        for (column, value) in pattern.enumerated() where value != nil { mask |= 1 << UInt64(column) }
        let index = self.index(on: mask)
        let keyTags = key.map(\.tag.rawValue), keyPayloads = key.map(\.payload)
        var found: [Int] = []
        var row = index.first(keyTags: keyTags, keyPayloads: keyPayloads, keyCount: key.count, storage)
        while row >= 0 {
            found.append(Int(row))
            row = index.chain[Int(row)]
        }
        return found.reversed()
    }

    private func append(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>, hash: UInt64) {
        if count == capacity { reserve(capacity * 2) }
        for column in 0..<arity {
            columns[column].store(count, tag: rowTags[column], payload: rowPayloads[column], capacity: capacity)
        }
        rowSet.add(row: count, hash: hash, storage)
        count += 1
    }

    /// Grows the storage with realloc, which extends large blocks in place
    /// (by remapping pages) instead of copying them into a new one.
    private func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        var newCapacity = capacity
        while newCapacity < rows { newCapacity *= 2 }
        for column in 0..<arity { columns[column].grow(to: newCapacity) }
        capacity = newCapacity
    }
}

/// The rows of pending chunks met so far in one region, by their values:
/// open addressing over (chunk, position) references. The chunks' buffers
/// are read through plain pointers: a reference to a chunk, counted at
/// every row from both threads, would make its count's cache line travel
/// between the cores.
private struct SeenRows {
    private var slots: [UInt64]
    private var hashes: [UInt64]
    private let mask: Int
    private let arity: Int
    private let chunkTags: [UnsafeMutablePointer<UInt8>]
    private let chunkPayloads: [UnsafeMutablePointer<UInt64>]
    private let chunkHashes: [UnsafeMutablePointer<UInt64>]

    init(capacity: Int, chunks: [PendingRows], arity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
        self.arity = arity
        chunkTags = chunks.map(\.tags)
        chunkPayloads = chunks.map(\.payloads)
        chunkHashes = chunks.map(\.hashes)
    }

    /// Whether the row at `position` of chunk `chunk` was not met before
    /// (it is remembered from now on).
    mutating func insert(chunk: Int, position: Int) -> Bool {
        let hash = chunkHashes[chunk][position]
        var slot = Int(truncatingIfNeeded: hash) & mask
        let row = chunkTags[chunk] + position * arity, values = chunkPayloads[chunk] + position * arity
        while slots[slot] != 0 {
            if hashes[slot] == hash {
                let other = slots[slot] - 1
                let otherChunk = Int(other >> 32), otherPosition = Int(other & 0xFFFF_FFFF) * arity
                let otherTags = chunkTags[otherChunk] + otherPosition, otherValues = chunkPayloads[otherChunk] + otherPosition
                if (0..<arity).allSatisfy({ otherTags[$0] == row[$0] && otherValues[$0] == values[$0] }) {
                    return false
                }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = (UInt64(chunk) << 32 | UInt64(position)) + 1
        hashes[slot] = hash
        return true
    }
}

/// malloc, realloc and free for buffers of plain values that grow: realloc
/// can extend a large block in place, so growing never needs the old and
/// the new block at once.
enum Reallocation {
    static func allocate<Element>(_ count: Int) -> UnsafeMutablePointer<Element> {
        guard let memory = malloc(max(1, count) * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return memory.bindMemory(to: Element.self, capacity: max(1, count))
    }

    static func grow<Element>(_ pointer: UnsafeMutablePointer<Element>, to count: Int) -> UnsafeMutablePointer<Element> {
        guard let memory = realloc(pointer, max(1, count) * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return memory.bindMemory(to: Element.self, capacity: max(1, count))
    }
}
