import RejoinderSyntax

/// The whole stored fact base, for `rejoinder export json`: sources,
/// entities with their attributes, every fact by predicate, every rule as
/// written with its location.
public struct FactBaseSnapshot: Sendable {
    public struct Entity: Sendable {
        public let id: String
        public let kind: String
        /// The source stating it, or nil for the common ground.
        public let source: String?
        /// Attribute names with their values, in name order.
        public let attributes: [(name: String, values: [Datum])]
    }

    public struct Fact: Sendable {
        public let values: [Datum]
        public let source: String?
    }

    public struct RuleText: Sendable {
        public let text: String
        public let location: String
        public let source: String?
    }

    public let sources: [(name: String, label: String?)]
    public let entities: [Entity]
    /// `predicate/arity` with its stored facts, in predicate order.
    public let facts: [(predicate: String, facts: [Fact])]
    public let rules: [RuleText]
}

extension KnowledgeBase {
    public var snapshot: FactBaseSnapshot {
        let isA = argumentation.isA
        // Binary facts about each (owner, id): the attributes of entities.
        var attributes: [Owner: [Value: [(String, Value)]]] = [:]
        for (key, relation) in store.relations where relation.arity == 2 && key.predicate != isA {
            let name = catalog.predicates[key.predicate].name
            for row in 0..<relation.count {
                attributes[key.owner, default: [:]][relation.value(row: row, column: 0), default: []].append((name, relation.value(row: row, column: 1)))
            }
        }
        var entities: [FactBaseSnapshot.Entity] = []
        for (key, relation) in store.relations where key.predicate == isA {
            for row in 0..<relation.count {
                let id = relation.value(row: row, column: 0)
                var grouped: [String: [Datum]] = [:]
                for (name, value) in attributes[key.owner]?[id] ?? [] { grouped[name, default: []].append(symbols.datum(value)) }
                entities.append(FactBaseSnapshot.Entity(
                    id: symbols.datum(id).plainText, kind: symbols.datum(relation.value(row: row, column: 1)).plainText,
                    source: sourceName(key.owner), attributes: grouped.keys.sorted().map { ($0, grouped[$0]!) }))
            }
        }
        entities.sort { ($0.id, $0.source ?? "") < ($1.id, $1.source ?? "") }
        var byPredicate: [String: [FactBaseSnapshot.Fact]] = [:]
        for (key, relation) in store.relations {
            let signature = catalog.predicates[key.predicate].signature
            for row in 0..<relation.count {
                byPredicate[signature, default: []].append(FactBaseSnapshot.Fact(values: relation.row(row).map(symbols.datum), source: sourceName(key.owner)))
            }
        }
        let rules = ruleProgram.rules.map { rule in
            FactBaseSnapshot.RuleText(text: rule.file.text(rule.range), location: "\(rule.file.name):\(rule.file.line(of: rule.range.start))",
                                      source: sourceName(rule.owner))
        }
        return FactBaseSnapshot(sources: catalog.sources.map { ($0, label(of: $0)) }, entities: entities,
                                facts: byPredicate.keys.sorted().map { ($0, byPredicate[$0]!) }, rules: rules)
    }
}
