import RejoinderSyntax

/// The id of a predicate (a name with its one arity).
public struct PredicateID: Hashable, Comparable, Sendable {
    public let rawValue: Int

    public static func < (lhs: PredicateID, rhs: PredicateID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What is known of one predicate: its name, its arity and where it was
/// first written, so an arity clash can point at both places.
public struct Predicate: Sendable {
    public let name: String
    public let arity: Int
    public let firstUse: SourceSpan

    /// `meets/3`.
    public var signature: String { "\(name)/\(arity)" }
}

/// Who a fact or rule belongs to: the common ground or one source.
public struct Owner: Hashable, Comparable, Sendable {
    public let rawValue: Int

    public static let common = Owner(rawValue: 0)
    /// The joint view, where every source's attacks meet: it owns no
    /// statement of its own.
    public static let joint = Owner(rawValue: Int.max)

    public static func < (lhs: Owner, rhs: Owner) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Every predicate name the knowledge base has seen, each with one arity.
/// A class because a load extends it while lowering many statements; a
/// load works on a `copy()` and keeps it only if the load succeeds.
final class PredicateTable {
    private(set) var predicates: [Predicate] = []
    private var idsByName: [String: PredicateID] = [:]
    /// Where in a load's stream of statements the use being resolved is:
    /// how many parsed trees come before it. A load stages ground facts as
    /// they are read but lowers the parsed trees after, so this is what
    /// puts their uses back in the order of the text.
    var streamPosition = Int.max
    /// Predicates a staged fact used first, with the stream position of
    /// that fact: a parsed tree before it uses the name earlier.
    private var stagedFirstUses: [PredicateID: Int] = [:]
    /// Staged predicates whose arity an earlier use in a tree overruled:
    /// every staged fact of theirs is an arity clash.
    private(set) var overruled: [Predicate] = []

    init() {}

    func copy() -> PredicateTable {
        let copy = PredicateTable()
        copy.predicates = predicates
        copy.idsByName = idsByName
        copy.streamPosition = streamPosition
        copy.stagedFirstUses = stagedFirstUses
        copy.overruled = overruled
        return copy
    }

    subscript(id: PredicateID) -> Predicate { predicates[id.rawValue] }

    func lookup(_ name: String) -> PredicateID? { idsByName[name] }

    /// The predicate called `name`, registered on its first use in the
    /// text; a use with another arity is reported with both places.
    /// `isStaged` marks the use of a staged fact.
    func resolve(_ name: String, arity: Int, at span: SourceSpan, isStaged: Bool = false) -> Result<PredicateID, Diagnostic> {
        if let id = idsByName[name] {
            if let stagedAt = stagedFirstUses[id], streamPosition < stagedAt {
                // The first use in the text, found after the staged ones.
                stagedFirstUses[id] = nil
                let staged = predicates[id.rawValue]
                if staged.arity != arity { overruled.append(staged) }
                predicates[id.rawValue] = Predicate(name: name, arity: arity, firstUse: span)
                return .success(id)
            }
            let known = predicates[id.rawValue]
            guard known.arity == arity else {
                return .failure(.error(
                    "arity mismatch: \(name)/\(arity) here, \(known.signature) at \(known.firstUse.description)",
                    at: span,
                    help: "a predicate has one arity; rename one of them or make the argument counts agree",
                    notes: [.note("\(known.signature) first used here", at: known.firstUse)]
                ))
            }
            return .success(id)
        }
        let id = PredicateID(rawValue: predicates.count)
        predicates.append(Predicate(name: name, arity: arity, firstUse: span))
        idsByName[name] = id
        if isStaged { stagedFirstUses[id] = streamPosition }
        return .success(id)
    }

    /// Ends a load's stream: every later use comes after all of it.
    func endStream() {
        streamPosition = .max
        stagedFirstUses = [:]
        overruled = []
    }

    var count: Int { predicates.count }

    var allIDs: [PredicateID] { predicates.indices.map(PredicateID.init(rawValue:)) }
}
