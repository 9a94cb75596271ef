import RejoinderSyntax

/// Which kinds and relations of a knowledge base play the roles that the
/// argumentation built-ins, the argument map and explanations read. The
/// engine knows the roles; the knowledge base names what plays them, with
/// common-ground facts `vocabulary(Role, Name)` (the shipped base declares
/// its words in `Knowledge/debate/vocabulary.rj`). A role may have several
/// names: two kinds of argument, say, or two attack relations, read as one.
public struct Vocabulary: Sendable, Equatable {
    public enum Role: String, CaseIterable, Sendable {
        /// A kind whose entities are arguments (`claim`, `evidence`).
        case argument
        /// A relation `attack(X, Y)`: X attacks Y.
        case attack
        /// A relation `support(X, Y)`, drawn in the map.
        case support
        /// A relation `preference(X, Y)`: the view prefers X to Y, drawn in AIF.
        case preference
        /// An attribute naming who makes an argument (`by`).
        case author
        /// Attributes a student can cite: a paragraph, a note, a work, an
        /// indicator's publisher and its series.
        case citation, note, reference, publisher, series
        /// The name of the joint view, where every source's attacks meet.
        case jointView = "joint_view"
    }

    private var names: [Role: [String]] = [:]

    public init() {}

    /// The names declared for a role, in the order first declared.
    public func names(_ role: Role) -> [String] { names[role] ?? [] }

    /// The first name declared for a role.
    public func name(_ role: Role) -> String? { names[role]?.first }

    public mutating func declare(_ role: Role, _ name: String) {
        if !names(role).contains(name) { names[role, default: []].append(name) }
    }

    /// The predicate that holds the declarations.
    static let predicateName = "vocabulary"

    /// What is wrong with a `vocabulary/2` fact, if anything; every loading
    /// path asks, so a declaration means the same however it is read.
    static func problem(with row: [Value], owner: Owner, symbols: SymbolTable, at span: SourceSpan) -> Diagnostic? {
        guard owner == .common else {
            return .error("vocabulary/2 is declared in the common ground, for every view", at: span,
                          help: "move the fact out of the 'according to' block")
        }
        let roles = Role.allCases.map(\.rawValue)
        guard case .symbol(let role) = symbols.datum(row[0]), Role(rawValue: role) != nil else {
            let written = symbols.sourceText(row[0])
            return .error("unknown role '\(written)' in vocabulary/2", at: span,
                          help: suggestion(for: written, among: roles, noun: "role") ?? "the roles are \(roles.joined(separator: ", "))")
        }
        guard case .symbol = symbols.datum(row[1]) else {
            return .error("vocabulary/2 names a kind or a relation, not \(symbols.sourceText(row[1]))", at: span)
        }
        return nil
    }

    /// The vocabulary the stored `vocabulary/2` facts declare, read in
    /// the order given.
    init(facts relations: [Relation], symbols: SymbolTable) {
        for facts in relations {
            declare(facts, symbols: symbols)
        }
    }

    private mutating func declare(_ facts: Relation, symbols: SymbolTable) {
        for row in 0..<facts.count {
            guard case .symbol(let role) = symbols.datum(facts.value(row: row, column: 0)), let known = Role(rawValue: role),
                  case .symbol(let name) = symbols.datum(facts.value(row: row, column: 1)) else { continue }
            declare(known, name)
        }
    }
}
