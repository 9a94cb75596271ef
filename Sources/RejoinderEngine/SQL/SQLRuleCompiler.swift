import RejoinderSyntax

/// Where an atom reads its rows: a table, and the view of it (nil for a
/// table of one view only, such as a recursive query's working table).
struct SQLSource {
    let table: String
    let view: String?
}

/// One SELECT, with the common table expressions it needs first.
struct SQLSelect {
    /// `name AS (…)`, in dependency order.
    var tables: [String]
    /// Whether a table reads itself (a year enumeration), so the clause
    /// must be `WITH RECURSIVE`.
    var isRecursive: Bool
    var body: String
    /// How each column after the leading ones holds its value.
    var kinds: [SQLColumnKind]

    /// `WITH …` before the statement that uses the tables, or nothing.
    var withClause: String {
        tables.isEmpty ? "" : (isRecursive ? "WITH RECURSIVE " : "WITH ") + tables.joined(separator: ",\n") + "\n"
    }
}

/// Turns a rule's plan — the steps the in-memory evaluator runs, in the
/// planner's order — into one SELECT. Scans become the FROM list in plan
/// order (CROSS JOIN, which SQLite keeps in the order written), their key
/// and check columns and the tests become WHERE conditions, a negation a
/// `NOT EXISTS`. A year enumeration or an aggregate closes what came before
/// into a common table expression of the bindings so far: an enumeration
/// continues it recursively one year at a time, an aggregate groups the
/// inner body's rows by those bindings and its groups (`GROUP BY`).
///
/// Each expression knows how it holds its value (`SQLColumnKind`): a plain
/// column's stays plain through joins and tests, and becomes a general
/// value only where an `rj_` function needs one. Arithmetic, ordering
/// comparisons other than of two integers or two symbols, membership and
/// aggregates other than `count` call the `rj_` functions, with the
/// engine's own semantics (overflow and division errors, integers that
/// stay integers, the value order); `=` and `!=` are SQL's, since equal
/// values are stored alike.
struct SQLRuleCompiler {
    let dialect: SQLDialect
    let symbols: SymbolTable
    /// How each predicate's columns are stored.
    let kinds: [[SQLColumnKind]]
    /// The rows a scan reads.
    let source: (ScanPlan) -> SQLSource
    /// The rows a negated atom must not match.
    let negatedSource: (PredicateID) -> SQLSource

    /// The SELECT of `leading` (view and such) and the head terms, held
    /// as `kinds` (the columns of the table they go to) or else as they
    /// come, over the rows the plan's steps produce.
    /// (A recursive query's member is not DISTINCT: its UNION removes duplicates.)
    func select(_ steps: [PlanStep], head: [Term], kinds: [SQLColumnKind]? = nil, leading: [String] = [], distinct: Bool = true) -> SQLSelect {
        let builder = SelectBuilder(compiler: self)
        builder.run(steps)
        var expressions = head.map(builder.expression)
        if let kinds {
            expressions = zip(zip(head, expressions), kinds).map { pair, kind in
                let text = dialect.converted(pair.1, to: kind)
                // A bare constant would be a narrower type than the column
                // (int4, or text of the default collation), which a recursive
                // query's working table refuses.
                if case .constant = pair.0 { return SQLExpression(text: dialect.typed(text, as: kind), kind: kind) }
                return SQLExpression(text: text, kind: kind)
            }
        }
        let columns = leading + expressions.map(\.text)
        let body = (distinct ? "SELECT DISTINCT " : "SELECT ") + (columns.isEmpty ? "1" : columns.joined(separator: ", ")) + builder.fromAndWhere
        return SQLSelect(tables: builder.tables, isRecursive: builder.isRecursive, body: body, kinds: expressions.map(\.kind))
    }

    /// The SQL name of a value column (1-based, as `:plan` counts columns).
    static func column(_ index: Int) -> String { "c\(index + 1)" }
}

/// The state of one SELECT being built: the FROM list and conditions of
/// the current segment, the SQL expression bound to each slot, and the
/// common table expressions closed so far.
private final class SelectBuilder {
    let compiler: SQLRuleCompiler
    var tables: [String] = []
    var isRecursive = false
    /// Each item with the join that brings it in (nil for the first).
    var from: [(join: String?, item: String)] = []
    var conditions: [String] = []
    var bindings: [Int: SQLExpression] = [:]
    private var aliases = 0

