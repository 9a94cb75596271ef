import RejoinderSyntax

/// The argument map of a knowledge base: claims and evidence with their
/// support, attack and preference relations, grouped by source, with their
/// grounded status when drawn for one source's view.
public struct ArgumentMap: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public let id: String
        /// `claim` or `evidence`.
        public let kind: String
        public let label: String?
        public let paragraphs: [String]
        /// The source the node belongs to: a claim's `by`, the source
        /// stating a piece of evidence; nil for the common ground.
        public let source: String?
        /// accepted, rejected or undecided, in the view drawn.
        public let status: String?

        public init(id: String, kind: String, label: String?, paragraphs: [String], source: String?, status: String?) {
            self.id = id
            self.kind = kind
            self.label = label
            self.paragraphs = paragraphs
            self.source = source
            self.status = status
        }
    }

    public struct Edge: Sendable, Equatable {
        public let from: String
        public let to: String
        /// `supports`, `rebuts` or `prefers` (from the preferred to the
        /// other of two opposed claims).
        public let relation: String
        /// The source stating the edge (nil: the common ground).
        public let source: String?

        public init(from: String, to: String, relation: String, source: String?) {
            self.from = from
            self.to = to
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

    public init(view: String?, sources: [(name: String, label: String?)], nodes: [Node], edges: [Edge]) {
        self.view = view
        self.sources = sources
        self.nodes = nodes
        self.edges = edges
    }

    public static func == (lhs: ArgumentMap, rhs: ArgumentMap) -> Bool {
        lhs.view == rhs.view && lhs.nodes == rhs.nodes && lhs.edges == rhs.edges
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
            owners = sourceNames.isEmpty ? [.common] : sourceOwners
        }
        let evaluator = startEvaluation()
        do {
            var nodes: [String: ArgumentMap.Node] = [:]
            var edges: [ArgumentMap.Edge] = []
            var seenEdges: Set<String> = []
            for owner in owners {
                let status = source == nil ? [:] : try statuses(in: owner, evaluator)
                for kind in ["claim", "evidence"] {
                    for id in try members(of: kind, in: owner, evaluator) where nodes[id] == nil {
                        let by = try values(of: "by", for: id, in: owner, evaluator).first
                        nodes[id] = ArgumentMap.Node(id: id, kind: kind, label: try values(of: "label", for: id, in: owner, evaluator).first,
                                                     paragraphs: try values(of: "para", for: id, in: owner, evaluator),
                                                     source: by ?? (kind == "evidence" ? sourceName(owner) : nil), status: status[id])
                    }
                }
                for relation in ["supports", "rebuts", "prefers"] {
                    for (from, to) in try pairs(of: relation, in: owner, evaluator) {
                        let stated = try statedBy(relation, from, to, owner)
                        if seenEdges.insert("\(relation)|\(from)|\(to)|\(stated ?? "")").inserted {
                            edges.append(ArgumentMap.Edge(from: from, to: to, relation: relation, source: stated))
                        }
                    }
                }
            }
            return ArgumentMap(view: source, sources: sourceNames.map { ($0, label(of: $0)) },
                               nodes: nodes.values.sorted { $0.id < $1.id },
                               edges: edges.sorted { ($0.from, $0.to, $0.relation) < ($1.from, $1.to, $1.relation) })
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

    private func members(of kind: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String] {
        let relation = try evaluator.relation(argumentation.isA, in: owner)
        let wanted = symbols.symbol(kind)
        return (0..<relation.count).compactMap { row in
            relation.value(row: row, column: 1) == wanted ? symbols.datum(relation.value(row: row, column: 0)).plainText : nil
        }
    }

    private func values(of attribute: String, for id: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [String] {
        guard let predicate = predicates.lookup(attribute), predicates[predicate].arity == 2, let symbol = symbols.lookup(id) else { return [] }
        let relation = try evaluator.relation(predicate, in: owner)
        return (0..<relation.count).compactMap { row in
            relation.value(row: row, column: 0) == .symbol(symbol) ? symbols.datum(relation.value(row: row, column: 1)).plainText : nil
        }
    }

    private func pairs(of name: String, in owner: Owner, _ evaluator: Evaluator) throws(EvaluationFailure) -> [(String, String)] {
        guard let predicate = predicates.lookup(name), predicates[predicate].arity == 2 else { return [] }
        let relation = try evaluator.relation(predicate, in: owner)
        return (0..<relation.count).map { row in
            (symbols.datum(relation.value(row: row, column: 0)).plainText, symbols.datum(relation.value(row: row, column: 1)).plainText)
        }
    }

    /// The source stating an edge: the common ground when it is stored
    /// there, otherwise the view's source.
    private func statedBy(_ relation: String, _ from: String, _ to: String, _ owner: Owner) throws(EvaluationFailure) -> String? {
        guard let predicate = predicates.lookup(relation), let a = symbols.lookup(from), let b = symbols.lookup(to),
              facts[FactKey(predicate: predicate, owner: .common)]?.contains([.symbol(a), .symbol(b)]) == true else {
            return sourceName(owner)
        }
        return nil
    }
}
