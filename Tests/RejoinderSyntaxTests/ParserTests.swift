@testable import RejoinderSyntax
import RejoinderTestSupport
import Testing

@Suite struct ParserTests {
    private func parse(_ text: String) -> SyntaxTree {
        Parser.parse(SourceFile(name: "<prompt>", text: text))
    }

    @Test(arguments: [
        ("?- meets(russia, S", OpenConstruct.bracket("(")),
        ("evidence e { actor: russia", .bracket("{")),
        ("claim c { about: [q1, ", .bracket("[")),
        ("label(x, \"open string", .string),
        ("?- partner(A, B)", .statement),
        ("partner(a, b)\n", .statement),
        ("meets(A) :-\n  actor A,", .statement),
        ("according to wong {\n  p(a).", .bracket("{")),
    ])
    func inputThatStopsTooEarlyIsIncomplete(text: String, open: OpenConstruct) {
        let tree = parse(text)
        #expect(tree.openConstruct == open, "\(text)")
    }

    @Test(arguments: ["?- p(a b", "p(a) q(b).", "?- ).", "x(\"s\" 3"])
    func aRealErrorIsNotIncomplete(text: String) {
        let tree = parse(text)
        #expect(tree.hasErrors)
        #expect(tree.openConstruct == nil, "\(text)")
    }

    @Test func completeInputHasNoOpenConstruct() {
        #expect(parse("p(a). ?- p(X).\n# trailing comment").openConstruct == nil)
        #expect(parse("").statements.isEmpty && !parse("").hasErrors)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 100_000
        let text = "?- X = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "."
        let tree = parse(text)
        #expect(tree.diagnostics.first?.message == "nesting is too deep (more than \(Parser.maximumDepth) levels)")
        let minus = "?- X = " + String(repeating: "-", count: depth) + "1."
        #expect(parse(minus).diagnostics.first?.message == "nesting is too deep (more than \(Parser.maximumDepth) levels)")
    }

    /// A flat chain nests its syntax tree as deeply as brackets would, so
    /// its length is bounded per statement, with the error at the first
    /// operator or literal past the limit; the next statement still parses.
    @Test func longFlatInputIsAnErrorNotACrash() {
        let expression = "?- X = " + Array(repeating: "1", count: 40_000).joined(separator: " + ") + ".\np(1)."
        let tree = parse(expression)
        #expect(tree.diagnostics.map(\.message) == ["statement is too long (more than \(Parser.maximumOperators) operators)"])
        #expect(tree.diagnostics.first?.span.range.start == 7 + 4 * Parser.maximumOperators + 2)
        #expect(tree.statements.count == 1)
        let body = "?- " + Array(repeating: "p(X)", count: 30_000).joined(separator: ", ") + "."
        #expect(parse(body).diagnostics.map(\.message) == ["statement is too long (more than \(Parser.maximumLiterals) literals)"])
        #expect(parse(body).diagnostics.first?.span.range.start == 3 + 6 * Parser.maximumLiterals)
        // The limits are per statement: a rule at the limit parses clean,
        // and so do many statements of ordinary length.
        let atLimit = "q(X) :- X = " + Array(repeating: "1", count: Parser.maximumOperators + 1).joined(separator: " + ") + "."
        #expect(!parse(atLimit).hasErrors)
        #expect(!parse(String(repeating: "r(X) :- p(X), X = 1 + 2 * 3.\n", count: 2_000)).hasErrors)
    }

    @Test func errorsStopAfterTheLimit() {
        let text = String(repeating: "p(a b).\n", count: 500)
        let tree = parse(text)
        #expect(tree.diagnostics.count == Parser.maximumErrors + 1)
        #expect(tree.diagnostics.last?.message == "too many errors; stopped after \(Parser.maximumErrors)")
    }

    @Test func diagnosticsPointInsideTheirSource() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = SourceFile(name: "fuzz", bytes: bytes)
            for diagnostic in Parser.parse(file).diagnostics {
                #expect(diagnostic.span.range.start >= 0 && diagnostic.span.range.end <= bytes.count && diagnostic.span.range.start <= diagnostic.span.range.end)
            }
        }
    }

    /// print → parse → print gives the same text, for random programs.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func printedProgramsParseBackToTheSameTree(seed: UInt64) {
        var generator = ProgramGenerator(seed: seed)
        let printer = SourcePrinter()
        for _ in 0..<40 {
            let text = generator.program(statements: 8)
            let tree = parse(text)
            #expect(tree.diagnostics.isEmpty, "seed \(seed): \(text)\n\(DiagnosticFormatter().format(tree.diagnostics))")
            let printed = tree.statements.map(printer.print).joined(separator: "\n")
            let reparsed = parse(printed)
            #expect(reparsed.diagnostics.isEmpty, "seed \(seed): \(printed)")
            #expect(reparsed.statements.map(printer.print).joined(separator: "\n") == printed, "seed \(seed)")
        }
    }
}
