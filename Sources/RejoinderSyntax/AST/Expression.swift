/// A name as written, with where it was written.
public struct Name: Equatable, Hashable, Sendable {
    public let text: String
    public let range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// Arithmetic operators, in the order of LANGUAGE.md §4.
public enum ArithmeticOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// Comparison operators.
public enum ComparisonOperator: String, Sendable, Equatable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// `count`, `sum`, `min`, `max`, `mean`.
public enum AggregateFunction: String, Sendable, Equatable, CaseIterable {
    case count, sum, min, max, mean
}

/// A term or an arithmetic expression: the arguments of atoms, attribute
/// values and both sides of comparisons.
public indirect enum Expression: Equatable, Sendable {
    case integer(Int64, SourceRange)
    case decimal(Double, SourceRange)
    /// A constant name or a string: `russia` and `"russia"` are the same symbol.
    case symbol(String, SourceRange)
    case variable(String, SourceRange)
    /// `_`: a fresh variable at each occurrence.
    case anonymous(SourceRange)
    /// `lower..upper`, a closed range of integers.
    case range(Expression, Expression, SourceRange)
    case negate(Expression, SourceRange)
    case binary(ArithmeticOperator, Expression, Expression, SourceRange)
    /// A function (`abs(X)`) or an indicator look-up (`gdp(china, Y)`).
    case call(Name, [Expression], SourceRange)
    /// Only on the right of a comparison: `N = count : { … }`.
    case aggregate(Aggregate)

    public var range: SourceRange {
        switch self {
        case .integer(_, let range), .decimal(_, let range), .symbol(_, let range), .variable(_, let range),
             .anonymous(let range), .range(_, _, let range), .negate(_, let range), .binary(_, _, _, let range),
             .call(_, _, let range):
            return range
        case .aggregate(let aggregate):
            return aggregate.range
        }
    }

    /// Named variables, in order of first appearance, each once.
    public var variables: [String] {
        var names: [String] = []
        collectVariables(into: &names)
        return names
    }

    /// Adds the expression's variables to `names`. Variables inside an
    /// aggregate's body are local to it unless `includingAggregateBodies`.
    func collectVariables(into names: inout [String], includingAggregateBodies: Bool = true) {
        switch self {
        case .variable(let name, _):
            if !names.contains(name) { names.append(name) }
        case .integer, .decimal, .symbol, .anonymous:
            break
        case .range(let lower, let upper, _), .binary(_, let lower, let upper, _):
            lower.collectVariables(into: &names, includingAggregateBodies: includingAggregateBodies)
            upper.collectVariables(into: &names, includingAggregateBodies: includingAggregateBodies)
        case .negate(let operand, _):
            operand.collectVariables(into: &names, includingAggregateBodies: includingAggregateBodies)
        case .call(_, let arguments, _):
            for argument in arguments { argument.collectVariables(into: &names, includingAggregateBodies: includingAggregateBodies) }
        case .aggregate(let aggregate):
            guard includingAggregateBodies else { return }
            aggregate.target?.collectVariables(into: &names)
            for literal in aggregate.body { literal.collectVariables(into: &names) }
        }
    }
}

/// `sum X : { body }` and its kin.
public struct Aggregate: Equatable, Sendable {
    public let function: AggregateFunction
    /// The aggregated expression; nil for `count`.
    public let target: Expression?
    public let body: [Literal]
    public let range: SourceRange

    public init(function: AggregateFunction, target: Expression?, body: [Literal], range: SourceRange) {
        self.function = function
        self.target = target
        self.body = body
        self.range = range
    }
}
