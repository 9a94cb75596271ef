import RejoinderSyntax

/// Finds why a ground statement holds in one view (the shortest derivation
/// tree, by iterative deepening over the relations already computed), or
/// why it does not (for each rule that could derive it, the first literal
/// that fails with the values bound so far).
final class Explainer {
    private let base: KnowledgeBase
    private let program: Program
    private let evaluator: Evaluator
    private let owner: Owner
    private var symbols: SymbolTable { program.symbols }
    /// Derivations already known to fail within a height.
    private var failedWithin: [[Value]: Int] = [:]
    private var work = 0
    /// A search is abandoned after this many steps, so that a huge recursive
    /// relation cannot make `why` hang.
    static let workLimit = 1_000_000
    /// The tallest derivation searched for.
    static let maximumHeight = 48

    /// In the joint view, the explainers of the sources' views.
    private var sourceExplainers: [Owner: Explainer] = [:]

    init(base: KnowledgeBase, owner: Owner) {
        self.base = base
        program = base.currentProgram()
        evaluator = base.currentEvaluator()
        self.owner = owner
    }

    // MARK: why

    /// Whether the statement holds in the view.
    func holds(_ predicate: PredicateID, _ row: [Value]) throws(EvaluationFailure) -> Bool {
        try evaluator.relation(predicate, in: owner).contains(row)
    }

    /// The shortest derivation of a statement that holds.
    func derivation(of predicate: PredicateID, _ row: [Value]) throws(EvaluationFailure) -> Derivation? {
        guard try holds(predicate, row) else { return nil }
        for height in 1...Self.maximumHeight {
            if let found = try derive(predicate, row, height: height) { return found }
            if work > Self.workLimit { break }
        }
        return nil
    }

    private func derive(_ predicate: PredicateID, _ row: [Value], height: Int) throws(EvaluationFailure) -> Derivation? {
        guard height > 0, work <= Self.workLimit else { return nil }
        let key = [Value.integer(Int64(predicate.rawValue))] + row
        if let failed = failedWithin[key], failed >= height { return nil }
        work += 1
        if let fact = storedFact(predicate, row) { return fact }
        if let builtin = program.argumentation.builtin(predicate) {
            if let found = try argumentation(builtin, row, height: height) { return found }
        } else if owner == .joint, !program.sources.isEmpty, !program.readsArgumentation[program.stratumOf[predicate.rawValue]] {
            if let found = try fromSourceView(predicate, row, height: height) { return found }
        }
        for rule in rules(for: predicate) {
            if let found = try derive(row, using: rule, height: height) { return found }
        }
        failedWithin[key] = height
        return nil
    }

    private func rules(for predicate: PredicateID) -> [CompiledRule] {
        program.rules.filter { $0.head == predicate && program.applies($0, in: owner) }
    }

    /// The statement as a stored fact of the view, with where it is written.
    private func storedFact(_ predicate: PredicateID, _ row: [Value]) -> Derivation? {
        for factOwner in owner == .common ? [Owner.common] : [.common, owner] {
            let key = FactKey(predicate: predicate, owner: factOwner)
            guard let relation = program.facts[key], let position = relation.position(of: row),
                  let origin = base.store.origins[key]?[position] else { continue }
            let name = program.predicates[predicate].name
            let entity = name == "is_a" ? entityDescription(row[0]) : citableEntity(in: row) ?? documentedCitation(of: name)
            return Derivation(statement: text(predicate, row), step: .fact(source: base.sourceName(factOwner), location: base.store.location(of: origin)),
                              entity: entity)
        }
        return nil
    }

    private func derive(_ row: [Value], using rule: CompiledRule, height: Int) throws(EvaluationFailure) -> Derivation? {
        guard let start = bindHead(rule, row) else { return nil }
        for solution in try solutions(of: rule, startingFrom: start, limit: 64) {
            guard headMatches(rule, row, solution) else { continue }
            var children: [Child] = []
            var complete = true
            for literal in rule.body {
                switch try explainLiteral(literal, of: rule, with: solution, height: height) {
                case .node(let child): children.append(child)
                case .none: break
                case .unexplained: complete = false
                }
                if !complete { break }
            }
            guard complete else { continue }
            return Derivation(statement: text(rule.head, row),
                              step: .rule(predicate: program.predicates[rule.head].signature, source: base.sourceName(rule.owner),
                                          location: lineLocation(rule)),
                              children: grouped(children))
        }
        return nil
    }

