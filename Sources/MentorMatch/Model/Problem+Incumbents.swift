extension Problem {
    /// Whether the pair is one of the ``incumbents``.
    ///
    /// - Complexity: O(1) on average.
    package func isIncumbent(mentee: Int, mentor: Int) -> Bool {
        incumbentSet.contains(PairKey(mentee: mentee, mentor: mentor))
    }

    /// The problem whose two-level objective (most pairs, then best score) is exactly this
    /// problem's three-level one (most pairs, then most incumbents, then best score): scores
    /// scaled to whole numbers, each incumbent pair's score moved by a bonus *B* towards better,
    /// and no incumbents. *B* = 2*A* + 1, where *A* bounds the magnitude of any assignment's total
    /// (each mentee's demand times its largest score magnitude), so one more incumbent outweighs
    /// any difference in score; every total stays a whole number below 2^53, so the exact native
    /// solver adds them without rounding. The native solver solves this problem, and
    /// ``verify(_:)`` checks certificates against it.
    ///
    /// - Throws: ``MatchingError/unsupported(solver:feature:)`` when the scores are not multiples
    ///   of 10^-k for some k <= 6, or the weighted totals would reach 2^53 (GLPK's staged program
    ///   has neither limit).
    /// - Complexity: O(*e*) plus validation, for *e* allowed pairs.
    package func incumbentWeighted(solver: String) throws -> Problem {
        var scores: [Double] = []
        forEachAllowedPair { _, _, score in scores.append(score) }
        let exactLimit = 9_007_199_254_740_992.0  // 2^53
        guard let scaled = wholeNumbers(scores, limit: exactLimit)?.values else {
            throw MatchingError.unsupported(solver: solver, feature: .size("previous pairs to keep with scores that are not multiples of 10^-6 (use --solver glpk)"))
        }
        var largest = [Double](repeating: 0, count: mentees.count)
        var pairCount = [Int](repeating: 0, count: mentees.count)
        var position = 0
        forEachAllowedPair { mentee, _, _ in
            largest[mentee] = max(largest[mentee], abs(scaled[position]))
            pairCount[mentee] += 1
            position += 1
        }
        let totalBound = mentees.indices.reduce(0.0) { $0 + Double(min(mentees[$1].demand, pairCount[$1])) * largest[$1] }
        let bonus = 2 * totalBound + 1
        guard bonus * Double(incumbents.count + 1) + totalBound < exactLimit, bonus + (largest.max() ?? 0) <= Self.maximumScoreMagnitude else {
            throw MatchingError.unsupported(solver: solver, feature: .size("previous pairs to keep with scores too large to weigh exactly (use --solver glpk)"))
        }
        let signedBonus = sense == .maximize ? bonus : -bonus
        position = 0
        return try rescored(incumbents: []) { mentee, mentor, _ in
            defer { position += 1 }
            return scaled[position] + (incumbentSet.contains(PairKey(mentee: mentee, mentor: mentor)) ? signedBonus : 0)
        }
    }
}
