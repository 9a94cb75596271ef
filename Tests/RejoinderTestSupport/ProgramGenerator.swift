/// Random but well-formed Rejoinder source text covering every statement
/// form, for round-trip and robustness tests.
public struct ProgramGenerator {
    public var random: SeededGenerator
    private let names = ["p", "q", "meets", "rebuts", "stage", "count", "to", "max", "value_of"]
    private let constants = ["russia", "china", "wong", "asan", "criticism", "a_b", "x1"]
    private let variables = ["X", "Y", "Year", "S", "_Hidden", "A1"]

    public init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    public mutating func program(statements: Int) -> String {
        (0..<statements).map { _ in statement() }.joined(separator: "\n") + "\n"
    }

    public mutating func statement() -> String {
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return atom(depth: 2) + "."
        case 1: return atom(depth: 2) + " :- " + body(depth: 2) + "."
        case 2: return entity()
        case 3: return "gdp(" + constant() + ", " + String(Int.random(in: 1990...2024, using: &random)) + ") = " + expression(depth: 2) + "."
        case 4: return "?- " + body(depth: 2) + suffix() + "."
        case 5: return "why " + (Bool.random(using: &random) ? "not " : "") + atom(depth: 1) + (Bool.random(using: &random) ? " according to wong" : "") + "."
        case 6: return "according to wong: " + atom(depth: 1) + "."
        case 7: return "according to asan { " + entity() + " " + atom(depth: 1) + ". }"
        default: return "beckley(A, Y) = gdp(A, Y) * gdp_per_capita(A, Y) :- " + body(depth: 1) + "."
        }
    }

    private mutating func pick(_ options: [String]) -> String {
        options[Int.random(in: 0..<options.count, using: &random)]
    }

    private mutating func constant() -> String { pick(constants) }

    private mutating func atom(depth: Int) -> String {
        let name = pick(names)
        let arity = Int.random(in: 0...3, using: &random)
        if arity == 0 { return name }
        return name + "(" + (0..<arity).map { _ in argument(depth: depth) }.joined(separator: ", ") + ")"
    }

    private mutating func argument(depth: Int) -> String {
        Int.random(in: 0..<6, using: &random) == 0
            ? String(Int.random(in: 2000...2010, using: &random)) + ".." + String(Int.random(in: 2011...2024, using: &random))
            : expression(depth: depth)
    }

    private mutating func expression(depth: Int) -> String {
        let choice = depth <= 0 ? Int.random(in: 0..<6, using: &random) : Int.random(in: 0..<10, using: &random)
        switch choice {
        case 0: return String(Int.random(in: 0...100_000, using: &random))
        case 1: return pick(["1.5", "0.25", "1.84e12", "3.0"])
        case 2: return pick(["\"Ka Ho Wong\"", "\"quote \\\" inside\"", "\"\"", "\"Москва\"", "\"1\""])
        case 3: return constant()
        case 4: return pick(variables)
        case 5: return "_"
        case 6: return expression(depth: depth - 1) + " " + pick(["+", "-", "*", "/"]) + " " + expression(depth: depth - 1)
        case 7: return "-" + expression(depth: 0)
        case 8: return pick(["abs", "gdp", "min", "log"]) + "(" + expression(depth: depth - 1) + ", " + expression(depth: depth - 1) + ")"
        default: return "(" + expression(depth: depth - 1) + ")"
        }
    }

    private mutating func body(depth: Int) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in literal(depth: depth) }.joined(separator: ", ")
    }

    private mutating func literal(depth: Int) -> String {
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return "not " + atom(depth: 1)
        case 1: return "evidence " + pick(["E", "sobyanin", "_"]) + (Bool.random(using: &random) ? " { actor: " + expression(depth: 0) + ", year: Y }" : "")
        case 2: return expression(depth: 1) + " " + pick(["=", "!=", "<", "<=", ">", ">="]) + " " + expression(depth: 1)
        case 3: return pick(variables) + " in " + argument(depth: 0)
        case 4 where depth > 0: return "N = " + pick(["count", "sum X", "min X", "max Y", "mean X"]) + " : { " + body(depth: depth - 1) + " }"
        case 5: return "(" + pick(variables) + " <= 25)"
        default: return atom(depth: 1)
        }
    }

    private mutating func entity() -> String {
        var text = pick(["claim", "evidence", "actor", "work"]) + " " + constant()
        if Bool.random(using: &random) { text += " \"A label, with words\"" }
        if Bool.random(using: &random) {
            text += " { by: wong, para: " + String(Int.random(in: 1...64, using: &random))
            if Bool.random(using: &random) { text += ", about: [q1, q2]" }
            if Bool.random(using: &random) { text += ", during: 2013..2016" }
            text += " }"
        }
        return text + "."
    }

    private mutating func suffix() -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return " according to asan"
        case 1: return " contrast asan, wong"
        case 2: return " contrast"
        default: return ""
        }
    }
}
