import RejoinderSyntax

/// The state shared by the steps of one evaluation: variable bindings, the
/// symbol table and the budget (Ctrl-C, limits).
final class Runner {
    let symbols: SymbolTable
    let budget: EvaluationBudget
    let bindings: UnsafeMutablePointer<Value>
    let slotCount: Int
    private var ticks = 0

    init(slotCount: Int, symbols: SymbolTable, budget: EvaluationBudget) {
        self.slotCount = slotCount
        self.symbols = symbols
        self.budget = budget
        bindings = .allocate(capacity: max(1, slotCount))
        bindings.initialize(repeating: .integer(0), count: max(1, slotCount))
    }

    deinit { bindings.deallocate() }

    /// Counts one unit of work and, every 4096 of them, checks for Ctrl-C
    /// and the time limit.
    @inline(__always)
    func tick() throws(EvaluationFailure) {
        ticks &+= 1
        if ticks & 0xFFF == 0 { try budget.check() }
    }

    @inline(__always)
    func evaluate(_ term: Term, in file: SourceFile) throws(EvaluationFailure) -> Value {
        switch term {
        case .constant(let value): return value
        case .variable(let slot, _): return bindings[slot]
        default:
            do {
                return try Arithmetic.evaluate(term, bindings: bindings, symbols: symbols)
            } catch {
                throw .arithmetic(error, file)
            }
        }
    }
}

/// A row of terms to compute, compiled so that the common cases (a bound
/// variable, a constant) cost a load each instead of a walk of a `Term`.
final class Operands {
    private enum Kind: UInt8 { case slot, constant, computed }

    let count: Int
    private let kinds: UnsafeMutablePointer<Kind>
    /// The slot of a variable, or the position in `computed` of an expression.
    private let slots: UnsafeMutablePointer<Int>
    private let constants: UnsafeMutablePointer<Value>
    private let computed: [Term]
    /// The computed row, filled by `load`.
    let tags: UnsafeMutablePointer<UInt8>
    let payloads: UnsafeMutablePointer<UInt64>

    init(_ terms: [Term]) {
        count = terms.count
        kinds = .allocate(capacity: max(1, count))
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: 0, count: max(1, count))
        constants = .allocate(capacity: max(1, count))
        constants.initialize(repeating: .integer(0), count: max(1, count))
        tags = .allocate(capacity: max(1, count))
        payloads = .allocate(capacity: max(1, count))
        var computed: [Term] = []
        for (position, term) in terms.enumerated() {
            switch term {
            case .variable(let slot, _):
                (kinds + position).initialize(to: .slot)
                slots[position] = slot
            case .constant(let value):
                (kinds + position).initialize(to: .constant)
                constants[position] = value
            default:
                (kinds + position).initialize(to: .computed)
                slots[position] = computed.count
                computed.append(term)
            }
        }
        self.computed = computed
    }

    deinit {
        kinds.deallocate()
        slots.deallocate()
        constants.deallocate()
        tags.deallocate()
        payloads.deallocate()
    }

    /// Computes every term under the runner's bindings into `tags` and `payloads`.
    @inline(__always)
    func load(_ runner: Runner, file: SourceFile) throws(EvaluationFailure) {
        var position = 0
        while position < count {
            let value: Value
            switch kinds[position] {
            case .slot: value = runner.bindings[slots[position]]
            case .constant: value = constants[position]
            case .computed: value = try runner.evaluate(computed[slots[position]], in: file)
            }
            tags[position] = value.tag.rawValue
            payloads[position] = value.payload
            position &+= 1
        }
    }
}

/// One step of a compiled plan. Steps form a chain: each does its part for
/// the current bindings and calls the next once per way to go on.
class Step {
    /// The step to go on to; nil only at the end of a chain.
    let next: Step!
    let file: SourceFile

    init(next: Step?, file: SourceFile) {
        self.next = next
        self.file = file
    }

    func run(_ runner: Runner) throws(EvaluationFailure) {}
}