    init(compiler: SQLRuleCompiler) {
        self.compiler = compiler
    }

    var fromAndWhere: String {
        var text = ""
        for (position, entry) in from.enumerated() {
            text += position == 0 ? "\nFROM " + entry.item : "\n  " + (entry.join ?? "CROSS JOIN") + " " + entry.item
        }
        if !conditions.isEmpty { text += "\nWHERE " + conditions.joined(separator: "\n  AND ") }
        return text
    }

    private func alias(_ prefix: String) -> String {
        aliases += 1
        return "\(prefix)\(aliases)"
    }

    func run(_ steps: [PlanStep]) {
        for step in steps {
            switch step {
            case .scan(let scan):
                let source = compiler.source(scan)
                let alias = alias("t")
                from.append((nil, "\(source.table) AS \(alias)"))
                if let view = source.view { conditions.append("\(alias).view = \(view)") }
                for (index, action) in scan.columns.enumerated() {
                    let column = SQLExpression(text: "\(alias).\(SQLRuleCompiler.column(index))", kind: compiler.kinds[scan.predicate.rawValue][index])
                    switch action {
                    case .key(let term): conditions.append(compiler.dialect.compare(.equal, column, expression(term)))
                    case .bind(let slot): bindings[slot] = column
                    case .check(let slot): conditions.append(compiler.dialect.compare(.equal, column, bindings[slot]!))
                    }
                }
            case .negation(let predicate, let terms):
                let source = compiler.negatedSource(predicate)
                let alias = alias("n")
                var matches = source.view.map { ["\(alias).view = \($0)"] } ?? []
                for (index, term) in terms.enumerated() {
                    let column = SQLExpression(text: "\(alias).\(SQLRuleCompiler.column(index))", kind: compiler.kinds[predicate.rawValue][index])
                    if let term { matches.append(compiler.dialect.compare(.equal, column, expression(term))) }
                }
                conditions.append("NOT EXISTS (SELECT 1 FROM \(source.table) AS \(alias)" + (matches.isEmpty ? ")" : " WHERE " + matches.joined(separator: " AND ") + ")"))
            case .test(let op, let left, let right, _):
                conditions.append(compiler.dialect.compare(op, expression(left), expression(right)))
            case .assign(let slot, let term, _):
                bindings[slot] = expression(term)
            case .member(let element, let collection, _):
                conditions.append("rj_in(\(general(element)), \(general(collection)))")
            case .enumerate(let slot, let collection, _):
                enumerate(slot, collection)
            case .aggregate(let aggregate):
                self.aggregate(aggregate)
            }
        }
    }

    func expression(_ term: Term) -> SQLExpression {
        switch term {
        case .constant(let value):
            return compiler.dialect.literal(value, symbols: compiler.symbols)
        case .variable(let slot, _):
            return bindings[slot]!
        case .arithmetic(let op, let left, let right, _):
            let name = switch op {
            case .add: "rj_add"
            case .subtract: "rj_sub"
            case .multiply: "rj_mul"
            case .divide: "rj_div"
            }
            return SQLExpression(text: "\(name)(\(general(left)), \(general(right)))", kind: .value)
        case .negate(let operand, _):
            return SQLExpression(text: "rj_neg(\(general(operand)))", kind: .value)
        case .function(let function, let arguments, _):
            return SQLExpression(text: "rj_\(function.rawValue)(\(arguments.map(general).joined(separator: ", ")))", kind: .value)
        case .range(let lower, let upper, _):
            return SQLExpression(text: "rj_range(\(general(lower)), \(general(upper)))", kind: .value)
        }
    }

    /// A term as a general value, for an `rj_` function.
    private func general(_ term: Term) -> String {
        compiler.dialect.general(expression(term))
    }

