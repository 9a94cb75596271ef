import RejoinderSyntax

/// What a successful load added, and what it warns about.
public struct LoadReport: Sendable {
    public internal(set) var facts = 0
    public internal(set) var rules = 0
    /// Queries and explanations in the loaded text, which loading does not run.
    public internal(set) var queries = 0
    public internal(set) var warnings: [Diagnostic] = []
}

/// Definitions gathered for one all-or-nothing load: ground facts staged as
/// they are read (without syntax trees), and parsed statements.
public struct PendingLoad {
    var staging: FactStaging
    public private(set) var trees: [SyntaxTree] = []
    /// The files added from, in the order they came, which is the order
    /// of the text the load reports in.
    private(set) var files: [SourceFile] = []
    /// The `##` documentation of relations in the text being loaded.
    public private(set) var documentation: [RelationDocumentation] = []

    /// Whether nothing has been added.
    public var isEmpty: Bool { staging.count == 0 && trees.isEmpty && documentation.isEmpty }

    /// Takes the relation documentation written in `range` of `file`; every
    /// loading path calls it for the text it loads.
    public mutating func document(_ file: SourceFile, _ range: SourceRange) {
        documentation += RelationDocumentation.blocks(in: file, range: range)
    }

    /// Adds a ground fact the statement reader handed over.
    /// A fact staging cannot store as it stands is parsed and added as
    /// a tree, to be checked as every parsed fact is.
    public mutating func add(_ fact: StatementReader.GroundFact, from reader: StatementReader) {
        note(reader.file)
        if !staging.add(fact, tokens: reader.tokens, file: reader.file, treesBefore: trees.count) {
            trees.append(Parser.parse(reader.file, range: fact.range))
        }
    }

    /// Adds the definitions of a parsed tree (its queries are the caller's).
    public mutating func add(_ tree: SyntaxTree) {
        note(tree.file)
        trees.append(tree)
    }

    private mutating func note(_ file: SourceFile) {
        if files.last !== file && !files.contains(where: { $0 === file }) { files.append(file) }
    }

    /// The same ground facts without the parsed statements, to load the
    /// facts alone when a statement makes the whole load fail.
    public func groundFactsOnly() -> PendingLoad {
        PendingLoad(staging: staging, files: files, documentation: documentation)
    }
}

extension KnowledgeBase {
    public func beginLoad() -> PendingLoad {
        PendingLoad(staging: FactStaging(base: self))
    }

    /// Adds the definitions of `trees` and the relation documentation of
    /// the text they were parsed from (queries and explanations in them are
    /// left for the caller). Every error of every tree is reported, and then
    /// nothing is added.
    @discardableResult
    public func load(_ trees: [SyntaxTree]) throws(DiagnosticError) -> LoadReport {
        var pending = beginLoad()
        for tree in trees {
            if let range = tree.range { pending.document(tree.file, range) }
            pending.add(tree)
        }
        return try commit(pending)
    }

    /// Loads ranges of files statement by statement (ground facts without
    /// syntax trees), all together or not at all.
    @discardableResult
    public func load(_ sources: [(file: SourceFile, range: SourceRange)]) throws(DiagnosticError) -> LoadReport {
        var pending = beginLoad()
        for source in sources {
            pending.document(source.file, source.range)
            var reader = StatementReader(file: source.file, range: source.range)
            while let item = reader.next() {
                switch item {
                case .groundFact(let fact): pending.add(fact, from: reader)
                case .parsed(let tree): pending.add(tree)
                }
            }
        }
        return try commit(pending)
    }