    /// A child of a rule node, with the atom it derives (for grouping).
    private struct Child {
        let node: Derivation
        let predicate: PredicateID?
        let row: [Value]
    }

    private enum LiteralNode {
        case node(Child)
        /// The literal needs no node of its own (its aggregate shows it).
        case none
        /// It cannot be explained within the height.
        case unexplained
    }

    /// The node for one body literal under a solution.
    private func explainLiteral(_ literal: BodyLiteral, of rule: CompiledRule, with solution: [Value], height: Int)
        throws(EvaluationFailure) -> LiteralNode {
        switch literal {
        case .atom(let predicate, let terms, _):
            guard let row = try? instantiate(terms, solution, rule.file),
                  let child = try derive(predicate, row, height: height - 1) else { return .unexplained }
            return .node(Child(node: child, predicate: predicate, row: row))
        case .negation(let predicate, let terms, _):
            let shown = terms.map { term in term.flatMap { try? instantiate([$0], solution, rule.file).first }.map(symbols.sourceText) ?? "_" }
            let statement = "not " + program.predicates[predicate].name + (shown.isEmpty ? "" : "(" + shown.joined(separator: ", ") + ")")
            return .node(Child(node: Derivation(statement: statement, step: .absent), predicate: nil, row: []))
        case .comparison(_, _, let right, let range):
            if case .variable(let slot, _) = right, isAggregateResult(slot, in: rule.body) { return .none }
            return .node(Child(node: Derivation(statement: described(rule.file.text(range), literal, rule, solution), step: .test), predicate: nil, row: []))
        case .membership(_, _, let range):
            return .node(Child(node: Derivation(statement: described(rule.file.text(range), literal, rule, solution), step: .test), predicate: nil, row: []))
        case .aggregate(let aggregate):
            let owner = comparison(usingAggregate: aggregate.result, in: rule.body)
            let range = owner.map { $0.range } ?? aggregate.range
            let statement = described(rule.file.text(range), owner?.literal ?? literal, rule, solution)
            return .node(Child(node: Derivation(statement: statement, step: .computed), predicate: nil, row: []))
        }
    }

    private func isAggregateResult(_ slot: Int, in body: [BodyLiteral]) -> Bool {
        body.contains { literal in
            if case .aggregate(let aggregate) = literal { return aggregate.result == slot }
            return false
        }
    }

    private func comparison(usingAggregate slot: Int, in body: [BodyLiteral]) -> (literal: BodyLiteral, range: SourceRange)? {
        for literal in body {
            if case .comparison(_, _, .variable(let used, _), let range) = literal, used == slot { return (literal, range) }
        }
        return nil
    }

    /// `R >= T  (R = 9.9507, T = 1.5)`: the literal as written, then the
    /// values of its named variables.
    private func described(_ source: String, _ literal: BodyLiteral?, _ rule: CompiledRule, _ solution: [Value]) -> String {
        var seen: [Int] = []
        literal?.forEachVariable { slot, _ in
            if !seen.contains(slot), rule.variableNames.indices.contains(slot), rule.variableNames[slot] != "_" { seen.append(slot) }
        }
        let compact = source.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard !seen.isEmpty else { return compact }
        let values = seen.map { "\(rule.variableNames[$0]) = \(symbols.sourceText(solution[$0]))" }
        return compact + "  (" + values.joined(separator: ", ") + ")"
    }

    /// Runs of facts about one entity (`is_a(e, k)`, then its attributes)
    /// become one node: `evidence sobyanin { actor: russia, year: 2020 }`.
    private func grouped(_ children: [Child]) -> [Derivation] {
        var result: [Derivation] = []
        var index = 0
        while index < children.count {
            let (node, predicate, row) = (children[index].node, children[index].predicate, children[index].row)
            guard let predicate, program.predicates[predicate].name == "is_a", case .fact(let source, let location) = node.step,
                  row.count == 2 else {
                result.append(node)
                index += 1
                continue
            }
            var attributes: [String] = []
            var next = index + 1
            while next < children.count, let attribute = children[next].predicate, children[next].row.count == 2,
                  children[next].row[0] == row[0], case .fact = children[next].node.step {
                attributes.append("\(program.predicates[attribute].name): \(symbols.sourceText(children[next].row[1]))")
                next += 1
            }
            let statement = "\(symbols.sourceText(row[1])) \(symbols.sourceText(row[0]))" + (attributes.isEmpty ? "" : " { " + attributes.joined(separator: ", ") + " }")
            result.append(Derivation(statement: statement, step: .fact(source: source, location: location), entity: node.entity))
            index = next
        }
        return result
    }

