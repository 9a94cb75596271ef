#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rows with their hashes, in the order they came, kept until they are
/// inserted into a relation: what one chunk of a parallel run derived.
final class PendingRows {
    let arity: Int
    private(set) var count = 0
    private var capacity = 0
    private(set) var tags: UnsafeMutablePointer<UInt8>
    private(set) var payloads: UnsafeMutablePointer<UInt64>
    private(set) var hashes: UnsafeMutablePointer<UInt64>

    init(arity: Int) {
        self.arity = arity
        tags = Reallocation.allocate(1)
        payloads = Reallocation.allocate(1)
        hashes = Reallocation.allocate(1)
    }

    deinit {
        free(tags)
        free(payloads)
        free(hashes)
    }

    /// What the rows take, for the memory limit.
    var bytes: Int { count * (arity * 9 + 8) }

    /// Copies in the rows of `batch` whose bit is set in `selected`.
    func append(_ batch: RowBatch, selected: UInt64) {
        var remaining = selected
        while remaining != 0 {
            let position = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            if count == capacity { grow() }
            let from = position &* arity, to = count &* arity
            for column in 0..<arity {
                tags[to &+ column] = batch.tags[from &+ column]
                payloads[to &+ column] = batch.payloads[from &+ column]
            }
            hashes[count] = batch.hashes[position]
            count &+= 1
        }
    }

    /// Inserts the rows into `relation`, in order, and returns how many
    /// were new there.
    func insert(into relation: Relation) -> Int {
        var inserted = 0, start = 0
        while start < count {
            let rows = min(RowBatch.capacity, count - start)
            let base = start * arity
            inserted += relation.insertAll(tags: tags + base, payloads: payloads + base, hashes: hashes + start, count: rows).nonzeroBitCount
            start += rows
        }
        return inserted
    }

    private func grow() {
        capacity = max(256, capacity * 2)
        tags = Reallocation.grow(tags, to: capacity * arity)
        payloads = Reallocation.grow(payloads, to: capacity * arity)
        hashes = Reallocation.grow(hashes, to: capacity)
    }

    /// Per pending row: whether it is the first with its values, and the
    /// row it became. Each is written by one thread and read by others
    /// once it is done.
    final class Marks {
        let rows: UnsafeMutablePointer<UInt8>
        let placed: UnsafeMutablePointer<Int32>

        init(count: Int) {
            rows = .allocate(capacity: max(1, count))
            rows.initialize(repeating: 0, count: max(1, count))
            placed = .allocate(capacity: max(1, count))
        }

        deinit {
            rows.deallocate()
            placed.deallocate()
        }
    }

    /// Which of the columns in `mask` (bit i = column i) hold a value
    /// that a narrow cell cannot.
    func widened(of mask: UInt64) -> UInt64 {
        var widened: UInt64 = 0
        var remaining = mask
        while remaining != 0 {
            let column = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            var cell = column
            for _ in 0..<count {
                if !NarrowCell.fits(tag: tags[cell], payload: payloads[cell]) {
                    widened |= 1 << UInt64(column)
                    break
                }
                cell &+= arity
            }
        }
        return widened
    }

    /// The positions of a chunk's rows, by the region of the row set their
    /// hashes fall in, and the columns they widen.
    final class Regions {
        var positions: [[UInt32]]
        var widened: UInt64 = 0

        init(count: Int) {
            positions = [[UInt32]](repeating: [], count: count)
        }
    }

    /// Rows a thread could not place in its region, placed after.
    final class Spills {
        var rows: [(row: Int, hash: UInt64)] = []
    }
}
