#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RejoinderSyntax

/// Ground facts staged for a load straight from the bytes of their tokens:
/// no syntax tree, no String for a symbol already interned, no Double parsed
/// through a String. This is how a million observations load quickly.
///
/// Staging decides nothing a parsed fact would be told: a fact it cannot
/// store as it stands (an arity clash, a built-in's name, a number too
/// large, a wrong vocabulary entry, an observation without actor and year)
/// is handed back to be parsed and lowered as any statement is, so that its
/// diagnostics are the parser's own.
struct FactStaging {
    let predicates: PredicateTable
    private let symbols: SymbolTable
    private(set) var facts: [FactKey: Relation] = [:]
    private(set) var origins: [FactKey: FactOrigins] = [:]
    /// The numbers of the files the staged facts come from.
    private(set) var fileNumbering: FileNumbering
    /// Indicators named by observations, to check against the declarations
    /// when the load is committed.
    private(set) var observedIndicators: Set<String> = []
    /// The stretches of text staged facts were read from, in order, to
    /// read a group of them again when the load finds them wrong.
    private(set) var stretches: [(file: SourceFile, range: SourceRange)] = []
    /// Where the facts handed back to the parser start, so that reading a
    /// stretch again skips them.
    private(set) var handedBack: Set<SourcePosition> = []
    /// How many facts were staged (a fact stated twice counts twice).
    private(set) var count = 0
    /// The predicate of the previous fact, which the next usually shares.
    private var lastName: [UInt8] = []
    private var lastArity = -1
    private var lastKey: FactKey?
    private var lastRelation: Relation?
    private var lastOrigins: FactOrigins?
    private let row = RowBuffer()
    /// `vocabulary/2`, whose facts are checked as they are read.
    private let vocabularyPredicate: PredicateID
    /// Where each name a vocabulary fact declares is written.
    private(set) var vocabularySpans: [String: SourceSpan] = [:]
    /// Rows read but not yet inserted into `lastRelation`, with their
    /// origins: inserting 64 at a time lets their memory reads overlap.
    private var pending: RowBatch?
    private var pendingOrigins: [FactOrigin] = []
    /// One batch per arity, reused: mixed files change predicate at almost
    /// every statement.
    private var batches: [Int: RowBatch] = [:]
    /// The last origin worked out, so the next line is counted from there
    /// rather than searched for.
    private var lastOrigin: (file: SourceFile, offset: Int, line: Int, fileIndex: Int)?

    init(base: KnowledgeBase) {
        vocabularyPredicate = base.vocabularyPredicate
        predicates = PredicateTable(extending: base.catalog.predicates)
        symbols = base.symbols
        fileNumbering = FileNumbering(store: base.store)
    }

    /// Stages `fact`, which `treesBefore` parsed trees precede in the load,
    /// or returns false, staging nothing, when it must be parsed instead.
    mutating func add(_ fact: StatementReader.GroundFact, tokens: [Token], file: SourceFile, treesBefore: Int) -> Bool {
        guard stage(fact, tokens: tokens, file: file, treesBefore: treesBefore) else {
            handedBack.insert(SourcePosition(file: file, offset: fact.range.start))
            return false
        }
        if let last = stretches.last, last.file === file, last.range.end <= fact.range.start {
            stretches[stretches.count - 1].range = SourceRange(start: last.range.start, end: fact.range.end)
        } else {
            stretches.append((file, fact.range))
        }
        return true
    }

    private mutating func stage(_ fact: StatementReader.GroundFact, tokens: [Token], file: SourceFile, treesBefore: Int) -> Bool {
        let bytes = file.bytes
        let isObservation = fact.value != nil
        let arity = isObservation ? 4 : fact.arity
        if isObservation && fact.arity != 2 { return false }
        let name = isObservation ? FactStaging.valueName[...] : bytes[fact.name.range.start..<fact.name.range.end]
        guard let key = key(for: name, arity: arity, at: SourceSpan(file: file, range: fact.name.range), treesBefore: treesBefore) else { return false }
        row.removeAll()
        if isObservation {
            row.append(.symbol(intern(fact.name, in: bytes)))
        }
        for argument in 0..<fact.arity {
            guard let value = constant(tokens[2 + 2 * argument], in: file) else { return false }
            row.append(value)
        }
        if key.predicate == vocabularyPredicate {
            let values = row.values
            guard Vocabulary.problem(with: values, owner: .common, symbols: symbols, at: SourceSpan(file: file, range: tokens[2].range)) == nil else {
                return false
            }
            vocabularySpans[symbols.sourceText(values[1])] = SourceSpan(file: file, range: tokens[4].range)
        }
        if let valueToken = fact.value {
            guard var value = constant(valueToken, in: file) else { return false }
            if fact.isNegative {
                if let integer = value.integerValue { value = .integer(-integer) } else if let double = value.doubleValue { value = .number(-double) }
            }
            row.append(value)
            observedIndicators.insert(String(decoding: bytes[fact.name.range.start..<fact.name.range.end], as: UTF8.self))
        }
        if lastRelation == nil || key != lastKey {
            flush()
            let relation = facts[key] ?? Relation(arity: arity, capacity: 1024)
            let rowOrigins = origins[key] ?? FactOrigins()
            facts[key] = relation
            origins[key] = rowOrigins
            lastRelation = relation
            lastOrigins = rowOrigins
            pending = batches[arity] ?? RowBatch(arity: arity)
            batches[arity] = pending
        }
        pending!.append(tags: row.tags, payloads: row.payloads)
        pendingOrigins.append(origin(file, fact.range.start))
        count += 1
        if pending!.isFull { flush() }
        return true
    }

