import RejoinderEngine
import RejoinderSyntax
import Testing

/// `labelling/2`, `credulous/2`, `skeptical/2` and the joint view, on the
/// classic frameworks of the literature, answers written out by hand.
@Suite struct ArgumentationBuiltinTests {
    /// a and b attack each other and both attack c, which attacks d.
    static let floatingReinstatement = "claim a. claim b. claim c. claim d. rebuts(a, b). rebuts(b, a). rebuts(a, c). rebuts(b, c). rebuts(c, d)."

    @Test func theGroundedLabellingUsesInOutUndec() throws {
        let base = try knowledgeBase("claim a. claim b. claim c. rebuts(a, b). rebuts(c, c).", vocabulary: true)
        // Printed as source text, the keyword `in` is quoted: "in" reads back the same.
        #expect(try rows(base, "?- labelling(X, L).") == ["a \"in\"", "b out", "c undec"])
        // `in` where an expression begins is the label, not the membership test.
        #expect(try rows(base, "?- labelling(X, in).") == ["a"])
        #expect(try rows(base, "?- labelling(X, L), L != in.") == ["b out", "c undec"])
    }

    /// Preferred semantics accepts d in every extension (whichever of a, b
    /// wins, c is out), though grounded leaves it undecided.
    @Test func floatingReinstatementIsSkepticalUnderPreferredOnly() throws {
        let base = try knowledgeBase(Self.floatingReinstatement, vocabulary: true)
        // The grounded extension is empty and complete, so nothing is skeptically complete.
        #expect(try rows(base, "?- skeptical(X, S).") == ["d preferred", "d stable"])
        #expect(try rows(base, "?- credulous(X, preferred).") == ["a", "b", "d"])
        #expect(try rows(base, "?- credulous(X, grounded).") == [])
        #expect(try rows(base, "?- labelling(d, L).") == ["undec"])
    }

    @Test func anEvenCycleHasTwoStableExtensionsAndAnOddCycleNone() throws {
        #expect(try rows("claim a. claim b. rebuts(a, b). rebuts(b, a).", "?- credulous(X, stable).", vocabulary: true) == ["a", "b"])
        #expect(try rows("claim a. claim b. rebuts(a, b). rebuts(b, a).", "?- skeptical(X, stable).", vocabulary: true) == [])
        let odd = "claim a. claim b. claim c. rebuts(a, b). rebuts(b, c). rebuts(c, a)."
        #expect(try rows(odd, "?- credulous(X, S).", vocabulary: true) == [])
        // Complete and preferred have one extension, the empty one: it holds nothing.
        #expect(try rows(odd, "?- skeptical(X, S).", vocabulary: true) == [])
    }

    /// With no stable extension, skeptical acceptance is not vacuous: it
    /// holds of nothing, and the answer says why.
    @Test func aViewWithNoStableExtensionSaysSoInTheAnswer() throws {
        let base = try knowledgeBase("claim a. claim b. claim c. claim d. rebuts(a, b). rebuts(b, c). rebuts(c, a).", vocabulary: true)
        let file = SourceFile(name: "<query>", text: "?- skeptical(d, stable).")
        guard case .query(let query)? = Parser.parse(file).statements.first else { Issue.record("no query"); return }
        let answer = try base.answer(query, in: file)
        #expect(answer.rows.isEmpty)
        #expect(answer.notes == ["in the common ground, the attack graph has no stable extension: no argument is credulously or skeptically accepted under stable semantics"])
        let other = SourceFile(name: "<query>", text: "?- status(d, S).")
        guard case .query(let status)? = Parser.parse(other).statements.first else { return }
        #expect(try base.answer(status, in: other).notes.isEmpty)
    }

    static let exchange = """
    source left "Left". source right "Right".
    claim l { by: left }. claim r { by: right }. claim s { by: right }.
    according to left: rebuts(l, r).
    according to right: rebuts(r, l).
    according to right: rebuts(s, t).
    according to right: claim t { by: right }.
    according to left: meets(x).
    """

    /// Each side's view accepts its own claim; the joint view, where both
    /// attacks meet, leaves both undecided.
    @Test func theJointViewMeetsBothSidesAttacks() throws {
        let base = try knowledgeBase(Self.exchange, vocabulary: true)
        #expect(try rows(base, "?- status(X, S) contrast left, right, debate.") == [
            "l accepted | yes no no", "l rejected | no yes no", "l undecided | no no yes",
            "r accepted | no yes no", "r rejected | yes no no", "r undecided | no no yes",
            "s accepted | yes yes yes", "t rejected | no yes yes",
        ])
        // Statements that read no built-in hold in the joint view when some source's view holds them.
        #expect(try rows(base, "?- meets(X) according to debate.") == ["x"])
        // The joint view is asked for by name; no suffix still means the sources' views.
        #expect(try rows(base, "?- status(l, accepted).") == ["@ left"])
    }

    @Test func theBuiltInsCannotBeDefinedAndTheJointViewCannotBeDeclared() {
        #expect(diagnostics("labelling(a, in).").hasPrefix("test.rj:1:1: error: labelling/2 is built in"))
        #expect(diagnostics("skeptical(X, preferred) :- claim X.").hasPrefix("test.rj:1:1: error: skeptical/2 is built in"))
        #expect(diagnostics("source debate \"Both\".", vocabulary: true).hasPrefix("test.rj:1:8: error: 'debate' names the joint view of every source and cannot name a source"))
        #expect(diagnostics("claim a. rebuts(X, Y) :- credulous(X, preferred), claim Y.", vocabulary: true)
            .hasPrefix("<built-in>:3:1: error: negation cycle: credulous/2 -> not rebuts/2 -> credulous/2"))
        #expect(diagnostics("source left.", query: "?- status(X, S) according to debat.", vocabulary: true) == """
            <query>:1:30: error: unknown source 'debat'
              ?- status(X, S) according to debat.
                                           ^~~~~
              help: did you mean 'debate'?

            """)
    }

    /// Without the vocabulary, the built-ins hold of nothing, and a query
    /// that asks one hears why.
    @Test func aBuiltInWithoutVocabularyIsWarnedAbout() throws {
        let base = try knowledgeBase("claim a. claim b. rebuts(a, b).")
        #expect(try rows(base, "?- status(X, S).") == [])
        let file = SourceFile(name: "<query>", text: "?- claim X, status(X, S).")
        guard case .query(let query)? = Parser.parse(file).statements.first else { Issue.record("no query"); return }
        #expect(base.warnings(for: query, in: file).map(\.message) == ["no vocabulary(argument, …) fact names which kinds are arguments, so status/2 holds of nothing"])
        let declared = try knowledgeBase("claim a. claim b. rebuts(a, b).", vocabulary: true)
        #expect(declared.warnings(for: query, in: file).isEmpty)
    }
}
