import HeapModule

/// A stable matching: no mentee and mentor would both rather be matched with each other than
/// keep what they got.
///
/// **Method.** Deferred acceptance (D. Gale, L. S. Shapley, "College admissions and the stability
/// of marriage", American Mathematical Monthly 69, 1962, pp. 9-15), in its hospitals/residents
/// form with mentor capacities. Preferences come from the scores: everyone prefers a better score
/// (higher when maximizing, lower when minimizing); a mentee breaks ties by mentor order, a mentor
/// by mentee order; pairs that are not allowed are unacceptable. Locked pairs are fixed first:
/// their mentees take no further part, and they use up their mentors' capacity.
/// - ``Side/mentees`` propose (default): the stable matching every mentee likes best.
/// - ``Side/mentors`` propose: the stable matching every mentor likes best.
///
/// The answer has no blocking pair (see ``Problem/blockingPairs(in:)``) but is not optimal in
/// general: its status is ``Solution/Status/heuristic``.
///
/// - Complexity: O(*e* log *e*) time and O(*n* + *m* + *e*) memory, where *e* is the number of
///   allowed pairs, *n* of mentees and *m* of mentors.
public struct StableSolver: MatchingSolver {
    /// Who proposes.
    public enum Side: String, Sendable, CaseIterable {
        case mentees, mentors
    }

    public var proposers: Side

    public init(proposers: Side = .mentees) {
        self.proposers = proposers
    }

    public var name: String { proposers == .mentees ? "stable" : "stable-mentors" }

    /// None: stability with demands, minimums or group limits is a different problem.
    public var capabilities: SolverCapabilities { [] }

    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        let preferences = Preferences(problem)
        var freeCapacity = problem.mentors.map(\.capacity)
        var isLocked = [Bool](repeating: false, count: problem.mentees.count)
        for pair in problem.lockedPairs {
            freeCapacity[pair.mentor] -= 1
            isLocked[pair.mentee] = true
        }
        let free = problem.mentees.indices.filter { !isLocked[$0] && problem.mentees[$0].demand > 0 }
        let chosen = proposers == .mentees
            ? Self.menteesPropose(preferences, free: free, capacity: freeCapacity)
            : Self.mentorsPropose(preferences, free: free, capacity: freeCapacity, menteeCount: problem.mentees.count)
        return Solution(
            problem: problem, solver: name, method: "deferred acceptance, \(proposers.rawValue) propose", status: .heuristic,
            pairs: problem.lockedPairs + chosen, seconds: (clock.now - started) / .seconds(1))
    }

    /// Each free mentee proposes down its list; a mentor keeps its best `capacity` proposals.
    static func menteesPropose(_ preferences: Preferences, free: [Int], capacity: [Int]) -> [(mentee: Int, mentor: Int)] {
        var next = [Int](repeating: 0, count: preferences.mentorsOfMentee.count)
        // Per mentor, the held mentees with the least preferred on top.
        var held = [Heap<HeldMentee>](repeating: Heap(), count: capacity.count)
        var waiting = Array(free.reversed())
        while let mentee = waiting.popLast() {
            let list = preferences.mentorsOfMentee[mentee]
            guard next[mentee] < list.count else { continue }  // exhausted: stays unassigned
            let mentor = list[next[mentee]]
            next[mentee] += 1
            let rank = preferences.rank(ofMentee: mentee, forMentor: mentor)
            held[mentor].insert(HeldMentee(rank: rank, mentee: mentee))
            if held[mentor].count > capacity[mentor], let rejected = held[mentor].popMax() {
                waiting.append(rejected.mentee)
            }
        }
        return held.enumerated().flatMap { mentor, heap in heap.unordered.map { (mentee: $0.mentee, mentor: mentor) } }
    }

    /// Each mentor with room offers to the next mentee on its list; a mentee keeps its best offer.
    static func mentorsPropose(_ preferences: Preferences, free: [Int], capacity: [Int], menteeCount: Int) -> [(mentee: Int, mentor: Int)] {
        var isFree = [Bool](repeating: false, count: menteeCount)
        for mentee in free { isFree[mentee] = true }
        var next = [Int](repeating: 0, count: capacity.count)
        var holding = [Int](repeating: 0, count: capacity.count)
        var offerOf = [Int](repeating: -1, count: menteeCount)
        var active = Array((0..<capacity.count).reversed())
        while let mentor = active.popLast() {
            let list = preferences.menteesOfMentor[mentor]
            while holding[mentor] < capacity[mentor], next[mentor] < list.count {
                let mentee = list[next[mentor]]
                next[mentor] += 1
                guard isFree[mentee] else { continue }
                let current = offerOf[mentee]
                if current < 0 || preferences.rank(ofMentor: mentor, forMentee: mentee) < preferences.rank(ofMentor: current, forMentee: mentee) {
                    if current >= 0 {
                        holding[current] -= 1
                        active.append(current)
                    }
                    offerOf[mentee] = mentor
                    holding[mentor] += 1
                }
            }
        }
        return offerOf.enumerated().filter { $0.element >= 0 }.map { (mentee: $0.offset, mentor: $0.element) }
    }
}

