/// A copy of a knowledge base with part of its facts removed, for checking
/// exercises: a query that asks the question gives the reference answer on
/// every variant, while one that lists the expected constants does not.
extension KnowledgeBase {
    /// About `fraction` of the entities (every fact mentioning one goes
    /// with it, so what remains stays coherent; sources are kept) and of the
    /// indicator observations are removed, chosen from `seed`.
    public func variant(seed: UInt64, removing fraction: Double = 0.25) -> KnowledgeBase {
        let copy = KnowledgeBase(symbols: symbols)
        copy.predicates = predicates.copy()
        copy.limits = limits
        copy.sourceNames = sourceNames
        copy.sourceDeclarations = sourceDeclarations
        copy.indicatorDeclarations = indicatorDeclarations
        copy.entityKinds = entityKinds
        copy.rules = rules
        copy.ruleKeys = ruleKeys
        copy.strata = strata
        copy.originFiles = originFiles
        let threshold = UInt64(fraction * Double(UInt64.max))
        let source = symbols.symbol("source")
        let isA = statusInputs[0]
        var removed: Set<Value> = []
        for (key, relation) in facts where key.predicate == isA {
            for row in 0..<relation.count where relation.value(row: row, column: 1) != source {
                let id = relation.value(row: row, column: 0)
                if Self.mix(seed, id) < threshold { removed.insert(id) }
            }
        }
        let value = predicates.lookup("value")
        for (key, relation) in facts {
            let kept = Relation(arity: relation.arity)
            let origins = FactOrigins()
            let stored = factOrigins[key]
            for row in 0..<relation.count {
                let values = relation.row(row)
                if values.contains(where: removed.contains) { continue }
                if key.predicate == value, Self.mix(seed ^ 0x5F37_59DF, values) < threshold { continue }
                if kept.insert(values), let origin = stored?[row] { origins.append(origin) }
            }
            copy.facts[key] = kept
            copy.factOrigins[key] = origins
        }
        return copy
    }

    /// A deterministic 64-bit hash of a seed and some values (SplitMix64
    /// steps), uniform enough to pick a fraction of them.
    private static func mix(_ seed: UInt64, _ values: [Value]) -> UInt64 {
        var state = seed
        for value in values {
            state = step(state ^ value.payload ^ (UInt64(value.tag.rawValue) << 56))
        }
        return step(state)
    }

    private static func mix(_ seed: UInt64, _ value: Value) -> UInt64 { mix(seed, [value]) }

    private static func step(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
