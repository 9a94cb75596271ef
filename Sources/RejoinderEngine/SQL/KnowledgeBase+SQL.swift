import RejoinderSyntax

extension KnowledgeBase {
    /// The program as an SQL script a person can read (`rejoinder sql`):
    /// the representation, the tables and indexes, the stored facts, then
    /// each stratum lowest first as the host runs it, for the view named by
    /// the parameter `:view` (`getvariable('view')` on DuckDB), and last the SELECT of each query in `queries`.
    public func sqlScript(dialect: SQLDialect, queries: [(Query, SourceFile)] = []) throws(QueryFailure) -> String {
        let program = currentProgram()
        let sql = SQLProgram(program: program, dialect: dialect)
        let view = dialect.viewParameter
        var lines = [
            "-- Rejoinder program compiled to SQL (\(dialect.rawValue)).",
            "--",
            "-- Each relation is a table with a view column: 0 the common ground, 1… the sources in",
            "-- declaration order, -1 the joint view '\(vocabulary.name(.jointView) ?? "-")'; stored facts are in _facts_<name>",
            "-- with the owner that stated them.",
        ]
        lines.append("-- A column that can only hold integers is an integer column, one that can only hold symbols text.")
        if dialect == .sqlite {
            lines += [
                "-- Any other holds a Rejoinder value as it is: an integer as INTEGER, a decimal as REAL,",
                "-- a symbol as its TEXT, a range as a 16-byte BLOB (rj_range(a, b) builds one); SQLite orders",
                "-- them numbers < text < blobs, as the language does. The rj_ functions are the engine's",
                "-- arithmetic, comparisons and aggregates (overflow and division by zero are errors, integers",
                "-- stay integers), defined by the host: this script runs through rejoinder run --engine sqlite.",
            ]
        } else {
            lines += [
                "-- Any other is an rj_value, (class, num, int, dec, txt, lo, hi): class 0 a number, 1 a symbol,",
                "-- 2 a range, so that comparing the fields in order is the language's order. The prelude below",
                "-- defines it and the rj_ functions (the engine's arithmetic, comparisons and aggregates: overflow",
                "-- and division by zero are errors, integers stay integers), so the script runs as it is.",
            ]
        }
        lines += [
            "-- Each stratum below runs once per view (\(view)); a source's view reads a",
            "-- stratum it does not change from the common ground's rows instead of recomputing it.",
        ]
        if let setting = dialect.settingTheView { lines.append("-- " + setting) }
        if !dialect.prelude.isEmpty {
            lines.append("\n-- Prelude")
            for statement in dialect.prelude { lines.append(statement + ";") }
        }
        lines.append("")
        for statement in sql.schema(sourceNames: catalog.sources, jointView: vocabulary.name(.jointView)) { lines.append(statement + ";") }
        lines.append("")
        for statement in sql.factInserts() { lines.append(statement + ";") }
        let read: (ScanPlan) -> SQLSource = { scan in SQLSource(table: sql.table(scan.predicate), view: view) }
        let negated: (PredicateID) -> SQLSource = { predicate in SQLSource(table: sql.table(predicate), view: view) }
        for (index, stratum) in program.strata.enumerated() {
            let rules = program.rulesByStratum[index].map { program.rules[$0] }
            let builtins = stratum.predicates.compactMap(program.argumentation.builtin)
            let method = sql.method(ofStratum: index)
            // A linear recursion reads its stored facts itself.
            let seeds = method.isLinear ? [] : stratum.predicates.compactMap { sql.seed($0, view: view) }
            guard !rules.isEmpty || !builtins.isEmpty || !seeds.isEmpty else { continue }
            let how = switch method {
            case .noRules: builtins.isEmpty ? "stored facts" : "a built-in"
            case .once: "each rule once"
            case .linear: "linear recursion: one WITH RECURSIVE"
            case .semiNaive: "recursion: semi-naive rounds over delta tables"
            }
            lines.append("\n-- Stratum \(index): " + stratum.predicates.map { program.predicates[$0].signature }.joined(separator: ", ") + " (\(how))")
            for seed in seeds { lines.append(seed + ";") }
            for builtin in builtins {
                lines.append("-- \(builtin.rawValue)/2: computed by the host from is_a and rebuts in the view, inserted as rows.")
            }
            func comment(_ rule: CompiledRule) -> String {
                let text = rule.file.text(rule.range).split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == " " }).joined(separator: " ")
                return "-- \(rule.file.name):\(rule.file.line(of: rule.range.start))" + (sourceName(rule.owner).map { " (according to \($0))" } ?? "") + ": \(text)"
            }
            switch method {
            case .noRules:
                break
            case .once:
                for rule in rules {
                    lines.append(comment(rule))
                    lines.append(sql.insert(rule, steps: program.plan(rule, first: nil).steps, into: sql.table(rule.head), view: view, source: read, negatedSource: negated) + ";")
                }
            case .linear(let predicate):
                rules.forEach { lines.append(comment($0)) }
                lines.append(sql.linearInsert(predicate, rules: rules, view: view, source: read, negatedSource: negated) + ";")
            case .semiNaive:
                let members = Set(stratum.predicates)
                lines.append("-- First pass: every rule over everything known, into the _new_ tables.")
                for rule in rules {
                    lines.append(comment(rule))
                    lines.append(sql.insert(rule, steps: program.plan(rule, first: nil).steps, into: sql.newTable(rule.head), view: view, source: read, negatedSource: negated) + ";")
                }
                let advance = stratum.predicates.flatMap { sql.advance($0, view: view) }.map { $0 + ";" }
                lines += advance
                lines.append("-- Then the host repeats until no INSERT INTO a stratum table above adds a row:")
                for rule in rules {
                    for atom in sql.recursiveAtoms(of: rule, in: members) {
                        lines.append(comment(rule) + "  [delta at atom \(atom + 1)]")
                        lines.append(sql.insert(rule, steps: program.plan(rule, first: atom).steps, into: sql.newTable(rule.head), view: view, source: { scan in
                            scan.atomIndex == atom && members.contains(scan.predicate) ? SQLSource(table: sql.deltaTable(scan.predicate), view: view) : read(scan)
                        }, negatedSource: negated) + ";")
                    }
                }
                lines += advance
            }
        }
        for (query, file) in queries {
            let compiled = try compile(query, in: file)
            let select = sql.compiler(source: read, negatedSource: negated).select(compiled.plan, head: compiled.rule.headTerms)
            let views = compiled.owners.map { "\(SQLProgram.viewNumber($0))" + (sourceName($0).map { " (\($0))" } ?? " (the common ground)") }
            lines.append("\n-- Query: " + file.text(query.range).split(whereSeparator: { $0 == "\n" }).joined(separator: " "))
            lines.append("-- Run with \(view) = each of: " + views.joined(separator: ", "))
            lines.append(select.withClause + select.body + ";")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
