import RejoinderSyntax

/// A term after analysis: variables are numbered slots, constants are
/// interned values, indicator look-ups have become `value/4` atoms.
indirect enum Term: Sendable {
    case constant(Value)
    case variable(Int, SourceRange)
    case arithmetic(ArithmeticOperator, Term, Term, SourceRange)
    case negate(Term, SourceRange)
    case function(BuiltinFunction, [Term], SourceRange)
    case range(Term, Term, SourceRange)

    /// The slot when the term is a plain variable.
    var slot: Int? {
        if case .variable(let slot, _) = self { return slot }
        return nil
    }

    func forEachVariable(_ body: (Int, SourceRange) -> Void) {
        switch self {
        case .constant: break
        case .variable(let slot, let range): body(slot, range)
        case .arithmetic(_, let left, let right, _), .range(let left, let right, _):
            left.forEachVariable(body)
            right.forEachVariable(body)
        case .negate(let operand, _): operand.forEachVariable(body)
        case .function(_, let arguments, _):
            for argument in arguments { argument.forEachVariable(body) }
        }
    }

    /// The first variable of the term not in `bound`, with where it is written.
    func firstUnbound(_ bound: [Bool]) -> (Int, SourceRange)? {
        var found: (Int, SourceRange)?
        forEachVariable { slot, range in
            if found == nil && !bound[slot] { found = (slot, range) }
        }
        return found
    }

    func isBound(_ bound: [Bool]) -> Bool { firstUnbound(bound) == nil }
}

/// Functions allowed inside expressions.
enum BuiltinFunction: String, CaseIterable, Sendable {
    case abs, round, floor, ceil, min, max, log

    var arity: Int {
        switch self {
        case .min, .max: return 2
        default: return 1
        }
    }
}

/// A body literal after analysis.
enum BodyLiteral: Sendable {
    case atom(PredicateID, [Term], SourceRange)
    /// `nil` arguments are `_`: any value.
    case negation(PredicateID, [Term?], SourceRange)
    case comparison(ComparisonOperator, Term, Term, SourceRange)
    case membership(Term, Term, SourceRange)
    case aggregate(AggregateLiteral)

    var range: SourceRange {
        switch self {
        case .atom(_, _, let range), .negation(_, _, let range), .comparison(_, _, _, let range), .membership(_, _, let range):
            return range
        case .aggregate(let aggregate):
            return aggregate.range
        }
    }

    /// Every variable the literal mentions (inside aggregates too).
    func forEachVariable(_ body: (Int, SourceRange) -> Void) {
        switch self {
        case .atom(_, let terms, _):
            for term in terms { term.forEachVariable(body) }
        case .negation(_, let terms, _):
            for term in terms { term?.forEachVariable(body) }
        case .comparison(_, let left, let right, _), .membership(let left, let right, _):
            left.forEachVariable(body)
            right.forEachVariable(body)
        case .aggregate(let aggregate):
            body(aggregate.result, aggregate.range)
            aggregate.target?.forEachVariable(body)
            for literal in aggregate.body { literal.forEachVariable(body) }
        }
    }

    /// Predicates read by the literal, with whether they are read through
    /// negation or an aggregate (which must be in a lower stratum).
    func forEachDependency(negated: Bool = false, _ body: (PredicateID, Bool, SourceRange) -> Void) {
        switch self {
        case .atom(let predicate, _, let range):
            body(predicate, negated, range)
        case .negation(let predicate, _, let range):
            body(predicate, true, range)
        case .comparison, .membership:
            break
        case .aggregate(let aggregate):
            for literal in aggregate.body {
                literal.forEachDependency(negated: true, body)
            }
        }
    }
}

/// `Result = function Target : { body }`.
struct AggregateLiteral: Sendable {
    let function: AggregateFunction
    let target: Term?
    let body: [BodyLiteral]
    /// The slot that receives the aggregate's value.
    let result: Int
    let range: SourceRange
}

/// A rule (or a query, whose head lists its columns) after analysis.
struct CompiledRule: Sendable {
    let head: PredicateID
    let headTerms: [Term]
    let body: [BodyLiteral]
    let owner: Owner
    let file: SourceFile
    /// The whole statement, for explanations and exports.
    let range: SourceRange
    /// Names of the slots (`_` for anonymous ones), for explanations.
    let variableNames: [String]

    var slotCount: Int { variableNames.count }

    var span: SourceSpan { SourceSpan(file: file, range: range) }
}
