extension Parser {
    /// `body = literal { "," literal } ;`
    mutating func parseBody() throws(ParseFailure) -> [Literal] {
        try count(\.literalCount, limit: Parser.maximumLiterals, what: "literals", at: current)
        var literals = [try parseLiteral()]
        while consume(if: .comma) != nil {
            try count(\.literalCount, limit: Parser.maximumLiterals, what: "literals", at: current)
            literals.append(try parseLiteral())
        }
        return literals
    }

    /// `literal = negation | record_pattern | comparison | membership | atom ;`
    mutating func parseLiteral() throws(ParseFailure) -> Literal {
        try nested { (parser: inout Parser) throws(ParseFailure) in
            switch parser.current.kind {
            case .keywordNot:
                return try parser.parseNegation()
            case .leftParen where parser.isParenthesizedComparison():
                return .comparison(try parser.parseParenthesizedComparison())
            case .name:
                switch parser.peek().kind {
                case .variable, .name, .anonymous:
                    return .record(try parser.parseRecordPattern())
                case .leftParen:
                    return try parser.continueLiteral(after: try parser.parseAtom())
                default:
                    if parser.peek().kind.isComparison || parser.peek().kind.isArithmetic || parser.peek().kind == .keywordIn {
                        return try parser.parseExpressionLiteral(startingWith: nil)
                    }
                    return .atom(try parser.parseAtom())
                }
            case .variable, .anonymous, .integer, .decimal, .string, .minus, .leftParen:
                return try parser.parseExpressionLiteral(startingWith: nil)
            default:
                throw parser.fail(expected: "a literal (an atom, 'not', a comparison or 'in')")
            }
        }
    }

    /// An atom at the start of a literal is an indicator look-up or a
    /// function call when an operator follows it.
    mutating func continueLiteral(after atom: Atom) throws(ParseFailure) -> Literal {
        guard current.kind.isComparison || current.kind.isArithmetic || current.kind == .keywordIn else {
            return .atom(atom)
        }
        let call: Expression = atom.arguments.isEmpty && atom.range == atom.name.range
            ? .symbol(atom.name.text, atom.range)
            : .call(atom.name, atom.arguments, atom.range)
        return try parseExpressionLiteral(startingWith: call)
    }

    /// A comparison or a membership test, whose left side is an expression.
    mutating func parseExpressionLiteral(startingWith leading: Expression?) throws(ParseFailure) -> Literal {
        let left = try parseExpression(startingWith: leading)
        if at(.keywordIn) {
            return .membership(try parseMembership(left))
        }
        if current.kind.isComparison {
            return .comparison(try parseComparison(left))
        }
        throw fail(expected: "a comparison operator or 'in' after the expression")
    }

    /// `negation = "not" atom ;`
    mutating func parseNegation() throws(ParseFailure) -> Literal {
        let keyword = advance()
        guard at(.name) else {
            throw fail(expected: "an atom after 'not'", help: at(.leftParen) ? "write 'not p(X)'; to negate a comparison use its opposite operator" : nil)
        }
        let atom = try parseAtom()
        return .negation(atom, SourceRange(start: keyword.range.start, end: atom.range.end))
    }

    /// `record_pattern = NAME ( VARIABLE | NAME | "_" ) [ "{" [ pattern_attribute { "," pattern_attribute } [ "," ] ] "}" ] ;`
    mutating func parseRecordPattern() throws(ParseFailure) -> RecordPattern {
        let kindToken = advance()
        let kind = Name(text(of: kindToken), kindToken.range)
        let subjectToken = advance()
        let subject: Expression
        switch subjectToken.kind {
        case .variable: subject = .variable(text(of: subjectToken), subjectToken.range)
        case .anonymous: subject = .anonymous(subjectToken.range)
        default: subject = .symbol(text(of: subjectToken), subjectToken.range)
        }
        var attributes: [PatternAttribute] = []
        if at(.leftBrace) {
            let brace = try open(.leftBrace)
            while !at(.rightBrace) {
                attributes.append(try parsePatternAttribute())
                if consume(if: .comma) == nil { break }
            }
            _ = try close(.rightBrace, brace, unclosed: "'}' to end the pattern of '\(kind.text)'",
                          separated: "',' or '}' after attribute value", help: "separate attributes with ','")
        }
        return RecordPattern(kind: kind, subject: subject, attributes: attributes, range: SourceRange(start: kindToken.range.start, end: previous.range.end))
    }

