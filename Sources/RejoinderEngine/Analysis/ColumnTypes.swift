/// The kinds of value a column can hold: a set of integer, decimal, symbol
/// (strings are symbols) and range. Values carry their kind at run time;
/// this is what analysis can say before evaluating anything.
public struct ColumnType: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let integer = ColumnType(rawValue: 1 << 0)
    public static let decimal = ColumnType(rawValue: 1 << 1)
    public static let symbol = ColumnType(rawValue: 1 << 2)
    public static let range = ColumnType(rawValue: 1 << 3)
    /// Either number. Whatever is computed in floating point is stored as
    /// an integer when it is one (`Value.number`), so a computed decimal is
    /// always `number`.
    public static let number: ColumnType = [.integer, .decimal]

    /// The kind of one value.
    init(of value: Value) {
        switch value.tag {
        case .integer: self = .integer
        case .double: self = .decimal
        case .symbol: self = .symbol
        case .range: self = .range
        }
    }

    /// `number` for both numbers, then the kinds in the cross-type order
    /// (numbers, symbols, ranges) joined by `|`; `none` when the column
    /// can hold nothing.
    public var description: String {
        var names: [String] = []
        if isSuperset(of: .number) {
            names.append("number")
        } else if contains(.integer) {
            names.append("integer")
        } else if contains(.decimal) {
            names.append("decimal")
        }
        if contains(.symbol) { names.append("symbol") }
        if contains(.range) { names.append("range") }
        return names.isEmpty ? "none" : names.joined(separator: " | ")
    }
}

/// The type of every column of every predicate of a program: what its
/// stored rows hold, what its built-in computes, and what its rules can
/// derive (by the arithmetic of `Arithmetic` and the folds of
/// `Accumulator`), stratum by stratum, lowest first, to a fixpoint inside
/// each stratum.
///
/// Sound rather than exact: every value evaluation can put in a column,
/// in any view, is of a kind in its type. A variable takes the kinds of
/// whatever binds it in the rule's plan; a later test that it equals
/// something else does not narrow them.
struct ColumnTypes {
    /// By predicate, one type per column.
    private var columns: [[ColumnType]]

    init(_ program: Program) {
        columns = program.predicates.allIDs.map { [ColumnType](repeating: [], count: program.predicates[$0].arity) }
        for (key, relation) in program.facts {
            for row in 0..<relation.count {
                for column in 0..<relation.arity {
                    columns[key.predicate.rawValue][column].insert(ColumnType(of: relation.value(row: row, column: column)))
                }
            }
        }
        let plans = program.rules.map { program.plan($0, first: nil) }
        for (index, stratum) in program.strata.enumerated() {
            for predicate in stratum.predicates where program.argumentation.builtin(predicate) != nil {
                // An argument is an entity of `is_a` or either side of an attack.
                let inputs = [self[program.argumentation.isA][0]] + program.argumentation.attacks.flatMap { self[$0] }
                add([inputs.reduce([], { $0.union($1) }), .symbol], to: predicate)
            }
            var changed = true
            while changed {
                changed = false
                for rule in program.rulesByStratum[index] {
                    let (steps, slotCount) = plans[rule]
                    var slots = [ColumnType](repeating: [], count: slotCount)
                    bind(steps, into: &slots)
                    changed = add(program.rules[rule].headTerms.map { type(of: $0, slots) }, to: program.rules[rule].head) || changed
                }
            }
        }
    }

    subscript(predicate: PredicateID) -> [ColumnType] { columns[predicate.rawValue] }

    /// Widens a predicate's columns; whether any grew.
    @discardableResult
    private mutating func add(_ types: [ColumnType], to predicate: PredicateID) -> Bool {
        var grew = false
        for (column, type) in types.enumerated() where !columns[predicate.rawValue][column].isSuperset(of: type) {
            columns[predicate.rawValue][column].formUnion(type)
            grew = true
        }
        return grew
    }

    /// The kinds each step can bind its slots to, in the order the steps
    /// run. A slot bound in two places (a name used inside two aggregates)
    /// takes both.
    private func bind(_ steps: [PlanStep], into slots: inout [ColumnType]) {
        for step in steps {
            switch step {
            case .scan(let scan):
                for (column, action) in scan.columns.enumerated() {
                    if case .bind(let slot) = action { slots[slot].formUnion(self[scan.predicate][column]) }
                }
            case .negation, .test, .member:
                break
            case .assign(let slot, let term, _):
                slots[slot].formUnion(type(of: term, slots))
            case .enumerate(let slot, let collection, _):
                // The years of a range, or the one year of an integer.
                if !type(of: collection, slots).isDisjoint(with: [.integer, .range]) { slots[slot].formUnion(.integer) }
            case .aggregate(let aggregate):
                bind(aggregate.inner, into: &slots)
                slots[aggregate.result].formUnion(type(of: aggregate, slots))
            }
        }
    }

    /// What `Accumulator.result` can give: `count` an integer, `sum` an
    /// integer (0 for nothing) or, once a decimal enters, a number, `mean`
    /// a number, `min` and `max` one of the values folded.
    private func type(of aggregate: AggregatePlan, _ slots: [ColumnType]) -> ColumnType {
        let target = aggregate.target.map { type(of: $0, slots) } ?? []
        switch aggregate.function {
        case .count: return .integer
        case .sum: return target.contains(.decimal) ? .number : .integer
        case .mean: return target.isDisjoint(with: .number) ? [] : .number
        case .min, .max: return target
        }
    }

    /// What `Arithmetic.evaluate` can give for `term`; a kind it rejects
    /// (a symbol in a sum) is an error, not a value, so adds nothing.
    private func type(of term: Term, _ slots: [ColumnType]) -> ColumnType {
        switch term {
        case .constant(let value):
            return ColumnType(of: value)
        case .variable(let slot, _):
            return slots[slot]
        case .arithmetic(let op, let left, let right, _):
            let lhs = type(of: left, slots).intersection(.number), rhs = type(of: right, slots).intersection(.number)
            guard !lhs.isEmpty && !rhs.isEmpty else { return [] }
            // Integers stay integers (or overflow, an error) except in a division.
            var result: ColumnType = op != .divide && lhs.contains(.integer) && rhs.contains(.integer) ? .integer : []
            if op == .divide || lhs.contains(.decimal) || rhs.contains(.decimal) { result.formUnion(.number) }
            return result
        case .negate(let operand, _):
            return computed(type(of: operand, slots))
        case .function(let function, let arguments, _):
            let types = arguments.map { type(of: $0, slots).intersection(.number) }
            guard !types.contains(where: \.isEmpty) else { return [] }
            switch function {
            case .min, .max: return types[0].union(types[1])
            case .log: return .number
            case .abs, .round, .floor, .ceil: return computed(types[0])
            }
        case .range(let lower, let upper, _):
            return type(of: lower, slots).contains(.integer) && type(of: upper, slots).contains(.integer) ? .range : []
        }
    }

    /// A function of one number that keeps an integer an integer and
    /// computes a decimal in floating point.
    private func computed(_ operand: ColumnType) -> ColumnType {
        let kept: ColumnType = operand.contains(.integer) ? .integer : []
        return kept.union(operand.contains(.decimal) ? .number : [])
    }
}