    // MARK: The joint view

    /// A statement of the joint view that reads no built-in holds because
    /// some source's view holds it: explained there.
    private func fromSourceView(_ predicate: PredicateID, _ row: [Value], height: Int) throws(EvaluationFailure) -> Derivation? {
        for source in program.sources {
            let explainer = sourceExplainers[source] ?? Explainer(base: base, owner: source)
            sourceExplainers[source] = explainer
            guard try explainer.holds(predicate, row), let found = try explainer.derive(predicate, row, height: height - 1) else { continue }
            return Derivation(statement: text(predicate, row), step: .inView(source: base.sourceName(source)!), children: [found])
        }
        return nil
    }

    // MARK: Argumentation

    private func argumentation(_ builtin: Builtin, _ row: [Value], height: Int) throws(EvaluationFailure) -> Derivation? {
        guard row.count == 2, try holds(program.argumentation[builtin], row) else { return nil }
        switch builtin {
        case .status, .labelling: return try groundedLabel(builtin, row, height: height)
        case .credulous, .skeptical: return try acceptance(builtin, row, height: height)
        }
    }

    /// `status` and `labelling`: the attacker that is in, or the attackers
    /// that are all out (each settled at an earlier step, so the tree ends).
    private func groundedLabel(_ builtin: Builtin, _ row: [Value], height: Int) throws(EvaluationFailure) -> Derivation? {
        let framework = try evaluator.framework(in: owner)
        guard let label = framework.label(of: row[0]) else { return nil }
        let attackers = framework.attackers(of: row[0]).sorted { symbols.compare($0, $1) < 0 }
        var children: [Derivation] = []
        func settle(by attacker: Value, then label: AttackGraph.Label?) throws(EvaluationFailure) -> Bool {
            guard let fact = try attackDerivation(attacker, row[0], height: height - 1) else { return false }
            children.append(fact)
            if let label {
                let value = symbols.symbol(builtin.value(for: label))
                guard let settled = try derive(program.argumentation[builtin], [attacker, value], height: height - 1) else { return false }
                children.append(settled)
            }
            return true
        }
        let (inside, outside) = (builtin.value(for: .inside), builtin.value(for: .outside))
        let reason: String
        switch label {
        case .inside:
            reason = attackers.isEmpty ? "nothing attacks it" : "every attacker is \(outside)"
            for attacker in attackers {
                guard try settle(by: attacker, then: .outside) else { return nil }
            }
        case .outside:
            reason = builtin == .status ? "an accepted argument attacks it" : "an argument that is in attacks it"
            let step = framework.step(of: row[0])
            let defeaters = attackers.filter { framework.label(of: $0) == .inside && framework.step(of: $0) < step }
            guard let defeater = defeaters.min(by: { framework.step(of: $0) < framework.step(of: $1) }),
                  try settle(by: defeater, then: .inside) else { return nil }
        case .undecided:
            reason = "no attacker is \(inside), but these are not \(outside)"
            for attacker in attackers where framework.label(of: attacker) != .outside {
                guard try settle(by: attacker, then: nil) else { return nil }
            }
        }
        return Derivation(statement: text(program.argumentation[builtin], row), step: .argumentation(semantics: "grounded", reason: reason),
                          entity: entityDescription(row[0]), children: children)
    }

