/// Everyone's ranked partners: a person's own list (``Problem/Preferences``) where it has one,
/// else every allowed partner, better scores first (a mentee breaks ties by mentor order, a mentor
/// by mentee order).
struct RankedLists {
    /// Per mentee, the mentors it and they find acceptable, best first; per mentor likewise. A pair
    /// is acceptable to a person when it is allowed and, if the person has a list, on it.
    let mentorsOfMentee: [[Int]]
    let menteesOfMentor: [[Int]]
    /// Every pair that either side ranks, in compressed rows by mentee (mentors increasing within
    /// a row), with the position of the pair in the mentee's and in the mentor's own ranking (a
    /// list as written, or the score order), 0 for the first and -1 when that side does not rank
    /// it. Arrays, not a dictionary of pairs: a lookup is a binary search within one row.
    private let rowStart: [Int]
    private let rowMentor: [Int32]
    private let menteeRank: [Int32]
    private let mentorRank: [Int32]

    /// - Complexity: O(*e* log *e*) for *e* ranked or allowed pairs.
    init(_ problem: Problem) {
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? (>) : (<)
        var byScoreOfMentee = [[(Int, Double)]](repeating: [], count: problem.mentees.count)
        var byScoreOfMentor = [[(Int, Double)]](repeating: [], count: problem.mentors.count)
        problem.forEachAllowedPair { mentee, mentor, score in
            if problem.menteeRanking[mentee] == nil { byScoreOfMentee[mentee].append((mentor, score)) }
            if problem.mentorRanking[mentor] == nil { byScoreOfMentor[mentor].append((mentee, score)) }
        }
        func ranked(_ list: [(Int, Double)]) -> [Int] {
            list.sorted { $0.1 != $1.1 ? better($0.1, $1.1) : $0.0 < $1.0 }.map(\.0)
        }
        let ownOfMentee = problem.mentees.indices.map { problem.menteeRanking[$0] ?? ranked(byScoreOfMentee[$0]) }
        let ownOfMentor = problem.mentors.indices.map { problem.mentorRanking[$0] ?? ranked(byScoreOfMentor[$0]) }
        byScoreOfMentee = []
        byScoreOfMentor = []

        // Both sides' rankings as (mentor, mentee's rank, mentor's rank) entries, rows by mentee.
        var entriesOfMentee = ownOfMentee.map(\.count)
        for list in ownOfMentor {
            for mentee in list { entriesOfMentee[mentee] += 1 }
        }
        var rows = RowLayout(counts: entriesOfMentee)
        let entryStart = rows.start
        var entries = [(mentor: Int32, menteeRank: Int32, mentorRank: Int32)](repeating: (0, -1, -1), count: rows.itemCount)
        for (mentee, list) in ownOfMentee.enumerated() {
            for (rank, mentor) in list.enumerated() { entries[rows.place(inRow: mentee)] = (Int32(mentor), Int32(rank), -1) }
        }
        for (mentor, list) in ownOfMentor.enumerated() {
            for (rank, mentee) in list.enumerated() { entries[rows.place(inRow: mentee)] = (Int32(mentor), -1, Int32(rank)) }
        }
        // Sorted by mentor within each row, the two sides' entries of a pair merged into one.
        var rowStart = [0], rowMentor: [Int32] = [], menteeRank: [Int32] = [], mentorRank: [Int32] = []
        for mentee in problem.mentees.indices {
            entries[entryStart[mentee]..<entryStart[mentee + 1]].sort { $0.mentor < $1.mentor }
            for entry in entries[entryStart[mentee]..<entryStart[mentee + 1]] {
                if rowMentor.count > rowStart[mentee], rowMentor.last == entry.mentor {
                    menteeRank[menteeRank.count - 1] = max(menteeRank.last!, entry.menteeRank)
                    mentorRank[mentorRank.count - 1] = max(mentorRank.last!, entry.mentorRank)
                } else {
                    rowMentor.append(entry.mentor)
                    menteeRank.append(entry.menteeRank)
                    mentorRank.append(entry.mentorRank)
                }
            }
            rowStart.append(rowMentor.count)
        }
        entries = []
        self.rowStart = rowStart
        self.rowMentor = rowMentor
        self.menteeRank = menteeRank
        self.mentorRank = mentorRank
        menteeRankingLength = ownOfMentee.map(\.count)
        mentorRankingLength = ownOfMentor.map(\.count)

        func acceptable(_ mentee: Int, _ mentor: Int) -> Bool {
            guard let position = Self.position(of: mentor, inRow: mentee, rowStart: rowStart, rowMentor: rowMentor) else { return false }
            return menteeRank[position] >= 0 && mentorRank[position] >= 0 && problem.score(mentee: mentee, mentor: mentor) != nil
        }
        mentorsOfMentee = ownOfMentee.enumerated().map { mentee, list in list.filter { acceptable(mentee, $0) } }
        menteesOfMentor = ownOfMentor.enumerated().map { mentor, list in list.filter { acceptable($0, mentor) } }
    }

