import RejoinderSyntax

/// A program compiled to SQL for one dialect: its tables and indexes, and
/// for each stratum the statements that compute it in one view. The host
/// (`SQLEvaluator`) runs them and `rejoinder sql` prints them; both
/// read them from here.
///
/// Every relation is one table with a `view` column: the rows of a
/// predicate in the common ground (view 0), in a source's view (its
/// number), or in the joint view (-1). Stored facts live apart, in
/// `_facts_p` with the `owner` that stated them, because a view starts from
/// the common ground's stored facts and its own, never from rows the
/// common ground derived. Value columns are `c1`, `c2`, … as `:plan`
/// numbers them.
struct SQLProgram {
    let program: Program
    let dialect: SQLDialect
    /// How each predicate's columns are stored, from the kinds of value
    /// analysis shows they can hold.
    let kinds: [[SQLColumnKind]]

    init(program: Program, dialect: SQLDialect) {
        self.program = program
        self.dialect = dialect
        let types = ColumnTypes(program)
        kinds = program.predicates.allIDs.map { types[$0].map(SQLColumnKind.init) }
    }

    /// How a stratum is computed in SQL.
    enum Method {
        /// Stored facts, or a built-in the host computes: no rule.
        case noRules
        /// Each rule once, as `INSERT … SELECT`.
        case once
        /// One predicate whose rules read it at most once each: a single
        /// `WITH RECURSIVE … UNION` (set semantics, so cycles end).
        case linear(PredicateID)
        /// Mutual or non-linear recursion: rounds over delta tables until
        /// a round adds no row.
        case semiNaive

        var isLinear: Bool {
            if case .linear = self { return true }
            return false
        }
    }

    func table(_ predicate: PredicateID) -> String { dialect.identifier(program.predicates[predicate].name) }
    func factsTable(_ predicate: PredicateID) -> String { dialect.identifier("_facts_" + program.predicates[predicate].name) }
    func deltaTable(_ predicate: PredicateID) -> String { dialect.identifier("_delta_" + program.predicates[predicate].name) }
    func newTable(_ predicate: PredicateID) -> String { dialect.identifier("_new_" + program.predicates[predicate].name) }
    /// The working table of a linear recursion.
    func workingTable(_ predicate: PredicateID) -> String { dialect.identifier("_all_" + program.predicates[predicate].name) }

    func valueColumns(_ predicate: PredicateID) -> [String] {
        (0..<program.predicates[predicate].arity).map(SQLRuleCompiler.column)
    }

    /// The SQL number of a view (the joint view is -1, so that no number
    /// reads as a huge integer).
    static func viewNumber(_ owner: Owner) -> Int { owner == .joint ? -1 : owner.rawValue }

    func method(ofStratum index: Int) -> Method {
        let rules = program.rulesByStratum[index].map { program.rules[$0] }
        if rules.isEmpty { return .noRules }
        let stratum = program.strata[index]
        guard stratum.isRecursive else { return .once }
        guard stratum.predicates.count == 1, let predicate = stratum.predicates.first else { return .semiNaive }
        var recursiveSelects = 0
        for rule in rules {
            let reads = recursiveAtoms(of: rule, in: [predicate])
            if reads.count > 1 { return .semiNaive }
            recursiveSelects += reads.count
            // SQLite allows the working table only in the recursive
            // SELECT's own FROM list: no enumeration or aggregate around it.
            let steps = program.plan(rule, first: reads.first).steps
            if steps.contains(where: { if case .enumerate = $0 { return true }; if case .aggregate = $0 { return true }; return false }) {
                return .semiNaive
            }
        }
        if recursiveSelects > 1 && !dialect.allowsSeveralRecursiveSelects { return .semiNaive }
        return .linear(predicate)
    }

    /// The body positions of the atoms of `rule` that read a predicate of `members`.
    func recursiveAtoms(of rule: CompiledRule, in members: Set<PredicateID>) -> [Int] {
        var positions: [Int] = []
        var atomIndex = 0
        for literal in rule.body {
            guard case .atom(let predicate, _, _) = literal else { continue }
            if members.contains(predicate) { positions.append(atomIndex) }
            atomIndex += 1
        }
        return positions
    }

    // MARK: Schema