    /// `credulous` and `skeptical`: the grounded extension when it holds the
    /// argument (every complete, preferred and stable extension contains
    /// it); otherwise the extensions, each defending the argument against
    /// every attacker.
    private func acceptance(_ builtin: Builtin, _ row: [Value], height: Int) throws(EvaluationFailure) -> Derivation? {
        guard let semantics = semantics(row[1]) else { return nil }
        let framework = try evaluator.framework(in: owner)
        let statement = text(program.argumentation[builtin], row)
        let step: (String) -> Derivation.Step = { .argumentation(semantics: semantics.rawValue, reason: $0) }
        if framework.label(of: row[0]) == .inside {
            guard let grounded = try derive(program.argumentation[.labelling], [row[0], symbols.symbol("in")], height: height - 1) else { return nil }
            let reason = semantics == .grounded ? "it is in the grounded extension"
                : "it is in the grounded extension, which every \(semantics.rawValue) extension contains"
            return Derivation(statement: statement, step: step(reason), entity: entityDescription(row[0]), children: [grounded])
        }
        let containing = try extensions(semantics, in: framework).filter { $0.contains(row[0]) }
        guard !containing.isEmpty else { return Derivation(statement: statement, step: step("it is in some \(semantics.rawValue) extension")) }
        let shown = builtin == .credulous ? [containing[0]] : Array(containing.prefix(Self.extensionsShown))
        var children: [Derivation] = []
        for members in shown {
            guard let defence = try defence(of: row[0], by: members, semantics, in: framework, height: height - 1) else { return nil }
            children.append(defence)
        }
        let reason = builtin == .credulous ? "this \(semantics.rawValue) extension contains it"
            : "every \(semantics.rawValue) extension contains it" + (containing.count > shown.count ? " (\(shown.count) of \(containing.count) shown)" : "")
        return Derivation(statement: statement, step: step(reason), entity: entityDescription(row[0]), children: children)
    }

    /// Why `attacker` attacks `target`: the derivation of the row in the
    /// first attack relation that holds it.
    private func attackDerivation(_ attacker: Value, _ target: Value, height: Int) throws(EvaluationFailure) -> Derivation? {
        guard let predicate = try attackPredicate(attacker, target) else { return nil }
        return try derive(predicate, [attacker, target], height: height)
    }

    private func attackPredicate(_ attacker: Value, _ target: Value) throws(EvaluationFailure) -> PredicateID? {
        for predicate in program.argumentation.attacks where try holds(predicate, [attacker, target]) { return predicate }
        return nil
    }

    /// How many extensions an explanation lists.
    static let extensionsShown = 4

    /// An extension holding `argument`: for each attacker, the attack and
    /// the member that attacks the attacker back.
    private func defence(of argument: Value, by members: Set<Value>, _ semantics: AttackGraph.Semantics, in framework: ViewFramework,
                         height: Int) throws(EvaluationFailure) -> Derivation? {
        var children: [Derivation] = []
        for attacker in framework.attackers(of: argument).sorted(by: { symbols.compare($0, $1) < 0 }) {
            guard let attack = try attackDerivation(attacker, argument, height: height - 1),
                  let defender = framework.attackers(of: attacker).filter(members.contains).min(by: { symbols.compare($0, $1) < 0 }),
                  let answer = try attackDerivation(defender, attacker, height: height - 1) else { return nil }
            children += [attack, answer]
        }
        let name = symbols.sourceText(argument)
        let reason = children.isEmpty ? "an extension; nothing attacks \(name)" : "an extension; a member answers each attack on \(name)"
        return Derivation(statement: setText(members), step: .argumentation(semantics: semantics.rawValue, reason: reason), children: children)
    }

    /// The extensions of a view under a semantics, as sets of arguments
    /// (the first few hundred: an explanation lists a handful).
    private func extensions(_ semantics: AttackGraph.Semantics, in framework: ViewFramework) throws(EvaluationFailure) -> [Set<Value>] {
        try framework.graph.extensions(semantics, limit: 256) { () throws(EvaluationFailure) in try evaluator.budget.check() }
            .map { Set($0.map { framework.arguments[$0] }) }
    }

    private func semantics(_ value: Value) -> AttackGraph.Semantics? {
        AttackGraph.Semantics.allCases.first { symbols.symbol($0.rawValue) == value }
    }

    /// `{a, b, c}` in the value order, or for a large extension its size
    /// (the attacks beneath it name the members that matter).
    private func setText(_ members: Set<Value>) -> String {
        guard members.count <= 8 else { return "an extension of \(members.count) arguments" }
        return "{" + members.sorted { symbols.compare($0, $1) < 0 }.map(symbols.sourceText).joined(separator: ", ") + "}"
    }

