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

    init() {}

    func copy() -> PredicateTable {
        let copy = PredicateTable()
        copy.predicates = predicates
        copy.idsByName = idsByName
        return copy
    }

    subscript(id: PredicateID) -> Predicate { predicates[id.rawValue] }

    func lookup(_ name: String) -> PredicateID? { idsByName[name] }

    /// The predicate called `name`, registered on first use; a use with
    /// another arity is reported with both places.
    func resolve(_ name: String, arity: Int, at span: SourceSpan) -> Result<PredicateID, Diagnostic> {
        if let id = idsByName[name] {
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
        return .success(id)
    }

    var count: Int { predicates.count }

    var allIDs: [PredicateID] { predicates.indices.map(PredicateID.init(rawValue:)) }
}
