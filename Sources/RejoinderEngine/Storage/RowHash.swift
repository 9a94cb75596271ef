/// The hash of a row or of some of its columns. Both the stored rows and the
/// keys probed with must hash through these functions so that they agree.
enum RowHash {
    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func combine(_ hash: UInt64, tag: UInt8, payload: UInt64) -> UInt64 {
        ((hash << 5 | hash >> 59) ^ (payload &+ UInt64(tag) &* 0x2545_F491_4F6C_DD1D)) &* 0x517C_C1B7_2722_0A95
    }

    /// The murmur3 finalizer: spreads entropy into the low bits used for slots.
    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 {
        var h = hash
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// Hash of `count` consecutive values.
    @inline(__always)
    static func of(tags: UnsafePointer<UInt8>, payloads: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        var hash = seed
        for index in 0..<count {
            hash = combine(hash, tag: tags[index], payload: payloads[index])
        }
        return finish(hash)
    }

    /// Hash of the chosen columns of one stored row.
    @inline(__always)
    static func of(row: Int, in storage: RowStorage, columns: UnsafeBufferPointer<Int>) -> UInt64 {
        var hash = seed
        for column in columns {
            let value = storage.columns[column].value(row)
            hash = combine(hash, tag: value.tag.rawValue, payload: value.payload)
        }
        return finish(hash)
    }
}

/// The columns of a relation, passed to indexes so they can read the rows
/// they index.
struct RowStorage {
    let columns: UnsafeMutablePointer<ColumnCells>
}
