import RejoinderSyntax

/// The relations of one view: the common ground alone, the common ground
/// plus one source, or the joint view of every source.
final class View {
    let owner: Owner
    var relations: [Relation?]
    var isComputed: [Bool]
    /// The view's attack graph, once a built-in has read it.
    var framework: ViewFramework?
    /// For a source's view: whether a predicate can differ from the common
    /// ground's (the source has facts or rules for it, or for something it
    /// reads). The others are shared with the common view, not recomputed.
    let isDependent: [Bool]

    init(owner: Owner, predicateCount: Int, strataCount: Int, isDependent: [Bool]) {
        self.owner = owner
        relations = [Relation?](repeating: nil, count: predicateCount)
        isComputed = [Bool](repeating: false, count: strataCount)
        self.isDependent = isDependent
    }
}

/// Bottom-up evaluation of a program, stratum by stratum, on demand and
/// separately in each view, so that facts of two sources never meet in one
/// derivation.
///
/// Recursive strata run semi-naively: after a first pass over every rule,
/// each round runs one variant of a rule per body atom of the stratum, that
/// atom reading only the rows the previous round added (its delta), atoms
/// before it the rows older than that, atoms after it every row.
final class Evaluator: QueryEvaluator {
    let program: Program
    /// The limits of the query being answered; `KnowledgeBase` sets a fresh
    /// budget before each.
    var budget: EvaluationBudget
    private var views: [Owner: View] = [:]
    /// How large scans run: in chunks, on how many threads; `KnowledgeBase`
    /// sets it with the budget before each query.
    var chunking = ChunkedRun(threads: 1)

    init(program: Program, budget: EvaluationBudget) {
        self.program = program
        self.budget = budget
    }

    /// The complete relation of `predicate` in the view of `owner`.
    func relation(_ predicate: PredicateID, in owner: Owner) throws(EvaluationFailure) -> Relation {
        let view = self.view(owner)
        try computeStratum(program.stratumOf[predicate.rawValue], in: view)
        return view.relations[predicate.rawValue]!
    }

    /// Runs a planned query body in a view and returns the distinct rows
    /// of its head terms.
    func answer(_ query: CompiledRule, plan: [PlanStep], slotCount: Int, in owner: Owner) throws(EvaluationFailure) -> Relation {
        let result = Relation(arity: query.headTerms.count)
        let builder = StepBuilder(file: query.file, relation: { (predicate) throws(EvaluationFailure) in try self.relation(predicate, in: owner) },
                                  rows: { _, relation in 0..<relation.count })
        budget.deriving = "the answer"
        try run(plan, slotCount: slotCount, builder: builder, into: result, named: "the answer", terms: query.headTerms, file: query.file)
        return result
    }

    /// Runs a plan that derives `terms` into `target`: in chunks on
    /// several threads when its first scan (or the first scan of a leading
    /// aggregate) reads many rows, else as one chain.
    private func run(_ plan: [PlanStep], slotCount: Int, builder: StepBuilder, into target: Relation, named targetName: String,
                     terms: [Term], file: SourceFile) throws(EvaluationFailure) {
        let terminal = EmitStep(target: target, named: targetName, terms: terms, file: file)
        let chain = try builder.build(plan, terminal: terminal)
        let runner = Runner(slotCount: slotCount, symbols: program.symbols, budget: budget)
        if ChunkedRun.isShareable(plan, deriving: terms) {
            if let scan = chain as? ScanStep, let chunks = chunking.chunks(of: scan.rows) {
                try runInChunks(plan, chunks, slotCount: slotCount, builder: builder, into: target, named: targetName, terms: terms, file: file)
                return
            }
            if let aggregation = chain as? AggregationStep, let scan = aggregation.inner as? ScanStep, let chunks = chunking.chunks(of: scan.rows) {
                try foldInChunks(plan, chunks, slotCount: slotCount, builder: builder, finishing: aggregation, runner: runner)
                try terminal.flush(runner)
                return
            }
        }
        try chain.run(runner)
        try terminal.flush(runner)
    }

