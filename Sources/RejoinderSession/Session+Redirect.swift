import RejoinderSyntax

/// Answers sent to a file by `:output FILE` (until `:output` alone) or
/// `:once FILE` (the next answer only). The file is written whole, through
/// `AtomicFile`, when the redirection ends or the session finishes.
struct Redirect {
    let path: String
    let isOnce: Bool
    let span: SourceSpan
    var text = ""
}

extension Session {
    /// Writes answer text to the terminal, or to the file of `:output`/`:once`.
    func emit(_ text: String) {
        guard var current = redirect else {
            output.answer(text)
            return
        }
        current.text += text
        redirect = current
        if current.isOnce { _ = closeRedirect() }
    }

    func redirectAnswers(to path: String?, once: Bool, span: SourceSpan) -> Bool {
        let closed = closeRedirect()
        if let path {
            do {
                try AtomicFile.checkWritable(path)
            } catch {
                reportDiagnostic(.error(error.message, at: span))
                return false
            }
            redirect = Redirect(path: path, isOnce: once, span: span)
        }
        return closed
    }

    /// Writes out a pending redirection; call before the session ends.
    @discardableResult
    public func finish() -> Bool {
        closeRedirect()
    }

    private func closeRedirect() -> Bool {
        guard let current = redirect else { return true }
        redirect = nil
        do {
            try AtomicFile.write(current.text, to: current.path)
            return true
        } catch {
            reportDiagnostic(.error(error.message, at: current.span))
            return false
        }
    }
}
