import RejoinderSyntax

/// Runs a program on an SQL engine (SQLite, PostgreSQL or DuckDB, through
/// its `SQLConnection`): the host drives the strata, view by view, as the
/// in-memory `Evaluator` does, and the engine computes each stratum from
/// the statements of `SQLProgram`. A semi-naive stratum loops until a round
/// adds no row; the argumentation built-ins are computed here, in Swift,
/// from the view's `is_a` and `rebuts` rows, and written back as rows.
///
/// A source's view reads the strata it cannot change from the common
/// ground's rows (the `view` a statement reads is chosen per stratum); the
/// joint view unites the sources' rows, except where a built-in is read.
final class SQLEvaluator: QueryEvaluator {
    let program: Program
    private let sql: SQLProgram
    private let connection: any SQLConnection
    var budget: EvaluationBudget {
        get { connection.budget }
        set { connection.budget = newValue }
    }
    private var computed: [Owner: [Bool]] = [:]
    /// The view whose rows each stratum of a view reads: the view itself,
    /// or the common ground for a stratum the source does not touch.
    private var storage: [Owner: [Owner]] = [:]
    private var dependence: [Owner: [Bool]] = [:]
    private var frameworks: [Owner: ViewFramework] = [:]
    /// Rows written into relations so far, to tell when a stratum grew its
    /// tables enough for the planner to need their statistics.
    private var rowsWritten = 0
    /// The file of the rule running, for the location of an error in it.
    private var running: (file: SourceFile, range: SourceRange)?

    /// The table that marks a database as this evaluator's own.
    static let markerTable = "rejoinder_database"

    /// Replaces the tables of `connection`'s place with the program's and
    /// stores the facts; refuses a place holding tables someone else made.
    init(program: Program, sourceNames: [String], jointView: String?, connection: any SQLConnection) throws(EvaluationFailure) {
        self.program = program
        self.connection = connection
        let dialect = connection.dialect
        sql = SQLProgram(program: program, dialect: dialect)
        try perform { () throws(SQLEngineError) in
            let tables = try connection.tables()
            // Only a database this evaluator made is emptied: one holding
            // someone's own tables is refused, never overwritten.
            guard tables.isEmpty || tables.contains(Self.markerTable) else {
                throw SQLEngineError(message: "", sql: "", failure: .backend("\(connection.place) holds a database Rejoinder did not make (tables \(tables.prefix(3).joined(separator: ", "))); "
                                                    + "give a new one, or one an earlier 'rejoinder run --engine' wrote"))
            }
            try connection.execute("BEGIN")
            try connection.clear(tables)
            for statement in dialect.prelude { try connection.execute(statement) }
            try connection.execute("CREATE TABLE \(Self.markerTable) (made_by TEXT NOT NULL)")
            try connection.execute("INSERT INTO \(Self.markerTable) VALUES ('rejoinder run --engine \(dialect.rawValue)')")
            for statement in sql.schema(sourceNames: sourceNames, jointView: jointView) { try connection.execute(statement) }
            for statement in sql.factInserts() { try connection.execute(statement) }
            if let analyze = dialect.analyze(sql.factTables) { try connection.execute(analyze) }
            try connection.execute("COMMIT")
        }
    }

    /// Runs engine work, turning its errors into the evaluator's: a
    /// function's arithmetic error at the rule that ran it, the budget's
    /// failure, or the engine's own message.
    private func perform(_ work: () throws(SQLEngineError) -> Void) throws(EvaluationFailure) {
        do {
            try work()
        } catch {
            if let failure = error.failure { throw failure }
            if var arithmetic = error.arithmetic, let running {
                // The functions do not know where they are written: the error points at the rule.
                arithmetic = ArithmeticError(message: arithmetic.message, range: running.range, help: arithmetic.help)
                throw .arithmetic(arithmetic, running.file)
            }
            throw .backend("\(error.message) in\n\(error.sql)")
        }
    }

