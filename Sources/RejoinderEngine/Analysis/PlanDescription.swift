import RejoinderSyntax

/// How a query runs, in words: the relations it involves with the type of
/// each column, its own steps, then every stratum it needs, lowest first,
/// each rule with the steps the evaluator runs. `:plan` and
/// `rejoinder check --plan` print it; the steps are the evaluator's own
/// plan, not a second account of it.
public struct PlanDescription: Sendable, Equatable {
    /// A relation's schema: its predicate, and what each column can hold (`ColumnTypes`).
    public struct Schema: Sendable, Equatable {
        /// `meets/3`.
        public let signature: String
        public let columns: [ColumnType]
    }

    public struct Stratum: Sendable, Equatable {
        public let number: Int
        /// In predicate order.
        public let predicates: [Schema]
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

    /// Every relation the strata derive, the query reads, their rules read
    /// or their built-ins read, by name.
    public let relations: [Schema]
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
        var describer = PlanDescriber(program: program)
        describer.read(compiled.rule)
        let query = describer.steps(compiled.plan, in: compiled.rule)
        let strata = needed.sorted().compactMap { describer.stratum($0, base: self) }
        return PlanDescription(relations: describer.relations, query: query, views: compiled.owners.map { sourceName($0) ?? "the common ground" },
                               strata: strata)
    }

    /// The plan of every rule loaded from files named `files`, stratum by
    /// stratum (for `rejoinder check --plan`).
    public func plan(ofRulesIn files: Set<String>) -> PlanDescription {
        let program = currentProgram()
        var describer = PlanDescriber(program: program)
        let strata = program.strata.indices.compactMap { index in
            describer.stratum(index, base: self, showsBuiltins: false) { files.contains($0.file.name) }
        }
        return PlanDescription(relations: describer.relations, query: [], views: [], strata: strata)
    }
}

/// Puts plan steps into words, with the names the author wrote, and
/// gathers the relations they involve.
private struct PlanDescriber {
    let program: Program
    private let types: ColumnTypes
    private var involved: Set<PredicateID> = []

    init(program: Program) {
        self.program = program
        types = ColumnTypes(program)
    }

    /// The relations met so far, by name.
    var relations: [PlanDescription.Schema] {
        involved.map(schema).sorted { $0.signature < $1.signature }
    }

    /// Notes the relations a rule (or query) reads.
    mutating func read(_ rule: CompiledRule) {
        for literal in rule.body {
            literal.forEachDependency { predicate, _, _ in involved.insert(predicate) }
        }
    }

    mutating func stratum(_ index: Int, base: KnowledgeBase, showsBuiltins: Bool = true,
                          including: (CompiledRule) -> Bool = { _ in true }) -> PlanDescription.Stratum? {
        let stratum = program.strata[index]
        let shown = program.rulesByStratum[index].map { program.rules[$0] }.filter(including)
        let rules = shown.map { rule in
            PlanDescription.Rule(location: "\(rule.file.name):\(rule.file.line(of: rule.range.start))", source: base.sourceName(rule.owner),
                                 text: oneLine(rule.file.text(rule.range)), steps: steps(program.plan(rule, first: nil).steps, in: rule))
        }
        let builtins = showsBuiltins ? stratum.predicates.compactMap(program.argumentation.builtin) : []
        guard !rules.isEmpty || !builtins.isEmpty else { return nil }
        for rule in shown { read(rule) }
        if !builtins.isEmpty { involved.formUnion(program.argumentation.inputs) }
        involved.formUnion(stratum.predicates)
        return PlanDescription.Stratum(number: index, predicates: stratum.predicates.map(schema), isRecursive: stratum.isRecursive,
                                       builtins: builtins.map { oneLine(Builtin.file.text($0.lineRange)) },
                                       rules: rules)
    }

    private func schema(_ id: PredicateID) -> PlanDescription.Schema {
        PlanDescription.Schema(signature: program.predicates[id].signature, columns: types[id])
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