    /// Checks everything pending and adds it, or adds nothing and throws
    /// every diagnostic.
    @discardableResult
    public func commit(_ pending: PendingLoad) throws(DiagnosticError) -> LoadReport {
        var pending = pending
        pending.staging.flush()
        var batch = LoadBatch(base: self, staging: pending.staging, files: pending.files)
        let parseErrors = pending.trees.flatMap(\.diagnostics).filter(\.isError)
        for tree in pending.trees {
            batch.declare(tree)
        }
        for (position, tree) in pending.trees.enumerated() {
            batch.lower(tree, streamPosition: position)
        }
        batch.lowerRejectedFacts(of: pending.staging)
        batch.stratify(pending.staging)
        let diagnostics = parseErrors + batch.diagnostics
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        var report = commit(batch, staging: pending.staging, documentation: pending.documentation)
        report.warnings += pending.documentation.compactMap { block in
            guard let id = catalog.predicates.lookup(block.name) else {
                return .warning("'##' documents '\(block.name)', which no fact or rule defines", at: block.span)
            }
            let arity = catalog.predicates[id].arity
            guard arity == block.arguments.count else {
                return .warning("'##' gives '\(block.name)' \(block.arguments.count) argument\(block.arguments.count == 1 ? "" : "s"), but it has \(arity)", at: block.span)
            }
            return nil
        }
        report.queries = pending.trees.flatMap(\.statements).filter { statement in
            if case .definition = statement { return false }
            return true
        }.count
        return report
    }

    private func commit(_ batch: LoadBatch, staging: FactStaging, documentation: [RelationDocumentation]) -> LoadReport {
        var report = LoadReport()
        catalog.predicates.adopt(batch.predicates)
        catalog.declare(sources: batch.newSources, indicators: batch.newIndicators, entities: batch.newEntities, documentation: documentation)
        catalog.vocabulary = batch.vocabulary
        store.addOriginFiles(batch.fileNumbering)
        report.facts = store.merge(staging.facts, origins: staging.origins) + store.merge(batch.facts, origins: batch.factOrigins)
        if let change = batch.strataChange {
            ruleProgram.add(batch.rules, keys: batch.ruleKeys, argumentation: batch.argumentation, change: change, predicateCount: catalog.predicates.count)
        }
        report.rules = batch.rules.count
        knowledgeSymbolCount = symbols.symbolCount
        invalidate()
        report.warnings = undefinedPredicateWarnings(in: batch.rules)
        return report
    }

    /// A body atom whose predicate has no facts and no rules anywhere is
    /// almost always a typo (DataScript users know the silent empty answer).
    private func undefinedPredicateWarnings(in newRules: [CompiledRule]) -> [Diagnostic] {
        let builtins = Set(argumentation.builtins.values)
        func isDefined(_ predicate: PredicateID) -> Bool {
            ruleProgram.heads.contains(predicate) || store.storedPredicates.contains(predicate) || builtins.contains(predicate)
        }
        var warned: Set<PredicateID> = []
        var warnings: [Diagnostic] = []
        for rule in newRules {
            for literal in rule.body {
                literal.forEachDependency { predicate, _, range in
                    guard !isDefined(predicate), !warned.contains(predicate) else { return }
                    warned.insert(predicate)
                    let predicates = catalog.predicates
                    let signature = predicates[predicate].signature
                    let nearby = nearestName(to: predicates[predicate].name, among: predicates.allIDs.filter(isDefined).map { predicates[$0].name })
                    warnings.append(.warning("predicate '\(signature)' has no facts or rules, so this literal never holds",
                                             at: SourceSpan(file: rule.file, range: range),
                                             help: nearby.map { "did you mean '\($0)'?" }))
                }
            }
        }
        return warnings
    }
}

/// The work of one load, done on copies so that a failure leaves the
/// knowledge base as it was.
struct LoadBatch {
    let base: KnowledgeBase
    let predicates: PredicateTable
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var newSources: [(String, SourceSpan)] = []
    private(set) var newIndicators: [String: SourceSpan] = [:]
    private(set) var newEntities: [String: (kind: String, span: SourceSpan)] = [:]
    private(set) var facts: [FactKey: Relation] = [:]
    /// Where each staged fact was written, row by row.
    private(set) var factOrigins: [FactKey: FactOrigins] = [:]
    /// The numbers of the files this load's facts come from.
    private(set) var fileNumbering: FileNumbering
    private(set) var rules: [CompiledRule] = []
    private(set) var ruleKeys: Set<String> = []
    /// How the new rules change the strata; nil when they cannot be stratified.
    private(set) var strataChange: Stratification.Change?
    private(set) var vocabulary = Vocabulary()
    private(set) var argumentation: ArgumentationPredicates
    /// Where this batch's vocabulary facts name each word, for the
    /// diagnostic when a word cannot play its role.
    private var vocabularySpans: [String: SourceSpan] = [:]
    /// The files of the load in the order of its text.
    private let files: [SourceFile]
    /// Where `diagnostics` from this index on were found: the file and
    /// start of the statement lowered, to report them in the order of the
    /// text whichever way the statements came.
    private var loweringStart: Int?
    private var loweringOrder: [(file: Int, offset: Int)] = []

