import Synchronization

/// A named text being lexed and parsed: a knowledge file, a script, a line typed
/// at the prompt or a `-e` argument.
///
/// The text is kept as UTF-8 bytes because the lexer works on bytes; positions
/// everywhere are byte offsets into `bytes`, turned into line and column only
/// when a diagnostic is printed.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics: a path, `<prompt>` or `<arg>`.
    public let name: String
    /// The text as UTF-8 bytes (possibly invalid UTF-8; the lexer reports it).
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line (32 bits: a source of more
    /// than 4 GB is refused long before it gets here), found on first use:
    /// a file of a million plain facts that loads without a diagnostic
    /// never needs it, and it would take 4 bytes a line.
    private let lineTable = Mutex<[UInt32]?>(nil)

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    private var lineStarts: [UInt32] {
        lineTable.withLock { table in
            if let table { return table }
            var starts: [UInt32] = [0]
            bytes.withUnsafeBufferPointer { buffer in
                var offset = 0
                while let newline = ByteSearch.first(UInt8(ascii: "\n"), in: buffer, from: offset) {
                    starts.append(UInt32(truncatingIfNeeded: newline + 1))
                    offset = newline + 1
                }
            }
            table = starts
            return starts
        }
    }

    /// How many line breaks come before `offset`, counted without the line
    /// table (for a reader that then counts on from there).
    public func lineBreaks(before offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let end = max(0, min(offset, buffer.count))
            var count = 0, position = 0
            while let newline = ByteSearch.first(UInt8(ascii: "\n"), in: UnsafeBufferPointer(rebasing: buffer[..<end]), from: position) {
                count += 1
                position = newline + 1
            }
            return count
        }
    }

    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode
    /// scalars, so a caret lands under the right character on a UTF-8 line.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let starts = lineStarts
        let line = lineIndex(containing: clamped, starts)
        var column = 1
        var index = Int(starts[line])
        while index < clamped {
            // Continuation bytes (10xxxxxx) do not start a new scalar.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: line + 1, column: column)
    }

    /// The 1-based line of a byte offset (without working out the column).
    public func line(of offset: Int) -> Int {
        lineIndex(containing: max(0, min(offset, bytes.count)), lineStarts) + 1
    }

    /// The byte offset where a 1-based line starts (clamped to the file).
    public func offset(ofLine line: Int) -> Int {
        let starts = lineStarts
        return Int(starts[max(0, min(line - 1, starts.count - 1))])
    }

    /// The bytes of the line containing `offset`, without its line break.
    public func lineText(containing offset: Int) -> ArraySlice<UInt8> {
        let starts = lineStarts
        let line = lineIndex(containing: max(0, min(offset, bytes.count)), starts)
        let start = Int(starts[line])
        var end = line + 1 < starts.count ? Int(starts[line + 1]) - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// Byte offset where the line containing `offset` starts.
    public func lineStart(containing offset: Int) -> Int {
        let starts = lineStarts
        return Int(starts[lineIndex(containing: max(0, min(offset, bytes.count)), starts)])
    }

    /// The text of a byte range, with invalid UTF-8 repaired.
    public func text(_ range: SourceRange) -> String {
        let lower = max(0, min(range.start, bytes.count))
        let upper = max(lower, min(range.end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private func lineIndex(containing offset: Int, _ lineStarts: [UInt32]) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(lineStarts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

/// A 1-based line and column.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}

/// A half-open byte range `start..<end` in one source file.
public struct SourceRange: Equatable, Hashable, Sendable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}

/// A range together with the file it is in: enough to print a diagnostic or
/// to say where a rule was written.
public struct SourceSpan: Sendable, Equatable {
    public let file: SourceFile
    public let range: SourceRange

    public init(file: SourceFile, range: SourceRange) {
        self.file = file
        self.range = range
    }

    public var location: SourceLocation { file.location(of: range.start) }

    /// `file:line:col`, as diagnostics and explanations print it.
    public var description: String { "\(file.name):\(location)" }

    public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
        lhs.file === rhs.file && lhs.range == rhs.range
    }
}
