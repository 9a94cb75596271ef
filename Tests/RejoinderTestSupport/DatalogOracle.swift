/// A deliberately simple, independent evaluator for a small fragment of
/// the language: integer facts, rules with positive and negated atoms,
/// comparisons and `count`. It iterates every rule over everything until
/// nothing changes, level by level: slow, obviously right, and sharing no
/// code with the engine, so it can judge the engine's answers.
public struct DatalogOracle {
    public enum Term: Hashable {
        case variable(String)
        case constant(Int)
    }

    public struct Atom: Hashable {
        public let predicate: String
        public let terms: [Term]
    }

    public enum Literal {
        case positive(Atom)
        case negative(Atom)
        case less(Term, Term)
        case notEqual(Term, Term)
        /// `result = count : { atom }`, grouped by the variables the atom
        /// shares with the head.
        case count(result: String, Atom)
    }

    public struct Rule {
        public let head: Atom
        public let body: [Literal]
        /// Rules of lower levels are complete before a level starts.
        public let level: Int
    }

    public var facts: [String: Set<[Int]>] = [:]
    public var rules: [Rule] = []

    public init() {}

    public mutating func evaluate() {
        for level in Set(rules.map(\.level)).sorted() {
            let levelRules = rules.filter { $0.level == level }
            var changed = true
            while changed {
                changed = false
                for rule in levelRules {
                    for bindings in solutions(rule.body, from: [:], head: rule.head) {
                        let row = rule.head.terms.map { value($0, bindings)! }
                        if facts[rule.head.predicate, default: []].insert(row).inserted { changed = true }
                    }
                }
            }
        }
    }

    private func value(_ term: Term, _ bindings: [String: Int]) -> Int? {
        switch term {
        case .constant(let value): return value
        case .variable(let name): return bindings[name]
        }
    }

    private func matches(_ atom: Atom, _ bindings: [String: Int]) -> [[String: Int]] {
        var results: [[String: Int]] = []
        for row in facts[atom.predicate] ?? [] where row.count == atom.terms.count {
            var extended = bindings
            var ok = true
            for (term, value) in zip(atom.terms, row) {
                switch term {
                case .constant(let constant): ok = ok && constant == value
                case .variable(let name):
                    if let bound = extended[name] { ok = ok && bound == value } else { extended[name] = value }
                }
                if !ok { break }
            }
            if ok { results.append(extended) }
        }
        return results
    }

    private func solutions(_ body: [Literal], from bindings: [String: Int], head: Atom) -> [[String: Int]] {
        guard let first = body.first else { return [bindings] }
        let rest = Array(body.dropFirst())
        switch first {
        case .positive(let atom):
            return matches(atom, bindings).flatMap { solutions(rest, from: $0, head: head) }
        case .negative(let atom):
            return matches(atom, bindings).isEmpty ? solutions(rest, from: bindings, head: head) : []
        case .less(let left, let right):
            guard let a = value(left, bindings), let b = value(right, bindings), a < b else { return [] }
            return solutions(rest, from: bindings, head: head)
        case .notEqual(let left, let right):
            guard let a = value(left, bindings), let b = value(right, bindings), a != b else { return [] }
            return solutions(rest, from: bindings, head: head)
        case .count(let result, let atom):
            // Group by the atom's variables that the head also has.
            let headVariables = Set(head.terms.compactMap { if case .variable(let name) = $0 { return name } else { return nil } })
            var groups: [[String: Int]: Set<[Int]>] = [:]
            let groupVariables = atom.terms.compactMap { term -> String? in
                if case .variable(let name) = term, headVariables.contains(name), bindings[name] == nil { return name }
                return nil
            }
            // With every shared variable bound there is one group, empty or not.
            if groupVariables.isEmpty { groups[bindings] = [] }
            for match in matches(atom, bindings) {
                var key = bindings
                for case .variable(let name) in atom.terms where headVariables.contains(name) { key[name] = match[name] }
                let tuple = atom.terms.map { value($0, match)! }
                groups[key, default: []].insert(tuple)
            }
            return groups.flatMap { key, tuples -> [[String: Int]] in
                var extended = key
                extended[result] = tuples.count
                return solutions(rest, from: extended, head: head)
            }
        }
    }
}