    /// A plan whose first step scans many rows, run chunk by chunk: each
    /// worker keeps the rows the target lacks, merged in chunk order.
    private func runInChunks(_ plan: [PlanStep], _ chunks: [Range<Int>], slotCount: Int, builder: StepBuilder, into target: Relation,
                             named targetName: String, terms: [Term], file: SourceFile) throws(EvaluationFailure) {
        let workers = min(chunking.threads, chunks.count)
        var emits: [ChunkEmitStep] = [], scans: [ScanStep] = [], runners: [Runner] = []
        for _ in 0..<workers {
            let emit = ChunkEmitStep(target: target, named: targetName, terms: terms, limits: budget.limits, file: file)
            guard let scan = try builder.build(plan, terminal: emit) as? ScanStep else { preconditionFailure("a chunked plan starts with a scan") }
            emits.append(emit)
            scans.append(scan)
            runners.append(Runner(slotCount: slotCount, symbols: program.symbols, budget: budget))
        }
        let outputs = chunks.map { _ in PendingRows(arity: terms.count) }
        let failed = chunking.forEachChunk(chunks.count, workers: workers) { (worker, chunk) throws(EvaluationFailure) in
            emits[worker].output = outputs[chunk]
            scans[worker].rows = chunks[chunk]
            try scans[worker].run(runners[worker])
            try emits[worker].flush()
        }
        // The chunks before a failure are merged first, as one thread would
        // have inserted them before it failed (and may have met a limit).
        let merged = failed.map { Array(outputs[..<$0.chunk]) } ?? outputs
        let added: Int
        if workers > 1 && merged.reduce(0, { $0 + $1.count }) >= 2 * chunking.chunkRows {
            added = target.appendAbsent(merged) { count, body in
                _ = chunking.forEachChunk(count, workers: min(chunking.threads, count)) { _, item in body(item) }
            }
        } else {
            added = merged.reduce(0) { $0 + $1.insert(into: target) }
        }
        try budget.derived(added, into: targetName, bytesPerRow: target.bytesPerRow)
        if let failed { throw failed.failure }
    }

    /// A plan that starts with an aggregate whose inner chain scans many
    /// rows: each worker folds chunks of them, and `aggregation` goes on
    /// with the folds merged in chunk order.
    private func foldInChunks(_ plan: [PlanStep], _ chunks: [Range<Int>], slotCount: Int, builder: StepBuilder,
                              finishing aggregation: AggregationStep, runner: Runner) throws(EvaluationFailure) {
        guard case .aggregate(let aggregate) = plan[0] else { preconditionFailure("a folded plan starts with an aggregate") }
        let workers = min(chunking.threads, chunks.count)
        var folds: [AggregationStep] = [], scans: [ScanStep] = [], runners: [Runner] = []
        for _ in 0..<workers {
            let fold = AggregationStep(plan: aggregate, next: nil, file: builder.file)
            fold.inner = try builder.build(aggregate.inner, terminal: CollectStep(into: fold, file: builder.file))
            guard let scan = fold.inner as? ScanStep else { preconditionFailure("a folded aggregate starts with a scan") }
            folds.append(fold)
            scans.append(scan)
            runners.append(Runner(slotCount: slotCount, symbols: program.symbols, budget: budget))
        }
        // One holder per chunk, each written by the thread that folds it.
        let folded = chunks.map { _ in FoldedChunk() }
        if let failed = chunking.forEachChunk(chunks.count, workers: workers, { (worker, chunk) throws(EvaluationFailure) in
            scans[worker].rows = chunks[chunk]
            folded[chunk].partial = try folds[worker].fold(runners[worker])
        }) {
            throw failed.failure
        }
        try aggregation.finish(merging: folded.map { $0.partial! }, runner)
    }

    private func view(_ owner: Owner) -> View {
        if let view = views[owner] { return view }
        let isDependent = switch owner {
        case .common: [Bool]()
        case .joint: [Bool](repeating: true, count: program.predicates.count)
        default: program.dependence(of: owner)
        }
        let view = View(owner: owner, predicateCount: program.predicates.count, strataCount: program.strata.count, isDependent: isDependent)
        views[owner] = view
        return view
    }