    // MARK: QueryEvaluator

    func answer(_ query: CompiledRule, plan: [PlanStep], slotCount: Int, in owner: Owner) throws(EvaluationFailure) -> Relation {
        for literal in query.body {
            var strata: Set<Int> = []
            literal.forEachDependency { predicate, _, _ in strata.insert(program.stratumOf[predicate.rawValue]) }
            for stratum in strata.sorted() { try computeStratum(stratum, in: owner) }
        }
        let select = sql.compiler(source: { scan in self.source(scan.predicate, in: owner) },
                                  negatedSource: { predicate in self.source(predicate, in: owner) }).select(plan, head: query.headTerms)
        let result = Relation(arity: query.headTerms.count)
        budget.deriving = "the answer"
        running = (query.file, query.range)
        try perform { () throws(SQLEngineError) in
            try connection.query(sql.dialect.valueRows(of: select.withClause + select.body, kinds: select.kinds), arity: result.arity) { result.insert($0) }
        }
        try budget.derived(result.count, into: "the answer", bytesPerRow: result.bytesPerRow)
        return result
    }

    func framework(in owner: Owner) throws(EvaluationFailure) -> ViewFramework {
        try computeStratum(program.stratumOf[program.argumentation[.status].rawValue], in: owner)
        return try framework(of: owner)
    }

    // MARK: Strata

    /// Where a predicate's rows are in a view: its table, at the view that
    /// computed its stratum.
    private func source(_ predicate: PredicateID, in owner: Owner) -> SQLSource {
        let stratum = program.stratumOf[predicate.rawValue]
        let view = storage[owner]?[stratum] ?? owner
        return SQLSource(table: sql.table(predicate), view: String(SQLProgram.viewNumber(view)))
    }

    private func isDependent(_ stratum: Int, in owner: Owner) -> Bool {
        switch owner {
        case .common, .joint: return true
        default:
            if dependence[owner] == nil { dependence[owner] = program.dependence(of: owner) }
            return program.strata[stratum].predicates.contains { dependence[owner]![$0.rawValue] }
        }
    }

    /// Computes `target` and every stratum it needs in a view, lowest first.
    private func computeStratum(_ target: Int, in owner: Owner) throws(EvaluationFailure) {
        if computed[owner] == nil {
            computed[owner] = [Bool](repeating: false, count: program.strata.count)
            storage[owner] = [Owner](repeating: owner, count: program.strata.count)
        }
        guard !computed[owner]![target] else { return }
        var needed: Set<Int> = [target]
        var stack = [target]
        while let stratum = stack.popLast() {
            for dependency in program.stratumDependencies[stratum] where !computed[owner]![dependency] && needed.insert(dependency).inserted {
                stack.append(dependency)
            }
        }
        for stratum in needed.sorted() where !computed[owner]![stratum] {
            try budget.check()
            if owner == .joint, !program.sources.isEmpty, !program.readsArgumentation[stratum] {
                try refreshingStatistics(of: stratum) { () throws(EvaluationFailure) in try unite(stratum) }
            } else if owner != .common, !isDependent(stratum, in: owner) {
                try computeStratum(stratum, in: .common)
                storage[owner]![stratum] = .common
            } else {
                try refreshingStatistics(of: stratum) { () throws(EvaluationFailure) in try evaluate(stratum, in: owner) }
            }
            computed[owner]![stratum] = true
        }
    }

    /// Fills a stratum's tables with `work`, then tells the planner their
    /// sizes if it wrote a thousand rows (below that, statistics cost more
    /// than the plans they improve).
    private func refreshingStatistics(of stratum: Int, _ work: () throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
        let written = rowsWritten
        try work()
        if rowsWritten - written >= 1_000, let analyze = sql.dialect.analyze(program.strata[stratum].predicates.map(sql.table)) {
            try execute(analyze)
        }
    }

