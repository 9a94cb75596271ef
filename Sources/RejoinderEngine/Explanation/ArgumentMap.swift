import RejoinderSyntax

/// The argument map of a knowledge base: its arguments (the entities of
/// the vocabulary's argument kinds) with their support, attack and
/// preference relations, grouped by source, with their grounded status
/// when drawn for one view.
public struct ArgumentMap: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public let id: String
        /// One of the vocabulary's argument kinds (`claim`, `evidence`).
        public let kind: String
        public let label: String?
        public let paragraphs: [String]
        /// Who makes the argument: its author attribute (`by`), else the
        /// source whose view declares it; nil for the common ground.
        public let source: String?
        /// The source whose view declares the node (nil: the common ground).
        public let declaredIn: String?
        /// accepted, rejected or undecided, in the view drawn.
        public let status: String?

        public init(id: String, kind: String, label: String?, paragraphs: [String], source: String?, declaredIn: String?, status: String?) {
            self.id = id
            self.kind = kind
            self.label = label
            self.paragraphs = paragraphs
            self.source = source
            self.declaredIn = declaredIn
            self.status = status
        }
    }

    public struct Edge: Sendable, Equatable {
        public let from: String
        public let to: String
        /// `.support`, `.attack` or `.preference` (from the preferred to
        /// the other of two opposed claims).
        public let role: Vocabulary.Role
        /// The relation as the knowledge base names it (`rebuts`).
        public let relation: String
        /// The source stating the edge (nil: the common ground).
        public let source: String?

        public init(from: String, to: String, role: Vocabulary.Role, relation: String, source: String?) {
            self.from = from
            self.to = to
            self.role = role
            self.relation = relation
            self.source = source
        }
    }

    /// The view drawn, or nil for every source's edges together.
    public let view: String?
    /// Source names with their labels, for the clusters.
    public let sources: [(name: String, label: String?)]
    public let nodes: [Node]
    public let edges: [Edge]
    /// The words the map's knowledge base uses for its roles.
    public let vocabulary: Vocabulary

    public init(view: String?, sources: [(name: String, label: String?)], nodes: [Node], edges: [Edge], vocabulary: Vocabulary) {
        self.view = view
        self.sources = sources
        self.nodes = nodes
        self.edges = edges
        self.vocabulary = vocabulary
    }

    public static func == (lhs: ArgumentMap, rhs: ArgumentMap) -> Bool {
        lhs.view == rhs.view && lhs.nodes == rhs.nodes && lhs.edges == rhs.edges && lhs.vocabulary == rhs.vocabulary
            && lhs.sources.map(\.name) == rhs.sources.map(\.name) && lhs.sources.map(\.label) == rhs.sources.map(\.label)
    }
}

extension KnowledgeBase {
    /// The argument map in one source's view (with statuses), or with every
    /// source's claims, evidence and edges when `source` is nil.
    public func argumentMap(accordingTo source: String?) throws(QueryFailure) -> ArgumentMap {
        let owners: [Owner]
        if let source {
            owners = [try view(named: source, at: SourceSpan(file: SourceFile(name: "<arg>", text: source), range: SourceRange(start: 0, end: source.utf8.count)))]
        } else {
            owners = catalog.sources.isEmpty ? [.common] : catalog.sourceOwners
        }
        let evaluator = startEvaluation()
        do {
            var nodes: [String: ArgumentMap.Node] = [:]
            var edges: [ArgumentMap.Edge] = []
            var seenEdges: Set<String> = []
            for owner in owners {
                let status = source == nil ? [:] : try statuses(in: owner, evaluator)
                for kind in vocabulary.names(.argument) {
                    for id in try members(of: kind, in: owner, evaluator) where nodes[id] == nil {
                        let author = try values(of: .author, for: id, in: owner, evaluator).first
                        let declaredIn = declares(kind, id, owner) ? sourceName(owner) : nil
                        nodes[id] = ArgumentMap.Node(id: id, kind: kind, label: try values(of: "label", for: id, in: owner, evaluator).first,
                                                     paragraphs: try values(of: .citation, for: id, in: owner, evaluator),
                                                     source: author ?? declaredIn, declaredIn: declaredIn, status: status[id])
                    }
                }
                for role in [Vocabulary.Role.support, .attack, .preference] {
                    for relation in vocabulary.names(role) {
                        for (from, to) in try pairs(of: relation, in: owner, evaluator) {
                            let stated = try statedBy(relation, from, to, owner)
                            if seenEdges.insert("\(relation)|\(from)|\(to)|\(stated ?? "")").inserted {
                                edges.append(ArgumentMap.Edge(from: from, to: to, role: role, relation: relation, source: stated))
                            }
                        }
                    }
                }
            }
            return ArgumentMap(view: source, sources: catalog.sources.map { ($0, label(of: $0)) },
                               nodes: nodes.values.sorted { $0.id < $1.id },
                               edges: edges.sorted { ($0.from, $0.to, $0.relation) < ($1.from, $1.to, $1.relation) }, vocabulary: vocabulary)
        } catch {
            let request = SourceFile(name: "<export>", text: "argument map")
            throw failure(error, at: SourceSpan(file: request, range: SourceRange(start: 0, end: request.bytes.count)))
        }
    }

