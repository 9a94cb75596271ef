extension Parser {
    /// `program = { statement } END ;`
    mutating func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while !at(.end) && !hasTooManyErrors {
            let start = position
            do {
                try parseStatement(into: &statements)
            } catch {
                let first = tokens[start]
                if first.kind == .queryMark || first.kind == .keywordWhy { unreadableQueries += 1 }
                synchronize()
            }
            if position == start { advance() }
        }
        if hasTooManyErrors {
            diagnostics.append(.error("too many errors; stopped after \(Parser.maximumErrors)", at: span(current.range)))
        }
        return statements
    }

    /// `statement = query | explanation | perspective | definition ;`
    mutating func parseStatement(into statements: inout [Statement]) throws(ParseFailure) {
        operatorCount = 0
        literalCount = 0
        switch current.kind {
        case .queryMark:
            statements.append(.query(try parseQuery()))
        case .keywordWhy:
            statements.append(.explanation(try parseExplanation()))
        case .keywordAccording:
            try parsePerspective(into: &statements)
        case .name:
            statements.append(try parseDefinition(perspective: nil))
        case .variable, .anonymous, .leftParen, .integer, .decimal, .string, .minus, .keywordNot:
            statements.append(.query(try parseQuery(leading: [])))
        case .rightBrace:
            // Report the stray brace and go on after it, rather than skip
            // the statement that follows.
            report("unexpected '}' with no 'according to' block to close", at: current.range)
            advance()
        default:
            throw fail(expected: "a statement")
        }
    }

    /// `perspective = "according" "to" NAME ( "{" { definition } "}" | ":" definition ) ;`
    mutating func parsePerspective(into statements: inout [Statement]) throws(ParseFailure) {
        advance()
        if at(name: "to") {
            advance()
        } else if at(.name) && (peek().kind == .leftBrace || peek().kind == .colon) {
            // `according wong {`: report the missing word and read the block.
            report("expected 'to' after 'according', found \(describe(current))", at: current.range, help: "write 'according to \(text(of: current))'")
        } else {
            throw fail(expected: "'to' after 'according'")
        }
        let source = Name(text(of: try expect(.name, "a source name after 'according to'")), previous.range)
        if consume(if: .colon) != nil {
            guard at(.name) else { throw fail(expected: "a fact, rule or entity after 'according to \(source.text):'") }
            let definition = try parseDefinition(perspective: source)
            statements.append(definition)
            return
        }
        guard at(.leftBrace) else {
            throw fail(expected: "'{' or ':' after 'according to \(source.text)'", help: "a query names its source at the end: '?- p(X) according to \(source.text).'")
        }
        if perspectiveBrace != nil {
            throw failUnexpected("inside another 'according to' block", help: "perspectives do not nest")
        }
        let brace = advance()
        perspectiveBrace = brace
        defer { perspectiveBrace = nil }
        while !at(.rightBrace) && !at(.end) && !hasTooManyErrors {
            let start = position
            do {
                switch current.kind {
                case .name:
                    operatorCount = 0
                    literalCount = 0
                    statements.append(try parseDefinition(perspective: source))
                case .queryMark, .keywordWhy:
                    throw failUnexpected("inside 'according to \(source.text)'", help: "ask with '?- … according to \(source.text).' outside the block")
                case .keywordAccording:
                    throw failUnexpected("inside 'according to \(source.text)'", help: "perspectives do not nest")
                default:
                    throw fail(expected: "a fact, rule or entity inside 'according to \(source.text)'")
                }
            } catch {
                synchronize()
            }
            if position == start && !at(.rightBrace) { advance() }
        }
        if consume(if: .rightBrace) == nil {
            let note = Diagnostic.note("'{' opened here", at: span(brace.range))
            report("expected '}' to end 'according to \(source.text)' block, found \(describe(current))", at: foundRange, notes: [note])
        }
    }

    /// `definition = entity | observation | rule ;`
    ///
    /// At the top level a definition that turns out to be a query (it ends
    /// with `?`, or goes on with `,`) is returned as one.
    mutating func parseDefinition(perspective: Name?) throws(ParseFailure) -> Statement {
        let start = current.range.start
        let allowsQuery = perspective == nil
        switch peek().kind {
        case .name:
            return try parseEntity(perspective: perspective, allowsQuery: allowsQuery)
        case .variable, .anonymous:
            guard allowsQuery else {
                advance()
                throw fail(expected: "an entity id (a name in lowercase)", help: "an entity is declared as 'kind id', as in 'actor russia'")
            }
            return .query(try parseQuery(leading: []))
        default:
            break
        }
        let atom = try parseAtom()
        switch current.kind {
        case .equal:
            let observation = try parseObservation(atom)
            return .definition(Definition(form: .observation(observation), perspective: perspective, range: SourceRange(start: start, end: previous.range.end)))
        case .turnstile, .dot:
            let rule = try parseRule(atom)
            return .definition(Definition(form: .rule(rule), perspective: perspective, range: SourceRange(start: start, end: previous.range.end)))
        case .question, .comma, .keywordAccording, .keywordContrast, .keywordIn, .notEqual, .less, .lessEqual,
             .greater, .greaterEqual, .plus, .minus, .star, .slash:
            if allowsQuery {
                return .query(try parseQuery(leading: [try continueLiteral(after: atom)]))
            }
            throw fail(expected: "':-', '=' or '.' after '\(atom.name.text)'")
        default:
            if currentStartsLine {
                // A fact whose '.' is missing; parseRule reports it and recovers.
                let rule = try parseRule(atom)
                return .definition(Definition(form: .rule(rule), perspective: perspective, range: atom.range))
            }
            throw fail(expected: "':-' or '.' after '\(atom.name.text)'", help: allowsQuery ? "end a fact with '.', a rule's head with ':-', a query with '?'" : nil)
        }
    }

    /// `entity = NAME NAME [ STRING ] [ attributes ] "." ;`
    mutating func parseEntity(perspective: Name?, allowsQuery: Bool) throws(ParseFailure) -> Statement {
        let kindToken = advance()
        let kind = Name(text(of: kindToken), kindToken.range)
        let idToken = advance()
        let id = Name(text(of: idToken), idToken.range)
        var label: Expression?
        if let string = consume(if: .string) {
            label = .symbol(StringLiteral.decode(file.bytes[string.range.start..<string.range.end]), string.range)
        }
        var attributes: [Attribute] = []
        if at(.leftBrace) {
            attributes = try parseAttributes(of: id)
        }
        // `actor russia?` asks whether russia is an actor.
        if allowsQuery, label == nil, attributes.isEmpty, at(.question) || at(.keywordAccording) || at(.keywordContrast) || at(.comma) {
            let pattern = RecordPattern(kind: kind, subject: .symbol(id.text, id.range), attributes: [], range: kind.range.union(id.range))
            return .query(try parseQuery(leading: [.record(pattern)]))
        }
        try expectStatementEnd("'.' at end of entity '\(id.text)'")
        let declaration = EntityDeclaration(kind: kind, id: id, label: label, attributes: attributes)
        return .definition(Definition(form: .entity(declaration), perspective: perspective, range: SourceRange(start: kind.range.start, end: previous.range.end)))
    }

    /// `attributes = "{" [ attribute { "," attribute } [ "," ] ] "}" ;`
    mutating func parseAttributes(of id: Name) throws(ParseFailure) -> [Attribute] {
        let brace = try open(.leftBrace)
        var attributes: [Attribute] = []
        while !at(.rightBrace) {
            attributes.append(try parseAttribute())
            if consume(if: .comma) == nil { break }
        }
        _ = try close(.rightBrace, brace, unclosed: "'}' to end the attributes of '\(id.text)'",
                      separated: "',' or '}' after attribute value", help: "separate attributes with ','")
        return attributes
    }

    /// `attribute = NAME ":" attribute_value ;`
    mutating func parseAttribute() throws(ParseFailure) -> Attribute {
        let keyToken = try expect(.name, "an attribute name", help: at(.variable) ? "attribute names are lowercase" : nil)
        let key = Name(text(of: keyToken), keyToken.range)
        _ = try expect(.colon, "':' after attribute name '\(key.text)'")
        let (values, isList) = try parseAttributeValue()
        return Attribute(key: key, values: values, isList: isList)
    }

    /// `attribute_value = "[" [ argument { "," argument } [ "," ] ] "]" | argument ;`
    mutating func parseAttributeValue() throws(ParseFailure) -> ([Expression], Bool) {
        guard at(.leftBracket) else { return ([try parseArgument()], false) }
        let bracket = try open(.leftBracket)
        var values: [Expression] = []
        while !at(.rightBracket) {
            values.append(try parseArgument())
            if consume(if: .comma) == nil { break }
        }
        _ = try close(.rightBracket, bracket, unclosed: "']' to end the list", separated: "',' or ']' in list")
        return (values, true)
    }

    /// `observation = atom "=" expression [ ":-" body ] "." ;`
    mutating func parseObservation(_ indicator: Atom) throws(ParseFailure) -> Observation {
        _ = try expect(.equal)
        let value = try parseExpression()
        var body: [Literal]?
        if consume(if: .turnstile) != nil {
            body = try parseBody()
        }
        try expectStatementEnd("'.' at end of observation")
        return Observation(indicator: indicator, value: value, body: body)
    }

    /// `rule = atom [ ":-" body ] "." ;`
    mutating func parseRule(_ head: Atom) throws(ParseFailure) -> Rule {
        var body: [Literal]?
        if consume(if: .turnstile) != nil {
            body = try parseBody()
        }
        try expectStatementEnd(body == nil ? "'.' at end of fact" : "',' or '.' after body literal")
        return Rule(head: head, body: body)
    }

    /// `atom = NAME [ "(" [ argument { "," argument } ] ")" ] ;`
    mutating func parseAtom() throws(ParseFailure) -> Atom {
        let nameToken = try expect(.name, "a predicate name")
        let name = Name(text(of: nameToken), nameToken.range)
        guard at(.leftParen) else {
            return Atom(name: name, arguments: [], range: name.range)
        }
        let arguments = try parseArgumentList(of: name, argument: { (parser: inout Parser) throws(ParseFailure) in try parser.parseArgument() })
        return Atom(name: name, arguments: arguments, range: SourceRange(start: name.range.start, end: previous.range.end))
    }

    /// The bracketed, comma-separated arguments of an atom or a call.
    mutating func parseArgumentList(of name: Name, argument: (inout Parser) throws(ParseFailure) -> Expression) throws(ParseFailure) -> [Expression] {
        let paren = try open(.leftParen)
        var arguments: [Expression] = []
        while !at(.rightParen) {
            arguments.append(try argument(&self))
            if consume(if: .comma) == nil { break }
        }
        _ = try close(.rightParen, paren, unclosed: "')' to end argument list of '\(name.text)'",
                      separated: "',' or ')' after argument of '\(name.text)'")
        return arguments
    }

    /// `query = "?-" body [ perspective_suffix ] ( "." | "?" ) | body [ perspective_suffix ] "?" ;`
    ///
    /// Called at `?-`, or with the literals of a statement already read
    /// (`leading`) when it turned out to be a query of the second form.
    mutating func parseQuery(leading: [Literal]? = nil) throws(ParseFailure) -> Query {
        let start = leading?.first?.range.start ?? current.range.start
        let hasPrefix = leading == nil
        var body: [Literal]
        if hasPrefix {
            advance()
            body = try parseBody()
        } else if let leading, !leading.isEmpty {
            body = leading
            if consume(if: .comma) != nil { body += try parseBody() }
        } else {
            body = try parseBody()
        }
        var suffix: PerspectiveSuffix?
        if at(.keywordAccording) || at(.keywordContrast) {
            suffix = try parsePerspectiveSuffix()
        } else if at(.name), let keyword = nearestName(to: text(of: current), among: ["according", "contrast"]) {
            throw fail(expected: "',' or '.' after query literal", help: "did you mean '\(keyword == "according" ? "according to" : keyword)'?")
        }
        if consume(if: .question) == nil {
            if hasPrefix {
                try expectStatementEnd(suffix == nil ? "',' or '.' after query literal" : "'.' at end of query")
            } else {
                throw fail(expected: suffix == nil ? "',' or '?' after query literal" : "'?' at end of query",
                           help: "a query starts with '?-' or ends with '?'")
            }
        }
        return Query(body: body, suffix: suffix, range: SourceRange(start: start, end: previous.range.end))
    }

    /// `perspective_suffix = "according" "to" NAME | "contrast" [ NAME { "," NAME } ] [ "differing" ] [ "on" atom ] ;`
    mutating func parsePerspectiveSuffix() throws(ParseFailure) -> PerspectiveSuffix {
        if at(.keywordAccording) {
            let source = try parseAccordingTo()
            if at(name: "and") || at(.comma) {
                let other = peek().kind == .name ? text(of: peek()) : "…"
                throw fail(expected: "'.' at end of query", help: "one view at a time; to compare two sources use 'contrast \(source.text), \(other)'")
            }
            return .accordingTo(source)
        }
        let keyword = advance()
        var sources: [Name] = []
        if (at(.name) && !at(name: "differing") && !at(name: "on")) || at(.variable) {
            repeat {
                sources.append(try parseSourceName(after: sources.isEmpty ? "'contrast'" : "','"))
            } while consume(if: .comma) != nil
        }
        let differing = at(name: "differing")
        if differing { advance() }
        var subject: Atom?
        if at(name: "on") {
            advance()
            guard at(.name) else { throw fail(expected: "an atom after 'on'", help: "write 'contrast asan, wong on meets(russia, S, 2020)'") }
            subject = try parseAtom()
        }
        if at(.name), let last = sources.last {
            throw fail(expected: "',' or '.' after source '\(last.text)'",
                       help: "separate the sources with ',': contrast \((sources.map(\.text) + [text(of: current)]).joined(separator: ", "))")
        }
        return .contrast(sources, SourceRange(start: keyword.range.start, end: previous.range.end), differing: differing, on: subject)
    }

    /// `"according" "to" NAME`, at `according`.
    mutating func parseAccordingTo() throws(ParseFailure) -> Name {
        advance()
        guard at(name: "to") else { throw fail(expected: "'to' after 'according'") }
        advance()
        return try parseSourceName(after: "'according to'")
    }

    /// A source name; a capitalised one (`Wong`) is a variable to the
    /// grammar, and the help says which source is meant.
    mutating func parseSourceName(after what: String) throws(ParseFailure) -> Name {
        if at(.variable) {
            let written = text(of: current)
            throw fail(expected: "a source name after \(what)", help: "source names are in lowercase: '\(written.lowercased())'")
        }
        let source = try expect(.name, "a source name after \(what)")
        return Name(text(of: source), source.range)
    }

    /// `explanation = "why" [ "not" ] atom [ "according" "to" NAME ] ( "." | "?" ) ;`
    mutating func parseExplanation() throws(ParseFailure) -> Explanation {
        let why = advance()
        let isNegated = consume(if: .keywordNot) != nil
        guard at(.name) else { throw fail(expected: "an atom after '\(isNegated ? "why not" : "why")'") }
        let atom = try parseAtom()
        var perspective: Name?
        if at(.keywordAccording) {
            perspective = try parseAccordingTo()
        }
        if consume(if: .question) == nil {
            try expectStatementEnd(perspective == nil ? "'according to' or '.' after '\(atom.name.text)'" : "'.' at end of 'why'")
        }
        return Explanation(isNegated: isNegated, atom: atom, perspective: perspective, range: SourceRange(start: why.range.start, end: previous.range.end))
    }

    /// Consumes the `.` ending a statement. When it is missing and the next
    /// token starts a new line, the error is reported where the `.` belongs,
    /// at the end of this statement (which is then neither loaded nor run),
    /// and parsing resumes on the next line: a forgotten `.` costs one
    /// message, not the next statement too.
    mutating func expectStatementEnd(_ what: String) throws(ParseFailure) {
        if consume(if: .dot) != nil { return }
        let startsStatement: Set<Token.Kind> = [.name, .queryMark, .keywordWhy, .keywordAccording]
        if currentStartsLine && startsStatement.contains(current.kind) {
            let end = SourceRange(start: previous.range.end, end: previous.range.end)
            report("expected \(what), found the next line", at: end, help: "insert '.' here")
            return
        }
        throw fail(expected: what)
    }
}
