import HeapModule

/// A stable matching: no mentee and mentor would both rather be matched with each other than
/// keep what they got.
///
/// **Method.** Deferred acceptance (D. Gale, L. S. Shapley, "College admissions and the stability
/// of marriage", American Mathematical Monthly 69, 1962, pp. 9-15), in its hospitals/residents
/// form with mentor capacities (A. E. Roth, "The evolution of the labor market for medical interns
/// and residents", Journal of Political Economy 92, 1984). Preferences are the survey lists of
/// ``Problem/preferences`` where a person has one; a person without a list prefers a better score
/// (higher when maximizing, lower when minimizing), breaking ties by index. A pair is matched only
/// when it is allowed and both find it acceptable (see ``Problem/Preferences``). Locked pairs are fixed first:
/// their mentees take no further part, and they use up their mentors' capacity.
/// - ``Side/mentees`` propose (default): the stable matching every mentee likes best.
/// - ``Side/mentors`` propose: the stable matching every mentor likes best.
///
/// The answer has no blocking pair (see ``Problem/blockingPairs(in:)``) but is not optimal in
/// general: its status is ``Solution/Status/heuristic``.
///
/// Demand above 1, minimum loads and group limits are refused (``capabilities`` is empty): stability
/// under them is another problem.
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

    /// Always: the proposing side's best stable matching is unique, and a proposal never leaves
    /// its component.
    public func answersByComponent(requirements: SolverCapabilities) -> Bool { true }

    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        let preferences = RankedLists(problem)
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
            problem: problem, solver: name, methods: [proposers == .mentees ? .deferredAcceptanceMenteesPropose : .deferredAcceptanceMentorsPropose], status: .heuristic,
            pairs: problem.lockedPairs + chosen, seconds: (clock.now - started) / .seconds(1))
    }

    /// Each free mentee proposes down its list; a mentor keeps its best `capacity` proposals.
    static func menteesPropose(_ preferences: RankedLists, free: [Int], capacity: [Int]) -> [(mentee: Int, mentor: Int)] {
        var next = [Int](repeating: 0, count: preferences.mentorsOfMentee.count)
        // Per mentor, the held mentees with the least preferred on top.
        var held = [Heap<HeldMentee>](repeating: Heap(), count: capacity.count)
        var waiting = Array(free.reversed())
        while let mentee = waiting.popLast() {
            let list = preferences.mentorsOfMentee[mentee]
            guard next[mentee] < list.count else { continue }  // exhausted: stays unassigned
            let mentor = list[next[mentee]]
            next[mentee] += 1
            let rank = preferences.rank(ofMentee: mentee, forMentor: mentor)!  // acceptable: ranked
            held[mentor].insert(HeldMentee(rank: rank, mentee: mentee))
            if held[mentor].count > capacity[mentor], let rejected = held[mentor].popMax() {
                waiting.append(rejected.mentee)
            }
        }
        return held.enumerated().flatMap { mentor, heap in heap.unordered.map { (mentee: $0.mentee, mentor: mentor) } }
    }

    /// Each mentor with room offers to the next mentee on its list; a mentee keeps its best offer.
    static func mentorsPropose(_ preferences: RankedLists, free: [Int], capacity: [Int], menteeCount: Int) -> [(mentee: Int, mentor: Int)] {
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
                // Both acceptable to the mentee, hence ranked by it.
                if current < 0 || preferences.rank(ofMentor: mentor, forMentee: mentee)! < preferences.rank(ofMentor: current, forMentee: mentee)! {
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
