/// The answer to a query, ready to render: its columns, which views it was
/// asked in, and its rows in the value order of LANGUAGE.md §2.
public struct Answer: Sendable, Equatable {
    /// The views a query was evaluated in, which decides the extra columns.
    public enum Perspective: Sendable, Equatable {
        /// No source is declared: the common ground alone, no extra column.
        case commonGround
        /// `according to P`: one view, no extra column.
        case single(String)
        /// No suffix: every source's view, with an `according to` column.
        case everySource([String])
        /// `contrast P1, P2, …`: a yes/no column per source.
        case contrast([String])

        /// Whether the answer comes from one view, with no extra columns.
        public var isSingleView: Bool {
            switch self {
            case .commonGround, .single: return true
            case .everySource, .contrast: return false
            }
        }

        /// The sources whose views were asked, in column order.
        public var sources: [String] {
            switch self {
            case .commonGround: return []
            case .single(let source): return [source]
            case .everySource(let sources), .contrast(let sources): return sources
            }
        }
    }

    public struct Row: Sendable, Equatable {
        public let values: [Datum]
        /// For each source of the perspective, whether its view yields the row.
        public let holdsIn: [Bool]

        public init(values: [Datum], holdsIn: [Bool]) {
            self.values = values
            self.holdsIn = holdsIn
        }
    }

    /// The query's named variables, in order of first appearance.
    public let columns: [String]
    public let perspective: Perspective
    public let rows: [Row]
    /// What a reader must know to read the rows right: a view in which a
    /// semantics the query asks about has no extension at all.
    public let notes: [String]

    public init(columns: [String], perspective: Perspective, rows: [Row], notes: [String] = []) {
        self.columns = columns
        self.perspective = perspective
        self.rows = rows
        self.notes = notes
    }

    /// A query without named variables: its answer is yes or no.
    public var isClosed: Bool { columns.isEmpty }

    /// The sources whose view yields `row`, or nil when the row holds in
    /// every view asked (shown as `all`).
    public func sources(of row: Row) -> [String]? {
        let sources = perspective.sources
        if row.holdsIn.allSatisfy({ $0 }) { return nil }
        return zip(sources, row.holdsIn).filter(\.1).map(\.0)
    }

    /// How many rows hold in some of the views asked but not in others.
    public var disagreements: Int {
        rows.filter { row in row.holdsIn.contains(true) && row.holdsIn.contains(false) }.count
    }
}
