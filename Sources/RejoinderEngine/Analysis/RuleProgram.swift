import RejoinderSyntax

/// The rules loaded so far, their strata, and what the built-ins read.
///
/// A load first asks how its rules change the strata (`change(adding:…)`,
/// which analyses only the new rules against the strata already known,
/// unless they reorder them) and adds them with `add` only when the whole
/// load succeeds. `Program` is built from this, the catalog and the fact
/// store when a query first needs it.
struct RuleProgram {
    private(set) var rules: [CompiledRule] = []
    /// `owner|text` of each rule, so loading a file twice adds nothing.
    private(set) var ruleKeys: Set<String> = []
    /// The predicates some rule derives.
    private(set) var heads: Set<PredicateID> = []
    private(set) var stratification: Stratification
    /// The built-in argumentation predicates and what they read.
    private(set) var argumentation: ArgumentationPredicates

    init(argumentation: ArgumentationPredicates, predicateCount: Int) {
        self.argumentation = argumentation
        stratification = Stratification(predicateCount: predicateCount, builtins: argumentation.dependencies)
    }

    var strata: [Stratum] { stratification.strata }

    /// How the strata change when `newRules` join these, the built-ins
    /// reading what `argumentation` names; or the negation cycles.
    func change(adding newRules: [CompiledRule], argumentation: ArgumentationPredicates, predicateCount: Int,
                names: (PredicateID) -> String) -> Result<Stratification.Change, DiagnosticError> {
        stratification.change(adding: newRules, allRules: { rules + newRules }, predicateCount: predicateCount,
                              builtins: argumentation.dependencies, names: names)
    }

    /// Adds the rules of a load that succeeded, with the change to the
    /// strata that `change(adding:…)` found for them.
    mutating func add(_ newRules: [CompiledRule], keys: Set<String>, argumentation: ArgumentationPredicates,
                      change: Stratification.Change, predicateCount: Int) {
        rules += newRules
        ruleKeys.formUnion(keys)
        heads.formUnion(newRules.map(\.head))
        self.argumentation = argumentation
        stratification.apply(change, adding: newRules, predicateCount: predicateCount)
    }
}
