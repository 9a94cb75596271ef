import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// The engine against an independent naive evaluator, on seeded random
/// stratified programs with recursion, negation, comparisons and count.
@Suite struct DifferentialTests {
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func semiNaiveAgreesWithNaive(seed: UInt64) throws {
        var generator = DatalogProgramGenerator(seed: seed)
        let (text, oracle, predicates) = generator.program()
        var expected = oracle
        expected.evaluate()
        let base = try knowledgeBase(text)
        for predicate in predicates {
            let answer = try rows(base, "?- \(predicate)(X, Y).")
            let oracleRows = (expected.facts[predicate] ?? []).sorted { $0.lexicographicallyPrecedes($1) }.map { "\($0[0]) \($0[1])" }
            #expect(answer == oracleRows, "seed \(seed), \(predicate):\n\(text)")
        }
    }

    /// Shuffling the order of facts and rules changes no answer.
    @Test(arguments: Array(UInt64(100)...UInt64(120)))
    func orderDoesNotMatter(seed: UInt64) throws {
        var generator = DatalogProgramGenerator(seed: seed)
        let (text, _, predicates) = generator.program()
        var random = SeededGenerator(seed: seed * 7)
        let shuffled = text.split(separator: "\n").shuffled(using: &random).joined(separator: "\n")
        let first = try knowledgeBase(text), second = try knowledgeBase(shuffled)
        for predicate in predicates {
            #expect(try rows(first, "?- \(predicate)(X, Y).") == rows(second, "?- \(predicate)(X, Y)."), "seed \(seed)")
        }
    }
}
