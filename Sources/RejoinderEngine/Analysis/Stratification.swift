import RejoinderSyntax

/// The strata of a program, kept up to date one load at a time.
///
/// A predicate that no rule or built-in derives reads nothing, so it can
/// be evaluated first, in any order: `strata` puts each such predicate in
/// a stratum of its own, in id order, before the derived strata. The
/// derived strata are in evaluation order, each after what it reads.
///
/// A load's new rules usually define new predicates, or add to a derived
/// predicate from what comes before it: then their strata are found from
/// the new rules alone and appended (`Change.extend`). When new rules
/// would have to reorder strata already placed (a predicate read before
/// gains its first rule, an old rule now reads a new derived predicate,
/// the built-ins read other relations, or a negation joins a cycle), the
/// whole program is stratified again (`Change.replace`), which also finds
/// every negation cycle.
struct Stratification {
    private(set) var derived: [Stratum] = []
    /// The index of each predicate's stratum in `derived`, or -1 for a
    /// predicate nothing derives.
    private var derivedStratum: [Int]
    /// Whether some rule or built-in reads each predicate.
    private var isRead: [Bool]
    /// What the built-ins read, as (built-in, input) ids.
    private var builtinEdges: [BuiltinEdge]

    private struct BuiltinEdge: Equatable {
        let head: Int
        let body: Int
    }

    /// What a load changes.
    enum Change {
        /// New strata after the known ones, and the known strata that new
        /// rules make recursive.
        case extend(appended: [Stratum], madeRecursive: [Int])
        /// The whole program stratified again.
        case replace(Stratification)
    }

    /// The strata of built-ins alone, before any rule.
    init(predicateCount: Int, builtins: [(head: PredicateID, body: PredicateID, range: SourceRange)]) {
        derivedStratum = [Int](repeating: -1, count: predicateCount)
        isRead = [Bool](repeating: false, count: predicateCount)
        builtinEdges = []
        if case .success(let full) = Self.stratifying([], predicateCount: predicateCount, builtins: builtins, names: { _ in "" }) {
            self = full
        }
    }

    private init(derived: [Stratum], derivedStratum: [Int], isRead: [Bool], builtinEdges: [BuiltinEdge]) {
        self.derived = derived
        self.derivedStratum = derivedStratum
        self.isRead = isRead
        self.builtinEdges = builtinEdges
    }

    /// Every stratum in evaluation order.
    var strata: [Stratum] {
        derivedStratum.indices.filter { derivedStratum[$0] < 0 }.map { Stratum(predicates: [PredicateID(rawValue: $0)], isRecursive: false) } + derived
    }

    /// What adding `newRules` changes, or the diagnostics of the negation
    /// cycles the whole program then has. `allRules` gives every rule,
    /// the new ones included, for when the whole program is stratified again.
    func change(adding newRules: [CompiledRule], allRules: () -> [CompiledRule], predicateCount: Int,
                builtins: [(head: PredicateID, body: PredicateID, range: SourceRange)],
                names: (PredicateID) -> String) -> Result<Change, DiagnosticError> {
        func again() -> Result<Change, DiagnosticError> {
            Self.stratifying(allRules(), predicateCount: predicateCount, builtins: builtins, names: names).map(Change.replace)
        }
        guard builtins.map({ BuiltinEdge(head: $0.head.rawValue, body: $0.body.rawValue) }) == builtinEdges else { return again() }
        let known = derivedStratum.count
        func stratum(_ predicate: Int) -> Int { predicate < known ? derivedStratum[predicate] : -1 }
        // The predicates the new rules give their first rules: they get new
        // strata, which only what comes after the known strata may read.
        var placed: Set<Int> = []
        for rule in newRules where stratum(rule.head.rawValue) < 0 {
            let head = rule.head.rawValue
            if head < known && isRead[head] { return again() }
            placed.insert(head)
        }
        var madeRecursive: Set<Int> = []
        var edges: [Int: [(target: Int, isNegative: Bool)]] = [:]
        for rule in newRules {
            let head = rule.head.rawValue
            var reordered = false
            for literal in rule.body {
                literal.forEachDependency { predicate, isNegative, _ in
                    let target = predicate.rawValue
                    if placed.contains(head) {
                        edges[head, default: []].append((target, isNegative))
                        return
                    }
                    // A rule added to a known stratum may read what nothing
                    // derives, a lower stratum, or its own (not negated).
                    if placed.contains(target) { reordered = true; return }
                    let read = stratum(target)
                    if read > stratum(head) || (read == stratum(head) && isNegative) { reordered = true; return }
                    if read == stratum(head) { madeRecursive.insert(read) }
                }
            }
            if reordered { return again() }
        }
        guard let appended = Self.components(of: placed, edges: edges) else { return again() }
        return .success(.extend(appended: appended, madeRecursive: madeRecursive.sorted()))
    }

