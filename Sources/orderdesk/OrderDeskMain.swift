import ArgumentParser
import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// The entry point: opens the desk at once, or hands the command line to ArgumentParser.
///
/// A command line that only opens the desk is read at once and the desk drawn on this
/// thread; every other one goes to ArgumentParser (``OrderDeskCommand``), whose ``Desk``
/// also runs on this thread, and whose `serve` runs on the concurrency pool.
///
/// `main` is synchronous on purpose: an `async` main parks this thread in `dispatch_main`,
/// and in a fully static executable the unwinding that parking starts walks every frame
/// description of the binary before the first frame can be drawn.
@main
enum OrderDeskMain {
  static func main() {
    // Before anything can hold a secret: no core file, in every subcommand.
    ProcessHardening.applyOrExit()
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      if let options = DeskLaunchOptions(quickParsing: arguments),
        let desk = try? PreparedDesk(options)
      {
        try desk.runOnThisThread()
        return
      }
      var command = try OrderDeskCommand.parseAsRoot(arguments)
      if let asyncCommand = command as? AsyncParsableCommand {
        runToTheEnd(asyncCommand)
      } else {
        // The desk (``Desk``) among them: its terminal's thread is this one.
        try command.run()
      }
    } catch {
      OrderDeskCommand.exit(withError: error)
    }
  }

  /// Runs a subcommand that needs tasks (`serve`) on the concurrency pool while this thread
  /// waits for it; its error ends the process as ArgumentParser reports errors.
  private static func runToTheEnd(_ command: sending any AsyncParsableCommand) {
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
      var command = command
      do {
        try await command.run()
      } catch {
        OrderDeskCommand.exit(withError: error)
      }
      finished.signal()
    }
    finished.wait()
  }
}