    private func statuses(in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String: String] {
        let relation = try evaluator.relation(argumentation[.status], in: owner)
        var result: [String: String] = [:]
        for row in 0..<relation.count {
            result[symbols.datum(relation.value(row: row, column: 0)).plainText] = symbols.datum(relation.value(row: row, column: 1)).plainText
        }
        return result
    }

    /// Whether a source's own facts declare the entity (the common ground's
    /// never count: they belong to every view).
    private func declares(_ kind: String, _ id: String, _ owner: Owner) -> Bool {
        guard owner != .common, let kindSymbol = symbols.lookup(kind), let idSymbol = symbols.lookup(id) else { return false }
        return store[FactKey(predicate: argumentation.isA, owner: owner)]?.contains([.symbol(idSymbol), .symbol(kindSymbol)]) == true
    }

    private func members(of kind: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String] {
        let relation = try evaluator.relation(argumentation.isA, in: owner)
        let wanted = symbols.symbol(kind)
        return (0..<relation.count).compactMap { row in
            relation.value(row: row, column: 1) == wanted ? symbols.datum(relation.value(row: row, column: 0)).plainText : nil
        }
    }

    /// The values of every attribute the vocabulary names for `role`.
    private func values(of role: Vocabulary.Role, for id: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String] {
        var found: [String] = []
        for attribute in vocabulary.names(role) { found += try values(of: attribute, for: id, in: owner, evaluator) }
        return found
    }

    private func values(of attribute: String, for id: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String] {
        guard let predicate = catalog.predicates.lookup(attribute), catalog.predicates[predicate].arity == 2, let symbol = symbols.lookup(id) else { return [] }
        let relation = try evaluator.relation(predicate, in: owner)
        return relation.positions(matching: [.symbol(symbol), nil]).map { symbols.datum(relation.value(row: $0, column: 1)).plainText }
    }

    private func pairs(of name: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [(String, String)] {
        guard let predicate = catalog.predicates.lookup(name), catalog.predicates[predicate].arity == 2 else { return [] }
        let relation = try evaluator.relation(predicate, in: owner)
        return (0..<relation.count).map { row in
            (symbols.datum(relation.value(row: row, column: 0)).plainText, symbols.datum(relation.value(row: row, column: 1)).plainText)
        }
    }

    /// The source stating an edge: the common ground when it is stored
    /// there, otherwise the view's source.
    private func statedBy(_ relation: String, _ from: String, _ to: String, _ owner: Owner) throws(EvaluationFailure) -> String? {
        guard let predicate = catalog.predicates.lookup(relation), let a = symbols.lookup(from), let b = symbols.lookup(to),
              store[FactKey(predicate: predicate, owner: .common)]?.contains([.symbol(a), .symbol(b)]) == true else {
            return sourceName(owner)
        }
        return nil
    }
}
