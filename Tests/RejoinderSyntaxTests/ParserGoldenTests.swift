import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// Each `Golden/parser/NAME.rj` is parsed; `NAME.out` holds its statements
/// printed back (arithmetic fully bracketed, so precedence shows) and
/// `NAME.diag` its diagnostics, exactly as the tool prints them.
@Suite struct ParserGoldenTests {
    static let folder = ProjectPaths.root() + "/Tests/RejoinderSyntaxTests/Golden/parser"

    static var corpus: [String] { Golden.files(in: folder, withExtension: "rj") }

    @Test(arguments: corpus)
    func statementsAndDiagnostics(path: String) throws {
        let file = SourceFile(name: "Golden/parser/" + fileName(path), bytes: try readBytes(path))
        let tree = Parser.parse(file)
        let printer = SourcePrinter(parenthesizesArithmetic: true)
        let statements = tree.statements.map { statement -> String in
            let kind: String
            switch statement {
            case .definition(let definition):
                switch definition.form {
                case .rule(let rule): kind = rule.body == nil ? "fact" : "rule"
                case .entity: kind = "entity"
                case .observation(let observation): kind = observation.body == nil && observation.value.isConstant ? "observation" : "derived indicator"
                }
            case .query: kind = "query"
            case .explanation: kind = "why"
            }
            return "\(kind): \(printer.print(statement))\n"
        }.joined()
        let diagnostics = DiagnosticFormatter().format(tree.diagnostics)
        #expect(Golden.mismatch(statements, file: Golden.sibling(of: path, withExtension: "out")) == nil)
        #expect(Golden.mismatch(diagnostics, file: Golden.sibling(of: path, withExtension: "diag")) == nil)
    }
}

extension Expression {
    var isConstant: Bool {
        switch self {
        case .integer, .decimal, .symbol: return true
        case .negate(let operand, _): return operand.isConstant
        default: return false
        }
    }
}
