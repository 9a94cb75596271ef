@testable import RejoinderSyntax
import Testing

@Suite struct LexerTests {
    private func lex(_ text: String) -> (tokens: [String], diagnostics: [String]) {
        let file = SourceFile(name: "t", text: text)
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize().dropLast().map { "\($0.kind):\(file.text($0.range))" }
        return (Array(tokens), lexer.diagnostics.map(\.message))
    }

    @Test func namesVariablesAndReservedWords() {
        #expect(lex("meets Russia _X _ not in why contrast according to count").tokens == [
            "name:meets", "variable:Russia", "variable:_X", "anonymous:_", "keywordNot:not", "keywordIn:in",
            "keywordWhy:why", "keywordContrast:contrast", "keywordAccording:according", "name:to", "name:count",
        ])
    }

    @Test func numbersRangesAndTheFinalDot() {
        #expect(lex("2020 17_734 1.5 1.84e12 2.5E-2 2013..2016 p(2020). 3.x").tokens == [
            "integer:2020", "integer:17_734", "decimal:1.5", "decimal:1.84e12", "decimal:2.5E-2",
            "integer:2013", "dotDot:..", "integer:2016",
            "name:p", "leftParen:(", "integer:2020", "rightParen:)", "dot:.",
            "integer:3", "dot:.", "name:x",
        ])
    }

    @Test func punctuation() {
        #expect(lex("( ) { } [ ] , . : :- ?- ? = != < <= > >= + - * / ..").tokens.map { $0.split(separator: ":").first.map(String.init) ?? "" } == [
            "leftParen", "rightParen", "leftBrace", "rightBrace", "leftBracket", "rightBracket", "comma", "dot",
            "colon", "turnstile", "queryMark", "question", "equal", "notEqual", "less", "lessEqual", "greater",
            "greaterEqual", "plus", "minus", "star", "slash", "dotDot",
        ])
    }

    @Test func commentsAreSkipped() {
        #expect(lex("p. # a comment with ü and :- in it\nq.").tokens == ["name:p", "dot:.", "name:q", "dot:."])
    }

    @Test func stringsDecodeTheirEscapes() {
        let file = SourceFile(name: "t", text: #""a \"b\" \\ c\n\t\u{1F600} é""#)
        var lexer = Lexer(file: file)
        let token = lexer.tokenize()[0]
        #expect(token.kind == .string)
        #expect(lexer.diagnostics.isEmpty)
        #expect(StringLiteral.decode(file.bytes[token.range.start..<token.range.end]) == "a \"b\" \\ c\n\t😀 é")
    }

    @Test func stringsMaySpanLines() {
        #expect(lex("\"two\nlines\"").tokens == ["string:\"two\nlines\""])
    }

    @Test func badInputBecomesInvalidTokensAndDiagnostics() {
        let result = lex("p(a) ; q \"open")
        #expect(result.tokens.contains("invalid:;"))
        #expect(result.tokens.last == "invalid:\"open")
        #expect(result.diagnostics == ["unexpected character ';'", "unterminated string"])
    }

    @Test func invalidUTF8IsReportedNotFatal() {
        let file = SourceFile(name: "t", bytes: [0x70, 0x28, 0xFF, 0xC0, 0x80, 0x29, 0x2E, 0x22, 0xED, 0xA0, 0x80, 0x22])
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        #expect(tokens.last?.kind == .end)
        #expect(lexer.diagnostics.map(\.message) == ["invalid UTF-8 byte 0xFF", "invalid UTF-8 byte 0xED in string",
                                                      "invalid UTF-8 byte 0xA0 in string", "invalid UTF-8 byte 0x80 in string"])
    }

    @Test func everyTokenCarriesItsByteRange() {
        let file = SourceFile(name: "t", text: "é(x)")
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        #expect(tokens[0].kind == .invalid && tokens[0].range == SourceRange(start: 0, end: 2))
        #expect(tokens[1].range == SourceRange(start: 2, end: 3))
        #expect(file.location(of: 2) == SourceLocation(line: 1, column: 2))
    }
}
