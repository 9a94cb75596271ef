@testable import RejoinderEngine
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

    /// Loading a program a few statements at a time, as `:load` of many
    /// small files does, stratifies it as loading it whole does: every
    /// rule's head comes after what it reads (strictly after what it
    /// negates or counts), and every answer is the oracle's. The pieces
    /// come in random order, so a predicate is often read before its first
    /// rule arrives, which makes the load stratify the program again.
    @Test(arguments: Array(UInt64(200)...UInt64(240)))
    func loadingInPiecesStratifiesAsLoadingWhole(seed: UInt64) throws {
        var generator = DatalogProgramGenerator(seed: seed)
        let (text, oracle, predicates) = generator.program()
        var expected = oracle
        expected.evaluate()
        var random = SeededGenerator(seed: seed)
        let lines = text.split(separator: "\n")
        let base = KnowledgeBase()
        var start = 0, piece = 0
        while start < lines.count {
            let end = min(lines.count, start + Int.random(in: 1...3, using: &random))
            try base.load([Parser.parse(SourceFile(name: "piece\(piece).rj", text: lines[start..<end].joined(separator: "\n")))])
            start = end
            piece += 1
        }
        var stratum: [PredicateID: Int] = [:]
        for (index, layer) in base.ruleProgram.strata.enumerated() {
            for predicate in layer.predicates {
                #expect(stratum.updateValue(index, forKey: predicate) == nil, "seed \(seed): a predicate in two strata")
            }
        }
        #expect(stratum.count == base.catalog.predicates.count, "seed \(seed): a predicate without a stratum")
        for rule in base.ruleProgram.rules {
            for literal in rule.body {
                literal.forEachDependency { predicate, isNegative, _ in
                    let (read, head) = (stratum[predicate] ?? .max, stratum[rule.head] ?? .min)
                    #expect(isNegative ? read < head : read <= head, "seed \(seed): \(rule.file.text(rule.range)) reads a later stratum\n\(text)")
                }
            }
        }
        for predicate in predicates {
            let answer = try rows(base, "?- \(predicate)(X, Y).")
            let oracleRows = (expected.facts[predicate] ?? []).sorted { $0.lexicographicallyPrecedes($1) }.map { "\($0[0]) \($0[1])" }
            #expect(answer == oracleRows, "seed \(seed), \(predicate):\n\(text)")
        }
    }
}