    init(base: KnowledgeBase, staging: FactStaging, files: [SourceFile]) {
        self.base = base
        argumentation = base.argumentation
        predicates = staging.predicates.copy()
        fileNumbering = staging.fileNumbering
        self.files = files
    }

    private var symbols: SymbolTable { base.symbols }

    private func isSource(_ name: String) -> Bool {
        base.catalog.sourceDeclarations[name] != nil || newSources.contains { $0.0 == name }
    }

    private func isIndicator(_ name: String) -> Bool {
        base.catalog.indicatorDeclarations[name] != nil || newIndicators[name] != nil
    }

    private var indicatorNames: Set<String> {
        Set(base.catalog.indicatorDeclarations.keys).union(newIndicators.keys)
    }

    /// `indicatorNames`, made once per change of the declarations rather
    /// than for each of a load's many small trees.
    private var loweringIndicators: Set<String>?

    // MARK: Pass 1: declarations

    /// Records the entities of a tree, so that sources, indicators and
    /// kinds are known before any statement using them is lowered.
    mutating func declare(_ tree: SyntaxTree) {
        for statement in tree.statements {
            guard case .definition(let definition) = statement, case .entity(let entity) = definition.form else { continue }
            let span = SourceSpan(file: tree.file, range: entity.id.range)
            let id = entity.id.text, kind = entity.kind.text
            if let existing = base.catalog.entityKinds[id] ?? newEntities[id] {
                if existing.kind != kind {
                    diagnostics.append(.error(
                        "'\(id)' is declared as \(article(kind)) \(kind) here and as \(article(existing.kind)) \(existing.kind) at \(existing.span.description)",
                        at: span, help: "an id names one entity of one kind; rename one of them",
                        notes: [.note("'\(id)' first declared here", at: existing.span)]))
                }
            } else {
                newEntities[id] = (kind, span)
            }
            switch kind {
            case "source":
                if let perspective = definition.perspective {
                    diagnostics.append(.error("a source is declared in the common ground, not according to '\(perspective.text)'",
                                              at: span, help: "move 'source \(id)' out of the 'according to' block"))
                } else if !isSource(id) {
                    newSources.append((id, span))
                }
            case "indicator":
                if BuiltinFunction(rawValue: id) != nil {
                    diagnostics.append(.error("'\(id)' is a function and cannot name an indicator", at: span,
                                              help: "choose another name, such as '\(id)_value'"))
                } else if !isIndicator(id) {
                    newIndicators[id] = span
                    loweringIndicators = nil
                }
            default:
                break
            }
        }
    }

    // MARK: Pass 2: facts and rules

    /// Lowers the definitions of `tree`, which `streamPosition` trees
    /// precede in the load.
    mutating func lower(_ tree: SyntaxTree, streamPosition: Int) {
        predicates.streamPosition = streamPosition
        if loweringStart == nil { loweringStart = diagnostics.count }
        let file = files.firstIndex { $0 === tree.file } ?? files.count
        let indicators = loweringIndicators ?? indicatorNames
        loweringIndicators = indicators
        let scope = LoweringScope(predicates: predicates, symbols: symbols, indicators: indicators, allowsNewPredicates: true)
        for statement in tree.statements {
            guard case .definition(let definition) = statement else { continue }
            let first = diagnostics.count
            defer { loweringOrder += repeatElement((file: file, offset: definition.range.start), count: diagnostics.count - first) }
            guard let owner = resolveOwner(definition.perspective, in: tree.file) else { continue }
            switch definition.form {
            case .entity(let entity):
                lowerEntity(entity, owner: owner, file: tree.file, scope: scope)
            case .rule(let rule):
                if definesBuiltin(rule.head.name, in: tree.file) { continue }
                if rule.body == nil {
                    lowerFact(rule.head, owner: owner, file: tree.file, scope: scope)
                } else {
                    lowerRule(head: rule.head, headValue: nil, body: rule.body ?? [], definition: definition, owner: owner, file: tree.file, scope: scope)
                }
            case .observation(let observation):
                lowerObservation(observation, definition: definition, owner: owner, file: tree.file, scope: scope)
            }
        }
    }

