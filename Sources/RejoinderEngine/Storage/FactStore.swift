/// The stored relations: every fact a load added, by predicate and owner,
/// with the file and line each row was written on.
///
/// Rules never write here; what they derive lives in an evaluator and is
/// dropped at the next load. A variant of the knowledge base (exercise
/// checks) is another store over the same catalog and rules.
struct FactStore {
    private(set) var relations: [FactKey: Relation] = [:]
    /// Where each stored row was written, parallel to its relation's rows.
    private(set) var origins: [FactKey: FactOrigins] = [:]
    /// The names of the files facts were loaded from, by `FactOrigin.file`.
    private(set) var originFiles: [String] = []
    /// The number of each file name in `originFiles`.
    private(set) var fileNumbers: [String: Int] = [:]
    /// The predicates with at least one stored row in some owner.
    private(set) var storedPredicates: Set<PredicateID> = []
    /// How many rows are stored, over every relation.
    private(set) var count = 0
    /// The symbols the stored rows hold, noted as rows are added: the
    /// constants completion offers, found without reading every row again.
    private(set) var symbolsInRows = SymbolSet()

    subscript(key: FactKey) -> Relation? { relations[key] }

    /// `file:line` of a stored row.
    func location(of origin: FactOrigin) -> String {
        "\(originFiles[Int(origin.file)]):\(origin.line)"
    }

    /// Where row `row` of `key` was written: file name and line.
    func origin(of key: FactKey, row: Int) -> (file: String, line: Int)? {
        origins[key]?[row].map { (originFiles[Int($0.file)], Int($0.line)) }
    }

    /// Names the files a load's origins refer to past the known ones.
    mutating func addOriginFiles(_ numbering: FileNumbering) {
        for name in numbering.added {
            fileNumbers[name] = originFiles.count
            originFiles.append(name)
        }
    }

    /// Adds staged rows with their origins; returns how many were new.
    /// A relation new to the store is taken as it is, without copying.
    mutating func merge(_ staged: [FactKey: Relation], origins stagedOrigins: [FactKey: FactOrigins]) -> Int {
        var added = 0
        for (key, relation) in staged {
            let rowOrigins = stagedOrigins[key] ?? FactOrigins()
            if relation.count > 0 { storedPredicates.insert(key.predicate) }
            symbolsInRows.insertSymbols(of: relation)
            guard let existing = relations[key] else {
                relations[key] = relation
                origins[key] = rowOrigins
                added += relation.count
                continue
            }
            let known = origins[key] ?? FactOrigins()
            origins[key] = known
            for row in 0..<relation.count where existing.insert(relation.row(row)) {
                if let origin = rowOrigins[row] { known.append(origin) }
                added += 1
            }
        }
        count += added
        return added
    }

    /// The same files, with only the rows `keeps` accepts (each with its origin).
    func filtered(_ keeps: (FactKey, [Value]) -> Bool) -> FactStore {
        var copy = FactStore()
        copy.originFiles = originFiles
        copy.fileNumbers = fileNumbers
        for (key, relation) in relations {
            let kept = Relation(arity: relation.arity)
            let keptOrigins = FactOrigins()
            let stored = origins[key]
            for row in 0..<relation.count {
                let values = relation.row(row)
                guard keeps(key, values) else { continue }
                if kept.insert(values), let origin = stored?[row] { keptOrigins.append(origin) }
            }
            copy.relations[key] = kept
            copy.origins[key] = keptOrigins
            copy.symbolsInRows.insertSymbols(of: kept)
            copy.count += kept.count
            if kept.count > 0 { copy.storedPredicates.insert(key.predicate) }
        }
        return copy
    }
}

/// The numbers of the files a load's facts come from: those the store
/// knows keep theirs, and new ones are numbered after them. Both loading
/// paths number files through it, so a file has one number in a load.
struct FileNumbering {
    private let known: [String: Int]
    private let knownCount: Int
    /// The files new to the store, in the order they were numbered.
    private(set) var added: [String] = []
    private var addedNumbers: [String: Int] = [:]

    init(store: FactStore) {
        known = store.fileNumbers
        knownCount = store.originFiles.count
    }

    mutating func number(of name: String) -> Int {
        if let number = known[name] ?? addedNumbers[name] { return number }
        let number = knownCount + added.count
        added.append(name)
        addedNumbers[name] = number
        return number
    }
}

/// Facts of one predicate belonging to one owner.
struct FactKey: Hashable {
    let predicate: PredicateID
    let owner: Owner
}

/// Where a stored fact was written: a file (by index) and a line.
struct FactOrigin: Sendable, Equatable {
    let file: UInt32
    let line: UInt32
}

/// The origins of a relation's rows, row by row, kept as runs: rows
/// written on consecutive lines of one file (as a generated data file has
/// them) take one entry for the whole run.
final class FactOrigins {
    private struct Run {
        let firstRow: Int
        let origin: FactOrigin
    }

    private var runs: [Run] = []
    private(set) var count = 0

    func append(_ origin: FactOrigin) {
        if let last = runs.last, last.origin.file == origin.file,
           Int(last.origin.line) + (count - last.firstRow) == Int(origin.line) {
            count += 1
            return
        }
        runs.append(Run(firstRow: count, origin: origin))
        count += 1
    }

    subscript(row: Int) -> FactOrigin? {
        guard row >= 0, row < count else { return nil }
        var low = 0, high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].firstRow <= row { low = middle } else { high = middle - 1 }
        }
        let run = runs[low]
        return FactOrigin(file: run.origin.file, line: run.origin.line + UInt32(row - run.firstRow))
    }
}

/// A set of symbol ids, one bit each.
struct SymbolSet {
    private var words: [UInt64] = []
    /// How many ids are in the set.
    private(set) var count = 0

    mutating func insert(_ id: UInt32) {
        let word = Int(id >> 6), bit = UInt64(1) << UInt64(id & 63)
        if word >= words.count { words += repeatElement(0, count: max(word + 1 - words.count, words.count)) }
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }

    /// Notes every symbol in the rows of `relation`.
    mutating func insertSymbols(of relation: Relation) {
        for row in 0..<relation.count {
            for column in 0..<relation.arity {
                if let id = relation.value(row: row, column: column).symbolID { insert(id.rawValue) }
            }
        }
    }

    /// The ids in the set, in increasing order.
    var ids: [UInt32] {
        var found: [UInt32] = []
        found.reserveCapacity(count)
        for (position, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                found.append(UInt32(position << 6 + remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
        return found
    }
}
