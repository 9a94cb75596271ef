import ArgumentParser
import Foundation

// A closed pipe or a FIFO's vanished reader is an error a write returns
// (EPIPE), handled where it happens, not a signal that kills the process.
signal(SIGPIPE, SIG_IGN)

// Exit codes of TOOL.md: 0 success, 1 an error in the input, 2 usage.
do {
    var command = try RejoinderCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let message = RejoinderCommand.fullMessage(for: error)
    if RejoinderCommand.exitCode(for: error) == .success {
        Terminal.write(message + "\n", to: .standardOutput)
        Foundation.exit(0)
    }
    Terminal.write(message + "\n", to: .standardError)
    Foundation.exit(2)
}
