import OrderCore

extension PaymentForm {
  /// How long a revealed card number stays readable.
  static let revealDuration = Duration.seconds(5)

  /// Ctrl-R: asks the audit log to record a read-back; the number is shown once it has.
  mutating func askToReadBack(_ context: ScreenContext) -> ScreenOutcome {
    guard !number.isEmpty else { return [] }
    endReadBack()
    readBack = .recording(generation: readBackGeneration)
    return [
      .run(
        .recordCardReadBack(
          CardReadBackRecord(
            orderInProgress: context.idempotencyKey, staff: context.staffMember),
          generation: readBackGeneration))
    ]
  }

  /// The audit log's answer: the number is shown for ``revealDuration``, or not at all.
  mutating func readBackRecorded(
    generation: Int, _ result: Result<Void, DeskFailure>
  ) -> ScreenOutcome {
    guard readBack == .recording(generation: generation) else { return [] }
    switch result {
    case .success:
      readBack = .shown(generation: generation)
      return [
        .run(.startTimer(.hideCardNumber(generation: generation), after: Self.revealDuration))
      ]
    case .failure(let failure):
      endReadBack()
      return [
        .say(
          "The number is not shown: its read-back could not be written to the audit log. "
            + failure.message, .error)
      ]
    }
  }

  /// The read-back's time is up.
  mutating func hideCardNumber(generation: Int) {
    guard readBack == .shown(generation: generation) else { return }
    endReadBack()
  }
}
