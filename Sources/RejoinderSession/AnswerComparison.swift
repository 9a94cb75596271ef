import RejoinderEngine

/// An answer as a set of rows per view, for comparing a student's answer
/// with the reference: column names and row order do not matter, nor the
/// order of columns, nor the form of the perspective (a row's sources in a
/// `contrast` table or in an `according to` column say the same thing).
struct AnswerSet: Equatable {
    /// For each view (nil: the common ground alone), the distinct rows.
    let views: [String?: Set<[Datum]>]
    let columnCount: Int

    init(_ answer: Answer) {
        columnCount = answer.columns.count
        var views: [String?: Set<[Datum]>] = [:]
        switch answer.perspective {
        case .commonGround:
            views[nil] = Set(answer.rows.map(\.values))
        case .single(let source):
            views[source] = Set(answer.rows.map(\.values))
        case .everySource(let sources), .contrast(let sources):
            for (position, source) in sources.enumerated() {
                views[source] = Set(answer.rows.filter { $0.holdsIn[position] }.map(\.values))
            }
        }
        self.views = views
    }

    /// Whether every view the set has gives the same rows.
    var isTheSameInEveryView: Bool { Set(views.values).count <= 1 }
}

/// How a student's answer differs from the reference.
struct AnswerDifference: Equatable {
    /// A view the reference needs and the student's answer lacks.
    var missingViews: [String] = []
    /// Rows the reference has and the student's lacks, by view.
    var missing: [(view: String?, row: [Datum])] = []
    var extra: [(view: String?, row: [Datum])] = []
    /// The answers have different numbers of columns.
    var columns: (expected: Int, found: Int)?

    var isEmpty: Bool { missingViews.isEmpty && missing.isEmpty && extra.isEmpty && columns == nil }

    static func == (lhs: AnswerDifference, rhs: AnswerDifference) -> Bool {
        lhs.missingViews == rhs.missingViews && lhs.columns?.expected == rhs.columns?.expected && lhs.columns?.found == rhs.columns?.found
            && lhs.missing.map(\.view) == rhs.missing.map(\.view) && lhs.missing.map(\.row) == rhs.missing.map(\.row)
            && lhs.extra.map(\.view) == rhs.extra.map(\.view) && lhs.extra.map(\.row) == rhs.extra.map(\.row)
    }

    /// Compares, trying every order of the student's columns (up to six).
    static func between(reference: AnswerSet, student: AnswerSet) -> AnswerDifference {
        guard reference.columnCount == student.columnCount else {
            var difference = AnswerDifference()
            difference.columns = (reference.columnCount, student.columnCount)
            return difference
        }
        // Views to compare: the reference's, unless its answer is the same in
        // every view, in which case any view the student asked will do.
        var pairs: [(view: String?, expected: Set<[Datum]>, found: Set<[Datum]>?)] = []
        if reference.isTheSameInEveryView, let rows = reference.views.values.first {
            pairs = student.views.map { ($0.key, rows, $0.value) }
            if pairs.isEmpty { pairs = [(nil, rows, [])] }
        } else {
            pairs = reference.views.sorted { ($0.key ?? "") < ($1.key ?? "") }.map { ($0.key, $0.value, student.views[$0.key]) }
        }
        var best: AnswerDifference?
        for order in orders(of: reference.columnCount) {
            var difference = AnswerDifference()
            for pair in pairs {
                guard let found = pair.found else {
                    difference.missingViews.append(pair.view ?? "the common ground")
                    continue
                }
                let reordered = Set(found.map { row in order.map { row[$0] } })
                for row in pair.expected.subtracting(reordered).sorted(by: lessThan) { difference.missing.append((pair.view, row)) }
                for row in reordered.subtracting(pair.expected).sorted(by: lessThan) { difference.extra.append((pair.view, row)) }
            }
            if difference.isEmpty { return difference }
            if best == nil || difference.missing.count + difference.extra.count < best!.missing.count + best!.extra.count {
                best = difference
            }
        }
        return best ?? AnswerDifference()
    }

    /// Column orders to try: every permutation up to six columns, else as is.
    private static func orders(of count: Int) -> [[Int]] {
        guard count > 1 && count <= 6 else { return [Array(0..<count)] }
        var result: [[Int]] = []
        func permute(_ prefix: [Int], _ rest: [Int]) {
            if rest.isEmpty { result.append(prefix); return }
            for (index, element) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: index)
                permute(prefix + [element], remaining)
            }
        }
        permute([], Array(0..<count))
        return result
    }

    private static func lessThan(_ lhs: [Datum], _ rhs: [Datum]) -> Bool {
        lhs.map(\.sourceText).joined(separator: "\u{1}") < rhs.map(\.sourceText).joined(separator: "\u{1}")
    }
}
