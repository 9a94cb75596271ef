#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RejoinderSyntax

/// A knowledge base: the facts, rules and declarations loaded so far, and
/// the answers to queries over them.
///
/// It composes three parts, each changed only by a load that succeeds:
/// the `Catalog` (what is declared), the `FactStore` (what is stored) and
/// the `RuleProgram` (the rules and their strata). Evaluation reads the
/// `Program` built from them, on demand, per view, and keeps its results
/// until the next load.
///
/// Loading is all or nothing: `load` checks every statement of a batch
/// (names and arities, safety, strata, entity kinds, sources, indicators)
/// against the three parts and changes nothing when any is wrong.
public final class KnowledgeBase {
    public let symbols: SymbolTable
    /// Cancels a running query from another thread.
    public let control: EvaluationControl
    /// The limits every query, explanation and export runs under.
    public var limits = EvaluationLimits()
    /// How many threads a query may run on (large scans run in chunks,
    /// `ChunkedRun`): every core unless set. Answers do not depend on it,
    /// so what was derived with another count is kept.
    public var threads = KnowledgeBase.processorCount
    /// Rows per chunk of a large scan. What was derived with another cut
    /// is dropped, so that the next query is cut this way throughout.
    var chunkRows = ChunkedRun.defaultChunkRows {
        didSet { evaluator = nil }
    }
    /// The names of the symbols in stored facts, sorted, and how many
    /// symbols they were made from (`constantNames(startingWith:)`).
    var constantNameIndex: (symbols: Int, names: [String])?
    /// The most threads `threads` may name.
    public static let maximumThreads = 256
    /// The cores this process may run on.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
    /// When set, every evaluation stops by then even if its own time limit
    /// runs later: the variants of one exercise check share one budget.
    public var sharedDeadline: ContinuousClock.Instant?
    /// The declarations: predicates, sources, indicators, entities.
    var catalog = Catalog()
    /// The stored facts.
    var store = FactStore()
    /// The rules and their strata.
    var ruleProgram: RuleProgram
    /// Symbols interned by loading knowledge (ids below this); those past
    /// it were first typed in a query, and no fact or rule mentions them.
    var knowledgeSymbolCount = 0
    private var evaluator: Evaluator?
    /// Where queries run. `why`, exports and exercises use the in-memory
    /// evaluator whatever this says.
    public var engine = EvaluationEngine.memory {
        didSet { sqlEvaluator = nil }
    }
    private var sqlEvaluator: SQLEvaluator?

    /// `vocabulary/2`, which declares the vocabulary.
    let vocabularyPredicate: PredicateID

    /// What plays the roles the built-ins, the map and explanations read.
    public var vocabulary: Vocabulary { catalog.vocabulary }
    /// The `##` documentation of relations, by name (the first block wins).
    public var documentation: [String: RelationDocumentation] { catalog.documentation }
    /// The built-in argumentation predicates and what they read.
    var argumentation: ArgumentationPredicates { ruleProgram.argumentation }

    /// An empty knowledge base; `control` is what stops its evaluations
    /// (the executable passes the one its Ctrl-C handler cancels).
    public convenience init(control: EvaluationControl = EvaluationControl()) {
        self.init(symbols: SymbolTable(), control: control)
    }

    /// A knowledge base whose values live in `symbols` (a variant shares
    /// its original's table, so their values compare, and its `control`, so
    /// that Ctrl-C stops a check that runs on variants).
    init(symbols: SymbolTable, control: EvaluationControl = EvaluationControl()) {
        self.symbols = symbols
        self.control = control
        let table = catalog.predicates
        func register(_ name: String, at span: SourceSpan) -> PredicateID {
            guard case .success(let id) = table.resolve(name, arity: 2, at: span) else {
                preconditionFailure("built-in predicate \(name) registered twice")
            }
            return id
        }
        let builtins = Dictionary(uniqueKeysWithValues: Builtin.allCases.map { ($0, register($0.rawValue, at: $0.span)) })
        let argumentation = ArgumentationPredicates(builtins: builtins, isA: register("is_a", at: Builtin.status.span), attacks: [], argumentKinds: [])
        vocabularyPredicate = register(Vocabulary.predicateName, at: Builtin.status.span)
        ruleProgram = RuleProgram(argumentation: argumentation, predicateCount: table.count)
        // The built-ins' values are known words, not typos of variables.
        for word in Builtin.values { _ = symbols.symbol(word) }
        knowledgeSymbolCount = symbols.symbolCount
    }