/// A held proposal, ordered so that the heap's maximum is the mentor's least preferred mentee.
struct HeldMentee: Comparable {
    var rank: Int
    var mentee: Int
    static func < (a: HeldMentee, b: HeldMentee) -> Bool { a.rank < b.rank }
}

/// Everyone's ranked list of acceptable partners, derived from the scores.
struct Preferences {
    /// Per mentee, acceptable mentors best first; per mentor, acceptable mentees best first.
    let mentorsOfMentee: [[Int]]
    let menteesOfMentor: [[Int]]
    /// Position of each pair in the mentee's and in the mentor's list.
    private let menteeRank: [PairKey: Int]
    private let mentorRank: [PairKey: Int]

    init(_ problem: Problem) {
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? (>) : (<)
        var mentorsOfMentee = [[(Int, Double)]](repeating: [], count: problem.mentees.count)
        var menteesOfMentor = [[(Int, Double)]](repeating: [], count: problem.mentors.count)
        problem.forEachAllowedPair { mentee, mentor, score in
            mentorsOfMentee[mentee].append((mentor, score))
            menteesOfMentor[mentor].append((mentee, score))
        }
        func ranked(_ list: [(Int, Double)]) -> [Int] {
            list.sorted { $0.1 != $1.1 ? better($0.1, $1.1) : $0.0 < $1.0 }.map(\.0)
        }
        self.mentorsOfMentee = mentorsOfMentee.map(ranked)
        self.menteesOfMentor = menteesOfMentor.map(ranked)
        var menteeRank: [PairKey: Int] = [:], mentorRank: [PairKey: Int] = [:]
        for (mentee, list) in self.mentorsOfMentee.enumerated() {
            for (rank, mentor) in list.enumerated() { menteeRank[PairKey(mentee: mentee, mentor: mentor)] = rank }
        }
        for (mentor, list) in self.menteesOfMentor.enumerated() {
            for (rank, mentee) in list.enumerated() { mentorRank[PairKey(mentee: mentee, mentor: mentor)] = rank }
        }
        self.menteeRank = menteeRank
        self.mentorRank = mentorRank
    }

    /// Where `mentee` stands in `mentor`'s list (0 is best).
    func rank(ofMentee mentee: Int, forMentor mentor: Int) -> Int { mentorRank[PairKey(mentee: mentee, mentor: mentor)]! }

    /// Where `mentor` stands in `mentee`'s list (0 is best).
    func rank(ofMentor mentor: Int, forMentee mentee: Int) -> Int { menteeRank[PairKey(mentee: mentee, mentor: mentor)]! }
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
        try verify(solution)
        if mentees.contains(where: { $0.demand > 1 }) {
            throw MatchingError.unsupported(solver: "blocking pairs", feature: .capabilities(.menteeDemand))
        }
        return blockingPairs(in: solution, preferences: Preferences(self))
    }

    /// ``blockingPairs(in:)`` with the preferences already derived, for counting several solutions.
    /// Precondition: `solution` passed ``verify(_:)``, and no mentee has a demand above 1.
    func blockingPairs(in solution: Solution, preferences: Preferences) -> Int {
        var mentorOf = [Int](repeating: -1, count: mentees.count)
        var worstHeld = [Int](repeating: -1, count: mentors.count)  // rank of the least preferred movable mentee
        var load = [Int](repeating: 0, count: mentors.count)
        for assignment in solution.assignments {
            let mentee = menteeIndex[assignment.mentee]!, mentor = mentorIndex[assignment.mentor]!
            mentorOf[mentee] = mentor
            load[mentor] += 1
            if !isLocked(mentee: mentee, mentor: mentor) {
                worstHeld[mentor] = max(worstHeld[mentor], preferences.rank(ofMentee: mentee, forMentor: mentor))
            }
        }
        var isLockedMentee = [Bool](repeating: false, count: mentees.count)
        for pair in lockedIndices { isLockedMentee[pair.mentee] = true }
        var blocking = 0
        for (mentee, list) in preferences.mentorsOfMentee.enumerated() where !isLockedMentee[mentee] {
            for mentor in list {
                if mentor == mentorOf[mentee] { break }  // the rest are worse than what it has
                let rank = preferences.rank(ofMentee: mentee, forMentor: mentor)
                if load[mentor] < mentors[mentor].capacity || (worstHeld[mentor] >= 0 && rank < worstHeld[mentor]) { blocking += 1 }
            }
        }
        return blocking
    }
}
