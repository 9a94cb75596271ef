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

    public init(unicode: Bool = false, color: Bool = false, maximumWidth: Int? = nil) {
        self.unicode = unicode
        self.color = color
        self.maximumWidth = maximumWidth
    }

    public static let plain = TableStyle()
}