    /// A stratum of the joint view that reads no built-in: what any
    /// source's view holds.
    private func unite(_ stratum: Int) throws(EvaluationFailure) {
        for source in program.sources { try computeStratum(stratum, in: source) }
        let views = Set(program.sources.map { storage[$0]![stratum] }).map { String(SQLProgram.viewNumber($0)) }.sorted()
        for predicate in program.strata[stratum].predicates {
            let columns = sql.valueColumns(predicate)
            let (prefix, suffix) = sql.dialect.insertIgnoring(into: sql.table(predicate), columns: ["view"] + columns)
            rowsWritten += try execute(prefix + "\nSELECT DISTINCT " + (["-1"] + columns).joined(separator: ", ") + " FROM \(sql.table(predicate)) WHERE view IN (\(views.joined(separator: ", ")))" + suffix)
        }
    }

    /// Runs a statement; the number of rows it added.
    @discardableResult
    private func execute(_ statement: String) throws(EvaluationFailure) -> Int {
        var changed = 0
        try perform { () throws(SQLEngineError) in changed = try connection.execute(statement) }
        return changed
    }

    /// Runs a statement that adds derived rows, and counts them against the limits.
    private func derive(_ statement: String, rule: CompiledRule?, into predicate: PredicateID) throws(EvaluationFailure) -> Int {
        let name = "'\(program.predicates[predicate].signature)'"
        budget.deriving = name
        running = rule.map { ($0.file, $0.range) }
        let added = try execute(statement)
        rowsWritten += added
        try budget.derived(added, into: name, bytesPerRow: EvaluationLimits.bytesPerRow(arity: program.predicates[predicate].arity))
        return added
    }

    private func evaluate(_ index: Int, in owner: Owner) throws(EvaluationFailure) {
        let stratum = program.strata[index]
        let view = String(SQLProgram.viewNumber(owner))
        let rules = program.rulesByStratum[index].map { program.rules[$0] }.filter { program.applies($0, in: owner) }
        let method: SQLProgram.Method = rules.isEmpty ? .noRules : sql.method(ofStratum: index)
        for predicate in stratum.predicates {
            // A linear recursion reads its stored facts itself.
            if !method.isLinear, let seed = sql.seed(predicate, view: view) { rowsWritten += try execute(seed) }
            if let builtin = program.argumentation.builtin(predicate) { try insertRows(of: builtin, in: owner) }
        }
        let read: (ScanPlan) -> SQLSource = { scan in self.source(scan.predicate, in: owner) }
        let negated: (PredicateID) -> SQLSource = { predicate in self.source(predicate, in: owner) }
        switch method {
        case .noRules:
            return
        case .once:
            for rule in rules {
                let statement = sql.insert(rule, steps: program.plan(rule, first: nil).steps, into: sql.table(rule.head), view: view, source: read, negatedSource: negated)
                _ = try derive(statement, rule: rule, into: rule.head)
            }
        case .linear(let predicate):
            let statement = sql.linearInsert(predicate, rules: rules, view: view, source: read, negatedSource: negated)
            _ = try derive(statement, rule: rules.count == 1 ? rules[0] : nil, into: predicate)
        case .semiNaive:
            try evaluateSemiNaive(stratum, rules: rules, view: view, read: read, negated: negated)
        }
    }

