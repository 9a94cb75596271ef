import RejoinderSyntax

/// `R = function Target : { body }`: runs the inner chain, folds the
/// target of each solution into its group, then goes on once per group
/// with the group variables and the result bound.
///
/// With no groups (every shared variable was bound on entry) there is
/// exactly one result: `count` and `sum` of nothing are 0, while `min`,
/// `max` and `mean` of nothing have no value and the literal fails.
final class AggregationStep: Step {
    private let plan: AggregatePlan
    var inner: Step!
    /// The groups met so far, in order; `accumulators` runs parallel.
    private let groupKey: Operands
    private var groups: Relation
    private var accumulators: [Accumulator] = []

    init(plan: AggregatePlan, next: Step?, file: SourceFile) {
        self.plan = plan
        groupKey = Operands(plan.groups.map { .variable($0, plan.range) })
        groups = Relation(arity: plan.groups.count)
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        groups.removeAll()
        accumulators.removeAll(keepingCapacity: true)
        try inner.run(runner)
        try goOn(runner)
    }

    /// Runs the inner chain alone and hands over what it folded, for a
    /// parallel run to merge with other chunks' (`finish(merging:_:)`).
    func fold(_ runner: Runner) throws(EvaluationFailure) -> AggregatePartial {
        groups = Relation(arity: plan.groups.count)
        accumulators = []
        try inner.run(runner)
        return AggregatePartial(groups: groups, accumulators: accumulators)
    }

    /// Goes on with the chunks' folds merged in order, as if the inner
    /// chain had run over all their rows.
    func finish(merging partials: [AggregatePartial], _ runner: Runner) throws(EvaluationFailure) {
        groups.removeAll()
        accumulators.removeAll(keepingCapacity: true)
        for partial in partials {
            for (row, accumulator) in partial.accumulators.enumerated() {
                let group = partial.groups.withRow(row) { tags, payloads in groups.position(insertingTags: tags, payloads: payloads) }
                if group == accumulators.count { accumulators.append(Accumulator()) }
                try accumulators[group].merge(accumulator, function: plan.function, symbols: runner.symbols, range: plan.range, file: file)
            }
        }
        try goOn(runner)
    }

    /// Goes on once per group folded, with its variables and result bound.
    private func goOn(_ runner: Runner) throws(EvaluationFailure) {
        if plan.groups.isEmpty {
            guard let result = (accumulators.first ?? Accumulator()).result(of: plan.function) else { return }
            runner.bindings[plan.result] = result
            try next.run(runner)
            return
        }
        for (group, accumulator) in accumulators.enumerated() {
            guard let result = accumulator.result(of: plan.function) else { continue }
            for (position, slot) in plan.groups.enumerated() { runner.bindings[slot] = groups.value(row: group, column: position) }
            runner.bindings[plan.result] = result
            try next.run(runner)
        }
    }

    /// Called by the inner chain's last step for each solution of the body.
    ///
    /// No solution comes twice, so none needs to be remembered: every
    /// column of a scanned row is bound to a slot of the solution or fixed
    /// by earlier ones, so two different rows (or years, or inner groups)
    /// at the first step where two runs part give two different solutions.
    func collect(_ runner: Runner) throws(EvaluationFailure) {
        try groupKey.load(runner, file: file)
        let group = groups.position(insertingTags: groupKey.tags, payloads: groupKey.payloads)
        if group == accumulators.count { accumulators.append(Accumulator()) }
        accumulators[group].count += 1
        if let target = plan.target {
            let value = try runner.evaluate(target, in: file)
            try accumulators[group].add(value, function: plan.function, symbols: runner.symbols, range: plan.range, file: file)
        }
    }
}

/// What an aggregate has folded so far for one group.
struct Accumulator {
    var count: Int64 = 0
    var sum: Value?
    var extreme: Value?

    /// The aggregate's value: `count` and `sum` of nothing are 0; `min`,
    /// `max` and `mean` of nothing have none.
    func result(of function: AggregateFunction) -> Value? {
        switch function {
        case .count: return .integer(count)
        case .sum: return sum ?? .integer(0)
        case .min, .max: return extreme
        case .mean:
            guard count > 0, let sum = sum?.doubleValue else { return nil }
            return .number(sum / Double(count))
        }
    }

    mutating func add(_ value: Value, function: AggregateFunction, symbols: SymbolTable, range: SourceRange, file: SourceFile) throws(EvaluationFailure) {
        switch function {
        case .count:
            break
        case .sum, .mean:
            try addToSum(value, symbols: symbols, range: range, file: file)
        case .min, .max:
            keepExtreme(value, function: function, symbols: symbols)
        }
    }

    /// Folds in what another accumulator folded (after this one's values).
    mutating func merge(_ other: Accumulator, function: AggregateFunction, symbols: SymbolTable, range: SourceRange, file: SourceFile) throws(EvaluationFailure) {
        count += other.count
        switch function {
        case .count:
            break
        case .sum, .mean:
            if let partial = other.sum { try addToSum(partial, symbols: symbols, range: range, file: file) }
        case .min, .max:
            if let partial = other.extreme { keepExtreme(partial, function: function, symbols: symbols) }
        }
    }

    private mutating func addToSum(_ value: Value, symbols: SymbolTable, range: SourceRange, file: SourceFile) throws(EvaluationFailure) {
        do throws(ArithmeticError) {
            sum = try Arithmetic.apply(.add, sum ?? .integer(0), value, range: range, symbols: symbols)
        } catch {
            throw .arithmetic(error, file)
        }
    }

    private mutating func keepExtreme(_ value: Value, function: AggregateFunction, symbols: SymbolTable) {
        guard let current = extreme else {
            extreme = value
            return
        }
        let order = symbols.compare(value, current)
        if (function == .min && order < 0) || (function == .max && order > 0) { extreme = value }
    }
}

/// What an aggregate's inner chain folded over one chunk of rows: its
/// groups in the order met, and their accumulators.
struct AggregatePartial {
    let groups: Relation
    let accumulators: [Accumulator]
}

/// Where a parallel run leaves one chunk's fold.
final class FoldedChunk {
    var partial: AggregatePartial?
}

/// The last step of an aggregate's inner chain.
final class CollectStep: Step {
    private unowned let aggregation: AggregationStep

    init(into aggregation: AggregationStep, file: SourceFile) {
        self.aggregation = aggregation
        super.init(next: nil, file: file)
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
            switch step {
            case .scan(let scan):
                let scanned = try relation(scan.predicate)
                head = ScanStep(relation: scanned, rows: rows(scan, scanned), columns: scan.columns, next: head, file: file)
            case .negation(let predicate, let terms):
                head = NegationStep(relation: try relation(predicate), terms: terms, next: head, file: file)
            case .test(let op, let left, let right, let range):
                head = TestStep(op, left, right, range: range, next: head, file: file)
            case .assign(let slot, let term, _):
                head = AssignStep(slot: slot, term: term, next: head, file: file)
            case .enumerate(let slot, let collection, let range):
                head = EnumerateStep(slot: slot, collection: collection, range: range, next: head, file: file)
            case .member(let element, let collection, let range):
                head = MemberStep(element: element, collection: collection, range: range, next: head, file: file)
            case .aggregate(let aggregate):
                let aggregation = AggregationStep(plan: aggregate, next: head, file: file)
                aggregation.inner = try build(aggregate.inner, terminal: CollectStep(into: aggregation, file: file))
                head = aggregation
            }
        }
        return head
    }
}
