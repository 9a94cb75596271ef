/// How a variant changes the stored facts of a knowledge base.
public enum VariantFamily: Sendable {
    /// About `fraction` of the entities go (sources and the other kinds
    /// alike), each with every fact that mentions it, so what remains stays
    /// coherent; so does that fraction of the indicator observations.
    case entities(fraction: Double)
    /// About `fraction` of the stored facts go, each on its own, whatever
    /// its relation: so that any stored relation can change, even one that
    /// mentions no entity.
    case facts(fraction: Double)
}

/// A copy of a knowledge base with part of its facts removed, for checking
/// exercises: a query that asks the question gives the reference answer on
/// every variant, while one that lists the expected constants does not.
extension KnowledgeBase {
    /// The base with the facts that `family` picks from `seed` removed; the
    /// declarations and rules stay.
    public func variant(seed: UInt64, family: VariantFamily) -> KnowledgeBase {
        let copy = KnowledgeBase(symbols: symbols, control: control)
        copy.catalog = catalog.copy()
        copy.ruleProgram = ruleProgram
        copy.limits = limits
        copy.threads = threads
        copy.chunkRows = chunkRows
        let fraction: Double
        switch family {
        case .entities(let value), .facts(let value): fraction = value
        }
        let threshold = UInt64(max(0, min(1, fraction)) * Double(UInt64.max))
        var removed: Set<Value> = []
        if case .entities = family {
            for (key, relation) in store.relations where key.predicate == argumentation.isA {
                for row in 0..<relation.count {
                    let id = relation.value(row: row, column: 0)
                    if Self.mix(seed, id) < threshold { removed.insert(id) }
                }
            }
        }
        let value = catalog.predicates.lookup("value")
        copy.store = store.filtered { key, values in
            switch family {
            case .entities:
                if values.contains(where: removed.contains) { return false }
                if key.predicate == value, Self.mix(seed ^ 0x5F37_59DF, values) < threshold { return false }
            case .facts:
                let salt = UInt64(key.predicate.rawValue) << 32 | UInt64(key.owner.rawValue)
                if Self.mix(seed ^ salt, values) < threshold { return false }
            }
            return true
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
