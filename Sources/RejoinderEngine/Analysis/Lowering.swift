import RejoinderSyntax

/// What lowering needs to know about the knowledge base: the predicates
/// (which it extends), the interned constants, the declared indicators, and
/// whether unknown predicates may be registered (in rules) or are errors
/// (in queries, where a typo would otherwise silently answer nothing).
struct LoweringScope {
    let predicates: PredicateTable
    let symbols: SymbolTable
    let indicators: Set<String>
    let allowsNewPredicates: Bool
    /// The entities declared, with their kinds, so that `actor(A)` can be
    /// told to be `actor A` (searched only when that error arises).
    var entityKinds: [String: (kind: String, span: SourceSpan)] = [:]
}

/// Turns the syntax of one rule, fact or query into its analysed form:
/// variables become slots, constants are interned and folded, record
/// patterns become `is_a/2` and attribute atoms, indicator look-ups become
/// `value/4` atoms placed before the literal that uses them, and an
/// aggregate on the right of a comparison gets its own result slot.
///
/// Every problem found is recorded in `diagnostics` and lowering goes on,
/// so one pass reports them all.
struct RuleLowerer {
    let file: SourceFile
    let scope: LoweringScope
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var variableNames: [String] = []
    private var slots: [String: Int] = [:]

    init(file: SourceFile, scope: LoweringScope) {
        self.file = file
        self.scope = scope
    }

    func span(_ range: SourceRange) -> SourceSpan { SourceSpan(file: file, range: range) }

