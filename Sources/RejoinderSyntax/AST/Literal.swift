/// `name(arguments)`, or `name` alone for arity 0.
public struct Atom: Equatable, Sendable {
    public let name: Name
    public let arguments: [Expression]
    public let range: SourceRange

    public init(name: Name, arguments: [Expression], range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }

    /// `meets/3`.
    public var signature: String { "\(name.text)/\(arguments.count)" }
}

/// One element of a rule body or a query.
public enum Literal: Equatable, Sendable {
    case atom(Atom)
    /// `not p(…)`; the range covers the whole literal, `not` included.
    case negation(Atom, SourceRange)
    case record(RecordPattern)
    case comparison(Comparison)
    case membership(Membership)

    public var range: SourceRange {
        switch self {
        case .atom(let atom): return atom.range
        case .negation(_, let range): return range
        case .record(let pattern): return pattern.range
        case .comparison(let comparison): return comparison.range
        case .membership(let membership): return membership.range
        }
    }

    func collectVariables(into names: inout [String], includingAggregateBodies: Bool = true) {
        let all = includingAggregateBodies
        switch self {
        case .atom(let atom), .negation(let atom, _):
            for argument in atom.arguments { argument.collectVariables(into: &names, includingAggregateBodies: all) }
        case .record(let pattern):
            pattern.subject.collectVariables(into: &names, includingAggregateBodies: all)
            for attribute in pattern.attributes { attribute.value.collectVariables(into: &names, includingAggregateBodies: all) }
        case .comparison(let comparison):
            comparison.left.collectVariables(into: &names, includingAggregateBodies: all)
            comparison.right.collectVariables(into: &names, includingAggregateBodies: all)
        case .membership(let membership):
            membership.element.collectVariables(into: &names, includingAggregateBodies: all)
            membership.collection.collectVariables(into: &names, includingAggregateBodies: all)
        }
    }
}

/// `kind X { key: t, … }`: `is_a(X, kind), key(X, t), …`.
public struct RecordPattern: Equatable, Sendable {
    public let kind: Name
    /// A variable, a constant or `_`.
    public let subject: Expression
    public let attributes: [PatternAttribute]
    public let range: SourceRange

    public init(kind: Name, subject: Expression, attributes: [PatternAttribute], range: SourceRange) {
        self.kind = kind
        self.subject = subject
        self.attributes = attributes
        self.range = range
    }
}

/// `key: term` inside a record pattern.
public struct PatternAttribute: Equatable, Sendable {
    public let key: Name
    public let value: Expression

    public init(key: Name, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// `left op right`.
public struct Comparison: Equatable, Sendable {
    public let left: Expression
    public let op: ComparisonOperator
    public let right: Expression
    public let operatorRange: SourceRange
    public let range: SourceRange

    public init(left: Expression, op: ComparisonOperator, right: Expression, operatorRange: SourceRange, range: SourceRange) {
        self.left = left
        self.op = op
        self.right = right
        self.operatorRange = operatorRange
        self.range = range
    }
}

/// `element in collection`, where the collection is a range or a variable
/// bound to one.
public struct Membership: Equatable, Sendable {
    public let element: Expression
    public let collection: Expression
    public let range: SourceRange

    public init(element: Expression, collection: Expression, range: SourceRange) {
        self.element = element
        self.collection = collection
        self.range = range
    }
}
