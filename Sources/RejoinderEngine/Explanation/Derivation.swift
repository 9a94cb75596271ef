/// One node of a `why` tree: a statement that holds and how it is known.
public struct Derivation: Sendable, Equatable {
    /// How the statement is known.
    public enum Step: Sendable, Equatable {
        /// A stored fact, with the source that states it (nil for the common
        /// ground) and where it is written (`file:line`).
        case fact(source: String?, location: String)
        /// Derived by a rule: the rule's predicate, its source and location.
        case rule(predicate: String, source: String?, location: String)
        /// A built-in settled this under a semantics (grounded, preferred…),
        /// for this reason.
        case argumentation(semantics: String, reason: String)
        /// In the joint view: it holds in this source's view (the child
        /// says why), and so in the joint view.
        case inView(source: String)
        /// `not p(…)`: no such statement holds in the view.
        case absent
        /// A comparison or a range test that holds.
        case test
        /// A value computed by arithmetic or an aggregate.
        case computed
        /// It holds, but its derivation is too large to search.
        case tooLarge
    }

    /// The statement with its values: `meets(russia, criticism, 2020)`,
    /// `9.9507 >= 1.5`, `R = 18201 / 1829 = 9.9507`.
    public let statement: String
    public let step: Step
    /// What the knowledge base says of the entity the statement is about.
    public let entity: EntityDescription?
    public let children: [Derivation]

    public init(statement: String, step: Step, entity: EntityDescription? = nil, children: [Derivation] = []) {
        self.statement = statement
        self.step = step
        self.entity = entity
        self.children = children
    }

    /// Levels below this node (0 for a leaf).
    public var depth: Int { children.map { $0.depth + 1 }.max() ?? 0 }
}

/// An entity as an explanation cites it: kind, label, paragraph, footnote,
/// works cited, and who declares it where.
public struct EntityDescription: Sendable, Equatable {
    public let id: String
    public let kind: String
    public let label: String?
    public let paragraphs: [String]
    public let notes: [String]
    public let cites: [String]
    /// For an indicator: who publishes it, and the publisher's series.
    public let publisher: String?
    public let series: String?
    public let source: String?
    public let location: String?

    /// Whether a student can cite it: a paragraph, a note, or a published series.
    public var isCitable: Bool { !paragraphs.isEmpty || !notes.isEmpty || publisher != nil }

    /// `"label" ¶42, note 13, cites wong_2022`; for an indicator,
    /// `"GDP, current US$" World Bank, series NY.GDP.MKTP.CD`.
    public var citation: String {
        var parts: [String] = []
        if let label { parts.append("\"\(label)\"") }
        if let publisher { parts.append(publisher + (series.map { ", series \($0)" } ?? "")) }
        if !paragraphs.isEmpty { parts.append(paragraphs.map { "¶" + $0 }.joined(separator: ", ")) }
        if !notes.isEmpty { parts.append("note " + notes.joined(separator: ", ")) }
        if !cites.isEmpty { parts.append("cites " + cites.joined(separator: ", ")) }
        return parts.joined(separator: " ")
    }
}

/// The answer to `why not`: the statement does not hold, and why each rule
/// that could derive it fails.
public struct Absence: Sendable, Equatable {
    /// Why one rule does not derive the statement.
    public struct RuleFailure: Sendable, Equatable {
        /// The rule as written, its source and location.
        public let rule: String
        public let source: String?
        public let location: String
        /// The first literal that fails, with the values bound so far.
        public let literal: String
        public let reason: Reason
        /// The variables bound when the literal failed, in order.
        public let bindings: [Binding]
        /// Later literals that fail too on the values already known: a
        /// negation with what holds against it (the evidence that counts
        /// against a standard), a statement nothing states or derives.
        /// `why not` shows every reason it can, not only the first.
        public let alsoFailing: [Failure]
    }

    /// A literal that fails, and why.
    public struct Failure: Sendable, Equatable {
        public let literal: String
        public let reason: Reason
    }

    /// A variable and its value.
    public struct Binding: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public enum Reason: Sendable, Equatable {
        /// The rule's head cannot take this statement's values.
        case headDoesNotMatch
        /// No statement matches the literal.
        case nothingMatches
        /// The literal is a statement that rules could derive, and here is
        /// why they do not.
        indirect case notDerived(Absence)
        /// The negated statement holds; here is why.
        case blockedBy(Derivation)
        /// The comparison or test is false with these values.
        case testFails
        /// The aggregate has no value (min, max or mean of nothing).
        case noValue
    }

    public let statement: String
    public let failures: [RuleFailure]
    /// For a built-in of argumentation: what the attack graph holds
    /// instead, and why.
    public let instead: Derivation?
    /// No rule has the predicate in its head (and no fact states this).
    public var hasNoRules: Bool { failures.isEmpty }
}

/// What `why` or `why not` found in one view.
public struct ExplanationResult: Sendable, Equatable {
    public enum Finding: Sendable, Equatable {
        case holds(Derivation)
        case doesNotHold(Absence)
    }

    /// The source whose view this is, or nil for the common ground alone.
    public let source: String?
    public let finding: Finding
}
