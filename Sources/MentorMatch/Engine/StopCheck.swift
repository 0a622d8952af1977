/// When a solve must stop early: the calling task was cancelled or a deadline passed. Checked
/// between augmentations, so a solver stops within one search of the request.
package struct StopCheck: Sendable {
    package let deadline: ContinuousClock.Instant?

    package init(timeLimit: Duration?) {
        deadline = timeLimit.map { ContinuousClock.now + $0 }
    }

    /// Throws ``MatchingError/cancelled`` or ``MatchingError/timeLimitReached(_:)``.
    package func check() throws {
        if Task.isCancelled { throw MatchingError.cancelled }
        if let deadline, ContinuousClock.now >= deadline {
            throw MatchingError.timeLimitReached("no optimal assignment yet; an unfinished one is never returned")
        }
    }
}
