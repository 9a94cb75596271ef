#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of one predicate in one view: a de-duplicating set of
/// fixed-width rows, stored row-major as one tag byte and one 64-bit payload
/// per column, with hash indexes on column sets built on first use.
///
/// Rows are only ever appended, so a row is named by its position and a range
/// of positions is a cheap snapshot (the delta of a semi-naive round).
public final class Relation {
    public let arity: Int
    public private(set) var count = 0
    private var capacity: Int
    private var tags: UnsafeMutablePointer<UInt8>
    private var payloads: UnsafeMutablePointer<UInt64>
    private let rowSet: RowIndex
    /// Where `insertAll` leaves what it read ahead, so that the reads are
    /// not optimised away.
    private var prefetchSink: UInt64 = 0
    private var indexes: [UInt64: RowIndex] = [:]

    public init(arity: Int, capacity: Int = 8) {
        self.arity = arity
        self.capacity = max(1, capacity)
        let cells = max(1, self.capacity * arity)
        tags = Reallocation.allocate(cells)
        payloads = Reallocation.allocate(cells)
        rowSet = RowIndex(columns: Array(0..<arity), isUnique: true)
    }

    deinit {
        free(tags)
        free(payloads)
    }

    var storage: RowStorage { RowStorage(arity: arity, tags: tags, payloads: payloads) }

    @inline(__always)
    public func value(row: Int, column: Int) -> Value {
        let cell = row &* arity &+ column
        return Value(tag: Value.Tag(rawValue: tags[cell])!, payload: payloads[cell])
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
        for position in 0..<rows { touched ^= rowSet.slotWord(hash: hashes[position]) }
        for position in 0..<rows {
            let word = rowSet.slotWord(hash: hashes[position])
            if let row = rowSet.candidate(word, hash: hashes[position]) { touched ^= payloads[row &* arity] }
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
        // 1. Each chunk's rows by region.
        let sorted = chunks.map { _ in PendingRows.Regions(count: regions) }
        parallel(chunks.count) { number in
            let chunk = chunks[number]
            for position in 0..<chunk.count {
                sorted[number].positions[Int(truncatingIfNeeded: chunk.hashes[position] >> (64 - regionBits))].append(UInt32(position))
            }
        }
        // 2. Which rows come first with their values, and how many each
        //    chunk keeps in each region.
        let firsts = chunks.map { PendingRows.Marks(count: $0.count) }
        let kept = UnsafeMutablePointer<Int>.allocate(capacity: regions * chunks.count)
        kept.initialize(repeating: 0, count: regions * chunks.count)
        defer { kept.deallocate() }
        parallel(regions) { region in
            var seen = SeenRows(capacity: sorted.reduce(0) { $0 + $1.positions[region].count })
            for number in chunks.indices {
                for position in sorted[number].positions[region] where seen.insert(chunk: number, position: Int(position), of: chunks, arity: arity) {
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
        rowSet.reserve(keys: added)
        // 3. Copy each chunk's first rows in order, noting where each went.
        let (tags, payloads) = (self.tags, self.payloads)
        parallel(chunks.count) { number in
            let chunk = chunks[number], marks = firsts[number]
            var row = starts[number]
            for position in 0..<chunk.count where marks.rows[position] != 0 {
                let from = position &* arity, to = row &* arity
                for column in 0..<arity {
                    tags[to &+ column] = chunk.tags[from &+ column]
                    payloads[to &+ column] = chunk.payloads[from &+ column]
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
        rowSet.placedNew(added, rows: count + added)
        count += added
        return added
    }

    /// Appends every row of `other` that this relation lacks.
    func insertAll(from other: Relation) {
        precondition(other.arity == arity)
        for row in 0..<other.count {
            let base = row * arity
            insert(tags: other.tags + base, payloads: other.payloads + base)
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
            index = RowIndex(columns: (0..<arity).filter { mask & (1 << UInt64($0)) != 0 }, isUnique: false)
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
        var mask: UInt64 = 0
        for (column, value) in pattern.enumerated() where value != nil { mask |= 1 << UInt64(column) }
        let index = self.index(on: mask)
        let keyTags = key.map(\.tag.rawValue), keyPayloads = key.map(\.payload)
        var found: [Int] = []
        var row = firstMatch(in: index, keyTags: keyTags, keyPayloads: keyPayloads, keyCount: key.count)
        while row >= 0 {
            found.append(Int(row))
            row = index.chain[Int(row)]
        }
        return found.reversed()
    }

    /// The newest row matching the key through the index on `mask`, or -1;
    /// older matches follow through `index.chain`.
    @inline(__always)
    func firstMatch(in index: RowIndex, keyTags: UnsafePointer<UInt8>, keyPayloads: UnsafePointer<UInt64>, keyCount: Int) -> Int32 {
        let hash = RowHash.of(tags: keyTags, payloads: keyPayloads, count: keyCount)
        return index.first(hash: hash, tags: keyTags, payloads: keyPayloads, storage)
    }

    /// Pointers to the cells of one row, for the evaluator's inner loops.
    @inline(__always)
    func cells(of row: Int) -> (tags: UnsafePointer<UInt8>, payloads: UnsafePointer<UInt64>) {
        let base = row &* arity
        return (UnsafePointer(tags + base), UnsafePointer(payloads + base))
    }

    private func append(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>, hash: UInt64) {
        if count == capacity { reserve(capacity * 2) }
        let base = count &* arity
        for column in 0..<arity {
            tags[base &+ column] = rowTags[column]
            payloads[base &+ column] = rowPayloads[column]
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
        let cells = max(1, newCapacity * arity)
        tags = Reallocation.grow(tags, to: cells)
        payloads = Reallocation.grow(payloads, to: cells)
        capacity = newCapacity
    }
}

/// The rows of pending chunks met so far in one region, by their values:
/// open addressing over (chunk, position) references.
private struct SeenRows {
    private var slots: [UInt64]
    private var hashes: [UInt64]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Whether the row at `position` of chunk `chunk` was not met before
    /// (it is remembered from now on).
    mutating func insert(chunk: Int, position: Int, of chunks: [PendingRows], arity: Int) -> Bool {
        let hash = chunks[chunk].hashes[position]
        var slot = Int(truncatingIfNeeded: hash) & mask
        let row = chunks[chunk].tags + position * arity, values = chunks[chunk].payloads + position * arity
        while slots[slot] != 0 {
            if hashes[slot] == hash {
                let other = slots[slot] - 1
                let otherChunk = chunks[Int(other >> 32)], otherPosition = Int(other & 0xFFFF_FFFF) * arity
                if (0..<arity).allSatisfy({ otherChunk.tags[otherPosition + $0] == row[$0] && otherChunk.payloads[otherPosition + $0] == values[$0] }) {
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
