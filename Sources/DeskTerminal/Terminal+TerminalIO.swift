import DeskRuntime

/// The ncurses terminal is the desk's ``TerminalIO`` in `orderdesk`.
extension Terminal: TerminalIO {}

extension TerminalWaker: TerminalWaking {}