    /// The position of `mentor` in mentee `row`'s entries, by binary search.
    private static func position(of mentor: Int, inRow row: Int, rowStart: [Int], rowMentor: [Int32]) -> Int? {
        var low = rowStart[row], high = rowStart[row + 1]
        while low < high {
            let middle = (low + high) / 2
            if rowMentor[middle] < mentor { low = middle + 1 } else { high = middle }
        }
        return low < rowStart[row + 1] && rowMentor[low] == mentor ? low : nil
    }

    /// The length of each person's own ranking (its list as written, or its allowed partners).
    private let menteeRankingLength: [Int]
    private let mentorRankingLength: [Int]
    func rankingLength(ofMentee mentee: Int) -> Int { menteeRankingLength[mentee] }
    func rankingLength(ofMentor mentor: Int) -> Int { mentorRankingLength[mentor] }

    /// Where `mentee` stands in `mentor`'s ranking (0 is best), `nil` when not ranked there.
    ///
    /// - Complexity: O(log *d*), where *d* is the number of mentors the mentee ranks or is ranked by.
    func rank(ofMentee mentee: Int, forMentor mentor: Int) -> Int? {
        Self.position(of: mentor, inRow: mentee, rowStart: rowStart, rowMentor: rowMentor).flatMap { mentorRank[$0] >= 0 ? Int(mentorRank[$0]) : nil }
    }

    /// Where `mentor` stands in `mentee`'s ranking (0 is best), `nil` when not ranked there.
    ///
    /// - Complexity: O(log *d*), as ``rank(ofMentee:forMentor:)``.
    func rank(ofMentor mentor: Int, forMentee mentee: Int) -> Int? {
        Self.position(of: mentor, inRow: mentee, rowStart: rowStart, rowMentor: rowMentor).flatMap { menteeRank[$0] >= 0 ? Int(menteeRank[$0]) : nil }
    }
}

extension Problem {
    /// The number of blocking pairs of a solution: allowed pairs, not assigned, whose mentee
    /// would rather have this mentor (it has none, or prefers it to its mentor) and whose mentor
    /// would rather have this mentee (it has room, or prefers it to its least preferred mentee).
    /// Preferences are those of ``StableSolver``. Locked pairs are fixed: their mentees do not
    /// move and cannot be displaced.
    ///
    /// - Throws: ``MatchingError/verificationFailed(_:)`` when `solution` does not pass
    ///   ``verify(_:)``, and ``MatchingError/unsupported(solver:feature:)`` when a mentee has a
    ///   demand above 1 (stability is defined for one mentor per mentee).
    /// - Complexity: O(*e* log *e*), where *e* is the number of allowed pairs, plus the verification.
    public func blockingPairs(in solution: Solution) throws -> Int {
        blockingPairs(in: solution, preferences: try rankings(toJudge: solution, for: "blocking pairs"))
    }

    /// Everyone's rankings, once `solution` passed ``verify(_:)`` and no mentee has a demand above
    /// 1 (rankings judge one mentor per mentee); `measure` names the caller in the error.
    private func rankings(toJudge solution: Solution, for measure: String) throws -> RankedLists {
        try verify(solution)
        if mentees.contains(where: { $0.demand > 1 }) {
            throw MatchingError.unsupported(solver: measure, feature: .capabilities(.menteeDemand))
        }
        return RankedLists(self)
    }

