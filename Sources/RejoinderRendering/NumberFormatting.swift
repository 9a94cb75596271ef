import RejoinderEngine

/// Numbers as people read them in a table: digit groups in large integers
/// (but not in years), at most four decimals, four significant digits for
/// small fractions.
enum NumberFormatting {
    static func readable(_ datum: Datum) -> String {
        switch datum {
        case .integer(let value): return grouped(value)
        case .double(let value): return readable(value)
        default: return datum.plainText
        }
    }

    /// `17734062645371` → `17,734,062,645,371`; 2020 stays `2020`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        guard value.magnitude >= 10_000 else { return String(value) }
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    static func readable(_ value: Double) -> String {
        let magnitude = value.magnitude
        if magnitude >= 1e15 || (magnitude < 1e-9 && magnitude > 0) {
            return "\(value)"
        }
        // Four decimals, or four significant digits below 1.
        var decimals = 4
        if magnitude < 1 && magnitude > 0 {
            var scaled = magnitude
            while scaled < 0.1 && decimals < 12 {
                scaled *= 10
                decimals += 1
            }
        }
        while decimals > 0 && magnitude * power(decimals) >= 9e18 { decimals -= 1 }
        let scale = power(decimals)
        let rounded = (magnitude * scale).rounded()
        let whole = Int64(rounded / scale)
        let fraction = Int64(rounded - Double(whole) * scale)
        var fractionText = ""
        if decimals > 0 && fraction > 0 {
            fractionText = String(fraction)
            fractionText = String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
            while fractionText.hasSuffix("0") { fractionText.removeLast() }
        }
        let text = grouped(whole) + (fractionText.isEmpty ? "" : "." + fractionText)
        return value < 0 && (whole != 0 || !fractionText.isEmpty) ? "-" + text : text
    }

    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
