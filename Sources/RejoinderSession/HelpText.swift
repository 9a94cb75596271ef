/// The text of `:help`: every command and query form with one example.
enum HelpText {
    static func text(topic: String?) -> String {
        switch topic {
        case nil:
            return overview
        case "queries", "query":
            return queries
        case "why", "explanations", "status":
            return explanations
        case let topic?:
            if let command = MetaCommand(rawValue: topic.hasPrefix(":") ? String(topic.dropFirst()) : topic) {
                return command.summary + "\n"
            }
            return "no help on '\(topic)'; try :help, :help queries or :help COMMAND\n"
        }
    }

    private static let overview = """
    Statements end with '.'; a query starts with '?-' (or ends with '?').

      fact          partner(russia, china).
      rule          ally(A, B) :- partner(A, B).
      entity        actor russia "Russia" { region: eurasia }.
      observation   gdp(china, 2021) = 17734062645371.
      perspective   according to wong { stage(china, russia, 2024, potential). }
      query         ?- partner(A, B).
      per source    ?- meets(russia, S, 2020) according to wong.
      side by side  ?- meets(russia, S, 2020) contrast asan, wong.
      aggregate     ?- N = count : { actor A }.
      years         ?- meets(russia, S, Y), Y in 2013..2024.
      why           why meets(russia, criticism, 2020) according to wong.
      why not       why not meets(russia, criticism, 2020) according to asan.
      status        ?- status(C, accepted) contrast asan, wong.

    Commands (one line each, starting with ':'):

    """ + MetaCommand.allCases.map { "  " + $0.summary }.joined(separator: "\n")
        + "\n\nWith '!' (:output! FILE), a command that writes a file replaces it even if it is read-only.\n"
        + "Tab completes names, Ctrl-C discards the entry or stops a query, ↑ recalls earlier entries.\n"
        + ":help queries  more about queries and perspectives; :help why  about explanations\n"

    private static let explanations = """
    why ATOM [according to P].       the shortest derivation of a statement that holds: every
                                     rule used (with its file and line), every fact (with its
                                     source, and for an entity its label, ¶ and note), values
                                     computed by arithmetic and aggregates. :depth N folds deeper
                                     levels.
    why not ATOM [according to P].   for each rule that could derive it, the first literal that
                                     fails with the values bound so far; a negation shows the
                                     statement that blocks it.
    status(X, S)                     built in: the grounded semantics of the attacks among the
                                     arguments of each view (which kinds and relations those are:
                                     vocabulary/2, :help vocabulary); S is accepted (every attacker
                                     is rejected), rejected (an accepted argument attacks it) or
                                     undecided (as in a cycle of attacks).
    labelling(X, L)                  built in: the same, as in, out or undec.
    credulous(X, Sem)                built in: X is in some extension under Sem (grounded,
                                     complete, preferred or stable).
    skeptical(X, Sem)                built in: X is in every extension under Sem, and there is one.
    ... according to debate.         the joint view (vocabulary's joint_view): every source's
                                     attacks in one graph.

    """

    private static let queries = """
    A query's answer has one column per named variable (those starting
    with '_' are hidden), rows distinct and sorted.

      ?- meets(russia, S, 2020).                   every source's view, with an 'according to' column
      ?- meets(russia, S, 2020) according to asan. one source's view
      ?- meets(russia, S, 2020) contrast asan, wong.  a yes/no column per source
      ?- meets(russia, S, Y) contrast differing.   only the rows the views disagree on
      ?- standard S contrast on meets(russia, S, 2020).   every standard, held or not
      ?- partner(russia, china).                   no variables: yes or no
      ?- R = gdp(china, 2021) / gdp(russia, 2021). indicator look-ups inside arithmetic
      ?- evidence E { actor: russia, shows: S }.   a record pattern: is_a(E, evidence), actor(E, russia), …
      ?- not partner(china, X), actor X.           negation needs its variables bound elsewhere
      ?- S = sum V : { value(gdp, A, 2021, V) }.   count, sum, min, max, mean

    A query stops with an error when its rules derive more than max-facts facts,
    facts that take more than max-memory megabytes, or run longer than timeout
    seconds, printing its answer included; :set shows the three and the threads
    a query may use, :set timeout 5 changes one. Ctrl-C stops it.
    A statement may hold at most 1,000 operators and 1,000 body literals.

    """
}
