/// Prints syntax back as source text in one canonical layout: one space
/// after commas, around operators and around `:-`; symbols bare when they
/// can be, quoted otherwise. Parsing the output gives the same tree, which
/// the round-trip tests rely on.
public struct SourcePrinter: Sendable {
    /// Put every arithmetic operation in parentheses, to show precedence
    /// and associativity in golden files.
    public var parenthesizesArithmetic: Bool

    public init(parenthesizesArithmetic: Bool = false) {
        self.parenthesizesArithmetic = parenthesizesArithmetic
    }

    public func print(_ statement: Statement) -> String {
        switch statement {
        case .definition(let definition):
            let text = print(definition.form)
            guard let perspective = definition.perspective else { return text }
            return "according to \(perspective.text): \(text)"
        case .query(let query):
            return "?- " + print(query.body) + suffix(query.suffix) + "."
        case .explanation(let explanation):
            var text = "why " + (explanation.isNegated ? "not " : "") + print(explanation.atom)
            if let perspective = explanation.perspective { text += " according to \(perspective.text)" }
            return text + "."
        }
    }

    public func print(_ form: Definition.Form) -> String {
        switch form {
        case .rule(let rule):
            guard let body = rule.body else { return print(rule.head) + "." }
            return print(rule.head) + " :- " + print(body) + "."
        case .entity(let entity):
            var text = "\(entity.kind.text) \(entity.id.text)"
            if let label = entity.label { text += " " + print(label) }
            if !entity.attributes.isEmpty {
                text += " { " + entity.attributes.map { attribute in
                    let values = attribute.values.map(print)
                    return "\(attribute.key.text): " + (attribute.isList ? "[" + values.joined(separator: ", ") + "]" : values.joined())
                }.joined(separator: ", ") + " }"
            }
            return text + "."
        case .observation(let observation):
            var text = print(observation.indicator) + " = " + print(observation.value)
            if let body = observation.body { text += " :- " + print(body) }
            return text + "."
        }
    }

    public func print(_ atom: Atom) -> String {
        atom.arguments.isEmpty && atom.range == atom.name.range
            ? atom.name.text
            : atom.name.text + "(" + atom.arguments.map(print).joined(separator: ", ") + ")"
    }

    public func print(_ body: [Literal]) -> String {
        body.map(print).joined(separator: ", ")
    }

    public func print(_ literal: Literal) -> String {
        switch literal {
        case .atom(let atom):
            return print(atom)
        case .negation(let atom, _):
            return "not " + print(atom)
        case .record(let pattern):
            var text = "\(pattern.kind.text) \(print(pattern.subject))"
            if !pattern.attributes.isEmpty {
                text += " { " + pattern.attributes.map { "\($0.key.text): \(print($0.value))" }.joined(separator: ", ") + " }"
            }
            return text
        case .comparison(let comparison):
            return "\(print(comparison.left)) \(comparison.op.rawValue) \(print(comparison.right))"
        case .membership(let membership):
            return "\(print(membership.element)) in \(print(membership.collection))"
        }
    }

    public func print(_ expression: Expression) -> String {
        switch expression {
        case .integer(let value, _):
            return String(value)
        case .decimal(let value, _):
            let text = "\(value)"
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .symbol(let text, _):
            return Lexer.isPlainName(text) ? text : StringLiteral.quote(text)
        case .variable(let name, _):
            return name
        case .anonymous:
            return "_"
        case .range(let lower, let upper, _):
            return print(lower) + ".." + print(upper)
        case .negate(let operand, _):
            return "-" + printOperand(operand)
        case .binary(let op, let left, let right, _):
            let text = printOperand(left, under: op, isRight: false) + " \(op.rawValue) " + printOperand(right, under: op, isRight: true)
            return parenthesizesArithmetic ? "(" + text + ")" : text
        case .call(let name, let arguments, _):
            return name.text + "(" + arguments.map(print).joined(separator: ", ") + ")"
        case .aggregate(let aggregate):
            let target = aggregate.target.map { " " + print($0) } ?? ""
            return aggregate.function.rawValue + target + " : { " + print(aggregate.body) + " }"
        }
    }

    private func printOperand(_ expression: Expression) -> String {
        if case .binary = expression, !parenthesizesArithmetic { return "(" + print(expression) + ")" }
        if case .negate = expression { return "(" + print(expression) + ")" }
        return print(expression)
    }

    /// An operand of a binary operator, bracketed when the tree's shape
    /// differs from what precedence and left associativity would give.
    private func printOperand(_ expression: Expression, under parent: ArithmeticOperator, isRight: Bool) -> String {
        guard case .binary(let op, _, _, _) = expression, !parenthesizesArithmetic else { return print(expression) }
        let parentBinds = parent == .multiply || parent == .divide
        let childBinds = op == .multiply || op == .divide
        if childBinds && !parentBinds { return print(expression) }
        if childBinds == parentBinds && !isRight { return print(expression) }
        return "(" + print(expression) + ")"
    }

    private func suffix(_ suffix: PerspectiveSuffix?) -> String {
        switch suffix {
        case nil: return ""
        case .accordingTo(let name): return " according to \(name.text)"
        case .contrast(let names, _, let differing, let subject):
            return " contrast" + (names.isEmpty ? "" : " " + names.map(\.text).joined(separator: ", ")) + (differing ? " differing" : "")
                + (subject.map { " on " + print($0) } ?? "")
        }
    }
}
