/// One token: its kind and its byte range. Tokens hold no text of their own;
/// the parser reads names and literals from the source bytes when it needs them.
public struct Token: Equatable, Sendable {
    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Token classes, keywords and punctuation of LANGUAGE.md §1.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case name, variable, anonymous, string, integer, decimal
        // Reserved words.
        case keywordNot, keywordIn, keywordWhy, keywordContrast, keywordAccording
        // Punctuation.
        case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
        case comma, dot, dotDot, colon, turnstile, queryMark, question
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case plus, minus, star, slash
        /// A byte that starts no token; the lexer has reported it.
        case invalid
        case end

        /// How the token is named in `expected …, found …` messages when its
        /// own text is not shown.
        public var spelling: String {
            switch self {
            case .name: return "name"
            case .variable: return "variable"
            case .anonymous: return "'_'"
            case .string: return "string"
            case .integer: return "integer"
            case .decimal: return "number"
            case .keywordNot: return "'not'"
            case .keywordIn: return "'in'"
            case .keywordWhy: return "'why'"
            case .keywordContrast: return "'contrast'"
            case .keywordAccording: return "'according'"
            case .leftParen: return "'('"
            case .rightParen: return "')'"
            case .leftBrace: return "'{'"
            case .rightBrace: return "'}'"
            case .leftBracket: return "'['"
            case .rightBracket: return "']'"
            case .comma: return "','"
            case .dot: return "'.'"
            case .dotDot: return "'..'"
            case .colon: return "':'"
            case .turnstile: return "':-'"
            case .queryMark: return "'?-'"
            case .question: return "'?'"
            case .equal: return "'='"
            case .notEqual: return "'!='"
            case .less: return "'<'"
            case .lessEqual: return "'<='"
            case .greater: return "'>'"
            case .greaterEqual: return "'>='"
            case .plus: return "'+'"
            case .minus: return "'-'"
            case .star: return "'*'"
            case .slash: return "'/'"
            case .invalid: return "invalid character"
            case .end: return "end of input"
            }
        }

        /// Comparison operators of the `COMPARE` token class.
        public var isComparison: Bool {
            switch self {
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
            default: return false
            }
        }
    }
}
