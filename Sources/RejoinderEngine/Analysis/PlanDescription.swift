import RejoinderSyntax

/// How a query runs, in words: its own steps, then every stratum it needs,
/// lowest first, each rule with the steps the evaluator runs. `:plan` and
/// `rejoinder check --plan` print it; the steps are the evaluator's own
/// plan, not a second account of it.
public struct PlanDescription: Sendable, Equatable {
    public struct Stratum: Sendable, Equatable {
        public let number: Int
        /// `meets/3`, in predicate order.
        public let predicates: [String]
        public let isRecursive: Bool
        /// The definition of a built-in computed in this stratum.
        public let builtins: [String]
        public let rules: [Rule]
    }

    public struct Rule: Sendable, Equatable {
        /// `file:line`.
        public let location: String
        /// The source whose view the rule belongs to (nil: every view).
        public let source: String?
        /// The rule as written, on one line.
        public let text: String
        public let steps: [Step]
    }

    /// One step, and the steps an aggregate runs inside it.
    public struct Step: Sendable, Equatable {
        public let text: String
        public let inner: [Step]
    }

    /// The query's steps; empty when describing files rather than a query.
    public let query: [Step]
    /// The views the query is asked in.
    public let views: [String]
    public let strata: [Stratum]
}

extension KnowledgeBase {
    /// The plan of a query, with the strata it reads.
    public func plan(of query: Query, in file: SourceFile) throws(QueryFailure) -> PlanDescription {
        let compiled = try compile(query, in: file)
        let program = currentProgram()
        var needed: Set<Int> = []
        var stack: [Int] = []
        for literal in compiled.rule.body {
            literal.forEachDependency { predicate, _, _ in
                let stratum = program.stratumOf[predicate.rawValue]
                if needed.insert(stratum).inserted { stack.append(stratum) }
            }
        }
        while let stratum = stack.popLast() {
            for dependency in program.stratumDependencies[stratum] where needed.insert(dependency).inserted { stack.append(dependency) }
        }
        let describer = PlanDescriber(program: program)
        return PlanDescription(query: describer.steps(compiled.plan, in: compiled.rule), views: compiled.owners.map { sourceName($0) ?? "the common ground" },
                               strata: needed.sorted().compactMap { describer.stratum($0, base: self) })
    }

    /// The plan of every rule loaded from files named `files`, stratum by
    /// stratum (for `rejoinder check --plan`).
    public func plan(ofRulesIn files: Set<String>) -> PlanDescription {
        let program = currentProgram()
        let describer = PlanDescriber(program: program)
        let strata = program.strata.indices.compactMap { index in
            describer.stratum(index, base: self, showsBuiltins: false) { files.contains($0.file.name) }
        }
        return PlanDescription(query: [], views: [], strata: strata)
    }
}

/// Puts plan steps into words, with the names the author wrote.
private struct PlanDescriber {
    let program: Program

    func stratum(_ index: Int, base: KnowledgeBase, showsBuiltins: Bool = true,
                 including: (CompiledRule) -> Bool = { _ in true }) -> PlanDescription.Stratum? {
        let stratum = program.strata[index]
        let rules = program.rulesByStratum[index].map { program.rules[$0] }.filter(including).map { rule in
            PlanDescription.Rule(location: "\(rule.file.name):\(rule.file.line(of: rule.range.start))", source: base.sourceName(rule.owner),
                                 text: oneLine(rule.file.text(rule.range)), steps: steps(program.plan(rule, first: nil).steps, in: rule))
        }
        let builtins = showsBuiltins ? stratum.predicates.compactMap(program.argumentation.builtin).map { oneLine(Builtin.file.text($0.lineRange)) } : []
        guard !rules.isEmpty || !builtins.isEmpty else { return nil }
        return PlanDescription.Stratum(number: index, predicates: stratum.predicates.map { program.predicates[$0].signature },
                                       isRecursive: stratum.isRecursive, builtins: builtins, rules: rules)
    }

    func steps(_ steps: [PlanStep], in rule: CompiledRule) -> [PlanDescription.Step] {
        steps.map { step in
            switch step {
            case .scan(let scan):
                return PlanDescription.Step(text: describe(scan, in: rule), inner: [])
            case .negation(let predicate, let terms):
                let shown = terms.map { $0.map { text($0, rule) } ?? "_" }
                return PlanDescription.Step(text: "not \(program.predicates[predicate].name)(\(shown.joined(separator: ", "))): one index look-up", inner: [])
            case .test(_, _, _, let range), .member(_, _, let range):
                return PlanDescription.Step(text: "test " + oneLine(rule.file.text(range)), inner: [])
            case .assign(let slot, let term, _):
                return PlanDescription.Step(text: "let \(name(rule, slot)) = \(text(term, rule))", inner: [])
            case .enumerate(let slot, let term, _):
                return PlanDescription.Step(text: "for each \(name(rule, slot)) in \(text(term, rule))", inner: [])
            case .aggregate(let aggregate):
                let groups = aggregate.groups.map { name(rule, $0) }
                let head = "\(name(rule, aggregate.result)) = \(aggregate.function.rawValue)" + (aggregate.target.map { " of " + text($0, rule) } ?? "")
                    + (groups.isEmpty ? "" : ", for each " + groups.joined(separator: ", "))
                return PlanDescription.Step(text: head, inner: self.steps(aggregate.inner, in: rule))
            }
        }
    }

    /// `scan meets(A, S, 2020): look up column 3 (hash index), bind A, S`.
    private func describe(_ scan: ScanPlan, in rule: CompiledRule) -> String {
        var keys: [Int] = []
        var binds: [String] = []
        var checks: [String] = []
        var arguments: [String] = []
        for (column, action) in scan.columns.enumerated() {
            switch action {
            case .key(let term):
                keys.append(column + 1)
                arguments.append(text(term, rule))
            case .bind(let slot):
                if name(rule, slot) != "_" { binds.append(name(rule, slot)) }
                arguments.append(name(rule, slot))
            case .check(let slot):
                checks.append("column \(column + 1) = \(name(rule, slot))")
                arguments.append(name(rule, slot))
            }
        }
        var parts = [keys.isEmpty ? "every row" : "look up column\(keys.count == 1 ? "" : "s") \(keys.map(String.init).joined(separator: ", ")) (hash index)"]
        if !binds.isEmpty { parts.append("bind " + binds.joined(separator: ", ")) }
        parts += checks
        // The relation read, not the record pattern it came from: `evidence E { actor: A }` is two scans.
        return "scan \(program.predicates[scan.predicate].name)(\(arguments.joined(separator: ", "))): " + parts.joined(separator: ", ")
    }

    /// A slot's name; an aggregate's value that the author did not name
    /// is numbered (`_3`), so that the step that uses it can say so.
    private func name(_ rule: CompiledRule, _ slot: Int) -> String {
        guard rule.variableNames[slot] == "_" else { return rule.variableNames[slot] }
        let isAggregateValue = rule.body.contains { literal in
            if case .aggregate(let aggregate) = literal { return aggregate.result == slot }
            return false
        }
        return isAggregateValue ? "_\(slot)" : "_"
    }

    private func text(_ term: Term, _ rule: CompiledRule) -> String {
        switch term {
        case .constant(let value): return program.symbols.sourceText(value)
        case .variable(let slot, _): return name(rule, slot)
        case .arithmetic(_, _, _, let range), .negate(_, let range), .function(_, _, let range), .range(_, _, let range):
            return oneLine(rule.file.text(range))
        }
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
