extension Parser {
    /// `argument = expression [ ".." expression ] ;`
    mutating func parseArgument() throws(ParseFailure) -> Expression {
        let lower = try parseExpression()
        guard consume(if: .dotDot) != nil else { return lower }
        let upper = try parseExpression()
        return .range(lower, upper, lower.range.union(upper.range))
    }

    /// `expression = term { ( "+" | "-" ) term } ;`
    ///
    /// `leading` is a primary already read by the caller (a literal that
    /// began like an atom).
    mutating func parseExpression(startingWith leading: Expression? = nil) throws(ParseFailure) -> Expression {
        try nested { (parser: inout Parser) throws(ParseFailure) in
            var left = try parser.parseTerm(startingWith: leading)
            while parser.at(.plus) || parser.at(.minus) {
                try parser.count(\.operatorCount, limit: Parser.maximumOperators, what: "operators", at: parser.current)
                let op: ArithmeticOperator = parser.advance().kind == .plus ? .add : .subtract
                let right = try parser.parseTerm(startingWith: nil)
                left = .binary(op, left, right, left.range.union(right.range))
            }
            return left
        }
    }

    /// `term = factor { ( "*" | "/" ) factor } ;`
    mutating func parseTerm(startingWith leading: Expression?) throws(ParseFailure) -> Expression {
        var left = try parseFactor(startingWith: leading)
        while at(.star) || at(.slash) {
            try count(\.operatorCount, limit: Parser.maximumOperators, what: "operators", at: current)
            let op: ArithmeticOperator = advance().kind == .star ? .multiply : .divide
            let right = try parseFactor(startingWith: nil)
            left = .binary(op, left, right, left.range.union(right.range))
        }
        return left
    }

    /// `factor = "-" factor | primary ;`
    mutating func parseFactor(startingWith leading: Expression?) throws(ParseFailure) -> Expression {
        if let leading { return leading }
        guard at(.minus) else { return try parsePrimary() }
        let minus = advance()
        let operand = try nested { (parser: inout Parser) throws(ParseFailure) in try parser.parseFactor(startingWith: nil) }
        return .negate(operand, SourceRange(start: minus.range.start, end: operand.range.end))
    }

    /// `primary = INTEGER | DECIMAL | STRING | VARIABLE | "_" | "in" | NAME [ "(" [ expression { "," expression } ] ")" ] | "(" expression ")" ;`
    ///
    /// Where an expression begins, `in` cannot be the membership operator,
    /// so it is the constant: the grounded label of `labelling(C, in)`.
    mutating func parsePrimary() throws(ParseFailure) -> Expression {
        let token = current
        switch token.kind {
        case .integer:
            advance()
            return .integer(try integerValue(of: token), token.range)
        case .decimal:
            advance()
            return .decimal(try decimalValue(of: token), token.range)
        case .string:
            advance()
            return .symbol(StringLiteral.decode(file.bytes[token.range.start..<token.range.end]), token.range)
        case .variable:
            advance()
            return .variable(text(of: token), token.range)
        case .anonymous:
            advance()
            return .anonymous(token.range)
        case .keywordIn:
            advance()
            return .symbol("in", token.range)
        case .name:
            advance()
            let name = Name(text(of: token), token.range)
            guard at(.leftParen) else { return .symbol(name.text, name.range) }
            let arguments = try parseArgumentList(of: name, argument: { (parser: inout Parser) throws(ParseFailure) in try parser.parseExpression() })
            return .call(name, arguments, SourceRange(start: token.range.start, end: previous.range.end))
        case .leftParen:
            let paren = try open(.leftParen)
            let inner = try parseExpression()
            _ = try close(.rightParen, paren, unclosed: "')' to end the parenthesized expression")
            return inner
        default:
            throw fail(expected: "an expression", help: token.kind == .keywordNot ? "'not' stands before an atom in a body" : nil)
        }
    }

    private mutating func integerValue(of token: Token) throws(ParseFailure) -> Int64 {
        var value: Int64 = 0
        for byte in file.bytes[token.range.start..<token.range.end] where byte != UInt8(ascii: "_") {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            if overflowA || overflowB {
                report("integer literal is too large", at: token.range, help: "integers are 64-bit (at most 9223372036854775807); write a decimal such as 1.5e19 for larger numbers")
                throw ParseFailure()
            }
            value = sum
        }
        return value
    }

    private mutating func decimalValue(of token: Token) throws(ParseFailure) -> Double {
        let digits = String(decoding: file.bytes[token.range.start..<token.range.end].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(digits), value.isFinite else {
            report("number is too large", at: token.range, help: "numbers are 64-bit doubles (at most about 1.8e308)")
            throw ParseFailure()
        }
        return value
    }
}