    /// The declared sources, in declaration order.
    public var sources: [String] { catalog.sources }

    public func owner(ofSource name: String) -> Owner? {
        catalog.owner(ofSource: name)
    }

    /// The views a query can name: each source's, then the joint view
    /// where every source's attacks meet, when the vocabulary names it.
    public var views: [String] { catalog.sources + vocabulary.names(.jointView).prefix(1) }

    /// The view a name in `according to` or `contrast` asks for: a source's,
    /// or the joint view of every source (named by the vocabulary).
    func owner(ofView name: String) -> Owner? {
        name == vocabulary.name(.jointView) ? .joint : owner(ofSource: name)
    }

    /// The view a query, `why` or export names, or the error that says
    /// which views there are.
    func view(named name: String, at span: SourceSpan) throws(QueryFailure) -> Owner {
        if let owner = owner(ofView: name) { return owner }
        let joint = vocabulary.name(.jointView)
        let help = suggestion(for: name, among: views, noun: "source")
            ?? (sources.isEmpty ? "no source is declared" : "the sources are \(sources.joined(separator: ", "))" + (joint.map { "; '\($0)' is the joint view" } ?? ""))
        throw .invalid([.error("unknown source '\(name)'", at: span, help: help)])
    }

    /// The name of a view: a source's, `debate` for the joint view, nil for
    /// the common ground.
    func sourceName(_ owner: Owner) -> String? {
        switch owner {
        case .common: return nil
        case .joint: return vocabulary.name(.jointView) ?? "the joint view"
        default: return catalog.sources[owner.rawValue - 1]
        }
    }

    /// Counts for the banner and `:sources`.
    public var statistics: Statistics {
        Statistics(
            sources: catalog.sources.count,
            entities: catalog.entityKinds.count,
            facts: store.count,
            rules: ruleProgram.rules.count
        )
    }

    public struct Statistics: Sendable, Equatable {
        public let sources: Int
        public let entities: Int
        public let facts: Int
        public let rules: Int
    }

    /// Called after every successful load: answers computed before are stale.
    func invalidate() {
        evaluator = nil
        sqlEvaluator = nil
        program = nil
    }

    private var program: Program?

    func currentProgram() -> Program {
        if let program { return program }
        let program = Program(symbols: symbols, predicates: catalog.predicates, rules: ruleProgram.rules, strata: ruleProgram.strata,
                              facts: store.relations, sources: catalog.sourceOwners, argumentation: argumentation)
        self.program = program
        return program
    }

    func currentEvaluator() -> Evaluator {
        if let evaluator { return evaluator }
        let evaluator = Evaluator(program: currentProgram(), budget: EvaluationBudget(control: control, limits: limits, sharedDeadline: sharedDeadline))
        self.evaluator = evaluator
        return evaluator
    }

    /// The evaluator, with a fresh budget for one query, explanation or
    /// export (a Ctrl-C pressed before it started is forgotten).
    func startEvaluation() -> Evaluator {
        control.reset()
        let evaluator = currentEvaluator()
        evaluator.budget = EvaluationBudget(control: control, limits: limits, sharedDeadline: sharedDeadline)
        evaluator.chunking = ChunkedRun(threads: threads, chunkRows: chunkRows)
        return evaluator
    }

    /// The engine that answers queries, with a fresh budget for one query.
    /// An SQL engine is set up (tables created, facts stored) on first use
    /// after a load.
    func startQueryEvaluation() throws(EvaluationFailure) -> any QueryEvaluator {
        switch engine {
        case .memory:
            return startEvaluation()
        case .sqlite, .postgres, .duckdb:
            control.reset()
            let budget = EvaluationBudget(control: control, limits: limits, sharedDeadline: sharedDeadline)
            if let sqlEvaluator {
                sqlEvaluator.budget = budget
                return sqlEvaluator
            }
            let program = currentProgram()
            let created = try SQLEvaluator(program: program, sourceNames: catalog.sources, jointView: vocabulary.name(.jointView),
                                           connection: try engine.connection(symbols: program.symbols, budget: budget))
            sqlEvaluator = created
            return created
        }
    }

    /// Forgets the partial results of a failed evaluation, so that the next
    /// query starts from the facts alone, and says why it failed, at the
    /// failing expression or else at `statement`.
    func failure(_ error: EvaluationFailure, at statement: SourceSpan) -> QueryFailure {
        evaluator = nil
        sqlEvaluator = nil
        if case .cancelled = error { return .cancelled }
        return .invalid(error.diagnostic(at: statement).map { [$0] } ?? [])
    }
}
