import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// The entry point: opens the desk at once, or hands the command line to ArgumentParser.
///
/// A command line that only opens the desk is read at once and the desk drawn on this
/// thread; every other one goes to ArgumentParser (``OrderDeskCommand``).
///
/// `main` is synchronous on purpose: an `async` main parks this thread in `dispatch_main`,
/// and in a fully static executable the unwinding that parking starts walks every frame
/// description of the binary before the first frame can be drawn.
@main
enum OrderDeskMain {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let options = DeskLaunchOptions(quickParsing: arguments),
      let desk = try? PreparedDesk(options)
    {
      do {
        try desk.runOnThisThread()
        exit(EXIT_SUCCESS)
      } catch {
        var message = "Error: \(error)\n"
        message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(EXIT_FAILURE)
      }
    }
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
      await OrderDeskCommand.main(arguments)
      finished.signal()
    }
    finished.wait()
  }
}