/// Reads an atom: looks rows up by the bound key columns through a hash
/// index (or the row set when every column is bound, or scans when none
/// is) and binds the other columns.
final class ScanStep: Step {
    let relation: Relation
    private let key: Operands
    /// (column, slot) pairs: the columns that bind a slot, then those
    /// checked against one; buffers rather than arrays, which are reference
    /// counted at every row they are read.
    private let binds: UnsafeMutablePointer<(column: Int, slot: Int)>
    private let bindCount: Int
    private let checks: UnsafeMutablePointer<(column: Int, slot: Int)>
    private let checkCount: Int
    private let index: RowIndex?
    /// The relation's columns, read without a call on the relation: the
    /// threads running copies of one chain share it, and the reference
    /// count each call took, from both cores at every row, made the
    /// count's cache line travel between them.
    private let storage: RowStorage
    /// Every column is bound: at most one row matches, found in the row
    /// set, with no index to build and keep.
    private let isWholeRow: Bool
    private var lower: Int
    private var upper: Int

    /// A scan of rows `rows` of `relation` (a semi-naive round reads only
    /// part of a growing relation).
    init(relation: Relation, rows: Range<Int>, columns: [ColumnAction], next: Step?, file: SourceFile) {
        self.relation = relation
        storage = relation.storage
        lower = rows.lowerBound
        upper = rows.upperBound
        var keyTerms: [Term] = [], binds: [(column: Int, slot: Int)] = [], checks: [(column: Int, slot: Int)] = []
        var mask: UInt64 = 0
        for (column, action) in columns.enumerated() {
            switch action {
            case .key(let term):
                keyTerms.append(term)
                mask |= 1 << UInt64(column)
            case .bind(let slot): binds.append((column, slot))
            case .check(let slot): checks.append((column, slot))
            }
        }
        key = Operands(keyTerms)
        self.binds = .allocate(capacity: max(1, binds.count))
        self.binds.initialize(from: binds, count: binds.count)
        bindCount = binds.count
        self.checks = .allocate(capacity: max(1, checks.count))
        self.checks.initialize(from: checks, count: checks.count)
        checkCount = checks.count
        isWholeRow = relation.arity > 0 && keyTerms.count == relation.arity
        index = mask == 0 || isWholeRow ? nil : relation.index(on: mask)
        super.init(next: next, file: file)
    }

    deinit {
        binds.deallocate()
        checks.deallocate()
    }

    /// The rows the scan reads.
    var rows: Range<Int> {
        get { lower..<upper }
        set { (lower, upper) = (newValue.lowerBound, newValue.upperBound) }
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        let bindings = runner.bindings
        if isWholeRow {
            try key.load(runner, file: file)
            if let row = relation.position(ofTags: key.tags, payloads: key.payloads), row >= lower, row < upper {
                try runner.tick()
                try next.run(runner)
            }
            return
        }
        // Read through the property, not bound to a local: a local would be
        // a counted reference to the index, which the threads share.
        guard index != nil else {
            var row = lower
            while row < upper {
                try runner.tick()
                if bind(row, bindings) { try next.run(runner) }
                row += 1
            }
            return
        }
        try key.load(runner, file: file)
        var row = index.unsafelyUnwrapped.first(keyTags: key.tags, keyPayloads: key.payloads, keyCount: key.count, storage)
        let chain = index.unsafelyUnwrapped.chain
        while row >= 0 {
            let current = Int(row)
            if current < lower { return }
            if current < upper {
                try runner.tick()
                if bind(current, bindings) { try next.run(runner) }
            }
            row = chain[current]
        }
    }

    @inline(__always)
    private func bind(_ row: Int, _ bindings: UnsafeMutablePointer<Value>) -> Bool {
        let cells = storage.columns
        for position in 0..<bindCount {
            let (column, slot) = binds[position]
            bindings[slot] = cells[column].value(row)
        }
        for position in 0..<checkCount {
            let (column, slot) = checks[position]
            let value = bindings[slot]
            if !cells[column].holds(row, tag: value.tag.rawValue, payload: value.payload) { return false }
        }
        return true
    }
}

/// `not p(…)`: goes on only when no row matches (`_` matches anything).
final class NegationStep: Step {
    private let relation: Relation
    /// The relation's columns (see ScanStep.storage).
    private let storage: RowStorage
    private let key: Operands
    private let index: RowIndex?

