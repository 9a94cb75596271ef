import RejoinderSyntax

/// A knowledge base: the facts, rules and declarations loaded so far, and
/// the answers to queries over them.
///
/// Loading is all or nothing: `load` checks every statement of a batch
/// (names and arities, safety, strata, entity kinds, sources, indicators)
/// and changes nothing when any is wrong. Evaluation happens on demand, per
/// view, and is kept until the next load.
public final class KnowledgeBase {
    public let symbols = SymbolTable()
    /// Cancels a running query from another thread.
    public let control = EvaluationControl()
    var predicates = PredicateTable()
    /// Declared sources in order; source i is `Owner(rawValue: i + 1)`.
    var sourceNames: [String] = []
    var sourceDeclarations: [String: SourceSpan] = [:]
    var indicatorDeclarations: [String: SourceSpan] = [:]
    /// The kind each entity id was declared with, and where.
    var entityKinds: [String: (kind: String, span: SourceSpan)] = [:]
    var facts: [FactKey: Relation] = [:]
    var rules: [CompiledRule] = []
    /// `owner|text` of each rule, so loading a file twice adds nothing.
    var ruleKeys: Set<String> = []
    var strata: [Stratum] = []
    private var evaluator: Evaluator?

    public init() {}

    /// The declared sources, in declaration order.
    public var sources: [String] { sourceNames }

    public func owner(ofSource name: String) -> Owner? {
        sourceNames.firstIndex(of: name).map { Owner(rawValue: $0 + 1) }
    }

    func sourceName(_ owner: Owner) -> String? {
        owner == .common ? nil : sourceNames[owner.rawValue - 1]
    }

    /// Counts for the banner and `:sources`.
    public var statistics: Statistics {
        Statistics(
            sources: sourceNames.count,
            entities: entityKinds.count,
            facts: facts.values.reduce(0) { $0 + $1.count },
            rules: rules.count
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
        program = nil
    }

    private var program: Program?

    func currentProgram() -> Program {
        if let program { return program }
        let program = Program(symbols: symbols, predicates: predicates, rules: rules, strata: strata, facts: facts,
                              sources: sourceNames.indices.map { Owner(rawValue: $0 + 1) })
        self.program = program
        return program
    }

    func currentEvaluator() -> Evaluator {
        if let evaluator { return evaluator }
        let evaluator = Evaluator(program: currentProgram(), control: control)
        self.evaluator = evaluator
        return evaluator
    }

    /// Forgets partial results after a failed or cancelled evaluation.
    func discardEvaluation() {
        evaluator = nil
    }
}
