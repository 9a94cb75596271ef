@testable import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// The lookups that interactive paths (`why`, completion, answer order)
/// make through indexes and ranks, against the plain scans and sorts they
/// replace, on seeded random data.
@Suite struct IndexedLookupTests {
    /// Random values of every kind, with repeats: small integers, decimals
    /// equal to some of them, symbols and ranges.
    private func randomValues(_ count: Int, symbols: SymbolTable, random: inout SeededGenerator) -> [Value] {
        let names = ["a", "b", "ab", "B", "zeta", "é", "a_1", "a10", "a9"].map { Value.symbol(symbols.intern($0)) }
        return (0..<count).map { _ in
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return .integer(Int64.random(in: -3...3, using: &random))
            case 1: return .number(Double(Int.random(in: -6...6, using: &random)) / 2)
            case 2: return names.randomElement(using: &random)!
            default:
                let low = Int64.random(in: 2000...2003, using: &random)
                return symbols.range(low...(low + Int64.random(in: 0...2, using: &random)))
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(20)))
    func positionsMatchingAreTheRowsAScanFinds(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let symbols = SymbolTable()
        let relation = Relation(arity: 3)
        for _ in 0..<300 { relation.insert(randomValues(3, symbols: symbols, random: &random)) }
        for _ in 0..<50 {
            let probe = randomValues(3, symbols: symbols, random: &random)
            let pattern = probe.map { Bool.random(using: &random) ? $0 : nil }
            let scanned = (0..<relation.count).filter { row in
                zip(relation.row(row), pattern).allSatisfy { $1 == nil || $0 == $1 }
            }
            #expect(relation.positions(matching: pattern) == scanned, "seed \(seed), \(pattern)")
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(20)))
    func valueOrderSortsAsCompareDoes(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let symbols = SymbolTable()
        let relation = Relation(arity: 2)
        for _ in 0..<200 { relation.insert(randomValues(2, symbols: symbols, random: &random)) }
        let rows = (0..<relation.count).filter { _ in Bool.random(using: &random) }
        let expected = rows.sorted { lhs, rhs in
            for (a, b) in zip(relation.row(lhs), relation.row(rhs)) where symbols.compare(a, b) != 0 { return symbols.compare(a, b) < 0 }
            return false
        }
        #expect(symbols.valueOrder(of: rows, in: relation) == expected, "seed \(seed)")
    }

    /// A constant stored by a later load is offered too: the sorted names
    /// are made again when the stored symbols change.
    @Test func constantNamesFollowLoads() throws {
        let base = try knowledgeBase("p(apple, 1). p(apricot, 2). q(banana, \"a b\").")
        #expect(base.constantNames(startingWith: "ap") == ["apple", "apricot"])
        #expect(base.constantNames(startingWith: "") == ["a b", "apple", "apricot", "banana"])
        #expect(base.constantNames(startingWith: "c") == [])
        try base.load([Parser.parse(SourceFile(name: "more.rj", text: "q(apex, 3). r(cherry)."))])
        #expect(base.constantNames(startingWith: "ap") == ["apex", "apple", "apricot"])
        #expect(base.constantNames(startingWith: "ch") == ["cherry"])
    }
}
