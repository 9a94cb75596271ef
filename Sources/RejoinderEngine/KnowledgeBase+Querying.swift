import RejoinderSyntax

/// Why a query has no answer.
public enum QueryFailure: Error, Sendable {
    /// The query is wrong, or its evaluation failed (overflow, a type error
    /// in a rule): every diagnostic, located.
    case invalid([Diagnostic])
    /// Stopped by `control.cancel()` (Ctrl-C). (A limit reached is
    /// `invalid`, with a diagnostic that names the relation.)
    case cancelled
}

/// A query ready to run: its plan and the views to run it in.
struct CompiledQuery {
    let rule: CompiledRule
    let plan: [PlanStep]
    let slotCount: Int
    let perspective: Answer.Perspective
    let owners: [Owner]
}

extension KnowledgeBase {
    /// Answers a query in the views its suffix names.
    public func answer(_ query: Query, in file: SourceFile) throws(QueryFailure) -> Answer {
        // `contrast … on ATOM`: the query gives the rows, the atom the columns.
        var subject: Query?
        if case .contrast(let names, let range, let differing, let atom?) = query.suffix {
            let bound = Set(query.columns)
            let atomVariables = Query(body: [.atom(atom)], suffix: nil, range: atom.range).columns
            if let unbound = atomVariables.first(where: { !bound.contains($0) }) {
                throw .invalid([.error("'\(unbound)' in the atom after 'on' is not a variable of the query", at: SourceSpan(file: file, range: atom.range),
                                       help: "the query must give every value the atom needs; the atom only says, per source, whether it holds")])
            }
            subject = Query(body: query.body + [.atom(atom)], suffix: .contrast(names, range, differing: differing, on: nil), range: query.range)
        }
        let compiled = try compile(query, in: file)
        let checked = try subject.map { (subject) throws(QueryFailure) in try compile(subject, in: file) }
        // The rows of every view, each once, and for row r and view v
        // whether it holds there (`holds[r * views + v]`).
        let views = compiled.owners.count
        let found = Relation(arity: compiled.rule.headTerms.count)
        var holds: [Bool] = []
        var notes: [String] = []
        do {
            let evaluator = try startQueryEvaluation()
            notes = try extensionNotes(for: compiled, evaluator)
            for (position, owner) in compiled.owners.enumerated() {
                let result = try evaluator.answer(compiled.rule, plan: compiled.plan, slotCount: compiled.slotCount, in: owner)
                for row in 0..<result.count {
                    let at = result.withRow(row) { tags, payloads in found.position(insertingTags: tags, payloads: payloads) }
                    if at == holds.count / views { holds += repeatElement(false, count: views) }
                    holds[at * views + position] = subject == nil
                }
            }
            if let checked {
                for (position, owner) in checked.owners.enumerated() {
                    let result = try evaluator.answer(checked.rule, plan: checked.plan, slotCount: checked.slotCount, in: owner)
                    for row in 0..<result.count {
                        if let at = result.withRow(row, { tags, payloads in found.position(ofTags: tags, payloads: payloads) }) {
                            holds[at * views + position] = true
                        }
                    }
                }
            }
        } catch {
            throw failure(error, at: SourceSpan(file: file, range: query.range))
        }
        var shown = Array(0..<found.count)
        if case .contrast(_, _, differing: true, _) = query.suffix {
            shown = shown.filter { row in
                let flags = holds[(row * views)..<(row * views + views)]
                return flags.contains(false) && flags.contains(true)
            }
        }
        let rows = symbols.valueOrder(of: shown, in: found).map { row in
            Answer.Row(values: (0..<found.arity).map { symbols.datum(found.value(row: row, column: $0)) },
                       holdsIn: compiled.perspective.isSingleView ? [] : Array(holds[(row * views)..<(row * views + views)]))
        }
        return Answer(columns: query.columns, perspective: compiled.perspective, rows: rows, notes: notes)
    }

    /// A query that asks `credulous` or `skeptical` in a view with no
    /// stable extension hears so: nothing is accepted there under stable
    /// semantics, which is not the same as every argument failing on its own.
    private func extensionNotes(for query: CompiledQuery, _ evaluator: any QueryEvaluator) throws(EvaluationFailure) -> [String] {
        let asked: Set<PredicateID> = [argumentation[.credulous], argumentation[.skeptical]]
        var readsAcceptance = false
        for literal in query.rule.body {
            literal.forEachDependency { predicate, _, _ in if asked.contains(predicate) { readsAcceptance = true } }
        }
        guard readsAcceptance else { return [] }
        var notes: [String] = []
        for owner in query.owners {
            let framework = try evaluator.framework(in: owner)
            guard try !framework.acceptance(.stable, poll: { () throws(EvaluationFailure) in try evaluator.budget.check() }).hasExtension else { continue }
            let view = sourceName(owner).map { "according to \($0)" } ?? "in the common ground"
            notes.append("\(view), the attack graph has no stable extension: no argument is credulously or skeptically accepted under stable semantics")
        }
        return notes
    }

    /// The diagnostics a query would raise (unknown predicates and sources,
    /// arity, safety, and the warnings of `warnings(for:in:)`), without
    /// running it; for `rejoinder check`.
    public func check(_ query: Query, in file: SourceFile) -> [Diagnostic] {
        let warnings = warnings(for: query, in: file)
        do {
            _ = try compile(query, in: file)
            return warnings
        } catch {
            if case .invalid(let diagnostics) = error { return diagnostics + warnings }
            return warnings
        }
    }

