import RejoinderSyntax

/// Everything evaluation needs, fixed between two loads: rules, their
/// strata, the stored facts and the declared sources.
struct Program {
    let symbols: SymbolTable
    let predicates: PredicateTable
    let rules: [CompiledRule]
    let strata: [Stratum]
    /// The stratum of each predicate.
    let stratumOf: [Int]
    let facts: [FactKey: Relation]
    /// The owners of the declared sources, in declaration order.
    let sources: [Owner]
    /// Rules by stratum of their head, as indices into `rules`.
    let rulesByStratum: [[Int]]
    /// The strata each stratum reads.
    let stratumDependencies: [[Int]]
    /// The built-in argumentation predicates and what they read.
    let argumentation: ArgumentationPredicates
    /// Whether a stratum holds a built-in or reads one, directly or not.
    /// In the joint view such strata are derived from the joint attack
    /// graph; every other stratum is the union of the sources' views.
    let readsArgumentation: [Bool]

    init(symbols: SymbolTable, predicates: PredicateTable, rules: [CompiledRule], strata: [Stratum], facts: [FactKey: Relation], sources: [Owner],
         argumentation: ArgumentationPredicates) {
        self.argumentation = argumentation
        self.symbols = symbols
        self.predicates = predicates
        self.rules = rules
        self.strata = strata
        self.facts = facts
        self.sources = sources
        var stratumOf = [Int](repeating: 0, count: predicates.count)
        for (index, stratum) in strata.enumerated() {
            for predicate in stratum.predicates { stratumOf[predicate.rawValue] = index }
        }
        self.stratumOf = stratumOf
        var rulesByStratum = [[Int]](repeating: [], count: strata.count)
        var dependencies = [Set<Int>](repeating: [], count: strata.count)
        for (index, rule) in rules.enumerated() {
            let stratum = stratumOf[rule.head.rawValue]
            rulesByStratum[stratum].append(index)
            for literal in rule.body {
                literal.forEachDependency { predicate, _, _ in
                    let other = stratumOf[predicate.rawValue]
                    if other != stratum { dependencies[stratum].insert(other) }
                }
            }
        }
        for (builtin, input, _) in argumentation.dependencies where stratumOf[input.rawValue] != stratumOf[builtin.rawValue] {
            dependencies[stratumOf[builtin.rawValue]].insert(stratumOf[input.rawValue])
        }
        self.rulesByStratum = rulesByStratum
        self.stratumDependencies = dependencies.map { $0.sorted() }
        // Strata come in dependency order, so one pass settles it.
        var readsArgumentation = [Bool](repeating: false, count: strata.count)
        for (index, stratum) in strata.enumerated() {
            readsArgumentation[index] = stratum.predicates.contains { argumentation.builtin($0) != nil }
                || dependencies[index].contains { readsArgumentation[$0] }
        }
        self.readsArgumentation = readsArgumentation
    }

    /// A rule's steps, with the body atom `first` read first (a semi-naive
    /// variant reads its delta there), and the slots they use.
    func plan(_ rule: CompiledRule, first: Int?) -> (steps: [PlanStep], slotCount: Int) {
        var planner = Planner(file: rule.file, variableNames: rule.variableNames)
        do {
            let steps = try planner.planRule(body: rule.body, headTerms: rule.headTerms, headName: predicates[rule.head].name, first: first)
            return (steps, planner.slotCount)
        } catch {
            preconditionFailure("a rule that passed analysis failed to plan: \(error.diagnostics.map(\.message))")
        }
    }

    /// Whether a rule of `owner` applies in the view of `view`: common-ground
    /// rules apply everywhere, a source's rules only in its own view (so in
    /// the joint view, only the common ground's).
    func applies(_ rule: CompiledRule, in view: Owner) -> Bool {
        rule.owner == .common || rule.owner == view
    }

    /// Which predicates a source can change, stratum by stratum (strata are
    /// in dependency order, so one pass suffices).
    func dependence(of owner: Owner) -> [Bool] {
        var dependent = [Bool](repeating: false, count: predicates.count)
        for (index, stratum) in strata.enumerated() {
            var isDependent = stratum.predicates.contains { predicate in
                !(facts[FactKey(predicate: predicate, owner: owner)]?.count ?? 0 == 0)
            }
            if stratum.predicates.contains(where: { argumentation.builtin($0) != nil }), argumentation.inputs.contains(where: { dependent[$0.rawValue] }) {
                isDependent = true
            }
            for ruleIndex in rulesByStratum[index] where !isDependent {
                let rule = rules[ruleIndex]
                guard applies(rule, in: owner) else { continue }
                if rule.owner == owner { isDependent = true; break }
                for literal in rule.body {
                    literal.forEachDependency { predicate, _, _ in
                        if dependent[predicate.rawValue] { isDependent = true }
                    }
                }
            }
            if isDependent {
                for predicate in stratum.predicates { dependent[predicate.rawValue] = true }
            }
        }
        return dependent
    }

}
