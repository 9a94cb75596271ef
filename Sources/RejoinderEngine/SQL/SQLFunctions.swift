import RejoinderSyntax

/// The scalar `rj_` functions, as the engine computes them: SQLite calls
/// these very closures; PostgreSQL and DuckDB compute them in SQL (their
/// prelude) and, when one fails, name it and its arguments, so that the
/// host calls it here and reports the engine's own error.
enum SQLFunctions {
    typealias Body = ([Value]) throws(ArithmeticError) -> Value?

    /// Each function's name, number of arguments and body. A comparison or
    /// membership is 1 or 0 (SQLite has no booleans); `rj_first` and
    /// `rj_last` are a range's first and last year, nil for a decimal.
    static func scalars(symbols: SymbolTable) -> [(name: String, arity: Int, body: Body)] {
        let here = SourceRange(start: 0, end: 0)
        func number(_ value: Bool) -> Value { .integer(value ? 1 : 0) }
        var scalars: [(name: String, arity: Int, body: Body)] = []
        for (name, op) in arithmetic {
            scalars.append((name, 2, { (values) throws(ArithmeticError) in try Arithmetic.apply(op, values[0], values[1], range: here, symbols: symbols) }))
        }
        for function in BuiltinFunction.allCases {
            scalars.append(("rj_" + function.rawValue, function.arity, { (values) throws(ArithmeticError) in
                try Arithmetic.call(function, values, range: here, symbols: symbols)
            }))
        }
        for (name, op) in comparisons {
            scalars.append((name, 2, { (values) throws(ArithmeticError) in number(try Arithmetic.compare(op, values[0], values[1], range: here, symbols: symbols)) }))
        }
        scalars += [
            ("rj_neg", 1, { (values) throws(ArithmeticError) in try Arithmetic.evaluate(.negate(.constant(values[0]), here), bindings: nil, symbols: symbols) }),
            ("rj_range", 2, { (values) throws(ArithmeticError) in
                try Arithmetic.evaluate(.range(.constant(values[0]), .constant(values[1]), here), bindings: nil, symbols: symbols)
            }),
            ("rj_in", 2, { (values) throws(ArithmeticError) in number(try Arithmetic.contains(values[1], values[0], range: here, symbols: symbols)) }),
            // A year is its own range; a decimal has none, so an enumeration yields nothing.
            ("rj_first", 1, { (values) throws(ArithmeticError) in try Arithmetic.bounds(of: values[0], range: here, symbols: symbols).map { .integer($0.lowerBound) } }),
            ("rj_last", 1, { (values) throws(ArithmeticError) in try Arithmetic.bounds(of: values[0], range: here, symbols: symbols).map { .integer($0.upperBound) } }),
        ]
        return scalars
    }

    static let arithmetic: [(name: String, op: ArithmeticOperator)] = [("rj_add", .add), ("rj_sub", .subtract), ("rj_mul", .multiply), ("rj_div", .divide)]
    static let comparisons: [(name: String, op: ComparisonOperator)] = [("rj_lt", .less), ("rj_le", .lessOrEqual), ("rj_gt", .greater), ("rj_ge", .greaterOrEqual)]

    /// What a prelude's function says when it fails: `rejoinder: rj_add
    /// failed on i9223372036854775807 i1` (its arguments as `rj_text`).
    static let failurePrefix = "rejoinder: "

    /// The engine's error for an engine's message that names a failed
    /// function, by calling the function here on the same arguments; nil
    /// for any other message.
    static func error(in message: String, symbols: SymbolTable) -> ArithmeticError? {
        guard let start = message.firstRange(of: failurePrefix) else { return nil }
        let words = message[start.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard words.count >= 3, words[1] == "failed", words[2] == "on" else { return nil }
        let name = String(words[0])
        var arguments: [Value] = []
        for word in words.dropFirst(3) {
            guard let value = SQLValueText.decode(word, symbols: symbols) else { break }
            arguments.append(value)
        }
        guard let function = scalars(symbols: symbols).first(where: { $0.name == name && $0.arity == arguments.count }) else { return nil }
        do throws(ArithmeticError) {
            _ = try function.body(arguments)
        } catch {
            return error
        }
        return nil
    }
}