/// The loader's fast path for ground facts (no syntax tree) against the
/// parser's, and storage at sizes where its tables grow many times.
@Suite struct LoadingPathTests {
    private func readerLoaded(_ text: String) throws -> KnowledgeBase {
        let file = SourceFile(name: "test.rj", text: text)
        let base = KnowledgeBase()
        try base.load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))])
        return base
    }

    @Test(arguments: Array(UInt64(1)...UInt64(20)))
    func readerAgreesWithParser(seed: UInt64) throws {
        var generator = DatalogProgramGenerator(seed: seed)
        let (text, _, predicates) = generator.program()
        let parsed = try knowledgeBase(text), read = try readerLoaded(text)
        for predicate in predicates {
            #expect(try rows(parsed, "?- \(predicate)(X, Y).") == rows(read, "?- \(predicate)(X, Y)."), "seed \(seed)")
        }
    }

    /// Plain facts are read straight from their bytes; near misses of that
    /// form must load (or fail) exactly as the parser has them.
    @Test(arguments: [
        "p(a).", "p( a , b ) .", "p(a).q(b).", "p(in).", "p(not).", "in(a).", "p(1e5).", "p(1.5e-3).", "p(12abc).",
        "p(1.).", "p(1..3).", "p(\"a b\").", "p(\"a\\\"b\").", "p(\"é\").", "p(-1).", "p(007, 1_000, 2.50).",
        "p(a). # note", "p(a).# note", "p(a) # note\n.", "p(a)\n.", "p(a, ).", "p().", "p(a", "p(a) :- q.", "p(X).",
        "p(12345678901234567890).", "p(123456789012345678).", "gdp(a, 2000) = 5.", "p(a).\np(a).", "p(_).",
    ])
    func nearMissesOfPlainFactsLoadAsParsed(text: String) throws {
        let file = SourceFile(name: "t.rj", text: text)
        let parsed = KnowledgeBase(), read = KnowledgeBase()
        let parsedError = Result { () throws(DiagnosticError) in try parsed.load([Parser.parse(file)]) }
        let readError = Result { () throws(DiagnosticError) in try read.load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))]) }
        let format = DiagnosticFormatter()
        switch (parsedError, readError) {
        case (.success, .success):
            #expect(parsed.statistics == read.statistics)
            for query in ["?- p(X).", "?- p(X, Y).", "?- p(X, Y, Z).", "?- q(X).", "?- in(X).", "?- gdp(A, Y) = V."] {
                #expect((try? rows(parsed, query)) == (try? rows(read, query)), "\(query)")
            }
        case (.failure(let a), .failure(let b)):
            #expect(format.format(a.diagnostics) == format.format(b.diagnostics))
        default:
            Issue.record("\(text.debugDescription): parsed \(parsedError), read \(readError)")
        }
    }

    /// Found by the fuzzer: the two loading paths once told the same bytes
    /// different things. A broken statement ends where the parser's
    /// recovery ends it (no second error for the rest of it); an arity
    /// clash is reported at the later use in the text, however the facts
    /// were staged; a staged group the text overrules reports every fact;
    /// an observation is checked as a parsed one is; negation cycles come in
    /// the order of the rules; loading a tree reads its `##` documentation.
    @Test(arguments: [
        ("6}.\np(a).", """
        t.rj:1:2: error: expected a comparison operator or 'in' after the expression, found '}'
          6}.
           ^

        """),
        ("according{}.\np(a).", """
        t.rj:1:10: error: expected 'to' after 'according', found '{'
          according{}.
                   ^

        """),
        ("according s{r x\"\"{{}}r}.\np(a).", """
        t.rj:1:11: error: expected 'to' after 'according', found 's'
          according s{r x""{{}}r}.
                    ^
          help: write 'according to s'
        t.rj:1:19: error: expected an attribute name, found '{'
          according s{r x""{{}}r}.
                            ^
        t.rj:1:23: error: expected ':-' or '.' after 'r', found '}'
          according s{r x""{{}}r}.
                                ^
          help: end a fact with '.', a rule's head with ':-', a query with '?'

        """),
        ("p(X) :- e(X, Y).\ne(a).", """
        t.rj:2:1: error: arity mismatch: e/1 here, e/2 at t.rj:1:9
          e(a).
          ^
          help: a predicate has one arity; rename one of them or make the argument counts agree
        t.rj:1:9: note: e/2 first used here
          p(X) :- e(X, Y).
                  ^

        """),
        ("q(X) :- e(X).\ne(a, b).\ne(c, d).", """
        t.rj:2:1: error: arity mismatch: e/2 here, e/1 at t.rj:1:9
          e(a, b).
          ^
          help: a predicate has one arity; rename one of them or make the argument counts agree
        t.rj:1:9: note: e/1 first used here
          q(X) :- e(X).
                  ^
        t.rj:3:1: error: arity mismatch: e/2 here, e/1 at t.rj:1:9
          e(c, d).
          ^
          help: a predicate has one arity; rename one of them or make the argument counts agree
        t.rj:1:9: note: e/1 first used here
          q(X) :- e(X).
                  ^

        """),
        ("indicator gdp.\ngdp(a) = 1.", """
        t.rj:2:1: error: an observation names an actor and a year, as in gdp(china, 2021) = …
          gdp(a) = 1.
          ^~~~~~

        """),
        ("gdp(a, 1) = 1.\ngdp(b, 1) = 2.", """
        t.rj:1:1: error: undeclared indicator 'gdp'
          gdp(a, 1) = 1.
          ^~~
          help: declare it first: indicator gdp "…" { unit: …, publisher: … }.
        t.rj:2:1: error: undeclared indicator 'gdp'
          gdp(b, 1) = 2.
          ^~~
          help: declare it first: indicator gdp "…" { unit: …, publisher: … }.

        """),
        ("e(X, N) :- p(X, Y), N = count : { e(X, W) }.\np(X, N) :- e(X, Y), N = count : { e(X, Y) }.\ne(1, 2).", """
        t.rj:1:35: error: negation cycle: e/2 -> not e/2
          e(X, N) :- p(X, Y), N = count : { e(X, W) }.
                                            ^~~~~~~
          help: a predicate cannot depend on itself through 'not' or an aggregate; split it into two predicates
        t.rj:2:35: error: negation cycle: p/2 -> not e/2 -> p/2
          p(X, N) :- e(X, Y), N = count : { e(X, Y) }.
                                            ^~~~~~~
          help: a predicate cannot depend on itself through 'not' or an aggregate; split it into two predicates

        """),
        ("##d()\n", """
        t.rj:1:1: warning: '##' documents 'd', which no fact or rule defines
          ##d()
          ^~~~~

        """),
    ])
    func bothPathsReportTheSame(text: String, expected: String) {
        let file = SourceFile(name: "t.rj", text: text)
        let read = Result { () throws(DiagnosticError) in try KnowledgeBase().load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))]) }
        let parsed = Result { () throws(DiagnosticError) in try KnowledgeBase().load([Parser.parse(file)]) }
        #expect(reported(read) == expected, "statement by statement")
        #expect(reported(parsed) == expected, "as a syntax tree")
    }

    /// The warnings of a load, or its errors, as printed.
    private func reported(_ load: Result<LoadReport, DiagnosticError>) -> String {
        switch load {
        case .success(let report): DiagnosticFormatter().format(report.warnings)
        case .failure(let error): DiagnosticFormatter().format(error.diagnostics)
        }
    }

    /// Found by the fuzzer: a lexical error after the last statement (bad
    /// UTF-8 in a trailing comment) was dropped by the statement reader.
    @Test func errorsAfterTheLastStatementAreReported() throws {
        let file = SourceFile(name: "t.rj", bytes: Array("p(a).\n# caf".utf8) + [0xE9, 0x0A])
        let base = KnowledgeBase()
        #expect(throws: DiagnosticError.self) {
            try base.load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))])
        }
        do {
            try base.load([(file: file, range: SourceRange(start: 0, end: file.bytes.count))])
        } catch {
            #expect(DiagnosticFormatter().format(error.diagnostics).hasPrefix("t.rj:2:6: error: invalid UTF-8 byte 0xE9 in comment\n"))
        }
        #expect(base.statistics.facts == 0)
    }

    /// Decimals read from their bytes round exactly as Double(String) does,
    /// short or long, with and without '_'.
    @Test func decimalsRoundExactly() throws {
        var random = SeededGenerator(seed: 42)
        var texts: [String] = ["0.1", "0.30000000000000004", "123.45", "1_000.5", "9007199254740993.0", "0.000000000000000000000001",
                               "179769313486231570000000000000000000000.0", "2.5", "1.7976931348623157"]
        for _ in 0..<500 {
            let whole = String(UInt64.random(in: 0...999_999_999_999, using: &random))
            let fraction = String(UInt64.random(in: 0...99_999_999, using: &random))
            texts.append("\(whole.prefix(Int.random(in: 1...12, using: &random))).\(fraction.prefix(Int.random(in: 1...8, using: &random)))")
        }
        let program = texts.enumerated().map { "d(\($0.offset), \($0.element))." }.joined(separator: "\n")
        let base = try readerLoaded(program)
        let answer = try rows(base, "?- d(I, V).")
        #expect(answer.count == texts.count)
        for (index, text) in texts.enumerated() {
            let double = Double(text.replacingOccurrences(of: "_", with: ""))!
            let expected: Datum = double.rounded(.towardZero) == double && abs(double) < 9e18 ? .integer(Int64(double)) : .double(double)
            #expect(answer[index] == "\(index) \(expected.sourceText)", "\(text)")
        }
    }

    /// 200,000 rows with duplicates, read in batches: every distinct row is
    /// kept once, as a count done outside the engine says.
    @Test func largeRelationsKeepEveryDistinctRow() throws {
        var random = SeededGenerator(seed: 7)
        var pairs: [(Int, Int)] = []
        for _ in 0..<200_000 { pairs.append((Int.random(in: 0..<400, using: &random), Int.random(in: 0..<400, using: &random))) }
        let distinct = Set(pairs.map { $0.0 * 1000 + $0.1 })
        let base = try readerLoaded(pairs.map { "e(\($0.0), \($0.1))." }.joined(separator: "\n"))
        #expect(try rows(base, "?- N = count : { e(X, Y) }.") == ["\(distinct.count)"])
        #expect(try rows(base, "?- N = count : { e(X, _) }.") == ["\(distinct.count)"])
        #expect(try rows(base, "?- N = count : { e(X, Y), Y < 200 }.") == ["\(distinct.filter { $0 % 1000 < 200 }.count)"])
    }
}