    /// Closes the current segment into a table of its distinct bindings
    /// (`v` + slot), which the next segment reads; returns its name and slots.
    @discardableResult
    private func close() -> (name: String, slots: [Int]) {
        let name = alias("s")
        let slots = bindings.keys.sorted()
        let columns = slots.isEmpty ? ["1 AS one"] : slots.map { "\(bindings[$0]!.text) AS v\($0)" }
        tables.append("\(name) AS (\nSELECT DISTINCT \(columns.joined(separator: ", "))\(fromAndWhere))")
        from = [(nil, name)]
        conditions = []
        rebind(slots, to: name)
        return (name, slots)
    }

    /// Binds `slots` to the columns of the table `name` that holds them, kept as they were held.
    private func rebind(_ slots: [Int], to name: String) {
        bindings = Dictionary(uniqueKeysWithValues: slots.map { ($0, SQLExpression(text: "\(name).v\($0)", kind: bindings[$0]!.kind)) })
    }

    /// `X in R` with X unbound: the bindings so far, each with R's first
    /// year, then recursively the next year until R's last.
    private func enumerate(_ slot: Int, _ collection: Term) {
        let (previous, slots) = close()
        let range = general(collection)
        let name = alias("s")
        let kept = slots.map { "v\($0)" }
        let columns = (kept + ["v\(slot)", "upto"]).joined(separator: ", ")
        let start = (kept.map { "\(previous).\($0)" } + ["rj_first(\(range))", "rj_last(\(range))"]).joined(separator: ", ")
        let next = (kept + ["v\(slot) + 1", "upto"]).joined(separator: ", ")
        // The year and the last year are SQL integers, and the slot is bound to the year as one.
        tables.append("""
            \(name)(\(columns)) AS (
            SELECT \(start) FROM \(previous) WHERE rj_first(\(range)) IS NOT NULL
            UNION ALL
            SELECT \(next) FROM \(name) WHERE v\(slot) < upto)
            """)
        isRecursive = true
        from = [(nil, name)]
        rebind(slots, to: name)
        bindings[slot] = SQLExpression(text: "\(name).v\(slot)", kind: .integer)
    }

    /// An aggregate: the inner body runs over each distinct binding of the
    /// outer slots and is grouped by them and by the aggregate's groups.
    /// With no groups there is one value per outer binding even when the
    /// body has no solution (`count` and `sum` are 0, the others fail).
    private func aggregate(_ plan: AggregatePlan) {
        let (outer, slots) = close()
        let outerBindings = bindings
        run(plan.inner)
        let value = switch plan.function {
        case .count: SQLExpression(text: "count(*)", kind: .integer)
        case .sum: SQLExpression(text: "rj_sum(\(general(plan.target!)))", kind: .value)
        case .min: SQLExpression(text: "rj_min(\(general(plan.target!)))", kind: .value)
        case .max: SQLExpression(text: "rj_max(\(general(plan.target!)))", kind: .value)
        case .mean: SQLExpression(text: "rj_mean(\(general(plan.target!)))", kind: .value)
        }
        let keys = slots + plan.groups
        let name = alias("a")
        let grouped = keys.map { bindings[$0]!.text }
        let columns = zip(keys, grouped).map { "\($1) AS v\($0)" } + ["\(value.text) AS v\(plan.result)"]
        tables.append("\(name) AS (\nSELECT \(columns.joined(separator: ", "))\(fromAndWhere)" + (grouped.isEmpty ? "" : "\nGROUP BY " + grouped.joined(separator: ", ")) + ")")
        conditions = []
        let result = SQLExpression(text: "\(name).v\(plan.result)", kind: value.kind)
        if !plan.groups.isEmpty {
            from = [(nil, name)]
            rebind(keys, to: name)
            bindings[plan.result] = result
            return
        }
        let match = slots.isEmpty ? "TRUE" : slots.map { "\(outer).v\($0) = \(name).v\($0)" }.joined(separator: " AND ")
        from = [(nil, outer), ("LEFT JOIN", "\(name) ON \(match)")]
        bindings = outerBindings
        switch plan.function {
        case .count, .sum:
            let zero = compiler.dialect.converted(compiler.dialect.literal(.integer(0), symbols: compiler.symbols), to: value.kind)
            bindings[plan.result] = SQLExpression(text: "COALESCE(\(result.text), \(zero))", kind: value.kind)
        case .min, .max, .mean:
            bindings[plan.result] = result
            conditions.append("\(result.text) IS NOT NULL")
        }
    }
}
