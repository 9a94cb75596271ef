import RejoinderSyntax

/// `R = function Target : { body }`: runs the inner chain, keeps each
/// distinct solution once, folds the target per group, then goes on once
/// per group with the group variables and the result bound.
///
/// With no groups (every shared variable was bound on entry) there is
/// exactly one result: `count` and `sum` of nothing are 0, while `min`,
/// `max` and `mean` of nothing have no value and the literal fails.
final class AggregationStep: Step {
    private let plan: AggregatePlan
    var inner: Step!
    private var distinct: Relation
    private var accumulators: [[Value]: Accumulator] = [:]
    private let tupleTags: UnsafeMutablePointer<UInt8>
    private let tuplePayloads: UnsafeMutablePointer<UInt64>

    init(plan: AggregatePlan, file: SourceFile) {
        self.plan = plan
        distinct = Relation(arity: plan.innerSlots.count)
        tupleTags = .allocate(capacity: max(1, plan.innerSlots.count))
        tuplePayloads = .allocate(capacity: max(1, plan.innerSlots.count))
        super.init(file: file)
    }

    deinit {
        tupleTags.deallocate()
        tuplePayloads.deallocate()
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        distinct.removeAll()
        accumulators.removeAll(keepingCapacity: true)
        try inner.run(runner)
        if plan.groups.isEmpty {
            let accumulator = accumulators[[]] ?? Accumulator()
            guard let result = try result(of: accumulator, runner) else { return }
            runner.bindings[plan.result] = result
            try next.run(runner)
            return
        }
        let groups = accumulators
        for (key, accumulator) in groups {
            guard let result = try result(of: accumulator, runner) else { continue }
            for (position, slot) in plan.groups.enumerated() { runner.bindings[slot] = key[position] }
            runner.bindings[plan.result] = result
            try next.run(runner)
        }
    }

    /// Called by the inner chain's last step for each solution of the body.
    func collect(_ runner: Runner) throws(EvaluationFailure) {
        for (position, slot) in plan.innerSlots.enumerated() {
            let value = runner.bindings[slot]
            tupleTags[position] = value.tag.rawValue
            tuplePayloads[position] = value.payload
        }
        guard distinct.insert(tags: tupleTags, payloads: tuplePayloads) else { return }
        let key = plan.groups.map { runner.bindings[$0] }
        var accumulator = accumulators[key] ?? Accumulator()
        accumulator.count += 1
        if let target = plan.target {
            let value = try runner.evaluate(target, in: file)
            try accumulator.add(value, function: plan.function, symbols: runner.symbols, range: plan.range, file: file)
        }
        accumulators[key] = accumulator
    }

    private func result(of accumulator: Accumulator, _ runner: Runner) throws(EvaluationFailure) -> Value? {
        switch plan.function {
        case .count: return .integer(accumulator.count)
        case .sum: return accumulator.sum ?? .integer(0)
        case .min, .max: return accumulator.extreme
        case .mean:
            guard accumulator.count > 0, let sum = accumulator.sum?.doubleValue else { return nil }
            return .number(sum / Double(accumulator.count))
        }
    }
}

/// What an aggregate has folded so far for one group.
struct Accumulator {
    var count: Int64 = 0
    var sum: Value?
    var extreme: Value?

    mutating func add(_ value: Value, function: AggregateFunction, symbols: SymbolTable, range: SourceRange, file: SourceFile) throws(EvaluationFailure) {
        switch function {
        case .count:
            break
        case .sum, .mean:
            do throws(ArithmeticError) {
                sum = try Arithmetic.apply(.add, sum ?? .integer(0), value, range: range, symbols: symbols)
            } catch {
                throw .arithmetic(error, file)
            }
        case .min, .max:
            guard let current = extreme else {
                extreme = value
                return
            }
            let order = symbols.compare(value, current)
            if (function == .min && order < 0) || (function == .max && order > 0) { extreme = value }
        }
    }
}

/// The last step of an aggregate's inner chain.
final class CollectStep: Step {
    private unowned let aggregation: AggregationStep

    init(into aggregation: AggregationStep, file: SourceFile) {
        self.aggregation = aggregation
        super.init(file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        try aggregation.collect(runner)
    }
}

/// Turns a plan into a chain of steps over a view's relations.
struct StepBuilder {
    let file: SourceFile
    /// The relation a predicate reads in the view being evaluated.
    let relation: (PredicateID) throws(EvaluationFailure) -> Relation
    /// Which rows of its relation a scan reads (all of them, or part of a
    /// relation growing in a semi-naive round).
    let rows: (ScanPlan, Relation) -> Range<Int>

    init(file: SourceFile, relation: @escaping (PredicateID) throws(EvaluationFailure) -> Relation, rows: @escaping (ScanPlan, Relation) -> Range<Int>) {
        self.file = file
        self.relation = relation
        self.rows = rows
    }

    /// The first step of the chain for `plan`, ending in `terminal`.
    func build(_ plan: [PlanStep], terminal: Step) throws(EvaluationFailure) -> Step {
        var head = terminal
        for step in plan.reversed() {
            let built: Step
            switch step {
            case .scan(let scan):
                let scanned = try relation(scan.predicate)
                built = ScanStep(relation: scanned, rows: rows(scan, scanned), columns: scan.columns, file: file)
            case .negation(let predicate, let terms):
                built = NegationStep(relation: try relation(predicate), terms: terms, file: file)
            case .test(let op, let left, let right, let range):
                built = TestStep(op, left, right, range: range, file: file)
            case .assign(let slot, let term, _):
                built = AssignStep(slot: slot, term: term, file: file)
            case .enumerate(let slot, let collection, let range):
                built = EnumerateStep(slot: slot, collection: collection, range: range, file: file)
            case .member(let element, let collection, let range):
                built = MemberStep(element: element, collection: collection, range: range, file: file)
            case .aggregate(let aggregate):
                let aggregation = AggregationStep(plan: aggregate, file: file)
                aggregation.inner = try build(aggregate.inner, terminal: CollectStep(into: aggregation, file: file))
                built = aggregation
            }
            built.next = head
            head = built
        }
        return head
    }
}