/// Random stratified programs in the oracle's fragment, with their text.
public struct DatalogProgramGenerator {
    public var random: SeededGenerator

    public init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// A program: facts of `e/2` and `f/1`, and rules for `p0`…`pN` (each
    /// of arity 2). A rule of level L reads positively any predicate of
    /// level <= L (so recursion happens), and through `not` or `count` only
    /// lower levels.
    public mutating func program() -> (text: String, oracle: DatalogOracle, predicates: [String]) {
        var oracle = DatalogOracle()
        var lines: [String] = []
        let domain = Int.random(in: 3...7, using: &random)
        for _ in 0..<Int.random(in: 4...14, using: &random) {
            let row = [Int.random(in: 0..<domain, using: &random), Int.random(in: 0..<domain, using: &random)]
            oracle.facts["e", default: []].insert(row)
            lines.append("e(\(row[0]), \(row[1])).")
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let value = Int.random(in: 0..<domain, using: &random)
            oracle.facts["f", default: []].insert([value])
            lines.append("f(\(value)).")
        }
        let predicateCount = Int.random(in: 2...5, using: &random)
        var levels: [String: Int] = ["e": 0, "f": 0]
        var predicates: [String] = []
        for index in 0..<predicateCount {
            let name = "p\(index)"
            let level = index / 2 + 1
            levels[name] = level
            predicates.append(name)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let (text, rule) = makeRule(head: name, level: level, levels: levels)
                lines.append(text)
                oracle.rules.append(rule)
            }
        }
        var generator = SeededGenerator(seed: random.next())
        lines.shuffle(using: &generator)
        return (lines.joined(separator: "\n") + "\n", oracle, predicates)
    }

    private mutating func makeRule(head: String, level: Int, levels: [String: Int]) -> (String, DatalogOracle.Rule) {
        let positive = levels.filter { $0.value <= level && $0.key != "f" }.map(\.key).sorted()
        let lower = levels.filter { $0.value < level }.map(\.key).sorted()
        // A chain X -> Y through one or two positive atoms binds both head variables.
        var literals: [(String, DatalogOracle.Literal)] = []
        let first = positive[Int.random(in: 0..<positive.count, using: &random)]
        if Bool.random(using: &random) {
            let second = positive[Int.random(in: 0..<positive.count, using: &random)]
            literals.append(("\(first)(X, Z)", .positive(.init(predicate: first, terms: [.variable("X"), .variable("Z")]))))
            literals.append(("\(second)(Z, Y)", .positive(.init(predicate: second, terms: [.variable("Z"), .variable("Y")]))))
        } else {
            literals.append(("\(first)(X, Y)", .positive(.init(predicate: first, terms: [.variable("X"), .variable("Y")]))))
        }
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let negated = lower.filter { $0 != "f" }.randomElement(using: &random) ?? "e"
            literals.append(("not \(negated)(Y, X)", .negative(.init(predicate: negated, terms: [.variable("Y"), .variable("X")]))))
        case 1:
            literals.append(("not f(Y)", .negative(.init(predicate: "f", terms: [.variable("Y")]))))
        case 2:
            literals.append(("X < Y", .less(.variable("X"), .variable("Y"))))
        case 3:
            literals.append(("X != Y", .notEqual(.variable("X"), .variable("Y"))))
        case 4:
            let counted = lower.filter { $0 != "f" }.randomElement(using: &random) ?? "e"
            let text = "\(head)(X, N) :- \(first)(X, _Y), N = count : { \(counted)(X, W) }."
            let rule = DatalogOracle.Rule(
                head: .init(predicate: head, terms: [.variable("X"), .variable("N")]),
                body: [.positive(.init(predicate: first, terms: [.variable("X"), .variable("_Y")])),
                       .count(result: "N", .init(predicate: counted, terms: [.variable("X"), .variable("W")]))],
                level: level)
            return (text, rule)
        default:
            break
        }
        let text = "\(head)(X, Y) :- " + literals.map(\.0).joined(separator: ", ") + "."
        return (text, DatalogOracle.Rule(head: .init(predicate: head, terms: [.variable("X"), .variable("Y")]), body: literals.map(\.1), level: level))
    }
}