    /// Computes `target` and every stratum it needs, lowest first (stratum
    /// numbers follow dependency order), without recursion.
    private func computeStratum(_ target: Int, in view: View) throws(EvaluationFailure) {
        guard !view.isComputed[target] else { return }
        var needed: Set<Int> = [target]
        var stack = [target]
        while let stratum = stack.popLast() {
            for dependency in program.stratumDependencies[stratum] where !view.isComputed[dependency] && !needed.contains(dependency) {
                needed.insert(dependency)
                stack.append(dependency)
            }
        }
        for stratum in needed.sorted() where !view.isComputed[stratum] {
            try budget.check()
            let predicates = program.strata[stratum].predicates
            if view.owner == .joint, !program.sources.isEmpty, !program.readsArgumentation[stratum] {
                try unite(stratum, into: view)
            } else if view.owner != .common, !predicates.contains(where: { view.isDependent[$0.rawValue] }) {
                let common = self.view(.common)
                try computeStratum(stratum, in: common)
                for predicate in predicates { view.relations[predicate.rawValue] = common.relations[predicate.rawValue] }
            } else {
                try evaluate(stratum: stratum, in: view)
            }
            view.isComputed[stratum] = true
        }
    }

    private func evaluate(stratum index: Int, in view: View) throws(EvaluationFailure) {
        let stratum = program.strata[index]
        let rules = program.rulesByStratum[index].map { program.rules[$0] }.filter { program.applies($0, in: view.owner) }
        for predicate in stratum.predicates {
            view.relations[predicate.rawValue] = seed(predicate, in: view.owner, hasRules: rules.contains { $0.head == predicate })
        }
        for predicate in stratum.predicates {
            guard let builtin = program.argumentation.builtin(predicate) else { continue }
            view.relations[predicate.rawValue] = try relation(of: builtin, in: view)
        }
        if rules.isEmpty { return }
        if stratum.isRecursive {
            try evaluateRecursive(stratum, rules: rules, in: view)
        } else {
            for rule in rules {
                let target = view.relations[rule.head.rawValue]!
                try run(PlannedRule(rule, first: nil, program), in: view, target: target) { _, relation in 0..<relation.count }
            }
        }
    }

    /// The rows of a built-in in a view.
    private func relation(of builtin: Builtin, in view: View) throws(EvaluationFailure) -> Relation {
        try framework(of: view).rows(of: builtin, symbols: program.symbols, budget: budget)
    }

    /// The attack graph of a view: the entities of its argument kinds, and
    /// the rows of its attack relations.
    private func framework(of view: View) throws(EvaluationFailure) -> ViewFramework {
        if let framework = view.framework { return framework }
        var attacks: [Relation] = []
        for predicate in program.argumentation.attacks { attacks.append(view.relations[predicate.rawValue]!) }
        let framework = try ViewFramework(isA: view.relations[program.argumentation.isA.rawValue]!, attacks: attacks,
                                          argumentation: program.argumentation, symbols: program.symbols, budget: budget)
        view.framework = framework
        return framework
    }

    /// The attack graph of a view, for explanations.
    func framework(in owner: Owner) throws(EvaluationFailure) -> ViewFramework {
        let view = self.view(owner)
        try computeStratum(program.stratumOf[program.argumentation[.status].rawValue], in: view)
        return try framework(of: view)
    }

    /// A stratum of the joint view that reads no built-in: what any
    /// source's view holds, so that every side's attacks meet while no
    /// derivation mixes two sources' statements.
    private func unite(_ stratum: Int, into joint: View) throws(EvaluationFailure) {
        let views = program.sources.map(view)
        for source in views { try computeStratum(stratum, in: source) }
        for predicate in program.strata[stratum].predicates {
            let relation = Relation(arity: program.predicates[predicate].arity)
            for source in views { relation.insertAll(from: source.relations[predicate.rawValue]!) }
            joint.relations[predicate.rawValue] = relation
        }
    }

    /// The stored facts a predicate starts from in a view. A predicate with
    /// no rules reads the stored relation itself; one with rules gets a
    /// copy to derive into.
    private func seed(_ predicate: PredicateID, in owner: Owner, hasRules: Bool) -> Relation {
        let common = program.facts[FactKey(predicate: predicate, owner: .common)]
        let own = owner == .common ? nil : program.facts[FactKey(predicate: predicate, owner: owner)]
        let stored = [common, own].compactMap { $0 }.filter { $0.count > 0 }
        if !hasRules && stored.count == 1 { return stored[0] }
        let relation = Relation(arity: program.predicates[predicate].arity, capacity: stored.reduce(0) { $0 + $1.count } + 8)
        for facts in stored { relation.insertAll(from: facts) }
        return relation
    }