    /// For `why not` of a built-in: what the view's attack graph holds
    /// instead (the argument's actual label; the extensions that leave it
    /// out, each with the member that attacks it).
    private func argumentationInstead(_ builtin: Builtin, _ row: [Value]) throws(EvaluationFailure) -> Derivation? {
        guard row.count == 2 else { return nil }
        let framework = try evaluator.framework(in: owner)
        guard let label = framework.label(of: row[0]) else { return nil }
        switch builtin {
        case .status, .labelling:
            return try derivation(of: program.argumentation[builtin], [row[0], symbols.symbol(builtin.value(for: label))])
        case .credulous, .skeptical:
            guard let semantics = semantics(row[1]) else { return nil }
            let all = try extensions(semantics, in: framework)
            if all.isEmpty {
                return Derivation(statement: "no \(semantics.rawValue) extension", step: .argumentation(
                    semantics: semantics.rawValue, reason: "the attack graph has none, so nothing is accepted under it"))
            }
            // An attacker in the grounded extension is in every complete one
            // (so every preferred and stable one): the grounded label says it all.
            if label == .outside || semantics == .grounded {
                return try derivation(of: program.argumentation[.labelling], [row[0], symbols.symbol(Builtin.labelling.value(for: label))])
            }
            let without = all.filter { !$0.contains(row[0]) }
            var children: [Derivation] = []
            for members in without.prefix(builtin == .credulous ? Self.extensionsShown : 1) {
                var reasons: [Derivation] = []
                if let attacker = framework.attackers(of: row[0]).filter(members.contains).min(by: { symbols.compare($0, $1) < 0 }),
                   let attack = try attackPredicate(attacker, row[0]).flatMap({ (predicate) throws(EvaluationFailure) in try derivation(of: predicate, [attacker, row[0]]) }) {
                    reasons.append(attack)
                }
                let reason = reasons.isEmpty ? "an extension without it that does not attack it either" : "an extension without it; a member attacks it"
                children.append(Derivation(statement: setText(members), step: .argumentation(semantics: semantics.rawValue, reason: reason), children: reasons))
            }
            let statement = builtin == .credulous ? "no \(semantics.rawValue) extension contains \(symbols.sourceText(row[0]))"
                : "some \(semantics.rawValue) extension leaves \(symbols.sourceText(row[0])) out"
            let reason = builtin == .credulous ? "\(all.count) extension\(all.count == 1 ? "" : "s")" + (all.count > children.count ? ", \(children.count) shown" : "")
                : "one is enough"
            return Derivation(statement: statement, step: .argumentation(semantics: semantics.rawValue, reason: reason), children: children)
        }
    }

    // MARK: why not

    /// `file:line` of a rule.
    private func lineLocation(_ rule: CompiledRule) -> String {
        "\(rule.file.name):\(rule.file.line(of: rule.range.start))"
    }

    /// How many levels `why not` follows a failing derived statement down.
    static let absenceDepth = 4

    /// Why a statement that does not hold is not derived; a failing literal
    /// that rules could derive is itself explained, a few levels down.
    func absence(of predicate: PredicateID, _ row: [Value], levels: Int = Explainer.absenceDepth) throws(EvaluationFailure) -> Absence {
        var failures: [Absence.RuleFailure] = []
        for rule in rules(for: predicate) {
            failures.append(try failure(of: rule, for: row, levels: levels))
        }
        let instead = try program.argumentation.builtin(predicate).map { (builtin) throws(EvaluationFailure) in try argumentationInstead(builtin, row) } ?? nil
        return Absence(statement: text(predicate, row), failures: failures, instead: instead)
    }

