/// Rows held back to be inserted into a relation together, so that the
/// hash-table reads of a whole batch can be issued before any insert waits
/// on one (see `Relation.insertAll(_:)`).
final class RowBatch {
    static let capacity = 64

    let arity: Int
    private(set) var count = 0
    let tags: UnsafeMutablePointer<UInt8>
    let payloads: UnsafeMutablePointer<UInt64>
    let hashes: UnsafeMutablePointer<UInt64>
    /// Where `Relation.absent(_:)` leaves what it read ahead (a batch has
    /// one owner, so threads checking their own batches never share it).
    var readAheadSink: UInt64 = 0

    init(arity: Int) {
        self.arity = arity
        tags = .allocate(capacity: max(1, RowBatch.capacity * arity))
        payloads = .allocate(capacity: max(1, RowBatch.capacity * arity))
        hashes = .allocate(capacity: RowBatch.capacity)
    }

    deinit {
        tags.deallocate()
        payloads.deallocate()
        hashes.deallocate()
    }

    var isFull: Bool { count == RowBatch.capacity }

    /// Copies one row in, with its hash.
    @inline(__always)
    func append(tags rowTags: UnsafePointer<UInt8>, payloads rowPayloads: UnsafePointer<UInt64>) {
        let base = count &* arity
        for column in 0..<arity {
            tags[base &+ column] = rowTags[column]
            payloads[base &+ column] = rowPayloads[column]
        }
        hashes[count] = RowHash.of(tags: rowTags, payloads: rowPayloads, count: arity)
        count &+= 1
    }

    func removeAll() { count = 0 }
}