    /// `pattern_attribute = NAME ":" argument ;`
    mutating func parsePatternAttribute() throws(ParseFailure) -> PatternAttribute {
        let keyToken = try expect(.name, "an attribute name", help: at(.variable) ? "attribute names are lowercase" : nil)
        let key = Name(text(of: keyToken), keyToken.range)
        _ = try expect(.colon, "':' after attribute name '\(key.text)'")
        return PatternAttribute(key: key, value: try parseArgument())
    }

    /// `comparison = expression COMPARE ( aggregate | argument ) | "(" comparison ")" ;`
    ///
    /// Called with the left expression already read; see
    /// `parseParenthesizedComparison` for the second alternative.
    mutating func parseComparison(_ left: Expression) throws(ParseFailure) -> Comparison {
        let operatorToken = advance()
        let op = Parser.comparisonOperator(operatorToken.kind)
        let right: Expression = isAggregateStart() ? .aggregate(try parseAggregate()) : try parseArgument()
        return Comparison(left: left, op: op, right: right, operatorRange: operatorToken.range, range: left.range.union(right.range))
    }

    /// The `"(" comparison ")"` alternative of `comparison`.
    mutating func parseParenthesizedComparison() throws(ParseFailure) -> Comparison {
        let paren = try open(.leftParen)
        let inner: Comparison
        if at(.leftParen) && isParenthesizedComparison() {
            inner = try parseParenthesizedComparison()
        } else {
            let left = try parseExpression()
            guard current.kind.isComparison else { throw fail(expected: "a comparison operator") }
            inner = try parseComparison(left)
        }
        let closing = try close(.rightParen, paren, unclosed: "')' to end the comparison")
        return Comparison(left: inner.left, op: inner.op, right: inner.right, operatorRange: inner.operatorRange,
                          range: SourceRange(start: paren.range.start, end: closing.range.end))
    }

    /// Whether the bracket group starting at the current `(` holds a
    /// comparison operator, which no expression can contain.
    func isParenthesizedComparison() -> Bool {
        var depth = 0
        var index = position
        while index < tokens.count {
            switch tokens[index].kind {
            case .leftParen: depth += 1
            case .rightParen:
                depth -= 1
                if depth == 0 { return false }
            case .dot, .end, .question, .turnstile, .leftBrace, .rightBrace: return false
            case let kind where kind.isComparison: return true
            default: break
            }
            index += 1
        }
        return false
    }

    /// `membership = expression "in" argument ;`
    mutating func parseMembership(_ element: Expression) throws(ParseFailure) -> Membership {
        _ = advance()
        let collection = try parseArgument()
        return Membership(element: element, collection: collection, range: element.range.union(collection.range))
    }

    /// Whether the current token starts an aggregate: `count :` or
    /// `sum|min|max|mean` followed by the start of an expression other than `(`.
    func isAggregateStart() -> Bool {
        guard at(.name), let function = AggregateFunction(rawValue: text(of: current)) else { return false }
        let next = peek().kind
        if next == .colon || next == .leftBrace { return true }
        return function != .count && [.variable, .name, .integer, .decimal, .minus].contains(next)
    }

    /// `aggregate = "count" ":" "{" body "}" | ( "sum" | "min" | "max" | "mean" ) expression ":" "{" body "}" ;`
    mutating func parseAggregate() throws(ParseFailure) -> Aggregate {
        let nameToken = advance()
        let function = AggregateFunction(rawValue: text(of: nameToken)) ?? .count
        if function != .count && (at(.colon) || at(.leftBrace)) {
            throw fail(expected: "the value to aggregate after '\(function.rawValue)'", help: "write '\(function.rawValue) X : { body }'")
        }
        let target: Expression? = function == .count ? nil : try parseExpression()
        _ = try expect(.colon, function == .count ? "':' after 'count'" : "':' after the value to aggregate",
                       help: "write '\(function.rawValue)\(function == .count ? "" : " X") : { body }'")
        let brace = try open(.leftBrace)
        let body = try nested { (parser: inout Parser) throws(ParseFailure) in try parser.parseBody() }
        let closing = try close(.rightBrace, brace, unclosed: "'}' to end the body of '\(function.rawValue)'",
                                separated: "',' or '}' after literal")
        return Aggregate(function: function, target: target, body: body, range: SourceRange(start: nameToken.range.start, end: closing.range.end))
    }

    static func comparisonOperator(_ kind: Token.Kind) -> ComparisonOperator {
        switch kind {
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        default: return .equal
        }
    }
}

extension Token.Kind {
    /// `+ - * /`.
    var isArithmetic: Bool {
        switch self {
        case .plus, .minus, .star, .slash: return true
        default: return false
        }
    }
}