    private func failure(of rule: CompiledRule, for row: [Value], levels: Int) throws(EvaluationFailure) -> Absence.RuleFailure {
        let location = lineLocation(rule)
        let source = base.sourceName(rule.owner)
        let ruleText = rule.file.text(rule.range)
        guard let start = bindHead(rule, row) else {
            return Absence.RuleFailure(rule: ruleText, source: source, location: location, literal: text(rule.head, row),
                                       reason: .headDoesNotMatch, bindings: [], alsoFailing: [])
        }
        let (plan, slotCount) = planFor(rule, startingFrom: start, keepingWrittenOrder: true)
        var reached = [start]
        for index in plan.indices {
            let prefix = Array(plan[...index])
            if let first = try run(prefix, slotCount: slotCount, file: rule.file, startingFrom: start, limit: 1).first {
                reached.append(first)
                continue
            }
            // A record pattern fails as a whole: report it as written, with
            // the values bound before it.
            if case .scan(let failing) = plan[index] {
                var first = index
                while first > 0, case .scan(let earlier) = plan[first - 1], earlier.range == failing.range { first -= 1 }
                if first < index {
                    let before = reached[first]
                    let literal = described(rule.file.text(failing.range), nil, rule, before)
                    return Absence.RuleFailure(rule: ruleText, source: source, location: location, literal: literal,
                                               reason: .nothingMatches, bindings: bindings(rule, before),
                                               alsoFailing: try laterFailures(after: index, in: plan, rule, reached[index], levels: levels))
                }
            }
            let (literal, reason) = try describe(plan[index], rule, reached[index], levels: levels)
            return Absence.RuleFailure(rule: ruleText, source: source, location: location, literal: literal, reason: reason,
                                       bindings: bindings(rule, reached[index]),
                                       alsoFailing: try laterFailures(after: index, in: plan, rule, reached[index], levels: levels))
        }
        // The body holds, but an expression in the head gives another value.
        return Absence.RuleFailure(rule: ruleText, source: source, location: location, literal: text(rule.head, row),
                                   reason: .headDoesNotMatch, bindings: bindings(rule, reached.last ?? start), alsoFailing: [])
    }

    /// The literals after the failing one whose values are all known
    /// already and that fail too: whatever the first failure, they are
    /// further reasons, and a negation's is often what a student looks for
    /// (¶-cited evidence against a standard).
    private func laterFailures(after failing: Int, in plan: [PlanStep], _ rule: CompiledRule, _ solution: [Value], levels: Int) throws(EvaluationFailure) -> [Absence.Failure] {
        var found: [Absence.Failure] = []
        for step in plan[(failing + 1)...] {
            switch step {
            case .negation(_, let terms):
                guard terms.allSatisfy({ term in term.map { isKnown($0, in: solution) } ?? true }) else { continue }
                let (literal, reason) = try describe(step, rule, solution, levels: levels)
                if case .blockedBy = reason { found.append(Absence.Failure(literal: literal, reason: reason)) }
            case .scan(let scan):
                let ground = scan.columns.allSatisfy { action in
                    switch action {
                    case .key(let term): return isKnown(term, in: solution)
                    case .check(let slot): return slot < solution.count && solution[slot] != Self.unbound
                    case .bind: return false
                    }
                }
                guard ground, try run([step], slotCount: solution.count, file: rule.file, startingFrom: solution, limit: 1).isEmpty else { continue }
                let (literal, reason) = try describe(step, rule, solution, levels: levels)
                found.append(Absence.Failure(literal: literal, reason: reason))
            default:
                continue
            }
        }
        return found
    }

    /// Whether a term's value is known from `solution` (a constant, or a
    /// variable already bound).
    private func isKnown(_ term: Term, in solution: [Value]) -> Bool {
        switch term {
        case .constant: return true
        case .variable(let slot, _): return slot < solution.count && solution[slot] != Self.unbound
        default: return false
        }
    }

    private func describe(_ step: PlanStep, _ rule: CompiledRule, _ solution: [Value], levels: Int) throws(EvaluationFailure) -> (String, Absence.Reason) {
        switch step {
        case .scan(let scan):
            // A ground statement that rules could derive: say why they do not.
            let ground = scan.columns.compactMap { action -> Value? in
                if case .key(let term) = action { return try? instantiate([term], solution, rule.file).first }
                return nil
            }
            if levels > 1, ground.count == scan.columns.count, !rules(for: scan.predicate).isEmpty {
                return (text(scan.predicate, ground), .notDerived(try absence(of: scan.predicate, ground, levels: levels - 1)))
            }
            let arguments = scan.columns.map { action -> String in
                switch action {
                case .key(let term): return (try? instantiate([term], solution, rule.file).first).map(symbols.sourceText) ?? "?"
                case .bind(let slot), .check(let slot): return rule.variableNames.indices.contains(slot) ? rule.variableNames[slot] : "_"
                }
            }
            let name = program.predicates[scan.predicate].name
            return (name + (arguments.isEmpty ? "" : "(" + arguments.joined(separator: ", ") + ")"), .nothingMatches)
        case .negation(let predicate, let terms):
            let values = terms.map { term in term.flatMap { try? instantiate([$0], solution, rule.file).first } }
            let relation = try evaluator.relation(predicate, in: owner)
            let shown = values.map { $0.map(symbols.sourceText) ?? "_" }
            let statement = "not " + program.predicates[predicate].name + "(" + shown.joined(separator: ", ") + ")"
            if let position = relation.positions(matching: values).first {
                let candidate = relation.row(position)
                let blocking = try derivation(of: predicate, candidate) ?? Derivation(statement: text(predicate, candidate), step: .absent)
                return (statement, .blockedBy(blocking))
            }
            return (statement, .nothingMatches)
        case .test(_, _, _, let range), .member(_, _, let range), .assign(_, _, let range), .enumerate(_, _, let range):
            return (described(rule.file.text(range), rule.body.first { $0.range == range }, rule, solution), .testFails)
        case .aggregate(let aggregate):
            return (described(rule.file.text(aggregate.range), .aggregate(AggregateLiteral(function: aggregate.function, target: aggregate.target, body: [],
                                                                                            result: aggregate.result, range: aggregate.range)), rule, solution),
                    .noValue)
        }
    }

