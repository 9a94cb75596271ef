import RejoinderEngine
import RejoinderSyntax
import Testing

/// Dung's grounded semantics on the classic small frameworks, answers
/// written out.
@Suite struct GroundedSemanticsTests {
    private func statuses(_ attacks: String, arguments: String = "") throws -> [String] {
        try rows(arguments + attacks, "?- status(X, S).", vocabulary: true)
    }

    @Test func unattackedArgumentsAreAccepted() throws {
        #expect(try statuses("", arguments: "claim a. claim b.") == ["a accepted", "b accepted"])
    }

    @Test func aChainAlternates() throws {
        // a attacks b attacks c: a in, b out, c in.
        #expect(try statuses("rebuts(a, b). rebuts(b, c).") == ["a accepted", "b rejected", "c accepted"])
        #expect(try statuses("rebuts(a, b). rebuts(b, c). rebuts(c, d).") == ["a accepted", "b rejected", "c accepted", "d rejected"])
    }

    /// A long chain is labelled by the work list (it took minutes when each
    /// round rescanned every argument), and the labelling stops when asked.
    @Test func aLongChainIsLabelledAndCanBeStopped() throws {
        let count = 20_000
        let chain = (1..<count).map { "rebuts(c\($0), c\($0 + 1))." }.joined(separator: "\n")
        #expect(try rows(chain, "?- status(c\(count), S).", vocabulary: true) == ["rejected"])
        #expect(try rows(chain, "?- status(c\(count - 1), S).", vocabulary: true) == ["accepted"])
        #expect(try rows(chain, "?- N = count : { status(_, accepted) }.", vocabulary: true) == ["\(count / 2)"])
        let knowledgeBase = KnowledgeBase()
        try knowledgeBase.load([Parser.parse(debateVocabulary()), Parser.parse(SourceFile(name: "chain.rj", text: chain))])
        knowledgeBase.limits = EvaluationLimits(maximumDerivedFacts: 0, timeLimit: 1e-9)
        let query = SourceFile(name: "<q>", text: "?- status(c1, S).")
        guard case .query(let parsed)? = Parser.parse(query).statements.first else { return }
        #expect(throws: QueryFailure.self) { try knowledgeBase.answer(parsed, in: query) }
        // A limit too large for the clock is no limit, not a trap.
        knowledgeBase.limits = EvaluationLimits(maximumDerivedFacts: 0, timeLimit: 1e16)
        #expect(try knowledgeBase.answer(parsed, in: query).rows.count == 1)
    }

    @Test func aMutualAttackLeavesBothUndecided() throws {
        #expect(try statuses("rebuts(a, b). rebuts(b, a).") == ["a undecided", "b undecided"])
        // ... unless a third, unattacked argument settles it.
        #expect(try statuses("rebuts(a, b). rebuts(b, a). rebuts(c, b).") == ["a accepted", "b rejected", "c accepted"])
    }

    @Test func anOddCycleLeavesAllUndecided() throws {
        #expect(try statuses("rebuts(a, b). rebuts(b, c). rebuts(c, a).") == ["a undecided", "b undecided", "c undecided"])
        #expect(try statuses("rebuts(a, a).") == ["a undecided"])
        // An undecided attacker leaves its target undecided too.
        #expect(try statuses("rebuts(a, b). rebuts(b, c). rebuts(c, a). rebuts(c, d).") == ["a undecided", "b undecided", "c undecided", "d undecided"])
    }

    @Test func eachSourceJudgesWithItsOwnAttacks() throws {
        let program = """
        source asan. source wong.
        claim w { by: wong }. claim x { by: asan }. claim y { by: wong }.
        according to asan: rebuts(x, w).
        according to wong: rebuts(y, x).
        """
        #expect(try rows(program, "?- status(C, S) contrast asan, wong.", vocabulary: true) == [
            "w accepted | no yes", "w rejected | yes no", "x accepted | yes no", "x rejected | no yes", "y accepted | yes yes",
        ])
    }

    @Test func statusIsBuiltIn() {
        #expect(diagnostics("status(a, accepted).").hasPrefix("test.rj:1:1: error: status/2 is built in"))
        #expect(diagnostics("status(X) :- claim X.").hasPrefix("test.rj:1:1: error: status/2 is built in"))
        #expect(diagnostics("rebuts(a, b, c).", vocabulary: true).hasPrefix("test.rj:1:1: error: arity mismatch: rebuts/3 here, rebuts/2 at vocabulary.rj:18:20"))
        #expect(diagnostics("claim a. rebuts(X, Y) :- status(X, rejected), claim Y.", vocabulary: true)
            .hasPrefix("<built-in>:1:1: error: negation cycle: status/2 -> not rebuts/2 -> status/2"))
    }
}
