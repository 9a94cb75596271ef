import CSQLite
import RejoinderSyntax

/// What the `rj_` functions share with the host that runs the statements:
/// the codec, the budget to poll while SQLite works, and why SQLite was
/// stopped.
final class SQLiteFunctionHost {
    let codec: SQLiteValueCodec
    var budget: EvaluationBudget
    /// The error of a function that made its statement fail.
    var arithmeticError: ArithmeticError?
    /// The budget's failure (Ctrl-C, time) that interrupted a statement.
    var budgetFailure: EvaluationFailure?

    init(codec: SQLiteValueCodec, budget: EvaluationBudget) {
        self.codec = codec
        self.budget = budget
    }

    /// Defines the `rj_` functions in `database` and polls the budget
    /// every thousand virtual-machine steps.
    ///
    /// Each function is the engine's own arithmetic (`SQLFunctions`,
    /// `Accumulator`), so a value computed in SQL is the value the
    /// in-memory evaluator computes, and an overflow or a type error fails
    /// the statement with the engine's message.
    func install(in database: OpaquePointer) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { box in Unmanaged<AnyObject>.fromOpaque(box!).release() }
        let call: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, arguments in
            Unmanaged<ScalarFunction>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue().call(context!, count, arguments!)
        }
        for (name, arity, body) in SQLFunctions.scalars(symbols: codec.symbols) {
            let box = Unmanaged.passRetained(ScalarFunction(host: self, body: body) as AnyObject).toOpaque()
            sqlite3_create_function_v2(database, name, Int32(arity), flags, box, call, nil, nil, release)
        }
        let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, arguments in
            Unmanaged<AggregateFunctionBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue().step(context!, arguments![0]!)
        }
        let final: @convention(c) (OpaquePointer?) -> Void = { context in
            Unmanaged<AggregateFunctionBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue().finish(context!)
        }
        for function in [AggregateFunction.sum, .min, .max, .mean] {
            let box = Unmanaged.passRetained(AggregateFunctionBox(host: self, function: function) as AnyObject).toOpaque()
            sqlite3_create_function_v2(database, "rj_" + function.rawValue, 1, flags, box, nil, step, final, release)
        }
        let poll: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { pointer in
            let host = Unmanaged<SQLiteFunctionHost>.fromOpaque(pointer!).takeUnretainedValue()
            do throws(EvaluationFailure) {
                try host.budget.check()
                return 0
            } catch {
                host.budgetFailure = error
                return 1
            }
        }
        // The connection lives no longer than the evaluator that holds this host.
        sqlite3_progress_handler(database, 1000, poll, Unmanaged.passUnretained(self).toOpaque())
    }
}

/// A scalar `rj_` function: NULL in, NULL out (a missing aggregate value).
private final class ScalarFunction {
    unowned let host: SQLiteFunctionHost
    let body: SQLFunctions.Body

    init(host: SQLiteFunctionHost, body: @escaping SQLFunctions.Body) {
        self.host = host
        self.body = body
    }

    func call(_ context: OpaquePointer, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>) {
        var values: [Value] = []
        for position in 0..<Int(count) {
            guard let value = host.codec.argument(arguments[position]!) else { return sqlite3_result_null(context) }
            values.append(value)
        }
        do throws(ArithmeticError) {
            guard let result = try body(values) else { return sqlite3_result_null(context) }
            host.codec.result(result, in: context)
        } catch {
            host.arithmeticError = error
            sqlite3_result_error(context, error.message, -1)
        }
    }
}

/// `rj_sum`, `rj_min`, `rj_max`, `rj_mean`: the evaluator's `Accumulator`,
/// one per group, kept in SQLite's aggregate context.
private final class AggregateFunctionBox {
    unowned let host: SQLiteFunctionHost
    let function: AggregateFunction
    private static let file = SourceFile(name: "<sql>", text: "")

    init(host: SQLiteFunctionHost, function: AggregateFunction) {
        self.host = host
        self.function = function
    }

    private func cell(_ context: OpaquePointer, creating: Bool) -> UnsafeMutablePointer<UnsafeMutablePointer<Accumulator>?>? {
        let size = Int32(creating ? MemoryLayout<UnsafeMutablePointer<Accumulator>?>.size : 0)
        return sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutablePointer<Accumulator>?.self)
    }

    func step(_ context: OpaquePointer, _ argument: OpaquePointer) {
        guard let cell = cell(context, creating: true), let value = host.codec.argument(argument) else { return }
        if cell.pointee == nil {
            let accumulator = UnsafeMutablePointer<Accumulator>.allocate(capacity: 1)
            accumulator.initialize(to: Accumulator())
            cell.pointee = accumulator
        }
        let accumulator = cell.pointee!
        accumulator.pointee.count += 1
        do throws(EvaluationFailure) {
            try accumulator.pointee.add(value, function: function, symbols: host.codec.symbols, range: SourceRange(start: 0, end: 0), file: Self.file)
        } catch {
            if case .arithmetic(let error, _) = error {
                host.arithmeticError = error
                sqlite3_result_error(context, error.message, -1)
            }
        }
    }

    func finish(_ context: OpaquePointer) {
        let accumulator = cell(context, creating: false)?.pointee
        defer { accumulator?.deinitialize(count: 1).deallocate() }
        guard let result = (accumulator?.pointee ?? Accumulator()).result(of: function) else { return sqlite3_result_null(context) }
        host.codec.result(result, in: context)
    }
}
