import RejoinderSyntax

/// What `:schema` shows of one predicate.
public struct PredicateSummary: Sendable {
    /// How a predicate gets its rows.
    public enum Kind: String, Sendable {
        /// Only stored facts (an entity attribute is one too).
        case facts
        /// Only rules.
        case rules
        /// Both.
        case mixed = "facts and rules"
        /// Used in a rule body, but nothing defines it.
        case undefined
    }

    public let name: String
    public let arity: Int
    public let kind: Kind
    public let factCount: Int
    public let ruleCount: Int
    /// Where the predicate was first written.
    public let firstUse: SourceSpan

    public var signature: String { "\(name)/\(arity)" }
}

/// What `:list` shows of one predicate: its stored facts with their owner,
/// and its rules with where they are written.
public struct PredicateListing: Sendable {
    public struct Fact: Sendable {
        /// The source, or nil for the common ground.
        public let source: String?
        public let values: [Datum]
    }

    public struct RuleText: Sendable {
        public let source: String?
        public let text: String
        public let span: SourceSpan
    }

    public let summary: PredicateSummary
    public let facts: [Fact]
    public let rules: [RuleText]
}

extension KnowledgeBase {
    /// Every predicate, sorted by name.
    public var schema: [PredicateSummary] {
        catalog.predicates.allIDs.map(summary).sorted { $0.name < $1.name }
    }

    /// The predicate called `name`, if the knowledge base has seen it.
    public func summary(of name: String) -> PredicateSummary? {
        catalog.predicates.lookup(name).map(summary)
    }

    /// Predicate names, for suggestions and completion.
    public var predicateNames: [String] { catalog.predicates.predicates.map(\.name) }

    /// The facts and rules of `name`, facts in value order.
    public func listing(of name: String) -> PredicateListing? {
        guard let id = catalog.predicates.lookup(name) else { return nil }
        var stored: [(Owner, [Value])] = []
        for (key, relation) in store.relations where key.predicate == id {
            for row in relation.rows { stored.append((key.owner, row)) }
        }
        stored.sort { lhs, rhs in
            for (a, b) in zip(lhs.1, rhs.1) {
                let order = symbols.compare(a, b)
                if order != 0 { return order < 0 }
            }
            return lhs.0 < rhs.0
        }
        let facts = stored.map { PredicateListing.Fact(source: sourceName($0.0), values: $0.1.map(symbols.datum)) }
        let rules = ruleProgram.rules.filter { $0.head == id }.map { rule in
            PredicateListing.RuleText(source: sourceName(rule.owner), text: rule.file.text(rule.range), span: rule.span)
        }
        return PredicateListing(summary: summary(id), facts: facts, rules: rules)
    }

    /// The `label` of an entity in the common ground, if it has one.
    public func label(of id: String) -> String? {
        guard let predicate = catalog.predicates.lookup("label"), let symbol = symbols.lookup(id),
              let relation = store[FactKey(predicate: predicate, owner: .common)], relation.arity == 2 else { return nil }
        for row in 0..<relation.count where relation.value(row: row, column: 0) == .symbol(symbol) {
            return symbols.datum(relation.value(row: row, column: 1)).plainText
        }
        return nil
    }

    private func summary(_ id: PredicateID) -> PredicateSummary {
        let predicate = catalog.predicates[id]
        let factCount = store.relations.filter { $0.key.predicate == id }.reduce(0) { $0 + $1.value.count }
        let ruleCount = ruleProgram.rules.filter { $0.head == id }.count
        let kind: PredicateSummary.Kind
        switch (factCount > 0, ruleCount > 0) {
        case (true, true): kind = .mixed
        case (true, false): kind = .facts
        case (false, true): kind = .rules
        case (false, false): kind = .undefined
        }
        return PredicateSummary(name: predicate.name, arity: predicate.arity, kind: kind, factCount: factCount,
                                ruleCount: ruleCount, firstUse: predicate.firstUse)
    }
}

extension KnowledgeBase {
    /// The constants stored in facts that start with `prefix`, in order,
    /// for completion at the prompt: a binary search in names sorted once
    /// per load, not a read of every fact at every Tab.
    public func constantNames(startingWith prefix: String) -> [String] {
        let names: [String]
        if let index = constantNameIndex, index.symbols == store.symbolsInRows.count {
            names = index.names
        } else {
            names = store.symbolsInRows.ids.map { symbols.text(SymbolID(rawValue: $0)) }.sorted()
            constantNameIndex = (store.symbolsInRows.count, names)
        }
        // The names that start with the prefix are a run of the sorted
        // names, found by a binary search for its first.
        var low = 0, high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return Array(names[low...].prefix { $0.hasPrefix(prefix) })
    }
}

extension KnowledgeBase {
    /// Where an entity of the common ground is declared: file name and line.
    public func declaration(of id: String) -> (file: String, line: Int)? {
        guard let symbol = symbols.lookup(id) else { return nil }
        let key = FactKey(predicate: argumentation.isA, owner: .common)
        guard let relation = store[key] else { return nil }
        return relation.positions(matching: [.symbol(symbol), nil]).lazy.compactMap { self.store.origin(of: key, row: $0) }.first
    }
}
