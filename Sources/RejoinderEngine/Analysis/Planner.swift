import RejoinderSyntax

/// One step of an evaluation plan.
enum PlanStep: Sendable {
    /// Read an atom's relation: look rows up by the key columns, bind the rest.
    case scan(ScanPlan)
    /// Fail when the (bound) atom is present.
    case negation(PredicateID, [Term?])
    /// A comparison of two bound terms.
    case test(ComparisonOperator, Term, Term, SourceRange)
    /// `X = term` with X unbound: bind it.
    case assign(Int, Term, SourceRange)
    /// `X in range` with X unbound: bind it to each year.
    case enumerate(Int, Term, SourceRange)
    /// `term in range` with both bound: test.
    case member(Term, Term, SourceRange)
    case aggregate(AggregatePlan)
}

/// How a scan treats each column of its atom.
enum ColumnAction: Sendable {
    /// The column must equal this bound term (an index key).
    case key(Term)
    /// The column's value binds this slot.
    case bind(Int)
    /// The column must equal the slot bound by an earlier column of the same atom.
    case check(Int)
}

struct ScanPlan: Sendable {
    let predicate: PredicateID
    /// The atom's position in the rule body, which says which rows it reads
    /// in a semi-naive round.
    let atomIndex: Int
    let columns: [ColumnAction]
    let range: SourceRange

    /// Bit i set when column i is a key.
    var keyMask: UInt64 {
        var mask: UInt64 = 0
        for (column, action) in columns.enumerated() {
            if case .key = action { mask |= 1 << UInt64(column) }
        }
        return mask
    }
}

struct AggregatePlan: Sendable {
    let function: AggregateFunction
    let target: Term?
    let result: Int
    /// Slots the aggregate binds besides its result: the variables it shares
    /// with the rest of the rule that were not bound when it ran.
    let groups: [Int]
    let inner: [PlanStep]
    let range: SourceRange
}

/// Orders a body for evaluation and, in doing so, checks its safety: every
/// variable must be bound by a positive atom, an `=` or an `in` before a
/// negation, comparison or expression needs it.
///
/// Atoms and enumerations run in the order written (with the delta atom of
/// a semi-naive variant first); every test, assignment and negation runs as
/// soon as its variables are bound. A literal that can never run is an
/// unsafe variable, reported where the variable is written.
struct Planner {
    let file: SourceFile
    private(set) var variableNames: [String]
    /// How often each variable occurs in the head and in the body (inside
    /// aggregates too), to know what an aggregate shares with the rest of
    /// its rule.
    private var headUses: [Int: Int] = [:]
    private var bodyUses: [Int: Int] = [:]
    /// Slots that receive an aggregate's value; only the aggregate binds them.
    private var aggregateResults: Set<Int> = []

    /// Run each literal where it is written, as soon as it can run (rather
    /// than every test as early as possible): `why not` reports the first
    /// failing literal in the order the author wrote.
    var keepsWrittenOrder = false

    init(file: SourceFile, variableNames: [String]) {
        self.file = file
        self.variableNames = variableNames
    }

    var slotCount: Int { variableNames.count }

    /// Plans a rule body whose head is `headTerms`; `first` names an atom
    /// (by body position) to read first; `bound` slots already have values
    /// (an explanation starts from the head's).
    mutating func planRule(body: [BodyLiteral], headTerms: [Term], headName: String, first: Int? = nil, bound initiallyBound: [Int] = []) throws(DiagnosticError) -> [PlanStep] {
        var bound = [Bool](repeating: false, count: slotCount)
        for slot in initiallyBound { bound[slot] = true }
        countUses(body: body, headTerms: headTerms)
        let steps = try plan(body, bound: &bound, first: first)
        for term in headTerms {
            if let (slot, range) = term.firstUnbound(bound) {
                throw DiagnosticError(.error(
                    "variable '\(variableNames[slot])' in the head of '\(headName)' is not bound by the body",
                    at: SourceSpan(file: file, range: range),
                    help: "every head variable must appear in a positive atom of the body, or be set with '='"
                ))
            }
        }
        return steps
    }

    private mutating func countUses(body: [BodyLiteral], headTerms: [Term]) {
        headUses = [:]
        bodyUses = [:]
        aggregateResults = []
        func collectResults(_ literals: [BodyLiteral]) {
            for case .aggregate(let aggregate) in literals {
                aggregateResults.insert(aggregate.result)
                collectResults(aggregate.body)
            }
        }
        collectResults(body)
        for term in headTerms { term.forEachVariable { slot, _ in headUses[slot, default: 0] += 1 } }
        for literal in body { literal.forEachVariable { slot, _ in bodyUses[slot, default: 0] += 1 } }
    }

    private struct Pending {
        let literal: BodyLiteral
        let atomIndex: Int
    }