    /// Warnings about a query that may not be what was meant: a lowercase
    /// argument that no fact or rule mentions (`meets(russia, s, 2020)`) is
    /// most often a variable written in lowercase.
    public func warnings(for query: Query, in file: SourceFile) -> [Diagnostic] {
        // An unknown predicate is an error of its own; its arguments say nothing.
        var arguments: [Expression] = []
        for literal in query.body {
            switch literal {
            case .atom(let atom), .negation(let atom, _): if catalog.predicates.lookup(atom.name.text) != nil { arguments += atom.arguments }
            case .record(let pattern): arguments += [pattern.subject] + pattern.attributes.map(\.value)
            case .comparison, .membership: break
            }
        }
        var warnings: [Diagnostic] = []
        // A built-in over a knowledge base that names no argument kind or no
        // attack relation holds of nothing: say why, once, at the atom.
        let missing = [Vocabulary.Role.argument, .attack].filter { vocabulary.names($0).isEmpty }
        if !missing.isEmpty, let atom = query.body.lazy.compactMap({ literal -> Atom? in
            switch literal {
            case .atom(let atom), .negation(let atom, _): return Builtin(rawValue: atom.name.text) != nil ? atom : nil
            default: return nil
            }
        }).first {
            warnings.append(.warning("no vocabulary(\(missing[0].rawValue), …) fact names \(missing[0] == .argument ? "which kinds are arguments" : "an attack relation"), "
                                     + "so \(atom.name.text)/2 \(missing[0] == .argument ? "holds of nothing" : "sees no attack")",
                                     at: SourceSpan(file: file, range: atom.name.range),
                                     help: "declare the words, as Knowledge/debate/vocabulary.rj does: vocabulary(argument, claim). vocabulary(attack, rebuts)."))
        }
        return warnings + arguments.compactMap { argument in
            guard case .symbol(let text, let range) = argument, isLowercaseName(text, spelledAt: range, in: file),
                  !isKnownSymbol(text) else { return nil }
            let variable = text.prefix(1).uppercased() + text.dropFirst()
            return .warning("'\(text)' is a constant that no fact or rule mentions", at: SourceSpan(file: file, range: range),
                            help: "did you mean the variable \(variable)?")
        }
    }

    private func isKnownSymbol(_ text: String) -> Bool {
        guard let id = symbols.lookup(text) else { return false }
        return Int(id.rawValue) < knowledgeSymbolCount
    }

    /// A bare name as written (not a quoted string) that could be a variable.
    private func isLowercaseName(_ text: String, spelledAt range: SourceRange, in file: SourceFile) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return file.text(range) == text
    }

    func compile(_ query: Query, in file: SourceFile) throws(QueryFailure) -> CompiledQuery {
        let (perspective, owners) = try views(for: query.suffix, in: file)
        let scope = LoweringScope(predicates: catalog.predicates, symbols: symbols, indicators: Set(catalog.indicatorDeclarations.keys), allowsNewPredicates: false,
                                  entityKinds: catalog.entityKinds)
        var lowerer = RuleLowerer(file: file, scope: scope)
        let body = lowerer.lowerBody(query.body)
        let headTerms = query.columns.map { Term.variable(lowerer.slot(named: $0), query.range) }
        guard lowerer.diagnostics.isEmpty else { throw .invalid(lowerer.diagnostics) }
        let rule = CompiledRule(head: PredicateID(rawValue: -1), headTerms: headTerms, body: body, owner: .common, file: file,
                                range: query.range, variableNames: lowerer.variableNames)
        var planner = Planner(file: file, variableNames: rule.variableNames)
        do {
            let plan = try planner.planRule(body: body, headTerms: headTerms, headName: "query")
            return CompiledQuery(rule: rule, plan: plan, slotCount: planner.slotCount, perspective: perspective, owners: owners)
        } catch {
            throw .invalid(error.diagnostics)
        }
    }

    /// The views a suffix asks for, checking that its sources exist.
    private func views(for suffix: PerspectiveSuffix?, in file: SourceFile) throws(QueryFailure) -> (Answer.Perspective, [Owner]) {
        switch suffix {
        case nil:
            if catalog.sources.isEmpty { return (.commonGround, [.common]) }
            return (.everySource(catalog.sources), catalog.sourceOwners)
        case .accordingTo(let name):
            let owner = try source(name, in: file)
            return (.single(name.text), [owner])
        case .contrast(let names, let range, _, _):
            if names.isEmpty {
                guard !catalog.sources.isEmpty else {
                    throw .invalid([.error("'contrast' needs sources, and none is declared", at: SourceSpan(file: file, range: range),
                                           help: "declare them with: source name \"Full name\".")])
                }
                return (.contrast(catalog.sources), catalog.sourceOwners)
            }
            var owners: [Owner] = []
            var diagnostics: [Diagnostic] = []
            for name in names {
                do { owners.append(try source(name, in: file)) } catch {
                    if case .invalid(let found) = error { diagnostics += found }
                }
            }
            guard diagnostics.isEmpty else { throw .invalid(diagnostics) }
            return (.contrast(names.map(\.text)), owners)
        }
    }

    private func source(_ name: Name, in file: SourceFile) throws(QueryFailure) -> Owner {
        try view(named: name.text, at: SourceSpan(file: file, range: name.range))
    }
}
