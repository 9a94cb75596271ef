import RejoinderSyntax

extension KnowledgeBase {
    func atomText(_ predicate: PredicateID, _ row: [Value]) -> String {
        let name = catalog.predicates[predicate].name
        return row.isEmpty ? name : name + "(" + row.map(symbols.sourceText).joined(separator: ", ") + ")"
    }

    /// `why` and `why not`: in each view asked (the one named, or every
    /// source's), the shortest derivation of the statement if it holds
    /// there, or why each rule that could derive it fails.
    public func explain(_ explanation: Explanation, in file: SourceFile) throws(QueryFailure) -> [ExplanationResult] {
        let atom = explanation.atom
        let scope = LoweringScope(predicates: catalog.predicates, symbols: symbols, indicators: Set(catalog.indicatorDeclarations.keys), allowsNewPredicates: false)
        var lowerer = RuleLowerer(file: file, scope: scope)
        guard let predicate = lowerer.predicate(atom.name.text, arity: atom.arguments.count, at: atom.name.range) else {
            throw .invalid(lowerer.diagnostics)
        }
        var row: [Value] = []
        for argument in atom.arguments {
            var prelude: [BodyLiteral] = []
            let term = lowerer.lowerExpression(argument, prelude: &prelude)
            guard case .constant(let value)? = term, prelude.isEmpty else {
                if lowerer.diagnostics.isEmpty {
                    lowerer.error("'why' explains a statement without variables", argument.range,
                                  help: "ask the query first, then ask why about one of its rows")
                }
                throw .invalid(lowerer.diagnostics)
            }
            row.append(value)
        }
        let owners: [Owner]
        if let perspective = explanation.perspective {
            owners = [try view(named: perspective.text, at: SourceSpan(file: file, range: perspective.range))]
        } else {
            owners = catalog.sources.isEmpty ? [.common] : catalog.sourceOwners
        }
        _ = startEvaluation()
        do {
            return try owners.map { owner throws(EvaluationFailure) in
                let explainer = Explainer(base: self, owner: owner)
                let finding: ExplanationResult.Finding
                if let derivation = try explainer.derivation(of: predicate, row) {
                    finding = .holds(derivation)
                } else if try explainer.holds(predicate, row) {
                    finding = .holds(Derivation(statement: atomText(predicate, row), step: .tooLarge))
                } else {
                    finding = .doesNotHold(try explainer.absence(of: predicate, row))
                }
                return ExplanationResult(source: sourceName(owner), finding: finding)
            }
        } catch {
            throw failure(error, at: SourceSpan(file: file, range: explanation.range))
        }
    }
}