    private mutating func plan(_ body: [BodyLiteral], bound: inout [Bool], first: Int?) throws(DiagnosticError) -> [PlanStep] {
        var atomIndex = 0
        var pending: [Pending] = body.map { literal in
            defer { if case .atom = literal { atomIndex += 1 } }
            if case .atom = literal { return Pending(literal: literal, atomIndex: atomIndex) }
            return Pending(literal: literal, atomIndex: -1)
        }
        if let first, let position = pending.firstIndex(where: { $0.atomIndex == first }) {
            pending.insert(pending.remove(at: position), at: 0)
        }
        var steps: [PlanStep] = []
        while !pending.isEmpty {
            if keepsWrittenOrder, let index = pending.firstIndex(where: { isReadyTest($0.literal, bound) || isReadyGenerator($0.literal, bound) }) {
                let item = pending.remove(at: index)
                if isReadyTest(item.literal, bound) {
                    steps.append(try placeTest(item.literal, bound: &bound))
                } else {
                    try placeGenerator(item, bound: &bound, steps: &steps, pending: &pending)
                }
                continue
            }
            if let index = pending.firstIndex(where: { isReadyTest($0.literal, bound) }) {
                let item = pending.remove(at: index)
                steps.append(try placeTest(item.literal, bound: &bound))
                continue
            }
            if let index = pending.firstIndex(where: { isReadyGenerator($0.literal, bound) }) {
                let item = pending.remove(at: index)
                try placeGenerator(item, bound: &bound, steps: &steps, pending: &pending)
                continue
            }
            // An aggregate whose shared variables nothing else binds groups by them.
            if let index = pending.firstIndex(where: { if case .aggregate = $0.literal { return true }; return false }) {
                let item = pending.remove(at: index)
                try placeGenerator(item, bound: &bound, steps: &steps, pending: &pending)
                continue
            }
            throw unsafe(pending[0].literal, bound)
        }
        return steps
    }

    private func isReadyTest(_ literal: BodyLiteral, _ bound: [Bool]) -> Bool {
        switch literal {
        case .atom, .aggregate:
            return false
        case .negation(_, let terms, _):
            return terms.allSatisfy { $0?.isBound(bound) ?? true }
        case .comparison(let op, let left, let right, _):
            if left.isBound(bound) && right.isBound(bound) { return true }
            guard op == .equal else { return false }
            if let slot = left.slot, !bound[slot], !aggregateResults.contains(slot), right.isBound(bound) { return true }
            if let slot = right.slot, !bound[slot], !aggregateResults.contains(slot), left.isBound(bound) { return true }
            return false
        case .membership(let element, let collection, _):
            return element.isBound(bound) && collection.isBound(bound)
        }
    }

    private func isReadyGenerator(_ literal: BodyLiteral, _ bound: [Bool]) -> Bool {
        switch literal {
        case .atom:
            return true
        case .membership(let element, let collection, _):
            guard let slot = element.slot else { return false }
            return !bound[slot] && collection.isBound(bound)
        case .aggregate(let aggregate):
            // Ready once every variable it shares with another body literal
            // is bound; those it shares only with the head are its groups.
            let inside = innerVariableCounts(aggregate)
            return inside.allSatisfy { slot, count in
                bound[slot] || (bodyUses[slot] ?? 0) <= count
            }
        default:
            return false
        }
    }