    /// Applies a change that `change(adding:…)` computed for `newRules`.
    mutating func apply(_ change: Change, adding newRules: [CompiledRule], predicateCount: Int) {
        switch change {
        case .replace(let stratification):
            self = stratification
        case .extend(let appended, let madeRecursive):
            derivedStratum += [Int](repeating: -1, count: predicateCount - derivedStratum.count)
            isRead += [Bool](repeating: false, count: predicateCount - isRead.count)
            for index in madeRecursive { derived[index] = Stratum(predicates: derived[index].predicates, isRecursive: true) }
            for stratum in appended {
                for predicate in stratum.predicates { derivedStratum[predicate.rawValue] = derived.count }
                derived.append(stratum)
            }
            for rule in newRules {
                for literal in rule.body {
                    literal.forEachDependency { predicate, _, _ in isRead[predicate.rawValue] = true }
                }
            }
        }
    }

    /// The strongly connected components of `nodes` under `edges` (those
    /// leaving them), dependencies first; nil when one holds a negation,
    /// which the whole program's stratification then reports.
    private static func components(of nodes: Set<Int>, edges: [Int: [(target: Int, isNegative: Bool)]]) -> [Stratum]? {
        let order = nodes.sorted()
        let local = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let graph = order.map { node in (edges[node] ?? []).compactMap { edge in local[edge.target].map { (target: $0, isNegative: edge.isNegative) } } }
        var strata: [Stratum] = []
        for component in StronglyConnectedComponents(graph.map { $0.map(\.target) }).components {
            let members = Set(component)
            var isRecursive = component.count > 1
            for node in component {
                for edge in graph[node] where members.contains(edge.target) {
                    if edge.isNegative { return nil }
                    if edge.target == node { isRecursive = true }
                }
            }
            strata.append(Stratum(predicates: component.sorted().map { PredicateID(rawValue: order[$0]) }, isRecursive: isRecursive))
        }
        return strata
    }

    /// The whole program stratified from scratch.
    private static func stratifying(_ rules: [CompiledRule], predicateCount: Int, builtins: [(head: PredicateID, body: PredicateID, range: SourceRange)],
                                    names: (PredicateID) -> String) -> Result<Stratification, DiagnosticError> {
        let stratifier = Stratifier(predicateCount: predicateCount, rules: rules, builtins: builtins)
        return stratifier.stratify(names: names).map { strata in
            var isRead = [Bool](repeating: false, count: predicateCount)
            var isDerived = [Bool](repeating: false, count: predicateCount)
            for builtin in builtins {
                isRead[builtin.body.rawValue] = true
                isDerived[builtin.head.rawValue] = true
            }
            for rule in rules {
                isDerived[rule.head.rawValue] = true
                for literal in rule.body {
                    literal.forEachDependency { predicate, _, _ in isRead[predicate.rawValue] = true }
                }
            }
            var derivedStratum = [Int](repeating: -1, count: predicateCount)
            var derived: [Stratum] = []
            for stratum in strata where stratum.predicates.contains(where: { isDerived[$0.rawValue] }) {
                for predicate in stratum.predicates { derivedStratum[predicate.rawValue] = derived.count }
                derived.append(stratum)
            }
            return Stratification(derived: derived, derivedStratum: derivedStratum, isRead: isRead,
                                  builtinEdges: builtins.map { BuiltinEdge(head: $0.head.rawValue, body: $0.body.rawValue) })
        }
    }
}
