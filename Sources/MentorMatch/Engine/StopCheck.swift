/// When a solve must stop early: the calling task was cancelled or a deadline passed. Checked
/// between augmentations, so a solver stops within one search of the request.
package struct StopCheck: Sendable {
    package let deadline: ContinuousClock.Instant?
    /// Whether the solve was cancelled; by default the current task's cancellation.
    private let isCancelled: @Sendable () -> Bool

    package init(timeLimit: Duration?) {
        self.init(deadline: timeLimit.map { ContinuousClock.now + $0 }) { Task.isCancelled }
    }

    package init(deadline: ContinuousClock.Instant?, isCancelled: @escaping @Sendable () -> Bool) {
        self.deadline = deadline
        self.isCancelled = isCancelled
    }

    /// Throws ``MatchingError/cancelled`` or ``MatchingError/timeLimitReached(_:)``.
    package func check() throws {
        if isCancelled() { throw MatchingError.cancelled }
        if let deadline, ContinuousClock.now >= deadline {
            throw MatchingError.timeLimitReached("no optimal assignment yet; an unfinished one is never returned")
        }
    }
}