    mutating func error(_ message: String, _ range: SourceRange, help: String? = nil, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: span(range), help: help, notes: notes))
    }

    // MARK: Predicates

    mutating func predicate(_ name: String, arity: Int, at range: SourceRange) -> PredicateID? {
        if !scope.allowsNewPredicates {
            guard let id = scope.predicates.lookup(name) else {
                error("unknown predicate '\(name)/\(arity)'", range, help: suggestion(for: name, among: scope.predicates.predicates.map(\.name), noun: "predicate"))
                return nil
            }
            let known = scope.predicates[id]
            guard known.arity == arity else {
                let kindHelp = arity == 1 && scope.entityKinds.values.contains(where: { $0.kind == name }) ? "; to ask for the entities of kind \(name), write '\(name) X'" : ""
                error("arity mismatch: \(name)/\(arity) here, \(known.signature) at \(known.firstUse.description)", range,
                      help: "'\(name)' takes \(known.arity) argument\(known.arity == 1 ? "" : "s")" + kindHelp)
                return nil
            }
            return id
        }
        switch scope.predicates.resolve(name, arity: arity, at: span(range)) {
        case .success(let id): return id
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    // MARK: Variables

    mutating func slot(named name: String) -> Int {
        if let slot = slots[name] { return slot }
        let slot = variableNames.count
        variableNames.append(name)
        slots[name] = slot
        return slot
    }

    mutating func freshSlot() -> Int {
        variableNames.append("_")
        return variableNames.count - 1
    }

    // MARK: Heads and facts

    /// The terms of a rule head; `_` is an error there.
    mutating func lowerHead(_ atom: Atom, prelude: inout [BodyLiteral]) -> [Term]? {
        var terms: [Term] = []
        var failed = false
        for argument in atom.arguments {
            if case .anonymous(let range) = argument {
                error("'_' cannot appear in the head of a rule", range, help: "a head variable must have a name and be bound by the body")
                failed = true
                continue
            }
            guard let term = lowerExpression(argument, prelude: &prelude) else { failed = true; continue }
            terms.append(term)
        }
        return failed ? nil : terms
    }

    /// The values of ground terms, or nil with a diagnostic for the first
    /// term that is not ground.
    mutating func groundValues(_ terms: [Term], in what: String) -> [Value]? {
        var values: [Value] = []
        for term in terms {
            switch term {
            case .constant(let value):
                values.append(value)
            default:
                var unbound: (Int, SourceRange)?
                term.forEachVariable { slot, range in if unbound == nil { unbound = (slot, range) } }
                if let (slot, range) = unbound {
                    error("variable '\(variableNames[slot])' in \(what) is not bound", range,
                          help: "a fact holds constants only; to derive it from others, write a rule with ':-'")
                }
                return nil
            }
        }
        return values
    }

    // MARK: Bodies

    mutating func lowerBody(_ literals: [Literal]) -> [BodyLiteral] {
        var body: [BodyLiteral] = []
        for literal in literals { lowerLiteral(literal, into: &body) }
        return body
    }

    mutating func lowerLiteral(_ literal: Literal, into body: inout [BodyLiteral]) {
        switch literal {
        case .atom(let atom):
            var prelude: [BodyLiteral] = []
            guard let id = predicate(atom.name.text, arity: atom.arguments.count, at: atom.name.range) else { return }
            let terms = atom.arguments.compactMap { lowerExpression($0, prelude: &prelude) }
            guard terms.count == atom.arguments.count else { return }
            body += prelude
            body.append(.atom(id, terms, atom.range))
        case .negation(let atom, let range):
            var prelude: [BodyLiteral] = []
            guard let id = predicate(atom.name.text, arity: atom.arguments.count, at: atom.name.range) else { return }
            var terms: [Term?] = []
            for argument in atom.arguments {
                if case .anonymous = argument {
                    terms.append(nil)
                } else if let term = lowerExpression(argument, prelude: &prelude) {
                    terms.append(term)
                } else {
                    return
                }
            }
            body += prelude
            body.append(.negation(id, terms, range))
        case .record(let pattern):
            lowerRecord(pattern, into: &body)
        case .comparison(let comparison):
            lowerComparison(comparison, into: &body)
        case .membership(let membership):
            var prelude: [BodyLiteral] = []
            guard let element = lowerExpression(membership.element, prelude: &prelude),
                  let collection = lowerExpression(membership.collection, prelude: &prelude) else { return }
            if case .constant(let value) = collection, value.tag == .symbol {
                error("'in' needs a range or a year, found the symbol \(scope.symbols.sourceText(value))", membership.collection.range)
                return
            }
            body += prelude
            body.append(.membership(element, collection, membership.range))
        }
    }

    private mutating func lowerRecord(_ pattern: RecordPattern, into body: inout [BodyLiteral]) {
        let subject: Term
        switch pattern.subject {
        case .variable(let name, let range): subject = .variable(slot(named: name), range)
        case .anonymous(let range): subject = .variable(freshSlot(), range)
        case .symbol(let text, _): subject = .constant(scope.symbols.symbol(text))
        default: return
        }
        guard let isA = predicate("is_a", arity: 2, at: pattern.kind.range) else { return }
        // Every atom of the pattern carries the pattern's range, so that an
        // explanation can speak of the pattern as written.
        body.append(.atom(isA, [subject, .constant(scope.symbols.symbol(pattern.kind.text))], pattern.range))
        for attribute in pattern.attributes {
            var prelude: [BodyLiteral] = []
            guard let id = predicate(attribute.key.text, arity: 2, at: attribute.key.range),
                  let value = lowerExpression(attribute.value, prelude: &prelude) else { continue }
            body += prelude
            body.append(.atom(id, [subject, value], pattern.range))
        }
    }

    private mutating func lowerComparison(_ comparison: Comparison, into body: inout [BodyLiteral]) {
        var prelude: [BodyLiteral] = []
        guard let left = lowerExpression(comparison.left, prelude: &prelude) else { return }
        let right: Term
        if case .aggregate(let aggregate) = comparison.right {
            guard let literal = lowerAggregate(aggregate) else { return }
            body += prelude
            body.append(.aggregate(literal))
            right = .variable(literal.result, aggregate.range)
        } else {
            guard let term = lowerExpression(comparison.right, prelude: &prelude) else { return }
            body += prelude
            right = term
        }
        if comparison.op != .equal && comparison.op != .notEqual {
            checkOrderable(left, right, comparison)
        }
        body.append(.comparison(comparison.op, left, right, comparison.range))
    }

    /// `<` and its kin between a number and a symbol are type errors; when
    /// both sides are known before evaluation the error is reported now.
    private mutating func checkOrderable(_ left: Term, _ right: Term, _ comparison: Comparison) {
        guard let leftKind = staticKind(left), let rightKind = staticKind(right), leftKind != rightKind else { return }
        error("cannot compare \(leftKind.noun) with \(rightKind.noun) using '\(comparison.op.rawValue)'", comparison.operatorRange,
              help: "'<', '<=', '>' and '>=' compare numbers with numbers and symbols with symbols")
    }

    private mutating func lowerAggregate(_ aggregate: Aggregate) -> AggregateLiteral? {
        var body: [BodyLiteral] = []
        for literal in aggregate.body { lowerLiteral(literal, into: &body) }
        var target: Term?
        if let expression = aggregate.target {
            var prelude: [BodyLiteral] = []
            guard let term = lowerExpression(expression, prelude: &prelude) else { return nil }
            body += prelude
            target = term
        }
        return AggregateLiteral(function: aggregate.function, target: target, body: body, result: freshSlot(), range: aggregate.range)
    }

    // MARK: Expressions

    mutating func lowerExpression(_ expression: Expression, prelude: inout [BodyLiteral]) -> Term? {
        switch expression {
        case .integer(let value, _):
            return .constant(.integer(value))
        case .decimal(let value, _):
            return .constant(.number(value))
        case .symbol(let text, _):
            return .constant(scope.symbols.symbol(text))
        case .variable(let name, let range):
            return .variable(slot(named: name), range)
        case .anonymous(let range):
            return .variable(freshSlot(), range)
        case .range(let lower, let upper, let range):
            guard let low = lowerExpression(lower, prelude: &prelude), let high = lowerExpression(upper, prelude: &prelude) else { return nil }
            return fold(.range(low, high, range))
        case .negate(let operand, let range):
            guard let term = lowerExpression(operand, prelude: &prelude) else { return nil }
            guard checkArithmetic(term, operand.range) else { return nil }
            return fold(.negate(term, range))
        case .binary(let op, let left, let right, let range):
            guard let lhs = lowerExpression(left, prelude: &prelude), let rhs = lowerExpression(right, prelude: &prelude) else { return nil }
            guard checkArithmetic(lhs, left.range), checkArithmetic(rhs, right.range) else { return nil }
            return fold(.arithmetic(op, lhs, rhs, range))
        case .call(let name, let arguments, let range):
            return lowerCall(name, arguments, range, prelude: &prelude)
        case .aggregate(let aggregate):
            error("an aggregate can only stand on the right of a comparison", aggregate.range, help: "write 'N = \(aggregate.function.rawValue)\(aggregate.function == .count ? "" : " X") : { … }'")
            return nil
        }
    }

    private mutating func lowerCall(_ name: Name, _ arguments: [Expression], _ range: SourceRange, prelude: inout [BodyLiteral]) -> Term? {
        if scope.indicators.contains(name.text) {
            guard arguments.count == 2 else {
                error("indicator '\(name.text)' takes an actor and a year, found \(arguments.count) argument\(arguments.count == 1 ? "" : "s")", range,
                      help: "look an indicator up as \(name.text)(Actor, Year)")
                return nil
            }
            let terms = arguments.compactMap { lowerExpression($0, prelude: &prelude) }
            guard terms.count == 2, let value = predicate("value", arity: 4, at: name.range) else { return nil }
            let result = freshSlot()
            prelude.append(.atom(value, [.constant(scope.symbols.symbol(name.text))] + terms + [.variable(result, range)], range))
            return .variable(result, range)
        }
        guard let function = BuiltinFunction(rawValue: name.text) else {
            let candidates = BuiltinFunction.allCases.map(\.rawValue) + scope.indicators.sorted()
            var help = suggestion(for: name.text, among: candidates, noun: "function or indicator")
            if help == nil && arguments.count == 2 {
                help = "declare the indicator with 'indicator \(name.text) \"…\".'"
            }
            error("unknown function or indicator '\(name.text)'", name.range, help: help)
            return nil
        }
        guard arguments.count == function.arity else {
            error("'\(function.rawValue)' takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), found \(arguments.count)", range)
            return nil
        }
        var terms: [Term] = []
        for argument in arguments {
            guard let term = lowerExpression(argument, prelude: &prelude), checkArithmetic(term, argument.range) else { return nil }
            terms.append(term)
        }
        return fold(.function(function, terms, range))
    }

    /// Arithmetic on a constant symbol or range is a type error.
    private mutating func checkArithmetic(_ term: Term, _ range: SourceRange) -> Bool {
        guard case .constant(let value) = term, !value.isNumber else { return true }
        error("arithmetic needs a number, found \(value.tag == .symbol ? "the symbol" : "the range") \(scope.symbols.sourceText(value))", range)
        return false
    }

    /// Computes a term whose parts are all constants, reporting overflow,
    /// division by zero and empty ranges where they are written.
    private mutating func fold(_ term: Term) -> Term? {
        var hasVariable = false
        term.forEachVariable { _, _ in hasVariable = true }
        guard !hasVariable else { return term }
        do {
            return .constant(try Arithmetic.evaluate(term, bindings: nil, symbols: scope.symbols))
        } catch {
            diagnostics.append(.error(error.message, at: span(error.range), help: error.help))
            return nil
        }
    }

    private enum StaticKind: Equatable {
        case number, symbol, range

        var noun: String {
            switch self {
            case .number: return "a number"
            case .symbol: return "a symbol"
            case .range: return "a range"
            }
        }
    }

    private func staticKind(_ term: Term) -> StaticKind? {
        switch term {
        case .constant(let value):
            switch value.tag {
            case .integer, .double: return .number
            case .symbol: return .symbol
            case .range: return .range
            }
        case .arithmetic, .negate, .function: return .number
        case .range: return .range
        case .variable: return nil
        }
    }
}

/// `help: did you mean 'meets'?` for the nearest name within a small edit
/// distance, or nil.
func suggestion(for name: String, among candidates: [String], noun: String) -> String? {
    guard let nearest = nearestName(to: name, among: candidates) else { return nil }
    return "did you mean '\(nearest)'?"
}
