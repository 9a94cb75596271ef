import RejoinderSyntax

/// What a knowledge base declares: its predicates (each with one arity),
/// sources, indicators, entity kinds, relation documentation and the
/// vocabulary that names the argumentation roles.
///
/// A load checks its statements against the catalog and adds to it only
/// when the whole load succeeds.
struct Catalog {
    let predicates: PredicateTable
    /// Declared sources in order; source i is `Owner(rawValue: i + 1)`.
    private(set) var sources: [String] = []
    private(set) var sourceDeclarations: [String: SourceSpan] = [:]
    private(set) var indicatorDeclarations: [String: SourceSpan] = [:]
    /// The kind each entity id was declared with, and where.
    private(set) var entityKinds: [String: (kind: String, span: SourceSpan)] = [:]
    /// The `##` documentation of relations, by name (the first block wins).
    private(set) var documentation: [String: RelationDocumentation] = [:]
    /// What plays the roles the built-ins, the map and explanations read.
    var vocabulary = Vocabulary()

    func owner(ofSource name: String) -> Owner? {
        sources.firstIndex(of: name).map { Owner(rawValue: $0 + 1) }
    }

    /// The owners of the declared sources, in declaration order.
    var sourceOwners: [Owner] { sources.indices.map { Owner(rawValue: $0 + 1) } }

    /// Adds the declarations of a load that succeeded; a name declared
    /// before keeps its first declaration.
    mutating func declare(sources newSources: [(String, SourceSpan)], indicators: [String: SourceSpan],
                          entities: [String: (kind: String, span: SourceSpan)], documentation blocks: [RelationDocumentation]) {
        for (name, span) in newSources where sourceDeclarations[name] == nil {
            sources.append(name)
            sourceDeclarations[name] = span
        }
        indicatorDeclarations.merge(indicators) { old, _ in old }
        entityKinds.merge(entities) { old, _ in old }
        for block in blocks where documentation[block.name] == nil {
            documentation[block.name] = block
        }
    }

    /// A copy whose predicate table is its own, for a variant that may
    /// register predicates the original does not see.
    func copy() -> Catalog {
        var copy = Catalog(predicates: predicates.copy())
        copy.sources = sources
        copy.sourceDeclarations = sourceDeclarations
        copy.indicatorDeclarations = indicatorDeclarations
        copy.entityKinds = entityKinds
        copy.documentation = documentation
        copy.vocabulary = vocabulary
        return copy
    }

    private init(predicates: PredicateTable) {
        self.predicates = predicates
    }

    init() {
        predicates = PredicateTable()
    }
}