    /// ``blockingPairs(in:)`` with the preferences already derived, for counting several solutions.
    /// Precondition: `solution` passed ``verify(_:)``, and no mentee has a demand above 1.
    func blockingPairs(in solution: Solution, preferences: RankedLists) -> Int {
        var mentorOf = [Int](repeating: -1, count: mentees.count)
        var worstHeld = [Int](repeating: -1, count: mentors.count)  // rank of the least preferred movable mentee
        var load = [Int](repeating: 0, count: mentors.count)
        for assignment in solution.assignments {
            let mentee = menteeIndex[assignment.mentee]!, mentor = mentorIndex[assignment.mentor]!
            mentorOf[mentee] = mentor
            load[mentor] += 1
            if !isLocked(mentee: mentee, mentor: mentor) {
                // A mentee the mentor does not rank is worse than any it ranks.
                worstHeld[mentor] = max(worstHeld[mentor], preferences.rank(ofMentee: mentee, forMentor: mentor) ?? Int.max)
            }
        }
        var isLockedMentee = [Bool](repeating: false, count: mentees.count)
        for pair in lockedIndices { isLockedMentee[pair.mentee] = true }
        var blocking = 0
        for (mentee, list) in preferences.mentorsOfMentee.enumerated() where !isLockedMentee[mentee] {
            for mentor in list {
                if mentor == mentorOf[mentee] { break }  // the rest are worse than what it has
                let rank = preferences.rank(ofMentee: mentee, forMentor: mentor)!  // acceptable: ranked
                if load[mentor] < mentors[mentor].capacity || (worstHeld[mentor] >= 0 && rank < worstHeld[mentor]) { blocking += 1 }
            }
        }
        return blocking
    }
}

extension Problem {
    /// How the mentees rank what they got, in their own rankings (their lists, or score order
    /// without one).
    public struct RankSummary: Sendable, Hashable, Codable {
        /// Matched mentees whose mentor is their first choice.
        public var firstChoices: Int
        /// The mean 1-based rank of each matched mentee's mentor; a mentor missing from the mentee's
        /// list counts as one past its end. `nil` when no one is matched.
        public var meanRank: Double?
    }

    /// Ranks of `solution`'s mentors in their mentees' rankings.
    ///
    /// - Throws: what ``verify(_:)`` throws, and ``MatchingError/unsupported(solver:feature:)``
    ///   when a mentee has a demand above 1.
    /// - Complexity: O(*e* log *e*) for *e* allowed pairs, plus the verification.
    public func rankSummary(of solution: Solution) throws -> RankSummary {
        rankSummary(of: solution, preferences: try rankings(toJudge: solution, for: "rank summary"))
    }

    /// ``rankSummary(of:)`` with the rankings already derived. Precondition as for
    /// ``blockingPairs(in:preferences:)``.
    func rankSummary(of solution: Solution, preferences: RankedLists) -> RankSummary {
        let totals = rankTotals(of: solution, preferences: preferences)
        let count = solution.assignments.count
        return RankSummary(firstChoices: totals.firstChoices, meanRank: count == 0 ? nil : Double(totals.total) / Double(count))
    }

    /// The matched mentees who got their first choice, and the sum of their 1-based ranks.
    func rankTotals(of solution: Solution, preferences: RankedLists) -> (firstChoices: Int, total: Int) {
        var firstChoices = 0, total = 0
        for assignment in solution.assignments {
            let mentee = menteeIndex[assignment.mentee]!, mentor = mentorIndex[assignment.mentor]!
            let rank = preferences.rank(ofMentor: mentor, forMentee: mentee) ?? preferences.rankingLength(ofMentee: mentee)
            if rank == 0 { firstChoices += 1 }
            total += rank + 1
        }
        return (firstChoices, total)
    }

    /// The same problem scored by preference ranks, so that the exact solvers optimise ranks: a pair
    /// that both find acceptable (see ``Preferences``) scores (*K* - *r*) + (*L* - *s*), where *r*
    /// and *s* are the 0-based positions of each in the other's ranking (the list, or score order
    /// for a person without one) and *K* and *L* the longest rankings among mentees and among
    /// mentors: a first choice is worth *K* (or *L*) points, the last possible one 1. Other pairs
    /// are not allowed, except locked pairs, which keep 0 points. Maximized; people, locked and
    /// forbidden pairs, groups and preferences are kept.
    ///
    /// - Throws: what ``init(sense:mentees:mentors:scores:locked:forbidden:groups:incumbents:preferences:)``
    ///   throws (nothing for a valid problem).
    /// - Complexity: O(*e* log *e*) for *e* allowed pairs.
    public func scoredByRanks() throws -> Problem {
        let rankings = RankedLists(self)
        let longestOfMentees = mentees.indices.map(rankings.rankingLength(ofMentee:)).max() ?? 0
        let longestOfMentors = mentors.indices.map(rankings.rankingLength(ofMentor:)).max() ?? 0
        return try rescored(sense: .maximize) { mentee, mentor, _ in
            if let r = rankings.rank(ofMentor: mentor, forMentee: mentee), let s = rankings.rank(ofMentee: mentee, forMentor: mentor) {
                return Double(longestOfMentees - r + longestOfMentors - s)
            }
            return isLocked(mentee: mentee, mentor: mentor) ? 0 : nil
        }
    }
}
