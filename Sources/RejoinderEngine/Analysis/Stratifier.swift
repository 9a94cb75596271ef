import RejoinderSyntax

/// A set of predicates evaluated together: one strongly connected
/// component of the dependency graph.
struct Stratum: Sendable {
    let predicates: [PredicateID]
    /// Whether some predicate of the stratum depends on itself, so the
    /// stratum needs a fixpoint rather than one pass.
    let isRecursive: Bool
}

/// Splits the rules' predicates into strata, in evaluation order, and
/// rejects a negation or aggregate inside a recursive cycle.
///
/// The graph has an edge from each rule's head to each predicate of its
/// body; Tarjan's algorithm emits each component after every component it
/// reaches, so dependencies come first.
struct Stratifier {
    private struct Edge {
        let target: Int
        let isNegative: Bool
        let rule: Int
        let range: SourceRange
    }

    let predicateCount: Int
    let rules: [CompiledRule]
    private var edges: [[Edge]]

    /// `builtins` are the dependencies of built-in predicates (head reads
    /// body), all non-monotonic, as if a rule in `Builtin.file` stated them.
    init(predicateCount: Int, rules: [CompiledRule], builtins: [(head: PredicateID, body: PredicateID, range: SourceRange)] = []) {
        self.predicateCount = predicateCount
        self.rules = rules
        var edges = [[Edge]](repeating: [], count: predicateCount)
        for builtin in builtins {
            edges[builtin.head.rawValue].append(Edge(target: builtin.body.rawValue, isNegative: true, rule: -1, range: builtin.range))
        }
        for (index, rule) in rules.enumerated() {
            for literal in rule.body {
                literal.forEachDependency { predicate, isNegative, range in
                    edges[rule.head.rawValue].append(Edge(target: predicate.rawValue, isNegative: isNegative, rule: index, range: range))
                }
            }
        }
        self.edges = edges
    }

    /// The strata in evaluation order, or the diagnostics of every negation
    /// (or aggregate) found inside a cycle, in the order of the rules (not
    /// of the predicate ids, which depend on how the text was loaded).
    func stratify(names: (PredicateID) -> String) -> Result<[Stratum], DiagnosticError> {
        let components = StronglyConnectedComponents(edges.map { $0.map(\.target) }).components
        var componentOf = [Int](repeating: 0, count: predicateCount)
        for (index, component) in components.enumerated() {
            for node in component { componentOf[node] = index }
        }
        var diagnostics: [(rule: Int, offset: Int, diagnostic: Diagnostic)] = []
        var strata: [Stratum] = []
        for (index, component) in components.enumerated() {
            var isRecursive = component.count > 1
            for node in component {
                for edge in edges[node] where componentOf[edge.target] == index {
                    if edge.target == node { isRecursive = true }
                    if edge.isNegative {
                        let cycle = cyclePath(from: node, through: edge.target, within: index, componentOf: componentOf)
                        let text = cycle.map { step in
                            (step.isNegative ? "not " : "") + names(PredicateID(rawValue: step.node))
                        }.joined(separator: " -> ")
                        let file = edge.rule >= 0 ? rules[edge.rule].file : Builtin.file
                        diagnostics.append((edge.rule, edge.range.start, .error(
                            "negation cycle: \(text)",
                            at: SourceSpan(file: file, range: edge.range),
                            help: "a predicate cannot depend on itself through 'not' or an aggregate; split it into two predicates"
                        )))
                    }
                }
            }
            strata.append(Stratum(predicates: component.sorted().map(PredicateID.init(rawValue:)), isRecursive: isRecursive))
        }
        guard diagnostics.isEmpty else {
            return .failure(DiagnosticError(diagnostics.enumerated().sorted {
                ($0.element.rule, $0.element.offset, $0.offset) < ($1.element.rule, $1.element.offset, $1.offset)
            }.map(\.element.diagnostic)))
        }
        return .success(strata)
    }

    private struct PathStep {
        let node: Int
        let isNegative: Bool
    }

    /// `head -> not target -> … -> head`: the shortest way back from the
    /// negated predicate to the rule's head (both are in one component, so
    /// there is one).
    private func cyclePath(from head: Int, through target: Int, within component: Int, componentOf: [Int]) -> [PathStep] {
        var path = [PathStep(node: head, isNegative: false), PathStep(node: target, isNegative: true)]
        guard head != target else { return path }
        var parent: [Int: (node: Int, isNegative: Bool)] = [target: (-1, false)]
        var queue = [target]
        var cursor = 0
        while cursor < queue.count && parent[head] == nil {
            let node = queue[cursor]
            cursor += 1
            for edge in edges[node] where componentOf[edge.target] == component && parent[edge.target] == nil {
                parent[edge.target] = (node, edge.isNegative)
                queue.append(edge.target)
            }
        }
        var backwards: [PathStep] = []
        var node = head
        while node != target, let step = parent[node] {
            backwards.append(PathStep(node: node, isNegative: step.isNegative))
            node = step.node
        }
        path.append(contentsOf: backwards.reversed())
        return path
    }
}

/// The strongly connected components of a graph given as each node's
/// successors, by Tarjan's algorithm without recursion (so a long chain of
/// rules cannot overflow the stack). Each component comes after every
/// component it reaches, so dependencies come first.
struct StronglyConnectedComponents {
    let components: [[Int]]

    init(_ successors: [[Int]]) {
        let count = successors.count
        var index = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, edgePosition) = work.last {
                if edgePosition < successors[node].count {
                    work[work.count - 1].edge += 1
                    let target = successors[node][edgePosition]
                    if index[target] < 0 {
                        index[target] = counter; lowLink[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        lowLink[node] = min(lowLink[node], index[target])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node {
                    lowLink[parent] = min(lowLink[parent], lowLink[node])
                }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component)
                }
            }
        }
        self.components = components
    }
}