    private func innerVariableCounts(_ aggregate: AggregateLiteral) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        aggregate.target?.forEachVariable { slot, _ in counts[slot, default: 0] += 1 }
        for literal in aggregate.body { literal.forEachVariable { slot, _ in counts[slot, default: 0] += 1 } }
        return counts
    }

    private func placeTest(_ literal: BodyLiteral, bound: inout [Bool]) throws(DiagnosticError) -> PlanStep {
        switch literal {
        case .negation(let predicate, let terms, _):
            return .negation(predicate, terms)
        case .comparison(let op, let left, let right, let range):
            if op == .equal, let slot = left.slot, !bound[slot] {
                bound[slot] = true
                return .assign(slot, right, range)
            }
            if op == .equal, let slot = right.slot, !bound[slot] {
                bound[slot] = true
                return .assign(slot, left, range)
            }
            return .test(op, left, right, range)
        case .membership(let element, let collection, let range):
            return .member(element, collection, range)
        default:
            preconditionFailure("not a test")
        }
    }

    private mutating func placeGenerator(_ item: Pending, bound: inout [Bool], steps: inout [PlanStep], pending: inout [Pending]) throws(DiagnosticError) {
        switch item.literal {
        case .atom(let predicate, let terms, let range):
            var columns: [ColumnAction] = []
            var boundHere: [Int] = []
            for term in terms {
                if let slot = term.slot {
                    if bound[slot] {
                        columns.append(.key(term))
                    } else if boundHere.contains(slot) {
                        columns.append(.check(slot))
                    } else {
                        columns.append(.bind(slot))
                        boundHere.append(slot)
                    }
                } else if term.isBound(bound) {
                    columns.append(.key(term))
                } else {
                    // An expression argument whose variables are bound later:
                    // read the column into a fresh slot and compare afterwards.
                    let fresh = newSlot()
                    bound.append(false)
                    columns.append(.bind(fresh))
                    boundHere.append(fresh)
                    pending.insert(Pending(literal: .comparison(.equal, .variable(fresh, term.rangeForDiagnostics), term, term.rangeForDiagnostics), atomIndex: -1), at: 0)
                }
            }
            for slot in boundHere { bound[slot] = true }
            steps.append(.scan(ScanPlan(predicate: predicate, atomIndex: item.atomIndex, columns: columns, range: range)))
        case .membership(let element, let collection, let range):
            let slot = element.slot!
            bound[slot] = true
            steps.append(.enumerate(slot, collection, range))
        case .aggregate(let aggregate):
            steps.append(.aggregate(try placeAggregate(aggregate, bound: &bound)))
        default:
            preconditionFailure("not a generator")
        }
    }

    private mutating func placeAggregate(_ aggregate: AggregateLiteral, bound: inout [Bool]) throws(DiagnosticError) -> AggregatePlan {
        let inside = innerVariableCounts(aggregate)
        var innerBound = bound
        let inner = try plan(aggregate.body, bound: &innerBound, first: nil)
        if let target = aggregate.target, let (slot, range) = target.firstUnbound(innerBound) {
            throw DiagnosticError(.error(
                "variable '\(variableNames[slot])' in the value of '\(aggregate.function.rawValue)' is not bound by its body",
                at: SourceSpan(file: file, range: range)
            ))
        }
        let innerSlots = (0..<innerBound.count).filter { innerBound[$0] && ($0 >= bound.count || !bound[$0]) }
        // Shared with the rest of the rule and not yet bound: the groups.
        let groups = innerSlots.filter { slot in
            slot < bound.count && (headUses[slot] ?? 0) + (bodyUses[slot] ?? 0) > (inside[slot] ?? 0)
        }
        while bound.count < innerBound.count { bound.append(false) }
        for slot in groups { bound[slot] = true }
        bound[aggregate.result] = true
        return AggregatePlan(function: aggregate.function, target: aggregate.target, result: aggregate.result,
                             groups: groups, inner: inner, range: aggregate.range)
    }

    private mutating func newSlot() -> Int {
        variableNames.append("_")
        return variableNames.count - 1
    }

    private func unsafe(_ literal: BodyLiteral, _ bound: [Bool]) -> DiagnosticError {
        /// `message` with `%` standing for the variable's name.
        func error(_ message: String, _ slot: Int, _ range: SourceRange, help: String? = nil) -> DiagnosticError {
            let text = message.split(separator: "%", omittingEmptySubsequences: false).joined(separator: variableNames[slot])
            return DiagnosticError(.error(text, at: SourceSpan(file: file, range: range), help: help))
        }
        switch literal {
        case .negation(_, let terms, _):
            for term in terms {
                if let (slot, range) = term?.firstUnbound(bound) {
                    return error("variable '%' in a negated atom is not bound by a positive literal", slot, range,
                                 help: "bind it in a positive atom of the body, or write '_' for any value")
                }
            }
        case .comparison(let op, let left, let right, _):
            if op == .equal, left.slot != nil, let (slot, range) = right.firstUnbound(bound) {
                return error("variable '%' on the right of '=' is not bound", slot, range,
                             help: "bind it in a positive atom of the body first")
            }
            if let (slot, range) = left.firstUnbound(bound) ?? right.firstUnbound(bound) {
                return error("variable '%' in a comparison is not bound by a positive literal", slot, range,
                             help: "bind it in a positive atom of the body first")
            }
        case .membership(let element, let collection, _):
            if let (slot, range) = collection.firstUnbound(bound) {
                return error("variable '%' after 'in' is not bound", slot, range, help: "bind the range first, as in 'during(E, R), Y in R'")
            }
            if let (slot, range) = element.firstUnbound(bound) {
                return error("variable '%' in an expression before 'in' is not bound", slot, range)
            }
        default:
            break
        }
        var first: (Int, SourceRange)?
        literal.forEachVariable { slot, range in
            if first == nil && !bound[slot] { first = (slot, range) }
        }
        let (slot, range) = first ?? (0, literal.range)
        return error("variable '%' is not bound by a positive literal", slot, range)
    }
}

extension Term {
    /// Where to point when a fresh slot stands for this term.
    var rangeForDiagnostics: SourceRange {
        switch self {
        case .constant: return SourceRange(start: 0, end: 0)
        case .variable(_, let range), .arithmetic(_, _, _, let range), .negate(_, let range),
             .function(_, _, let range), .range(_, _, let range):
            return range
        }
    }
}
