import RejoinderEngine
import RejoinderSyntax
import Testing

/// Analysis errors, with the exact text the tool prints.
@Suite struct AnalysisTests {
    @Test func arityMismatchShowsBothPlaces() {
        #expect(diagnostics("meets(a, b, 2020).\nmeets(a, b).") == """
        test.rj:2:1: error: arity mismatch: meets/2 here, meets/3 at test.rj:1:1
          meets(a, b).
          ^~~~~
          help: a predicate has one arity; rename one of them or make the argument counts agree
        test.rj:1:1: note: meets/3 first used here
          meets(a, b, 2020).
          ^~~~~

        """)
    }

    @Test func unsafeHeadVariable() {
        #expect(diagnostics("p(X, Y) :- q(X).\nq(1).") == """
        test.rj:1:6: error: variable 'Y' in the head of 'p' is not bound by the body
          p(X, Y) :- q(X).
               ^
          help: every head variable must appear in a positive atom of the body, or be set with '='

        """)
    }

    @Test func unsafeNegation() {
        #expect(diagnostics("p(X) :- q(X), not r(X, Y).\nq(1). r(1, 2).") == """
        test.rj:1:24: error: variable 'Y' in a negated atom is not bound by a positive literal
          p(X) :- q(X), not r(X, Y).
                                 ^
          help: bind it in a positive atom of the body, or write '_' for any value

        """)
    }

    @Test func unsafeComparisonAndAssignment() {
        #expect(diagnostics("p(X) :- q(X), Y > 3.\nq(1).").contains("test.rj:1:15: error: variable 'Y' in a comparison is not bound by a positive literal"))
        #expect(diagnostics("p(X) :- q(X), X = Y + 1.\nq(1).").contains("test.rj:1:19: error: variable 'Y' on the right of '=' is not bound"))
        #expect(diagnostics("p(Y) :- q(X), Y in R.\nq(1).").contains("test.rj:1:20: error: variable 'R' after 'in' is not bound"))
    }

    @Test func anonymousVariableInHead() {
        #expect(diagnostics("p(_) :- q(1).\nq(1).") == """
        test.rj:1:3: error: '_' cannot appear in the head of a rule
          p(_) :- q(1).
            ^
          help: a head variable must have a name and be bound by the body

        """)
    }

    @Test func variableInAFact() {
        #expect(diagnostics("p(X).").contains("test.rj:1:3: error: variable 'X' in fact 'p' is not bound"))
    }

    @Test func negationCycle() {
        #expect(diagnostics("p(X) :- q(X), not p(X).\nq(1).") == """
        test.rj:1:15: error: negation cycle: p/1 -> not p/1
          p(X) :- q(X), not p(X).
                        ^~~~~~~~
          help: a predicate cannot depend on itself through 'not' or an aggregate; split it into two predicates

        """)
        let cycle = diagnostics("p(X) :- q(X), not r(X).\nr(X) :- s(X).\ns(X) :- p(X).\nq(1).")
        #expect(cycle.hasPrefix("test.rj:1:15: error: negation cycle: p/1 -> not r/1 -> s/1 -> p/1\n"))
        #expect(diagnostics("n(C) :- C = count : { n(X) }.").hasPrefix("test.rj:1:23: error: negation cycle: n/1 -> not n/1\n"))
    }

    @Test func entityKindClash() {
        #expect(diagnostics("claim sobyanin.\nevidence sobyanin.") == """
        test.rj:2:10: error: 'sobyanin' is declared as an evidence here and as a claim at test.rj:1:7
          evidence sobyanin.
                   ^~~~~~~~
          help: an id names one entity of one kind; rename one of them
        test.rj:1:7: note: 'sobyanin' first declared here
          claim sobyanin.
                ^~~~~~~~

        """)
    }

    @Test func undeclaredSource() {
        #expect(diagnostics("source wong.\naccording to wnog: p(1).") == """
        test.rj:2:14: error: unknown source 'wnog' in 'according to'
          according to wnog: p(1).
                       ^~~~
          help: did you mean 'wong'?

        """)
        #expect(diagnostics("source wong.\np(1).", query: "?- p(X) according to asan.").hasPrefix("<query>:1:22: error: unknown source 'asan'"))
    }

    @Test func undeclaredIndicators() {
        #expect(diagnostics("gdp(china, 2021) = 5.").hasPrefix("""
        test.rj:1:1: error: undeclared indicator 'gdp'
          gdp(china, 2021) = 5.
          ^~~
          help: declare it first: indicator gdp "…" { unit: …, publisher: … }.
        """))
        #expect(diagnostics("indicator gdp.\nr(R) :- R = gpd(china, 2021).").contains("""
        test.rj:2:13: error: unknown function or indicator 'gpd'
          r(R) :- R = gpd(china, 2021).
                      ^~~
          help: did you mean 'gdp'?
        """))
    }

    @Test func typeErrorsInComparisons() {
        #expect(diagnostics("p(X) :- q(X), X + 1 < russia.\nq(1).").contains("test.rj:1:21: error: cannot compare a number with a symbol using '<'"))
        #expect(diagnostics("p(X) :- q(X), X = russia + 1.\nq(1).").contains("test.rj:1:19: error: arithmetic needs a number, found the symbol russia"))
    }

    @Test func runtimeErrorsAreLocated() {
        #expect(diagnostics("q(russia). q(1).\np(X) :- q(X), X < 5.", query: "?- p(X).").hasPrefix("""
        test.rj:2:15: error: cannot compare the symbol russia with the number 5 using '<'
        """))
        #expect(diagnostics("q(0).\np(Y) :- q(X), Y = 10 / X.", query: "?- p(Y).").hasPrefix("test.rj:2:19: error: division by zero\n"))
        #expect(diagnostics("q(9223372036854775807).\np(Y) :- q(X), Y = X + 1.", query: "?- p(Y).")
            .hasPrefix("test.rj:2:19: error: integer overflow in 9223372036854775807 + 1\n"))
        #expect(diagnostics("", query: "?- X = 2 * 4611686018427387904.").hasPrefix("<query>:1:8: error: integer overflow"))
        #expect(diagnostics("", query: "?- X = 1e308 * 10.0.").hasPrefix("<query>:1:8: error: arithmetic overflow"))
    }

    @Test func unknownPredicatesInQueriesAreErrors() {
        #expect(diagnostics("meets(a, b, 1).", query: "?- meet(A, B, C).") == """
        <query>:1:4: error: unknown predicate 'meet/3'
          ?- meet(A, B, C).
             ^~~~
          help: did you mean 'meets'?

        """)
        #expect(diagnostics("meets(a, b, 1).", query: "?- meets(A, B).").hasPrefix("<query>:1:4: error: arity mismatch: meets/2 here, meets/3 at test.rj:1:1"))
    }

    @Test func aFailedLoadChangesNothing() throws {
        let base = try knowledgeBase("p(1).")
        #expect(throws: DiagnosticError.self) {
            try base.load([Parser.parse(SourceFile(name: "bad.rj", text: "p(2).\nq(X) :- not p(X)."))])
        }
        #expect(try rows(base, "?- p(X).") == ["1"])
        #expect(base.statistics.facts == 1)
        #expect(throws: DiagnosticError.self) { _ = try rows(base, "?- q(X).") }
    }

    @Test func loadingTwiceAddsNothing() throws {
        let text = "p(1). q(X) :- p(X)."
        let base = try knowledgeBase(text)
        try base.load([Parser.parse(SourceFile(name: "test.rj", text: text))])
        #expect(base.statistics.facts == 1 && base.statistics.rules == 1)
    }

    @Test func undefinedBodyPredicatesWarn() throws {
        let base = KnowledgeBase()
        let report = try base.load([Parser.parse(SourceFile(name: "test.rj", text: "meets(a).\nok(X) :- meet(X)."))])
        #expect(DiagnosticFormatter().format(report.warnings) == """
        test.rj:2:10: warning: predicate 'meet/1' has no facts or rules, so this literal never holds
          ok(X) :- meet(X).
                   ^~~~~~~
          help: did you mean 'meets'?

        """)
    }
}