    /// Inserts the rows held back; `facts` and `origins` are complete
    /// only after this.
    mutating func flush() {
        guard let pending, let relation = lastRelation, let rowOrigins = lastOrigins else { return }
        let inserted = relation.insertAll(pending)
        for position in 0..<pending.count where inserted & (1 << UInt64(position)) != 0 {
            rowOrigins.append(pendingOrigins[position])
        }
        pending.removeAll()
        pendingOrigins.removeAll(keepingCapacity: true)
    }

    private static let valueName = Array("value".utf8)

    private mutating func key(for name: ArraySlice<UInt8>, arity: Int, at span: SourceSpan, treesBefore: Int) -> FactKey? {
        if arity == lastArity, let lastKey,
           name.withUnsafeBufferPointer({ name in lastName.withUnsafeBufferPointer { ByteSearch.equal(name, $0) } }) {
            return lastKey
        }
        guard !Builtin.allCases.contains(where: { $0.rawValue.utf8.elementsEqual(name) }) else { return nil }
        predicates.streamPosition = treesBefore
        guard case .success(let predicate) = predicates.resolve(String(decoding: name, as: UTF8.self), arity: arity, at: span, isStaged: true) else {
            return nil
        }
        flush()
        lastName = Array(name)
        lastArity = arity
        lastRelation = nil
        lastOrigins = nil
        lastKey = FactKey(predicate: predicate, owner: .common)
        return lastKey
    }

    private func intern(_ token: Token, in bytes: [UInt8]) -> SymbolID {
        bytes.withUnsafeBufferPointer { buffer in
            symbols.intern(bytes: UnsafeBufferPointer(rebasing: buffer[token.range.start..<token.range.end]))
        }
    }

    /// The value of a constant token, read from its bytes.
    private func constant(_ token: Token, in file: SourceFile) -> Value? {
        let bytes = file.bytes
        switch token.kind {
        case .name:
            return .symbol(intern(token, in: bytes))
        case .string:
            let inner = bytes[(token.range.start + 1)..<(token.range.end - 1)]
            if inner.contains(UInt8(ascii: "\\")) {
                return symbols.symbol(StringLiteral.decode(bytes[token.range.start..<token.range.end]))
            }
            return bytes.withUnsafeBufferPointer { buffer in
                .symbol(symbols.intern(bytes: UnsafeBufferPointer(rebasing: buffer[(token.range.start + 1)..<(token.range.end - 1)])))
            }
        case .integer:
            var value: Int64 = 0
            for byte in bytes[token.range.start..<token.range.end] where byte != UInt8(ascii: "_") {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return .integer(value)
        default:
            let value = bytes.withUnsafeBufferPointer { buffer in
                DecimalReader.value(of: UnsafeBufferPointer(rebasing: buffer[token.range.start..<token.range.end]))
            }
            return value.isFinite ? .number(value) : nil
        }
    }

    private mutating func origin(_ file: SourceFile, _ offset: Int) -> FactOrigin {
        var line: Int
        let index: Int
        if let last = lastOrigin, last.file === file, last.offset <= offset {
            line = last.line
            file.bytes.withUnsafeBufferPointer { buffer in
                for position in last.offset..<offset where buffer[position] == UInt8(ascii: "\n") { line += 1 }
            }
            index = last.fileIndex
        } else {
            // Counted, not looked up: a file of plain facts then never
            // needs its line table.
            line = file.lineBreaks(before: offset) + 1
            index = fileNumbering.number(of: file.name)
        }
        lastOrigin = (file, offset, line, index)
        return FactOrigin(file: UInt32(index), line: UInt32(line))
    }
}

/// Where a statement starts, as a set element.
struct SourcePosition: Hashable {
    let file: ObjectIdentifier
    let offset: Int

    init(file: SourceFile, offset: Int) {
        self.file = ObjectIdentifier(file)
        self.offset = offset
    }
}

/// One row being read, in buffers the relation can insert from directly.
private final class RowBuffer {
    private(set) var tags: UnsafeMutablePointer<UInt8>
    private(set) var payloads: UnsafeMutablePointer<UInt64>
    private var count = 0
    private var capacity = 16

    init() {
        tags = Reallocation.allocate(capacity)
        payloads = Reallocation.allocate(capacity)
    }

    deinit {
        free(tags)
        free(payloads)
    }

    func append(_ value: Value) {
        if count == capacity {
            capacity *= 2
            tags = Reallocation.grow(tags, to: capacity)
            payloads = Reallocation.grow(payloads, to: capacity)
        }
        tags[count] = value.tag.rawValue
        payloads[count] = value.payload
        count += 1
    }

    func removeAll() { count = 0 }

    /// The row as values, for the rare fact that is checked row by row.
    var values: [Value] {
        (0..<count).map { Value(tag: Value.Tag(rawValue: tags[$0])!, payload: payloads[$0]) }
    }
}

/// Reading a DECIMAL token's bytes as the nearest double.
enum DecimalReader {
    /// Exact powers of ten as doubles (10^22 is the last one).
    private static let powers: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// Digits, an optional fraction and exponent, '_' anywhere between
    /// digits. With at most 15 significant digits and a small scale, the
    /// digits as an integer and the power of ten are both exact doubles,
    /// and one IEEE division or multiplication rounds correctly; anything
    /// else goes to strtod.
    static func value(of bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var position = 0
        var inFraction = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                if inFraction { scale += 1 }
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte != UInt8(ascii: "_") {
                break
            }
            position += 1
        }
        if position == bytes.count, digits <= 15, scale <= 22 {
            return Double(mantissa) / powers[scale]
        }
        return viaStrtod(bytes)
    }

    private static func viaStrtod(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var text = bytes.filter { $0 != UInt8(ascii: "_") }
        text.append(0)
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
        }
    }
}
