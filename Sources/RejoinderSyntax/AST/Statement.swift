/// One statement of a file, a script or a prompt entry.
public enum Statement: Equatable, Sendable {
    case definition(Definition)
    case query(Query)
    case explanation(Explanation)

    public var range: SourceRange {
        switch self {
        case .definition(let definition): return definition.range
        case .query(let query): return query.range
        case .explanation(let explanation): return explanation.range
        }
    }
}

/// Something that adds to the fact base: a fact, a rule, an entity or an
/// observation, in the common ground or according to one source.
public struct Definition: Equatable, Sendable {
    public enum Form: Equatable, Sendable {
        case rule(Rule)
        case entity(EntityDeclaration)
        case observation(Observation)
    }

    public let form: Form
    /// The source of the enclosing `according to`, or nil for the common ground.
    public let perspective: Name?
    public let range: SourceRange

    public init(form: Form, perspective: Name?, range: SourceRange) {
        self.form = form
        self.perspective = perspective
        self.range = range
    }
}

/// `head :- body.`, or a fact when `body` is nil.
public struct Rule: Equatable, Sendable {
    public let head: Atom
    public let body: [Literal]?

    public init(head: Atom, body: [Literal]?) {
        self.head = head
        self.body = body
    }
}

/// `kind id "Label" { key: value, … }.`
public struct EntityDeclaration: Equatable, Sendable {
    public let kind: Name
    public let id: Name
    public let label: Expression?
    public let attributes: [Attribute]

    public init(kind: Name, id: Name, label: Expression?, attributes: [Attribute]) {
        self.kind = kind
        self.id = id
        self.label = label
        self.attributes = attributes
    }
}

/// `key: value` or `key: [v1, v2]` in an entity declaration.
public struct Attribute: Equatable, Sendable {
    public let key: Name
    public let values: [Expression]
    /// Whether the value was written as a list, so `[a]` prints back as `[a]`.
    public let isList: Bool

    public init(key: Name, values: [Expression], isList: Bool) {
        self.key = key
        self.values = values
        self.isList = isList
    }
}

/// `gdp(china, 2021) = 17734062645371.` or a derived indicator
/// `beckley(A, Y) = gdp(A, Y) * gdp_per_capita(A, Y).`
public struct Observation: Equatable, Sendable {
    public let indicator: Atom
    public let value: Expression
    public let body: [Literal]?

    public init(indicator: Atom, value: Expression, body: [Literal]?) {
        self.indicator = indicator
        self.value = value
        self.body = body
    }
}

/// How a query picks its views.
public enum PerspectiveSuffix: Equatable, Sendable {
    case accordingTo(Name)
    /// `contrast a, b`; an empty list means every source. With
    /// `differing`, only the rows on which the sources do not all agree.
    /// With `on ATOM`, the rows are those of the query in any view, and each
    /// source's column says whether the atom holds in it: rows that no
    /// source holds are shown too.
    case contrast([Name], SourceRange, differing: Bool, on: Atom?)
}

/// `?- body [suffix].` or `body [suffix]?`
public struct Query: Equatable, Sendable {
    public let body: [Literal]
    public let suffix: PerspectiveSuffix?
    public let range: SourceRange

    public init(body: [Literal], suffix: PerspectiveSuffix?, range: SourceRange) {
        self.body = body
        self.suffix = suffix
        self.range = range
    }

    /// The answer's columns: named variables in order of first appearance,
    /// without those starting with `_` and those local to an aggregate.
    public var columns: [String] {
        var names: [String] = []
        for literal in body { literal.collectVariables(into: &names, includingAggregateBodies: false) }
        return names.filter { !$0.hasPrefix("_") }
    }
}

/// `why [not] atom [according to P].`
public struct Explanation: Equatable, Sendable {
    public let isNegated: Bool
    public let atom: Atom
    public let perspective: Name?
    public let range: SourceRange

    public init(isNegated: Bool, atom: Atom, perspective: Name?, range: SourceRange) {
        self.isNegated = isNegated
        self.atom = atom
        self.perspective = perspective
        self.range = range
    }
}
