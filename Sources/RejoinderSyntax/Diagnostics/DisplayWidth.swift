/// Terminal column widths of text: wide East Asian characters take two
/// columns, combining marks none, a tab four. Used to put carets under tokens
/// and to align table columns.
public enum DisplayWidth {
    /// The width of a tab when a source line is echoed.
    public static let tabWidth = 4

    public static func of<Bytes: Collection>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        of(String(decoding: bytes, as: UTF8.self))
    }

    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += self.of(scalar)
        }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0x09 { return tabWidth }
        if isControl(value) { return escaped(scalar).count }
        if isZeroWidth(value) { return 0 }
        return isWide(value) ? 2 : 1
    }

    /// A source line as the terminal shows it: tabs replaced by spaces,
    /// control characters escaped.
    public static func expandingTabs(_ bytes: ArraySlice<UInt8>) -> String {
        escapingControls(String(decoding: bytes, as: UTF8.self).replacingTabs(with: String(repeating: " ", count: tabWidth)))
    }

    /// `text` with every control character (other than a tab) written as an
    /// escape, `\u{1B}`, so that text from a knowledge file or a
    /// submission never reaches a terminal as a command to it.
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0.value) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) { result += escaped(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09) || (0x7F..<0xA0).contains(value)
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    private static func isZeroWidth(_ value: UInt32) -> Bool {
        switch value {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A,
             0x064B...0x065F, 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E,
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x20D0...0x20FF,
             0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func replacingTabs(with spaces: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == "\t" { result += spaces } else { result.append(character) }
        }
        return result
    }
}