    private func bindings(_ rule: CompiledRule, _ solution: [Value]) -> [Absence.Binding] {
        rule.variableNames.indices.compactMap { slot in
            let name = rule.variableNames[slot]
            guard name != "_", !name.hasPrefix("_"), slot < solution.count, solution[slot] != Self.unbound else { return nil }
            return Absence.Binding(name: name, value: symbols.sourceText(solution[slot]))
        }
    }

    // MARK: Running a rule from its head

    /// A value no variable has yet: a symbol id no symbol table reaches.
    private static let unbound = Value(tag: .symbol, payload: UInt64(UInt32.max))

    /// Slot values after matching the head to the statement, or nil when a
    /// constant of the head differs. Expression arguments are checked after.
    private func bindHead(_ rule: CompiledRule, _ row: [Value]) -> [Value]? {
        var values = [Value](repeating: Self.unbound, count: rule.slotCount)
        for (term, value) in zip(rule.headTerms, row) {
            switch term {
            case .variable(let slot, _):
                if values[slot] != Self.unbound && values[slot] != value { return nil }
                values[slot] = value
            case .constant(let constant):
                if constant != value { return nil }
            default:
                break
            }
        }
        return values
    }

    private func headMatches(_ rule: CompiledRule, _ row: [Value], _ solution: [Value]) -> Bool {
        guard let values = try? instantiate(rule.headTerms, solution, rule.file) else { return false }
        return values == row
    }

    private func planFor(_ rule: CompiledRule, startingFrom start: [Value], keepingWrittenOrder: Bool = false) -> ([PlanStep], Int) {
        var planner = Planner(file: rule.file, variableNames: rule.variableNames)
        planner.keepsWrittenOrder = keepingWrittenOrder
        let bound = start.indices.filter { start[$0] != Self.unbound }
        let plan = (try? planner.planRule(body: rule.body, headTerms: rule.headTerms, headName: "", bound: bound)) ?? []
        return (plan, planner.slotCount)
    }

    private func solutions(of rule: CompiledRule, startingFrom start: [Value], limit: Int) throws(EvaluationFailure) -> [[Value]] {
        let (plan, slotCount) = planFor(rule, startingFrom: start)
        return try run(plan, slotCount: slotCount, file: rule.file, startingFrom: start, limit: limit)
    }

    /// Up to `limit` solutions of a plan, as slot values.
    private func run(_ plan: [PlanStep], slotCount: Int, file: SourceFile, startingFrom start: [Value], limit: Int) throws(EvaluationFailure) -> [[Value]] {
        let collector = SolutionCollector(limit: limit, slotCount: slotCount, file: file)
        let owner = self.owner
        let builder = StepBuilder(file: file, relation: { (predicate) throws(EvaluationFailure) in try self.evaluator.relation(predicate, in: owner) },
                                  rows: { _, relation in 0..<relation.count })
        let chain = try builder.build(plan, terminal: collector)
        let runner = Runner(slotCount: slotCount, symbols: symbols, budget: evaluator.budget)
        for (slot, value) in start.enumerated() where value != Self.unbound { runner.bindings[slot] = value }
        for slot in start.count..<slotCount { runner.bindings[slot] = Self.unbound }
        do {
            try chain.run(runner)
        } catch {
            guard case .cancelled = error, collector.isFull else { throw error }
        }
        work += collector.solutions.count
        return collector.solutions
    }

