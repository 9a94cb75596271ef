import Foundation
import RejoinderEngine

/// Ctrl-C while a query runs: the SIGINT handler asks the evaluation to
/// stop, and the prompt comes back when it has. (At the prompt itself
/// Ctrl-C is a key of the line editor, not a signal.)
enum Interrupts {
    /// What every session of the process stops its evaluations by: a
    /// constant, so the handler reads no mutable state, and cancelling is
    /// an atomic store.
    static let control = EvaluationControl()

    static func cancelQueries() {
        // Made before the handler can run: no lazy initialisation inside it.
        _ = control.isCancelled
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.control.cancel()
            // End the line the terminal echoed "^C" on (write is async-signal-safe).
            _ = write(STDERR_FILENO, "\n", 1)
        }
        action.sa_flags = SA_RESTART
        install(action)
    }

    /// Installs `action` for SIGINT and unblocks the signal: a parent may
    /// have started us with it blocked, and we want it.
    private static func install(_ action: sigaction) {
        var action = action
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Ctrl-C while a script runs (`run`, or a script on standard input):
    /// the work stops at once, with one line on standard error and the
    /// shell's status for an interrupt, 130. Only async-signal-safe calls.
    static func endBatchOnInterrupt() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let message = "\nrejoinder: interrupted\n"
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(130)
        }
        install(action)
    }
}
