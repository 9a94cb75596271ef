#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RejoinderSyntax

/// Ground facts staged for a load straight from the bytes of their tokens:
/// no syntax tree, no String for a symbol already interned, no Double parsed
/// through a String. This is how a million observations load quickly.
struct FactStaging {
    let predicates: PredicateTable
    private let symbols: SymbolTable
    private(set) var facts: [FactKey: Relation] = [:]
    private(set) var origins: [FactKey: FactOrigins] = [:]
    private(set) var newOriginFiles: [String] = []
    private(set) var fileIndex: [String: Int] = [:]
    /// Indicators named by observations, with their first use, to check
    /// against the declarations when the load is committed.
    private(set) var observedIndicators: [String: SourceSpan] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var count = 0
    private let originBase: Int
    /// The predicate of the previous fact, which the next usually shares.
    private var lastName: [UInt8] = []
    private var lastArity = -1
    private var lastKey: FactKey?
    private var lastRelation: Relation?
    private var lastOrigins: FactOrigins?
    private var rowTags: [UInt8] = []
    private var rowPayloads: [UInt64] = []
    /// The last origin worked out, so the next line is counted from there
    /// rather than searched for.
    private var lastOrigin: (file: SourceFile, offset: Int, line: Int)?

    init(base: KnowledgeBase) {
        predicates = base.predicates.copy()
        symbols = base.symbols
        originBase = base.originFiles.count
        for (index, name) in base.originFiles.enumerated() { fileIndex[name] = index }
    }

    mutating func add(_ fact: StatementReader.GroundFact, tokens: [Token], file: SourceFile) {
        let bytes = file.bytes
        let isObservation = fact.value != nil
        let arity = isObservation ? 4 : fact.arity
        if isObservation && fact.arity != 2 {
            diagnostics.append(.error("an observation names an actor and a year, as in gdp(china, 2021) = …",
                                      at: SourceSpan(file: file, range: fact.name.range)))
            return
        }
        let name = isObservation ? FactStaging.valueName[...] : bytes[fact.name.range.start..<fact.name.range.end]
        guard let key = key(for: name, arity: arity, at: SourceSpan(file: file, range: fact.name.range)) else { return }
        rowTags.removeAll(keepingCapacity: true)
        rowPayloads.removeAll(keepingCapacity: true)
        if isObservation {
            let indicator = String(decoding: bytes[fact.name.range.start..<fact.name.range.end], as: UTF8.self)
            if observedIndicators[indicator] == nil { observedIndicators[indicator] = SourceSpan(file: file, range: fact.name.range) }
            append(.symbol(intern(fact.name, in: bytes)))
        }
        for argument in 0..<fact.arity {
            guard let value = constant(tokens[2 + 2 * argument], in: file) else { return }
            append(value)
        }
        if let valueToken = fact.value {
            guard var value = constant(valueToken, in: file) else { return }
            if fact.isNegative {
                if let integer = value.integerValue { value = .integer(-integer) } else if let double = value.doubleValue { value = .number(-double) }
            }
            append(value)
        }
        let relation: Relation, rowOrigins: FactOrigins
        if let last = lastRelation, let lastOrigins, key == lastKey {
            relation = last
            rowOrigins = lastOrigins
        } else {
            relation = facts[key] ?? Relation(arity: arity, capacity: 1024)
            rowOrigins = origins[key] ?? FactOrigins()
            facts[key] = relation
            origins[key] = rowOrigins
        }
        lastRelation = relation
        lastOrigins = rowOrigins
        let isNew = rowTags.withUnsafeBufferPointer { tags in
            rowPayloads.withUnsafeBufferPointer { payloads in relation.insert(tags: tags.baseAddress!, payloads: payloads.baseAddress!) }
        }
        if isNew {
            rowOrigins.append(origin(file, fact.range.start))
            count += 1
        }
    }

    private static let valueName = Array("value".utf8)

    private mutating func append(_ value: Value) {
        rowTags.append(value.tag.rawValue)
        rowPayloads.append(value.payload)
    }

    private mutating func key(for name: ArraySlice<UInt8>, arity: Int, at span: SourceSpan) -> FactKey? {
        if arity == lastArity, name.elementsEqual(lastName), let lastKey { return lastKey }
        switch predicates.resolve(String(decoding: name, as: UTF8.self), arity: arity, at: span) {
        case .success(let predicate):
            if Builtin.status.utf8.elementsEqual(name) {
                diagnostics.append(.error("status/2 is built in: it holds the grounded status of each claim and piece of evidence", at: span,
                                          help: "state attacks with rebuts/2 and query status(C, S); or name your predicate differently"))
                return nil
            }
            lastName = Array(name)
            lastArity = arity
            lastRelation = nil
            lastOrigins = nil
            lastKey = FactKey(predicate: predicate, owner: .common)
            return lastKey
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private func intern(_ token: Token, in bytes: [UInt8]) -> SymbolID {
        bytes.withUnsafeBufferPointer { buffer in
            symbols.intern(bytes: UnsafeBufferPointer(rebasing: buffer[token.range.start..<token.range.end]))
        }
    }

    /// The value of a constant token, read from its bytes.
    private mutating func constant(_ token: Token, in file: SourceFile) -> Value? {
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
            // A decimal: strtod on the digits (without '_'), which rounds exactly.
            var digits = bytes[token.range.start..<token.range.end].filter { $0 != UInt8(ascii: "_") }
            digits.append(0)
            let value = digits.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
            }
            guard value.isFinite else {
                diagnostics.append(.error("number is too large", at: SourceSpan(file: file, range: token.range),
                                          help: "numbers are 64-bit doubles (at most about 1.8e308)"))
                return nil
            }
            return .number(value)
        }
    }

    private mutating func origin(_ file: SourceFile, _ offset: Int) -> FactOrigin {
        var line: Int
        if let last = lastOrigin, last.file === file, last.offset <= offset {
            line = last.line
            file.bytes.withUnsafeBufferPointer { buffer in
                for index in last.offset..<offset where buffer[index] == UInt8(ascii: "\n") { line += 1 }
            }
        } else {
            line = file.line(of: offset)
        }
        lastOrigin = (file, offset, line)
        let index: Int
        if let known = fileIndex[file.name] {
            index = known
        } else {
            index = originBase + newOriginFiles.count
            newOriginFiles.append(file.name)
            fileIndex[file.name] = index
        }
        return FactOrigin(file: UInt32(index), line: UInt32(line))
    }
}