    /// First every rule over everything known, then rounds in which each
    /// rule runs once per recursive atom, that atom reading only the rows
    /// the previous round added (its delta table), until none is added.
    private func evaluateSemiNaive(_ stratum: Stratum, rules: [CompiledRule], view: String,
                                   read: @escaping (ScanPlan) -> SQLSource, negated: @escaping (PredicateID) -> SQLSource) throws(EvaluationFailure) {
        let members = Set(stratum.predicates)
        for rule in rules {
            try execute(sql.insert(rule, steps: program.plan(rule, first: nil).steps, into: sql.newTable(rule.head), view: view, source: read, negatedSource: negated))
        }
        var grown = try advance(stratum, view: view)
        let variants = rules.flatMap { rule in
            sql.recursiveAtoms(of: rule, in: members).map { atom in
                let steps = program.plan(rule, first: atom).steps
                return (rule: rule, predicate: scannedPredicate(steps, atom: atom), statement: sql.insert(rule, steps: steps, into: sql.newTable(rule.head), view: view, source: { scan in
                    // Scans inside an aggregate number their atoms apart, and never read the stratum's own predicates.
                    scan.atomIndex == atom && members.contains(scan.predicate) ? SQLSource(table: self.sql.deltaTable(scan.predicate), view: view) : read(scan)
                }, negatedSource: negated))
            }
        }
        while !grown.isEmpty {
            try budget.check()
            for variant in variants where grown.contains(variant.predicate) {
                running = (variant.rule.file, variant.rule.range)
                try execute(variant.statement)
            }
            grown = try advance(stratum, view: view)
        }
    }

    private func scannedPredicate(_ steps: [PlanStep], atom: Int) -> PredicateID {
        for case .scan(let scan) in steps where scan.atomIndex == atom { return scan.predicate }
        preconditionFailure("a semi-naive variant without its delta atom")
    }

    /// Moves each predicate's new rows into its delta and its table;
    /// returns the predicates that grew.
    private func advance(_ stratum: Stratum, view: String) throws(EvaluationFailure) -> Set<PredicateID> {
        var grown: Set<PredicateID> = []
        for predicate in stratum.predicates {
            let statements = sql.advance(predicate, view: view)
            for (position, statement) in statements.enumerated() {
                if position == 2 {
                    if try derive(statement, rule: nil, into: predicate) > 0 { grown.insert(predicate) }
                } else {
                    try execute(statement)
                }
            }
        }
        return grown
    }

    // MARK: Built-ins

    private func framework(of owner: Owner) throws(EvaluationFailure) -> ViewFramework {
        if let framework = frameworks[owner] { return framework }
        var attacks: [Relation] = []
        for predicate in program.argumentation.attacks { attacks.append(try rows(of: predicate, in: owner)) }
        let framework = try ViewFramework(isA: try rows(of: program.argumentation.isA, in: owner), attacks: attacks,
                                          argumentation: program.argumentation, symbols: program.symbols, budget: budget)
        frameworks[owner] = framework
        return framework
    }

    /// A predicate's rows in a view, read back from the engine.
    private func rows(of predicate: PredicateID, in owner: Owner) throws(EvaluationFailure) -> Relation {
        let source = source(predicate, in: owner)
        let relation = Relation(arity: program.predicates[predicate].arity)
        let columns = sql.valueColumns(predicate)
        let select = "SELECT " + (columns.isEmpty ? "1" : columns.joined(separator: ", ")) + " FROM \(source.table) WHERE view = \(source.view!)"
        try perform { () throws(SQLEngineError) in
            try connection.query(sql.dialect.valueRows(of: select, kinds: sql.kinds[predicate.rawValue]), arity: relation.arity) { relation.insert($0) }
        }
        return relation
    }

    private func insertRows(of builtin: Builtin, in owner: Owner) throws(EvaluationFailure) {
        let rows = try framework(of: owner).rows(of: builtin, symbols: program.symbols, budget: budget)
        let predicate = program.argumentation[builtin]
        let (prefix, suffix) = sql.dialect.insertIgnoring(into: sql.table(predicate), columns: ["view"] + sql.valueColumns(predicate))
        let view = String(SQLProgram.viewNumber(owner))
        for start in stride(from: 0, to: rows.count, by: 500) {
            let values = (start..<min(rows.count, start + 500)).map { row in
                "(" + ([view] + sql.values(rows.row(row), of: predicate)).joined(separator: ", ") + ")"
            }
            try execute(prefix + "\nVALUES " + values.joined(separator: ", ") + suffix)
        }
    }
}
