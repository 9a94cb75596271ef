import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

/// Answers sent to a file by `:output FILE` (until `:output` alone) or
/// `:once FILE` (the next answer only). They are written as they come, to
/// a temporary file that replaces the target when the redirection ends
/// (`AtomicFile.Writer`), so a long answer is never held in memory.
struct Redirect {
    let path: String
    let isOnce: Bool
    let span: SourceSpan
    let writer: AtomicFile.Writer
}

/// Why the printing of an answer stopped before its end.
enum PrintingStopped: Error {
    case cancelled
    case timeLimit
    /// The pager was left (q in less) before the end: nothing is wrong.
    case pagerQuit
}

/// Shows an answer too tall for the terminal a screen at a time (the
/// command line's `$PAGER`); the session decides which answers need it.
public protocol AnswerPager: AnyObject {
    /// Lines an answer may take before it goes through the pager.
    var screenLines: Int { get }
    /// Starts the pager; false when it cannot be started.
    func open() -> Bool
    /// Sends text to it; false once it has quit.
    func write(_ text: String) -> Bool
    /// Ends its input and waits for it to finish.
    func close()
}

/// Prints an answer as it is rendered, in pieces of about 64 KB, and stops
/// it on Ctrl-C or when the query's time is up: printing is part of the
/// query, as evaluating it is. With a pager, the first screenful is held
/// back until it is clear whether the answer fits on the screen.
struct AnswerPrinter: AnswerSink {
    private enum Paging {
        /// No pager, or the answer fits: straight to the output.
        case none
        /// Lines held back so far, while the answer may still fit.
        case undecided(lines: Int)
        case paging(AnswerPager)
    }

    let session: Session
    let deadline: ContinuousClock.Instant?
    private var pending = ""
    private var checkpoints = 0
    private var paging: Paging

    init(session: Session, deadline: ContinuousClock.Instant?, pager: AnswerPager?) {
        self.session = session
        self.deadline = deadline
        paging = pager == nil ? .none : .undecided(lines: 0)
    }

    mutating func write(_ text: String) throws(PrintingStopped) {
        try checkpoint()
        pending += text
        switch paging {
        case .undecided(let lines):
            let total = lines + text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            guard let pager = session.pager, total >= pager.screenLines else {
                paging = .undecided(lines: total)
                return
            }
            paging = pager.open() ? .paging(pager) : .none
            try flush()
        case .none, .paging:
            if pending.utf8.count >= 1 << 16 { try flush() }
        }
    }

    mutating func checkpoint() throws(PrintingStopped) {
        if session.knowledgeBase.control.isCancelled { throw .cancelled }
        // Reading the clock for every row would cost more than the row.
        checkpoints += 1
        if checkpoints % 256 == 0, let deadline, ContinuousClock.now >= deadline { throw .timeLimit }
    }

    /// Sends what is rendered so far.
    private mutating func flush() throws(PrintingStopped) {
        guard !pending.isEmpty else { return }
        defer { pending = "" }
        switch paging {
        case .none, .undecided: session.emitPart(pending)
        case .paging(let pager): if !pager.write(pending) { throw .pagerQuit }
        }
    }

    /// Sends the rest, and waits for the pager if there is one.
    mutating func finish() {
        try? flush()
        if case .paging(let pager) = paging { pager.close() }
        paging = .none
    }
}

extension Session {
    /// Writes one whole piece of output (a listing, a message, help) to the
    /// terminal, or to the file of `:output`/`:once`.
    func emit(_ text: String) {
        emitPart(text)
        endOfAnswer()
    }

    /// Writes a part of an answer that is being printed.
    func emitPart(_ text: String) {
        if let redirect { redirect.writer.write(text) } else { output.answer(text) }
    }

    /// An answer is whole: a `:once` redirection ends with it.
    func endOfAnswer() {
        if redirect?.isOnce == true { closeRedirect() }
    }

    /// Prints an answer a piece at a time until `deadline`, or until Ctrl-C.
    /// When printing stops early, says so (at `span`) and returns false; a
    /// `:once` file is then left as it was, rather than holding part of an
    /// answer.
    func printAnswer(_ answer: Answer, before deadline: ContinuousClock.Instant?, for span: SourceSpan) -> Bool {
        var printer = AnswerPrinter(session: self, deadline: deadline, pager: redirect == nil && settings.pager ? pager : nil)
        do {
            try AnswerRenderer(format: settings.format, style: settings.style).render(answer, into: &printer)
        } catch {
            printer.finish()
            if error == .pagerQuit { return true }
            if redirect?.isOnce == true { redirect = nil }
            let rows = "\(answer.rows.count) row\(answer.rows.count == 1 ? "" : "s")"
            switch error {
            case .cancelled:
                reportNotice("printing cancelled: the answer has \(rows)")
                noteError()
            case .timeLimit:
                reportDiagnostic(.error("printing stopped after \(Datum.shortest(knowledgeBase.limits.timeLimit)) s (the time limit): the answer has \(rows)", at: span,
                                        help: "ask for fewer rows, or raise the limit with --timeout SECONDS or :set timeout SECONDS (0 for none)"))
            case .pagerQuit:
                break
            }
            return false
        }
        printer.finish()
        // Tables and Markdown carry the answer's notes; data formats keep
        // their shape, so the notes go where diagnostics go.
        if ![.table, .markdown].contains(settings.format) {
            for note in answer.notes { reportNotice("note: " + note) }
        }
        endOfAnswer()
        return true
    }

    func redirectAnswers(to path: String?, once: Bool, replacingReadOnly: Bool, span: SourceSpan) -> Bool {
        let closed = closeRedirect()
        guard let path else { return closed }
        do {
            let writer = try AtomicFile.Writer(path: path, replacingReadOnly: replacingReadOnly)
            redirect = Redirect(path: path, isOnce: once, span: span, writer: writer)
            return closed
        } catch {
            report(error, at: span, forcedBy: once ? ":once!" : ":output!")
            return false
        }
    }

    /// A file that cannot be written; a read-only one can be replaced by
    /// the command with `!` (as in vi's `:w!`).
    func report(_ error: FileWriteError, at span: SourceSpan, forcedBy command: String) {
        reportDiagnostic(.error(error.message, at: span, help: error.isReadOnly ? "'\(command)' replaces a read-only file" : nil))
    }

    /// Writes out a pending redirection; call before the session ends.
    @discardableResult
    public func finish() -> Bool {
        closeRedirect()
    }

    @discardableResult
    private func closeRedirect() -> Bool {
        guard let current = redirect else { return true }
        redirect = nil
        do {
            try current.writer.commit()
            return true
        } catch {
            reportDiagnostic(.error(error.message, at: current.span))
            return false
        }
    }
}