    /// Rules add their rows straight to the relations they derive; a round
    /// reads only the rows that stood when it began, so the rows it adds
    /// are the next round's delta.
    private func evaluateRecursive(_ stratum: Stratum, rules: [CompiledRule], in view: View) throws(EvaluationFailure) {
        let members = Set(stratum.predicates)
        func full(_ predicate: PredicateID) -> Relation { view.relations[predicate.rawValue]! }
        var deltaStart: [PredicateID: Int] = [:]
        var deltaEnd = Dictionary(uniqueKeysWithValues: stratum.predicates.map { ($0, full($0).count) })
        func advanceRound() -> Bool {
            var grew = false
            for predicate in stratum.predicates {
                deltaStart[predicate] = deltaEnd[predicate]!
                deltaEnd[predicate] = full(predicate).count
                if deltaEnd[predicate]! > deltaStart[predicate]! { grew = true }
            }
            return grew
        }

        // First pass: every rule over everything known.
        let known = deltaEnd
        for rule in rules {
            try run(PlannedRule(rule, first: nil, program), in: view, target: full(rule.head)) { scan, relation in
                guard members.contains(scan.predicate), scan.atomIndex >= 0 else { return 0..<relation.count }
                return 0..<known[scan.predicate]!
            }
        }
        var grew = advanceRound()

        // Then only what the last round added can lead to something new.
        // Each variant is planned once, however many rounds there are.
        var variants: [(rule: PlannedRule, atom: Int, predicate: PredicateID)] = []
        for rule in rules {
            var atomIndex = 0
            for literal in rule.body {
                guard case .atom(let predicate, _, _) = literal else { continue }
                if members.contains(predicate) { variants.append((PlannedRule(rule, first: atomIndex, program), atomIndex, predicate)) }
                atomIndex += 1
            }
        }
        while grew {
            try budget.check()
            for variant in variants where deltaEnd[variant.predicate]! > deltaStart[variant.predicate]! {
                let (start, end) = (deltaStart, deltaEnd)
                try run(variant.rule, in: view, target: full(variant.rule.rule.head)) { scan, relation in
                    guard members.contains(scan.predicate), scan.atomIndex >= 0 else { return 0..<relation.count }
                    if scan.atomIndex == variant.atom { return start[scan.predicate]!..<end[scan.predicate]! }
                    // Atoms before the delta atom read the older rows, those
                    // after it every row, so each new combination runs once.
                    return scan.atomIndex < variant.atom ? 0..<start[scan.predicate]! : 0..<end[scan.predicate]!
                }
            }
            grew = advanceRound()
        }
    }

    /// Runs one rule (or one semi-naive variant of it) in a view.
    private func run(_ planned: PlannedRule, in view: View, target: Relation,
                     rows: @escaping (ScanPlan, Relation) -> Range<Int>) throws(EvaluationFailure) {
        let rule = planned.rule
        // Every relation a rule reads is computed before its stratum runs
        // (or is one of the stratum's own, being computed).
        let builder = StepBuilder(file: rule.file, relation: { (predicate) throws(EvaluationFailure) in
            if let relation = view.relations[predicate.rawValue] { return relation }
            return try self.relation(predicate, in: view.owner)
        }, rows: rows)
        budget.deriving = planned.headName
        try run(planned.steps, slotCount: planned.slotCount, builder: builder, into: target, named: planned.headName, terms: rule.headTerms,
                file: rule.file)
    }
}

/// A rule with its evaluation order: all of it, or the semi-naive variant
/// that reads atom `first` from the delta.
private struct PlannedRule {
    let rule: CompiledRule
    let steps: [PlanStep]
    let slotCount: Int
    /// `'name/arity'`, for the error when the rule derives too much.
    let headName: String

    init(_ rule: CompiledRule, first: Int?, _ program: Program) {
        self.rule = rule
        (steps, slotCount) = program.plan(rule, first: first)
        headName = "'\(program.predicates[rule.head].signature)'"
    }
}