    private func instantiate(_ terms: [Term], _ solution: [Value], _ file: SourceFile) throws -> [Value] {
        try solution.withUnsafeBufferPointer { buffer in
            let bindings = UnsafeMutablePointer(mutating: buffer.baseAddress!)
            return try terms.map { term in try Arithmetic.evaluate(term, bindings: bindings, symbols: symbols) }
        }
    }

    private func text(_ predicate: PredicateID, _ row: [Value]) -> String {
        let name = program.predicates[predicate].name
        return row.isEmpty ? name : name + "(" + row.map(symbols.sourceText).joined(separator: ", ") + ")"
    }

    // MARK: Entities

    /// What the view says of an entity, if `id` is one.
    func entityDescription(_ id: Value) -> EntityDescription? {
        guard let isA = program.predicates.lookup("is_a"),
              let kinds = try? values(of: isA, for: id), let kind = kinds.first else { return nil }
        func attribute(_ name: String) -> [String] {
            guard let predicate = program.predicates.lookup(name), program.predicates[predicate].arity == 2,
                  let found = try? values(of: predicate, for: id) else { return [] }
            return found.map { symbols.datum($0).plainText }
        }
        /// The values of the attributes the vocabulary names for a role.
        func attribute(_ role: Vocabulary.Role) -> [String] {
            base.vocabulary.names(role).flatMap(attribute)
        }
        var source: String?
        var location: String?
        for factOwner in owner == .common ? [Owner.common] : [.common, owner] {
            let key = FactKey(predicate: isA, owner: factOwner)
            if let relation = program.facts[key], let position = relation.position(of: [id, kind]), let origin = base.store.origins[key]?[position] {
                source = base.sourceName(factOwner)
                location = base.store.location(of: origin)
                break
            }
        }
        // A publisher is an entity too: cite it by its label.
        let publisher = attribute(.publisher).first.map { name in
            symbols.lookup(name).flatMap { entityDescription(.symbol($0))?.label } ?? name
        }
        return EntityDescription(id: symbols.sourceText(id), kind: symbols.sourceText(kind), label: attribute("label").first,
                                 paragraphs: attribute(.citation), notes: attribute(.note), cites: attribute(.reference),
                                 publisher: publisher, series: attribute(.series).first, source: source, location: location)
    }

    /// The first value of a fact that is an entity a student can cite
    /// (a claim with its ¶, an indicator with its publisher), so that a
    /// leaf of a `why` tree ends in the article or the data, not only in a
    /// file and line.
    private func citableEntity(in row: [Value]) -> EntityDescription? {
        for value in row where value.tag == .symbol {
            if let entity = entityDescription(value), entity.isCitable { return entity }
        }
        return nil
    }

    /// The paragraphs a relation's `##` documentation cites, for a fact of
    /// it that names no citable entity (`partner(russia, china)`).
    private func documentedCitation(of relation: String) -> EntityDescription? {
        guard let documentation = base.documentation[relation], !documentation.paragraphs.isEmpty || !documentation.notes.isEmpty else { return nil }
        return EntityDescription(id: relation, kind: "relation", label: nil, paragraphs: documentation.paragraphs, notes: documentation.notes,
                                 cites: [], publisher: nil, series: nil, source: nil, location: documentation.span.description)
    }

    /// The second column of the rows of a binary predicate whose first is `id`.
    private func values(of predicate: PredicateID, for id: Value) throws(EvaluationFailure) -> [Value] {
        let relation = try evaluator.relation(predicate, in: owner)
        return relation.positions(matching: [id, nil]).map { relation.value(row: $0, column: 1) }
    }
}

/// The last step of a chain run for an explanation: keeps copies of the
/// bindings of each solution, and stops the run once it has enough.
final class SolutionCollector: Step {
    private let limit: Int
    private let slotCount: Int
    private(set) var solutions: [[Value]] = []

    init(limit: Int, slotCount: Int, file: SourceFile) {
        self.limit = limit
        self.slotCount = slotCount
        super.init(next: nil, file: file)
    }

    var isFull: Bool { solutions.count >= limit }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        solutions.append(Array(UnsafeBufferPointer(start: runner.bindings, count: slotCount)))
        if isFull { throw .cancelled }
    }
}
