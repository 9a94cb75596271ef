/// The answer formats of TOOL.md.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, tsv, json, markdown
}

/// How a terminal table is drawn.
public struct TableStyle: Sendable, Equatable {
    /// Box-drawing characters and ✓/· (on a UTF-8 terminal) or ASCII.
    public var unicode: Bool
    /// Bold headers and dim row counts.
    public var color: Bool
    /// Wrap or shorten cells so that a row fits this many columns.
    public var maximumWidth: Int?
    /// Notes meant for a person reading a terminal ("asan and wong disagree
    /// on 1 row"), which a program reading a pipe should not have to skip.
    public var showsNotes: Bool
    /// One field per line, each row under a `-[ N ]-` rule, nothing
    /// shortened (psql's `\x`, sqlite3's `.mode line`): for long labels.
    public var expanded: Bool

    public init(unicode: Bool = false, color: Bool = false, maximumWidth: Int? = nil, showsNotes: Bool = false, expanded: Bool = false) {
        self.unicode = unicode
        self.color = color
        self.maximumWidth = maximumWidth
        self.showsNotes = showsNotes
        self.expanded = expanded
    }

    public static let plain = TableStyle()
}