    /// Staged facts the lowering found wrong as a group — of a predicate
    /// whose arity an earlier parsed use overruled, or observing an
    /// undeclared indicator — read again and lowered as parsed facts, for
    /// the diagnostics a parsed fact gets; then every lowering diagnostic
    /// in the order of the text.
    mutating func lowerRejectedFacts(of staging: FactStaging) {
        let overruled = predicates.overruled
        let undeclared = staging.observedIndicators.subtracting(indicatorNames)
        predicates.endStream()
        if !overruled.isEmpty || !undeclared.isEmpty {
            let isOverruled = { (name: String, arity: Int) in overruled.contains { $0.name == name && $0.arity == arity } }
            for stretch in staging.stretches {
                var reader = StatementReader(file: stretch.file, range: stretch.range)
                while let item = reader.next() {
                    guard case .groundFact(let fact) = item,
                          !staging.handedBack.contains(SourcePosition(file: stretch.file, offset: fact.range.start)) else { continue }
                    let name = stretch.file.text(fact.name.range)
                    let isRejected = fact.value == nil ? isOverruled(name, fact.arity) : undeclared.contains(name) || isOverruled("value", 4)
                    if isRejected { lower(Parser.parse(stretch.file, range: fact.range), streamPosition: .max) }
                }
            }
        }
        guard let start = loweringStart else { return }
        let ordered = zip(diagnostics[start...], loweringOrder).enumerated()
            .sorted { ($0.element.1.file, $0.element.1.offset, $0.offset) < ($1.element.1.file, $1.element.1.offset, $1.offset) }
        diagnostics.replaceSubrange(start..., with: ordered.map(\.element.0))
    }

    private mutating func resolveOwner(_ perspective: Name?, in file: SourceFile) -> Owner? {
        guard let perspective else { return .common }
        if let owner = base.owner(ofSource: perspective.text) { return owner }
        if let index = newSources.firstIndex(where: { $0.0 == perspective.text }) {
            return Owner(rawValue: base.sources.count + index + 1)
        }
        diagnostics.append(.error(
            "unknown source '\(perspective.text)' in 'according to'",
            at: SourceSpan(file: file, range: perspective.range),
            help: suggestion(for: perspective.text, among: base.sources + newSources.map(\.0), noun: "source")
                ?? "declare it first: source \(perspective.text) \"…\"."))
        return nil
    }

    /// Whether a definition tries to define a built-in predicate (reported).
    private mutating func definesBuiltin(_ name: Name, in file: SourceFile) -> Bool {
        guard let builtin = Builtin(rawValue: name.text) else { return false }
        diagnostics.append(builtin.definitionError(at: SourceSpan(file: file, range: name.range)))
        return true
    }

    private mutating func addFact(_ predicate: PredicateID, _ row: [Value], owner: Owner, at origin: FactOrigin) {
        let key = FactKey(predicate: predicate, owner: owner)
        let relation: Relation
        if let existing = facts[key] {
            relation = existing
        } else {
            relation = Relation(arity: row.count)
            facts[key] = relation
        }
        if relation.insert(row) {
            let origins = factOrigins[key] ?? FactOrigins()
            factOrigins[key] = origins
            origins.append(origin)
        }
    }

    /// Where a statement of `file` starting at `offset` was written.
    private mutating func origin(_ file: SourceFile, _ offset: Int) -> FactOrigin {
        FactOrigin(file: UInt32(fileNumbering.number(of: file.name)), line: UInt32(file.line(of: offset)))
    }