    /// The tables of every predicate (with delta tables for semi-naive
    /// strata), the views, and the indexes the plans look rows up by.
    func schema(sourceNames: [String], jointView: String?) -> [String] {
        var statements: [String] = []
        statements.append("CREATE TABLE views (view \(dialect.viewType) PRIMARY KEY, name TEXT NOT NULL)\(dialect.tableOptions)")
        let views = [(0, "the common ground")] + sourceNames.enumerated().map { ($0 + 1, $1) } + [(-1, jointView ?? "the joint view")]
        statements.append("INSERT INTO views VALUES " + views.map { "(\($0), \(dialect.text($1)))" }.joined(separator: ", "))
        let stored = Set(program.facts.filter { $0.value.count > 0 }.keys.map(\.predicate))
        let semiNaive = Set(program.strata.indices.filter { if case .semiNaive = method(ofStratum: $0) { return true }; return false }
            .flatMap { program.strata[$0].predicates })
        // A linear recursion inserts each row of its view once, from one
        // statement with set semantics: its table needs no unique index
        // (whose upkeep costs more than the recursion), only those of its look-ups.
        let linear = Set(program.strata.indices.compactMap { if case .linear(let predicate) = method(ofStratum: $0) { return predicate }; return nil })
        let lookups = self.lookups()
        for index in 0..<program.predicates.count {
            let predicate = PredicateID(rawValue: index)
            let values = valueColumns(predicate)
            let typed = zip(values, kinds[index]).map { "\($0) \(dialect.columnType($1)) NOT NULL" }
            if stored.contains(predicate) {
                statements.append("CREATE \(dialect.tableKeyword) \(factsTable(predicate)) (" + (["owner \(dialect.viewType) NOT NULL"] + typed).joined(separator: ", ") + ")\(dialect.tableOptions)")
            }
            var tables = [table(predicate)]
            if semiNaive.contains(predicate) { tables += [deltaTable(predicate), newTable(predicate)] }
            let isSet = dialect.indexesValues && !linear.contains(predicate)
            for name in tables {
                let unique = isSet ? ["UNIQUE (" + (["view"] + values).joined(separator: ", ") + ")"] : []
                statements.append("CREATE \(dialect.tableKeyword) \(name) (" + (["view \(dialect.viewType) NOT NULL"] + typed + unique).joined(separator: ", ") + ")\(dialect.tableOptions)")
            }
            guard dialect.indexesValues else { continue }
            for columns in lookups[predicate, default: []].sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                // The unique constraint's index serves look-ups by a prefix of the columns.
                if isSet && columns == Array(0..<columns.count) { continue }
                let names = columns.map(SQLRuleCompiler.column)
                let indexName = dialect.identifier(program.predicates[predicate].name + " on " + names.joined(separator: ", "))
                statements.append("CREATE INDEX \(indexName) ON \(table(predicate)) (" + (["view"] + names).joined(separator: ", ") + ")")
            }
        }
        return statements
    }

    /// The columns each predicate is looked up by, in every plan a rule
    /// runs (its first pass and its semi-naive variants): key and check
    /// columns of scans, the bound columns of negations.
    private func lookups() -> [PredicateID: Set<[Int]>] {
        var found: [PredicateID: Set<[Int]>] = [:]
        func visit(_ steps: [PlanStep]) {
            for step in steps {
                switch step {
                case .scan(let scan):
                    let columns = scan.columns.enumerated().compactMap { column, action -> Int? in
                        if case .bind = action { return nil }
                        return column
                    }
                    if !columns.isEmpty { found[scan.predicate, default: []].insert(columns) }
                case .negation(let predicate, let terms):
                    let columns = terms.enumerated().compactMap { $1 == nil ? nil : $0 }
                    if !columns.isEmpty { found[predicate, default: []].insert(columns) }
                case .aggregate(let aggregate):
                    visit(aggregate.inner)
                default:
                    break
                }
            }
        }
        for (index, stratum) in program.strata.enumerated() {
            let members = Set(stratum.predicates)
            for rule in program.rulesByStratum[index].map({ program.rules[$0] }) {
                visit(program.plan(rule, first: nil).steps)
                if stratum.isRecursive {
                    for atom in recursiveAtoms(of: rule, in: members) { visit(program.plan(rule, first: atom).steps) }
                }
            }
        }
        return found
    }

    /// The tables of stored facts.
    var factTables: [String] {
        Set(program.facts.filter { $0.value.count > 0 }.keys.map(\.predicate)).sorted { $0.rawValue < $1.rawValue }.map(factsTable)
    }

    /// The stored facts, as INSERTs of at most 500 rows.
    func factInserts() -> [String] {
        var statements: [String] = []
        for (key, facts) in program.facts.sorted(by: { ($0.key.predicate.rawValue, $0.key.owner) < ($1.key.predicate.rawValue, $1.key.owner) }) where facts.count > 0 {
            let owner = Self.viewNumber(key.owner)
            for start in stride(from: 0, to: facts.count, by: 500) {
                let rows = (start..<min(facts.count, start + 500)).map { row in
                    "(" + ([String(owner)] + values(facts.row(row), of: key.predicate)).joined(separator: ", ") + ")"
                }
                statements.append("INSERT INTO \(factsTable(key.predicate)) VALUES\n  " + rows.joined(separator: ",\n  "))
            }
        }
        return statements
    }

    /// Constants of a row of `predicate`, each as its column holds it.
    func values(_ row: some Sequence<Value>, of predicate: PredicateID) -> [String] {
        zip(row, kinds[predicate.rawValue]).map { dialect.converted(dialect.literal($0, symbols: program.symbols), to: $1) }
    }

    func compiler(source: @escaping (ScanPlan) -> SQLSource, negatedSource: @escaping (PredicateID) -> SQLSource) -> SQLRuleCompiler {
        SQLRuleCompiler(dialect: dialect, symbols: program.symbols, kinds: kinds, source: source, negatedSource: negatedSource)
    }

    // MARK: Statements of a stratum

    /// Copies the stored facts of a stratum's predicates that hold in
    /// `view` (the common ground's and the view's own) into its tables.
    func seed(_ predicate: PredicateID, view: String) -> String? {
        guard let facts = storedFacts(predicate, view: view) else { return nil }
        let columns = valueColumns(predicate)
        let (prefix, suffix) = dialect.insertIgnoring(into: table(predicate), columns: ["view"] + columns)
        return prefix + "\nSELECT DISTINCT " + ([view] + columns.map { "f." + $0 }).joined(separator: ", ") + " FROM " + facts + suffix
    }

    /// The stored facts of `predicate` that hold in `view`, aliased `f`
    /// (for a FROM list), or nil when none is stored.
    private func storedFacts(_ predicate: PredicateID, view: String) -> String? {
        guard program.facts.contains(where: { $0.key.predicate == predicate && $0.value.count > 0 }) else { return nil }
        return "\(factsTable(predicate)) AS f WHERE f.owner = 0 OR f.owner = \(view)"
    }

    /// `INSERT … SELECT` of a rule's head rows, in view `view`, into `target`.
    func insert(_ rule: CompiledRule, steps: [PlanStep], into target: String, view: String,
                source: @escaping (ScanPlan) -> SQLSource, negatedSource: @escaping (PredicateID) -> SQLSource) -> String {
        let compiler = compiler(source: source, negatedSource: negatedSource)
        let select = compiler.select(steps, head: rule.headTerms, kinds: kinds[rule.head.rawValue], leading: [view])
        let (prefix, suffix) = dialect.insertIgnoring(into: target, columns: ["view"] + valueColumns(rule.head))
        return select.withClause + prefix + "\n" + select.body + suffix
    }

    /// The single statement of a linear recursion: the view's stored facts
    /// (so the stratum has no seed) and each rule's rows, the recursive
    /// rules reading the working table (each planned with that atom first,
    /// as a semi-naive variant is).
    func linearInsert(_ predicate: PredicateID, rules: [CompiledRule], view: String,
                      source: @escaping (ScanPlan) -> SQLSource, negatedSource: @escaping (PredicateID) -> SQLSource) -> String {
        let working = workingTable(predicate)
        let columns = valueColumns(predicate)
        let stored = columns.isEmpty ? "1" : columns.map { "f." + $0 }.joined(separator: ", ")
        var base = storedFacts(predicate, view: view).map { ["SELECT \(stored) FROM " + $0] } ?? []
        var recursive: [String] = []
        for rule in rules {
            let atom = recursiveAtoms(of: rule, in: [predicate]).first
            let compiler = compiler(source: { scan in
                scan.predicate == predicate && scan.atomIndex == atom ? SQLSource(table: working, view: nil) : source(scan)
            }, negatedSource: negatedSource)
            let body = compiler.select(program.plan(rule, first: atom).steps, head: rule.headTerms, kinds: kinds[predicate.rawValue], distinct: false).body
            if atom == nil { base.append(body) } else { recursive.append(body) }
        }
        // A recursion needs a start: with no stored fact and no rule
        // without the predicate, the view's rows (none yet, so none at all).
        if base.isEmpty { base = ["SELECT \(stored) FROM \(table(predicate)) AS f WHERE f.view = \(view)"] }
        let header = working + "(" + (columns.isEmpty ? "one" : columns.joined(separator: ", ")) + ")"
        // The view has no row yet, and the UNION none twice: a plain INSERT.
        return "WITH RECURSIVE \(header) AS (\n" + (base + recursive).joined(separator: "\nUNION\n") + ")\n"
            + "INSERT INTO \(table(predicate)) (" + (["view"] + columns).joined(separator: ", ") + ")"
            + "\nSELECT " + ([view] + columns).joined(separator: ", ") + " FROM \(working)"
    }

    /// The end of a semi-naive round for one predicate: the rows of
    /// `_new_p` not yet in `p` become the delta and join `p`.
    func advance(_ predicate: PredicateID, view: String) -> [String] {
        [
            "DELETE FROM \(deltaTable(predicate))",
            // An anti-join, which PostgreSQL and SQLite answer from the
            // unique index, where an EXCEPT would read all of `p` each round.
            "INSERT INTO \(deltaTable(predicate))\nSELECT * FROM \(newTable(predicate)) AS n\nWHERE NOT EXISTS (SELECT 1 FROM \(table(predicate)) AS o WHERE "
                + (["view"] + valueColumns(predicate)).map { "o.\($0) = n.\($0)" }.joined(separator: " AND ") + ")",
            "INSERT INTO \(table(predicate)) SELECT * FROM \(deltaTable(predicate))",
            "DELETE FROM \(newTable(predicate))",
        ]
    }
}
