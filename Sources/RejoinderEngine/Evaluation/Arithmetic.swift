import RejoinderSyntax

/// An error while computing a value: overflow, division by zero, a type
/// error. It carries the range of the expression so the diagnostic can
/// point at it.
struct ArithmeticError: Error {
    let message: String
    let range: SourceRange
    var help: String?
}

/// Values of terms, comparisons and range membership, by the rules of
/// LANGUAGE.md §2 and §4: integers stay integers until a division or a
/// double enters; overflow, division by zero, NaN and infinity are errors.
enum Arithmetic {
    /// The value of `term` under `bindings` (nil when the term has no variables).
    static func evaluate(_ term: Term, bindings: UnsafeMutablePointer<Value>?, symbols: SymbolTable) throws(ArithmeticError) -> Value {
        switch term {
        case .constant(let value):
            return value
        case .variable(let slot, _):
            return bindings![slot]
        case .arithmetic(let op, let left, let right, let range):
            let lhs = try evaluate(left, bindings: bindings, symbols: symbols)
            let rhs = try evaluate(right, bindings: bindings, symbols: symbols)
            return try apply(op, lhs, rhs, range: range, symbols: symbols)
        case .negate(let operand, let range):
            let value = try evaluate(operand, bindings: bindings, symbols: symbols)
            if let integer = value.integerValue {
                guard integer != .min else { throw ArithmeticError(message: "integer overflow in negation", range: range) }
                return .integer(-integer)
            }
            guard let double = value.doubleValue else { throw typeError(value, range, symbols) }
            return .number(-double)
        case .function(let function, let arguments, let range):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument, bindings: bindings, symbols: symbols)) }
            return try call(function, values, range: range, symbols: symbols)
        case .range(let lower, let upper, let range):
            let low = try evaluate(lower, bindings: bindings, symbols: symbols)
            let high = try evaluate(upper, bindings: bindings, symbols: symbols)
            guard let a = low.integerValue, let b = high.integerValue else {
                throw ArithmeticError(message: "the bounds of a range must be integers, found \(symbols.sourceText(low))..\(symbols.sourceText(high))", range: range)
            }
            guard a <= b else {
                throw ArithmeticError(message: "empty range \(a)..\(b)", range: range, help: "write the lower bound first, as in \(b)..\(a)")
            }
            return symbols.range(a...b)
        }
    }

    static func apply(_ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value, range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> Value {
        if let a = lhs.integerValue, let b = rhs.integerValue, op != .divide {
            let (result, overflow): (Int64, Bool)
            switch op {
            case .add: (result, overflow) = a.addingReportingOverflow(b)
            case .subtract: (result, overflow) = a.subtractingReportingOverflow(b)
            default: (result, overflow) = a.multipliedReportingOverflow(by: b)
            }
            guard !overflow else {
                throw ArithmeticError(message: "integer overflow in \(a) \(op.rawValue) \(b)", range: range,
                                      help: "integers are 64-bit; write one operand as a decimal (such as 2.0) to compute in floating point")
            }
            return .integer(result)
        }
        guard let a = lhs.doubleValue else { throw typeError(lhs, range, symbols) }
        guard let b = rhs.doubleValue else { throw typeError(rhs, range, symbols) }
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide:
            guard b != 0 else { throw ArithmeticError(message: "division by zero", range: range) }
            result = a / b
        }
        guard result.isFinite else {
            throw ArithmeticError(message: "arithmetic overflow: the result is too large for a number", range: range)
        }
        return .number(result)
    }

    static func call(_ function: BuiltinFunction, _ values: [Value], range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> Value {
        if function == .min || function == .max {
            let order = try compareNumbers(values[0], values[1], range: range, symbols: symbols)
            return (function == .min) == (order <= 0) ? values[0] : values[1]
        }
        let value = values[0]
        if let integer = value.integerValue, function != .log {
            if function == .abs {
                guard integer != .min else { throw ArithmeticError(message: "integer overflow in abs", range: range) }
                return .integer(Swift.abs(integer))
            }
            return value
        }
        guard let double = value.doubleValue else { throw typeError(value, range, symbols) }
        switch function {
        case .abs: return .number(Swift.abs(double))
        case .round: return .number(double.rounded(.toNearestOrAwayFromZero))
        case .floor: return .number(double.rounded(.down))
        case .ceil: return .number(double.rounded(.up))
        case .log:
            guard double > 0 else { throw ArithmeticError(message: "log of \(symbols.sourceText(value)), which is not positive", range: range) }
            return .number(naturalLogarithm(double))
        case .min, .max: preconditionFailure()
        }
    }

    /// Whether `lhs op rhs` holds. `=` and `!=` compare any values; the
    /// ordering operators need two numbers, two symbols or two ranges.
    static func compare(_ op: ComparisonOperator, _ lhs: Value, _ rhs: Value, range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> Bool {
        switch op {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default: break
        }
        let order: Int
        if lhs.isNumber && rhs.isNumber {
            order = NumberOrder.compare(lhs, rhs)
        } else if lhs.tag == rhs.tag {
            order = symbols.compare(lhs, rhs)
        } else {
            throw ArithmeticError(
                message: "cannot compare \(noun(lhs)) \(symbols.sourceText(lhs)) with \(noun(rhs)) \(symbols.sourceText(rhs)) using '\(op.rawValue)'",
                range: range,
                help: "'<', '<=', '>' and '>=' compare numbers with numbers and symbols with symbols")
        }
        switch op {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// The years of a range value; a number stands for its one year.
    static func bounds(of collection: Value, range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> ClosedRange<Int64>? {
        if let bounds = symbols.bounds(of: collection) { return bounds }
        if let integer = collection.integerValue { return integer...integer }
        if collection.tag == .double { return nil }
        throw ArithmeticError(message: "'in' needs a range or a year, found \(noun(collection)) \(symbols.sourceText(collection))", range: range)
    }

    static func contains(_ collection: Value, _ element: Value, range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> Bool {
        guard let bounds = try bounds(of: collection, range: range, symbols: symbols), let year = element.integerValue else { return false }
        return bounds.contains(year)
    }

    private static func compareNumbers(_ lhs: Value, _ rhs: Value, range: SourceRange, symbols: SymbolTable) throws(ArithmeticError) -> Int {
        guard lhs.isNumber else { throw typeError(lhs, range, symbols) }
        guard rhs.isNumber else { throw typeError(rhs, range, symbols) }
        return NumberOrder.compare(lhs, rhs)
    }

    private static func typeError(_ value: Value, _ range: SourceRange, _ symbols: SymbolTable) -> ArithmeticError {
        ArithmeticError(message: "arithmetic needs a number, found \(noun(value)) \(symbols.sourceText(value))", range: range)
    }

    private static func noun(_ value: Value) -> String {
        switch value.tag {
        case .integer, .double: return "the number"
        case .symbol: return "the symbol"
        case .range: return "the range"
        }
    }
}