    private mutating func lowerEntity(_ entity: EntityDeclaration, owner: Owner, file: SourceFile, scope: LoweringScope) {
        var lowerer = RuleLowerer(file: file, scope: scope)
        let id = symbols.symbol(entity.id.text)
        let at = origin(file, entity.kind.range.start)
        if let isA = lowerer.predicate("is_a", arity: 2, at: entity.kind.range) {
            addFact(isA, [id, symbols.symbol(entity.kind.text)], owner: owner, at: at)
        }
        if let label = entity.label, case .symbol(let text, let range) = label,
           let predicate = lowerer.predicate("label", arity: 2, at: range) {
            addFact(predicate, [id, symbols.symbol(text)], owner: owner, at: at)
        }
        for attribute in entity.attributes {
            guard let predicate = lowerer.predicate(attribute.key.text, arity: 2, at: attribute.key.range) else { continue }
            for value in attribute.values {
                var prelude: [BodyLiteral] = []
                guard let term = lowerer.lowerExpression(value, prelude: &prelude) else { continue }
                guard prelude.isEmpty, case .constant(let constant) = term else {
                    lowerer.error("the value of attribute '\(attribute.key.text)' must be a constant", value.range,
                                  help: "attribute values are names, strings, numbers or ranges")
                    continue
                }
                addFact(predicate, [id, constant], owner: owner, at: at)
            }
        }
        diagnostics += lowerer.diagnostics
    }