    init(relation: Relation, terms: [Term?], next: Step?, file: SourceFile) {
        self.relation = relation
        storage = relation.storage
        key = Operands(terms.compactMap { $0 })
        var mask: UInt64 = 0
        for (column, term) in terms.enumerated() where term != nil { mask |= 1 << UInt64(column) }
        // A fully bound atom is checked against the row set; a partly bound
        // one needs an index on its bound columns.
        index = key.count == terms.count ? nil : relation.index(on: mask)
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        try key.load(runner, file: file)
        let present: Bool
        if index != nil {  // not bound to a local: see ScanStep.run
            present = index.unsafelyUnwrapped.first(keyTags: key.tags, keyPayloads: key.payloads, keyCount: key.count, storage) >= 0
        } else {
            present = relation.contains(tags: key.tags, payloads: key.payloads)
        }
        if !present { try next.run(runner) }
    }
}

/// A comparison of two bound terms.
final class TestStep: Step {
    private let op: ComparisonOperator
    private let left: Term
    private let right: Term
    private let range: SourceRange

    init(_ op: ComparisonOperator, _ left: Term, _ right: Term, range: SourceRange, next: Step?, file: SourceFile) {
        self.op = op
        self.left = left
        self.right = right
        self.range = range
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        let lhs = try runner.evaluate(left, in: file)
        let rhs = try runner.evaluate(right, in: file)
        let holds: Bool
        do {
            holds = try Arithmetic.compare(op, lhs, rhs, range: range, symbols: runner.symbols)
        } catch {
            throw .arithmetic(error, file)
        }
        if holds { try next.run(runner) }
    }
}

/// `X = term` with X unbound.
final class AssignStep: Step {
    private let slot: Int
    private let term: Term

    init(slot: Int, term: Term, next: Step?, file: SourceFile) {
        self.slot = slot
        self.term = term
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        runner.bindings[slot] = try runner.evaluate(term, in: file)
        try next.run(runner)
    }
}

/// `X in R` with X unbound: each year of R in turn.
final class EnumerateStep: Step {
    private let slot: Int
    private let collection: Term
    private let range: SourceRange

    init(slot: Int, collection: Term, range: SourceRange, next: Step?, file: SourceFile) {
        self.slot = slot
        self.collection = collection
        self.range = range
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        let value = try runner.evaluate(collection, in: file)
        let bounds: ClosedRange<Int64>?
        do {
            bounds = try Arithmetic.bounds(of: value, range: range, symbols: runner.symbols)
        } catch {
            throw .arithmetic(error, file)
        }
        guard let bounds else { return }
        var year = bounds.lowerBound
        while true {
            try runner.tick()
            runner.bindings[slot] = .integer(year)
            try next.run(runner)
            if year == bounds.upperBound { return }
            year += 1
        }
    }
}

/// `term in R` with both bound.
final class MemberStep: Step {
    private let element: Term
    private let collection: Term
    private let range: SourceRange

    init(element: Term, collection: Term, range: SourceRange, next: Step?, file: SourceFile) {
        self.element = element
        self.collection = collection
        self.range = range
        super.init(next: next, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        let value = try runner.evaluate(element, in: file)
        let container = try runner.evaluate(collection, in: file)
        let holds: Bool
        do {
            holds = try Arithmetic.contains(container, value, range: range, symbols: runner.symbols)
        } catch {
            throw .arithmetic(error, file)
        }
        if holds { try next.run(runner) }
    }
}

/// The end of a chain: computes the head and adds the row to `target`
/// (which keeps it only if it is new). Rows are inserted in batches, so
/// whoever runs the chain calls `flush(_:)` when it returns.
final class EmitStep: Step {
    private let target: Relation
    /// What the target is, for the error when it grows past the limit.
    private let targetName: String
    private let head: Operands
    private let batch: RowBatch

    init(target: Relation, named targetName: String, terms: [Term], file: SourceFile) {
        self.target = target
        self.targetName = targetName
        head = Operands(terms)
        batch = RowBatch(arity: terms.count)
        super.init(next: nil, file: file)
    }

    override func run(_ runner: Runner) throws(EvaluationFailure) {
        try head.load(runner, file: file)
        batch.append(tags: head.tags, payloads: head.payloads)
        if batch.isFull { try flush(runner) }
    }

    /// Inserts the rows held back, and counts the new ones against the limit.
    func flush(_ runner: Runner) throws(EvaluationFailure) {
        let inserted = target.insertAll(batch)
        batch.removeAll()
        try runner.budget.derived(inserted.nonzeroBitCount, into: targetName, bytesPerRow: target.bytesPerRow)
    }
}
