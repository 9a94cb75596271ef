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
/// A class because a load extends it while lowering many statements.
///
/// A load registers its new predicates in an extension of the table
/// (`PredicateTable(extending:)`), which reads the table beneath without
/// copying it; the load's commit `adopt`s the extension, and a failed load
/// drops it, so the table beneath never holds a predicate of a load that
/// failed. Ids run on from the table beneath: an extension's first
/// predicate has the id after the last one there.
final class PredicateTable {
    private let base: PredicateTable?
    /// How many predicates the table beneath held when this one began.
    private let baseCount: Int
    /// The predicates registered here, from id `baseCount` on.
    private var own: [Predicate] = []
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

    init() {
        base = nil
        baseCount = 0
    }

    init(extending base: PredicateTable) {
        self.base = base
        baseCount = base.count
    }

    /// A copy of what this table registered, over the same table beneath:
    /// a load's parsed statements work on a copy of the staged facts'
    /// table, so that the facts can still load alone if they fail.
    func copy() -> PredicateTable {
        let copy = base.map(PredicateTable.init(extending:)) ?? PredicateTable()
        copy.own = own
        copy.idsByName = idsByName
        copy.streamPosition = streamPosition
        copy.stagedFirstUses = stagedFirstUses
        copy.overruled = overruled
        return copy
    }

    subscript(id: PredicateID) -> Predicate {
        id.rawValue < baseCount ? base![id] : own[id.rawValue - baseCount]
    }

    func lookup(_ name: String) -> PredicateID? {
        base?.lookup(name) ?? idsByName[name]
    }

    /// The predicate called `name`, registered on its first use in the
    /// text; a use with another arity is reported with both places.
    /// `isStaged` marks the use of a staged fact.
    func resolve(_ name: String, arity: Int, at span: SourceSpan, isStaged: Bool = false) -> Result<PredicateID, Diagnostic> {
        if let id = lookup(name) {
            if let stagedAt = stagedFirstUses[id], streamPosition < stagedAt {
                // The first use in the text, found after the staged ones
                // (only this load's predicates are staged, so it is ours).
                stagedFirstUses[id] = nil
                let staged = own[id.rawValue - baseCount]
                if staged.arity != arity { overruled.append(staged) }
                own[id.rawValue - baseCount] = Predicate(name: name, arity: arity, firstUse: span)
                return .success(id)
            }
            let known = self[id]
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
        let id = PredicateID(rawValue: count)
        own.append(Predicate(name: name, arity: arity, firstUse: span))
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

    /// Takes in what `extension` registered. It must extend this table as
    /// it is now: a load begins, then commits, before the next begins.
    func adopt(_ extension: PredicateTable) {
        precondition(`extension`.base === self && `extension`.baseCount == count, "a predicate table adopted after the table beneath it changed")
        for predicate in `extension`.own {
            idsByName[predicate.name] = PredicateID(rawValue: count)
            own.append(predicate)
        }
    }

    var count: Int { baseCount + own.count }

    var allIDs: [PredicateID] { (0..<count).map(PredicateID.init(rawValue:)) }

    /// Every predicate, by id.
    var predicates: [Predicate] { allIDs.map { self[$0] } }
}