    private mutating func lowerFact(_ head: Atom, owner: Owner, file: SourceFile, scope: LoweringScope) {
        // Most facts hold only constants: store them without the lowerer.
        let constants = head.arguments.compactMap(constantValue)
        if constants.count == head.arguments.count {
            switch predicates.resolve(head.name.text, arity: constants.count, at: SourceSpan(file: file, range: head.name.range)) {
            case .success(let predicate): addCheckedFact(predicate, constants, owner: owner, file: file, head: head)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
            return
        }
        var lowerer = RuleLowerer(file: file, scope: scope)
        var prelude: [BodyLiteral] = []
        guard let predicate = lowerer.predicate(head.name.text, arity: head.arguments.count, at: head.name.range),
              let terms = lowerer.lowerHead(head, prelude: &prelude) else {
            diagnostics += lowerer.diagnostics
            return
        }
        if !prelude.isEmpty {
            lowerer.error("a fact cannot look up an indicator", head.range, help: "write a rule with ':-' to compute it")
        } else if let row = lowerer.groundValues(terms, in: "fact '\(head.name.text)'") {
            addCheckedFact(predicate, row, owner: owner, file: file, head: head)
        }
        diagnostics += lowerer.diagnostics
    }

    /// A fact, unless it is a vocabulary declaration that is wrong.
    private mutating func addCheckedFact(_ predicate: PredicateID, _ row: [Value], owner: Owner, file: SourceFile, head: Atom) {
        if predicate == base.vocabularyPredicate {
            if let problem = Vocabulary.problem(with: row, owner: owner, symbols: symbols, at: SourceSpan(file: file, range: head.arguments[0].range)) {
                diagnostics.append(problem)
                return
            }
            vocabularySpans[symbols.sourceText(row[1])] = SourceSpan(file: file, range: head.arguments[1].range)
        }
        addFact(predicate, row, owner: owner, at: origin(file, head.range.start))
    }

    private mutating func lowerObservation(_ observation: Observation, definition: Definition, owner: Owner, file: SourceFile, scope: LoweringScope) {
        let indicator = observation.indicator
        guard isIndicator(indicator.name.text) else {
            diagnostics.append(.error(
                "undeclared indicator '\(indicator.name.text)'",
                at: SourceSpan(file: file, range: indicator.name.range),
                help: suggestion(for: indicator.name.text, among: Array(indicatorNames), noun: "indicator")
                    ?? "declare it first: indicator \(indicator.name.text) \"…\" { unit: …, publisher: … }."))
            return
        }
        guard indicator.arguments.count == 2 else {
            diagnostics.append(.error(
                "an observation names an actor and a year, as in \(indicator.name.text)(china, 2021) = …",
                at: SourceSpan(file: file, range: indicator.range)))
            return
        }
        if observation.body == nil, let value = constantNumber(observation.value),
           let actor = constantValue(indicator.arguments[0]), let year = constantValue(indicator.arguments[1]) {
            var lowerer = RuleLowerer(file: file, scope: scope)
            if let predicate = lowerer.predicate("value", arity: 4, at: indicator.name.range) {
                addFact(predicate, [symbols.symbol(indicator.name.text), actor, year, value], owner: owner, at: origin(file, indicator.range.start))
            }
            diagnostics += lowerer.diagnostics
            return
        }
        lowerRule(head: indicator, headValue: observation.value, body: observation.body ?? [], definition: definition, owner: owner, file: file, scope: scope)
    }

    /// A rule, or a derived indicator (`headValue` set): `name(A, Y) = e`
    /// derives `value(name, A, Y, e)`.
    private mutating func lowerRule(head: Atom, headValue: Expression?, body: [Literal], definition: Definition, owner: Owner, file: SourceFile, scope: LoweringScope) {
        let key = "\(owner.rawValue)|\(file.text(definition.range))"
        if base.ruleProgram.ruleKeys.contains(key) || ruleKeys.contains(key) { return }
        if head.name.text == Vocabulary.predicateName && headValue == nil {
            diagnostics.append(.error("vocabulary/2 is declared by facts, not derived by rules", at: SourceSpan(file: file, range: head.name.range),
                                      help: "a load reads the vocabulary before any rule runs; state each vocabulary(Role, Name) as a fact"))
            return
        }
        var lowerer = RuleLowerer(file: file, scope: scope)
        var loweredBody = lowerer.lowerBody(body)
        var prelude: [BodyLiteral] = []
        let headPredicate: PredicateID?
        var headTerms: [Term]?
        if let headValue {
            headPredicate = lowerer.predicate("value", arity: 4, at: head.name.range)
            if let arguments = lowerer.lowerHead(head, prelude: &prelude), let value = lowerer.lowerExpression(headValue, prelude: &prelude) {
                headTerms = [.constant(symbols.symbol(head.name.text))] + arguments + [value]
            }
        } else {
            headPredicate = lowerer.predicate(head.name.text, arity: head.arguments.count, at: head.name.range)
            headTerms = lowerer.lowerHead(head, prelude: &prelude)
        }
        loweredBody += prelude
        guard lowerer.diagnostics.isEmpty, let headPredicate, let headTerms else {
            diagnostics += lowerer.diagnostics
            return
        }
        let rule = CompiledRule(head: headPredicate, headTerms: headTerms, body: loweredBody, owner: owner, file: file,
                                range: definition.range, variableNames: lowerer.variableNames)
        var planner = Planner(file: file, variableNames: rule.variableNames)
        do {
            _ = try planner.planRule(body: rule.body, headTerms: rule.headTerms, headName: head.name.text)
        } catch {
            diagnostics += error.diagnostics
            return
        }
        rules.append(rule)
        ruleKeys.insert(key)
    }

    private func constantValue(_ expression: Expression) -> Value? {
        switch expression {
        case .symbol(let text, _): return symbols.symbol(text)
        default: return constantNumber(expression)
        }
    }

    private func constantNumber(_ expression: Expression) -> Value? {
        switch expression {
        case .integer(let value, _): return .integer(value)
        case .decimal(let value, _): return .number(value)
        case .negate(.integer(let value, _), _) where value != .min: return .integer(-value)
        case .negate(.decimal(let value, _), _): return .number(-value)
        default: return nil
        }
    }

    // MARK: Pass 3: strata

    /// The vocabulary with this batch's declarations, and the built-ins
    /// reading it; then how the new rules change the strata.
    mutating func stratify(_ staging: FactStaging) {
        let key = FactKey(predicate: base.vocabularyPredicate, owner: .common)
        vocabulary = Vocabulary(facts: [base.store[key], staging.facts[key], facts[key]].compactMap { $0 }, symbols: symbols)
        if let joint = vocabulary.name(.jointView), let span = base.catalog.sourceDeclarations[joint] ?? newSources.first(where: { $0.0 == joint })?.1 {
            diagnostics.append(.error("'\(joint)' names the joint view of every source and cannot name a source", at: span,
                                      help: "choose another name for the source, or another for the joint view in vocabulary(joint_view, …)"))
        }
        let spans = staging.vocabularySpans.merging(vocabularySpans) { first, _ in first }
        switch base.argumentation.reading(vocabulary, in: predicates, spans: spans) {
        case .success(let reading): argumentation = reading
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
        let predicates = predicates
        switch base.ruleProgram.change(adding: rules, argumentation: argumentation, predicateCount: predicates.count, names: { predicates[$0].signature }) {
        case .success(let change): strataChange = change
        case .failure(let error): diagnostics += error.diagnostics
        }
    }
}

/// `a` or `an` before a kind name in messages.
func article(_ word: String) -> String {
    guard let first = word.first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
}
