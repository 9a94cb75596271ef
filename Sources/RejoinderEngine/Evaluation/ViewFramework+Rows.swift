/// The attack graph of a view read from its relations, and the rows of the
/// built-ins over it: one definition for every engine, so that the
/// in-memory evaluator and the SQL host give the same statuses.
extension ViewFramework {
    /// The attack graph whose arguments are the entities of `isA` of the
    /// vocabulary's argument kinds and whose attacks are the rows of its
    /// attack relations, `attacks` (in `argumentation.attacks` order).
    convenience init(isA: Relation, attacks: [Relation], argumentation: ArgumentationPredicates, symbols: SymbolTable,
                     budget: EvaluationBudget) throws(EvaluationFailure) {
        let kinds = Set(argumentation.argumentKinds.compactMap { symbols.lookup($0).map(Value.symbol) })
        var arguments: [Value] = []
        for row in 0..<isA.count where kinds.contains(isA.value(row: row, column: 1)) {
            arguments.append(isA.value(row: row, column: 0))
        }
        var pairs: [(attacker: Value, target: Value)] = []
        for relation in attacks {
            pairs += (0..<relation.count).map { (relation.value(row: $0, column: 0), relation.value(row: $0, column: 1)) }
        }
        try self.init(arguments: arguments, attacks: pairs) { () throws(EvaluationFailure) in try budget.check() }
    }

    /// The rows of `builtin` in this attack graph.
    func rows(of builtin: Builtin, symbols: SymbolTable, budget: EvaluationBudget) throws(EvaluationFailure) -> Relation {
        let relation = Relation(arity: 2)
        switch builtin {
        case .status, .labelling:
            for (position, argument) in arguments.enumerated() {
                relation.insert([argument, symbols.symbol(builtin.value(for: grounded[position]))])
            }
        case .credulous, .skeptical:
            for semantics in AttackGraph.Semantics.allCases {
                let acceptance = try acceptance(semantics) { () throws(EvaluationFailure) in try budget.check() }
                guard acceptance.hasExtension else { continue }
                let accepted = builtin == .credulous ? acceptance.credulous : acceptance.skeptical
                for (position, argument) in arguments.enumerated() where accepted[position] {
                    relation.insert([argument, symbols.symbol(semantics.rawValue)])
                }
            }
        }
        return relation
    }
}
