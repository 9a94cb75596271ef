@testable import RejoinderEngine
import RejoinderTestSupport
import Testing

/// A relation keeps a column in 4-byte cells while it holds only symbols
/// and small integers, and widens it for good at the first other value:
/// what it answers must not depend on which form a column is in.
@Suite struct ColumnStorageTests {
    @Test func aNarrowCellHoldsSymbolsAndIntegersOf31BitsAndNothingElse() {
        let fitting: [Value] = [.integer(0), .integer(-1), .integer(2020), .integer(-(1 << 30)), .integer((1 << 30) - 1),
                                symbol(0), symbol(1), symbol((1 << 31) - 1)]
        for value in fitting {
            let cell = NarrowCell.cell(tag: value.tag.rawValue, payload: value.payload)
            #expect(cell.map(NarrowCell.value) == value, "\(value)")
        }
        let notFitting: [Value] = [.integer(1 << 30), .integer(-(1 << 30) - 1), .integer(.max), .integer(.min),
                                   symbol(1 << 31), .number(0.5), .number(-1e300)]
        for value in notFitting {
            #expect(NarrowCell.cell(tag: value.tag.rawValue, payload: value.payload) == nil, "\(value)")
        }
        // The integer -1 and the symbol with every low bit set share no cell.
        #expect(NarrowCell.cell(tag: Value.Tag.integer.rawValue, payload: Value.integer(-1).payload)
            != NarrowCell.cell(tag: Value.Tag.symbol.rawValue, payload: (1 << 31) - 1))
    }

    @Test func aColumnWidenedByALaterRowKeepsItsEarlierRows() {
        let relation = Relation(arity: 2, capacity: 2)
        let early: [[Value]] = (0..<100).map { [.integer(Int64($0) - 50), symbol(UInt32($0))] }
        for row in early { #expect(relation.insert(row)) }
        #expect(relation.bytesPerRow == 16 + 2 * 4)
        let wide: [Value] = [.number(0.25), symbol(7)]
        #expect(relation.insert(wide))
        #expect(relation.insert([.integer(1 << 40), symbol(8)]))
        #expect(relation.bytesPerRow == 16 + 9 + 4, "only the first column widens")
        for (position, row) in early.enumerated() {
            #expect(relation.row(position) == row)
            #expect(relation.contains(row))
            #expect(!relation.insert(row), "a row already there is not added twice")
        }
        #expect(relation.row(100) == wide)
        #expect(relation.positions(matching: [nil, symbol(7)]) == [7, 100])
        #expect(relation.positions(matching: [.integer(-43), nil]) == [7])
        #expect(relation.count == 102)
    }

    /// A symbol and an integer with the same number inside stay two
    /// values, whichever form the column is in when each arrives.
    @Test func aSymbolAndAnIntegerWithTheSameBitsStayDistinctAcrossWidening() {
        let relation = Relation(arity: 1)
        #expect(relation.insert([.integer(5)]))
        #expect(relation.insert([symbol(5)]))
        #expect(relation.insert([.number(5.5)]))
        #expect(!relation.insert([.integer(5)]) && !relation.insert([symbol(5)]))
        #expect(relation.insert([.integer(6)]))
        #expect(relation.count == 4)
        #expect(relation.positions(matching: [.integer(5)]) == [0])
        #expect(relation.positions(matching: [symbol(5)]) == [1])
    }

    /// A parallel step's chunks (rows the relation lacks, some seen by
    /// two chunks) are merged in one pass; a chunk holding a double widens
    /// the column before any row is copied in.
    @Test func rowsMergedFromChunksWidenTheColumnTheyNeed() {
        let relation = Relation(arity: 2)
        for number in 0..<10 { relation.insert([.integer(Int64(number)), .integer(-Int64(number))]) }
        let narrowChunk = chunk([[.integer(20), .integer(1)], [.integer(21), .integer(1)]])
        let wideChunk = chunk([[.integer(20), .integer(1)], [.integer(22), .number(1.5)], [.integer(21), .integer(1)]])
        let added = relation.appendAbsent([narrowChunk, wideChunk]) { count, body in for number in 0..<count { body(number) } }
        #expect(added == 3)
        #expect((10..<13).map(relation.row) == [[.integer(20), .integer(1)], [.integer(21), .integer(1)], [.integer(22), .number(1.5)]])
        #expect((0..<10).allSatisfy { relation.row($0) == [.integer(Int64($0)), .integer(-Int64($0))] })
        #expect(relation.contains([.integer(22), .number(1.5)]))
        #expect(!relation.contains([.integer(22), .integer(1)]))
        #expect(relation.bytesPerRow == 16 + 4 + 9)
    }

    @Test func aRelationEmptiedAndRefilledAnswersAsBefore() {
        let relation = Relation(arity: 1)
        relation.insert([.number(0.5)])
        relation.removeAll()
        #expect(relation.count == 0 && !relation.contains([.number(0.5)]))
        #expect(relation.insert([.integer(1)]) && relation.insert([.number(0.5)]))
        #expect(relation.row(0) == [.integer(1)] && relation.row(1) == [.number(0.5)])
    }

    /// The row set keeps a few bits of each row's hash beside its number
    /// and hashes every row again as it doubles: through many doublings,
    /// some while chunks are merged, it finds every row and no other.
    @Test func theRowSetFindsEveryRowThroughItsDoublings() {
        let relation = Relation(arity: 2)
        let serial: (Int, (Int) -> Void) -> Void = { count, body in for number in 0..<count { body(number) } }
        for number in 0..<50_000 { relation.insert([.integer(Int64(number)), symbol(UInt32(number % 97))]) }
        let chunks = stride(from: 50_000, to: 200_000, by: 30_000).map { start in
            chunk((start..<(start + 30_000)).map { [.integer(Int64($0)), symbol(UInt32($0 % 97))] })
        }
        #expect(relation.appendAbsent(chunks, parallel: serial) == 150_000)
        for number in stride(from: 0, to: 200_000, by: 7) {
            #expect(relation.position(of: [.integer(Int64(number)), symbol(UInt32(number % 97))]) == number)
        }
        for number in stride(from: 0, to: 200_000, by: 13) where number % 97 != 0 {
            #expect(!relation.contains([.integer(Int64(number)), symbol(0)]))
        }
        #expect(!relation.insert([.integer(199_999), symbol(199_999 % 97)]))
        #expect(relation.insert([.integer(200_000), symbol(0)]) && relation.count == 200_001)
    }

    private func symbol(_ id: UInt32) -> Value { .symbol(SymbolID(rawValue: id)) }

    private func chunk(_ rows: [[Value]]) -> PendingRows {
        let arity = rows[0].count
        let batch = RowBatch(arity: arity), pending = PendingRows(arity: arity)
        for start in stride(from: 0, to: rows.count, by: RowBatch.capacity) {
            batch.removeAll()
            for row in rows[start..<min(rows.count, start + RowBatch.capacity)] {
                var tags = row.map(\.tag.rawValue), payloads = row.map(\.payload)
                batch.append(tags: &tags, payloads: &payloads)
            }
            pending.append(batch, selected: UInt64.max >> (64 - UInt64(batch.count)))
        }
        return pending
    }
}
