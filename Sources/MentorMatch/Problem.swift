/// A weighted bipartite assignment problem with mentor capacities: the input every solver takes.
///
/// Mentees sit on one side, mentors on the other. Each allowed pair has a score; a mentor takes at
/// most `capacity` mentees (and, for solvers that support it, at least `minimum`); locked pairs must
/// be in every answer and forbidden pairs in none.
///
/// ```swift
/// let problem = try Problem(
///     mentees: [.init(id: "ana"), .init(id: "bo")],
///     mentors: [.init(id: "kim", capacity: 2)],
///     scores: .matrix(ScoreMatrix([[4.5], [3.0]])))
/// let solution = try HungarianSolver().solve(problem)   // both mentees go to "kim", objective 7.5
/// ```
///
/// **The objective.** A solver returns an assignment that
/// 1. assigns as many mentees as possible (each mentee to at most one mentor, each mentor at most
///    its capacity, allowed pairs only, every locked pair kept), and
/// 2. among all assignments of that size, has the best total score (highest when maximizing,
///    lowest when minimizing).
///
/// **Invariant.** A `Problem` value is always valid: the initializer checks every rule below and
/// throws a ``MatchingError`` naming the culprit otherwise, so solvers never see bad data.
/// - ids are unique among mentees and among mentors;
/// - every id in edges, locked and forbidden pairs is known;
/// - scores are finite with magnitude at most ``maximumScoreMagnitude``;
/// - capacities and minimums are non-negative, minimum at most capacity;
/// - a locked pair is allowed and not forbidden, a mentee is locked at most once, and no mentor has
///   more locked pairs than its capacity.
public struct Problem: Sendable {
    /// Whether higher or lower total scores are better.
    public enum Sense: String, Sendable, Codable, CaseIterable {
        case maximize, minimize
    }

    /// A person who receives mentoring.
    public struct Mentee: Sendable, Hashable {
        public var id: String
        public init(id: String) { self.id = id }
    }

    /// A person (or site) who mentors up to `capacity` mentees.
    public struct Mentor: Sendable, Hashable {
        public var id: String
        /// The most mentees this mentor may take; default 1.
        public var capacity: Int
        /// The fewest mentees this mentor must take; default 0. Only some solvers support a
        /// positive minimum (see ``SolverCapabilities/minimumLoads``).
        public var minimum: Int
        public init(id: String, capacity: Int = 1, minimum: Int = 0) {
            self.id = id
            self.capacity = capacity
            self.minimum = minimum
        }
    }

    /// A mentee and a mentor, by id.
    public struct Pair: Sendable, Hashable, Codable {
        public var mentee: String
        public var mentor: String
        public init(mentee: String, mentor: String) {
            self.mentee = mentee
            self.mentor = mentor
        }
    }

    /// An allowed pair with its score, for sparse input.
    public struct Edge: Sendable, Hashable, Codable {
        public var mentee: String
        public var mentor: String
        public var score: Double
        public init(mentee: String, mentor: String, score: Double) {
            self.mentee = mentee
            self.mentor = mentor
            self.score = score
        }
    }

    /// The allowed pairs and their scores: a dense matrix or a sparse edge list.
    public enum Scores: Sendable {
        /// Rows are mentees and columns mentors, in listed order; a missing entry is not allowed.
        case matrix(ScoreMatrix)
        /// Only the listed pairs are allowed.
        case edges([Edge])
    }

    /// The largest score magnitude accepted: 10^15. It keeps every total of scores and dual prices
    /// finite; integer scores are added exactly while totals stay below 2^53.
    public static let maximumScoreMagnitude: Double = 1e15

    public let sense: Sense
    public let mentees: [Mentee]
    public let mentors: [Mentor]
    /// Pairs that every answer must contain.
    public let locked: [Pair]
    /// Pairs that no answer may contain.
    public let forbidden: [Pair]

    /// The allowed pairs after removing forbidden ones; see ``ScoreTable``.
    let table: ScoreTable
    let menteeIndex: [String: Int]
    let mentorIndex: [String: Int]
    /// For each mentee, the index of the mentor it is locked to, or -1.
    let lockedMentorOfMentee: [Int]

    /// Creates a validated problem.
    ///
    /// - Parameters:
    ///   - sense: Whether to maximize (default) or minimize the total score.
    ///   - mentees: The mentees, with unique ids.
    ///   - mentors: The mentors, with unique ids, capacities and minimums.
    ///   - scores: The allowed pairs and their scores.
    ///   - locked: Pairs that must be in the answer.
    ///   - forbidden: Pairs that must not be in the answer (they may or may not have a score).
    /// - Throws: ``MatchingError`` naming the first rule broken (see the type's invariant).
    /// - Complexity: O(*n* × *m*) for a matrix and O(*n* + *m* + *e*) for edges, where *n* is the
    ///   number of mentees, *m* the number of mentors and *e* the number of listed pairs.
    public init(
        sense: Sense = .maximize, mentees: [Mentee], mentors: [Mentor], scores: Scores,
        locked: [Pair] = [], forbidden: [Pair] = []
    ) throws {
        var menteeIndex = [String: Int](minimumCapacity: mentees.count)
        for (index, mentee) in mentees.enumerated() where menteeIndex.updateValue(index, forKey: mentee.id) != nil {
            throw MatchingError.duplicateMentee(mentee.id)
        }
        var mentorIndex = [String: Int](minimumCapacity: mentors.count)
        for (index, mentor) in mentors.enumerated() {
            if mentorIndex.updateValue(index, forKey: mentor.id) != nil { throw MatchingError.duplicateMentor(mentor.id) }
            if mentor.capacity < 0 { throw MatchingError.negativeCapacity(mentor: mentor.id, capacity: mentor.capacity) }
            if mentor.minimum < 0 { throw MatchingError.negativeMinimum(mentor: mentor.id, minimum: mentor.minimum) }
            if mentor.minimum > mentor.capacity {
                throw MatchingError.minimumAboveCapacity(mentor: mentor.id, minimum: mentor.minimum, capacity: mentor.capacity)
            }
        }
        func indices(of pair: Pair, in context: String) throws -> (mentee: Int, mentor: Int) {
            guard let mentee = menteeIndex[pair.mentee] else { throw MatchingError.unknownMentee(pair.mentee, context: context) }
            guard let mentor = mentorIndex[pair.mentor] else { throw MatchingError.unknownMentor(pair.mentor, context: context) }
            return (mentee, mentor)
        }
        let forbiddenIndices = try forbidden.map { try indices(of: $0, in: "forbidden pair") }
        let forbiddenKeys = Set(forbiddenIndices.map { PairKey(mentee: $0.mentee, mentor: $0.mentor) })

        var table: ScoreTable
        switch scores {
        case .matrix(let matrix):
            table = try ScoreTable(matrix: matrix, mentees: mentees, mentors: mentors)
        case .edges(let edges):
            table = try ScoreTable(edges: edges, mentees: mentees, mentors: mentors, menteeIndex: menteeIndex, mentorIndex: mentorIndex)
        }
        table.remove(forbiddenIndices)

        var lockedMentorOfMentee = [Int](repeating: -1, count: mentees.count)
        var lockedCount = [Int](repeating: 0, count: mentors.count)
        for pair in locked {
            let (mentee, mentor) = try indices(of: pair, in: "locked pair")
            if forbiddenKeys.contains(PairKey(mentee: mentee, mentor: mentor)) {
                throw MatchingError.lockedPairForbidden(mentee: pair.mentee, mentor: pair.mentor)
            }
            if table.score(mentee: mentee, mentor: mentor) == nil {
                throw MatchingError.lockedPairNotAllowed(mentee: pair.mentee, mentor: pair.mentor)
            }
            if lockedMentorOfMentee[mentee] >= 0 { throw MatchingError.menteeLockedTwice(pair.mentee) }
            lockedMentorOfMentee[mentee] = mentor
            lockedCount[mentor] += 1
        }
        for (mentor, count) in zip(mentors, lockedCount) where count > mentor.capacity {
            throw MatchingError.mentorOverLocked(mentor: mentor.id, locked: count, capacity: mentor.capacity)
        }

        self.sense = sense
        self.mentees = mentees
        self.mentors = mentors
        self.locked = locked
        self.forbidden = forbidden
        self.table = table
        self.menteeIndex = menteeIndex
        self.mentorIndex = mentorIndex
        self.lockedMentorOfMentee = lockedMentorOfMentee
    }
}

extension Problem {
    /// The score of an allowed pair, or `nil` if the pair is not allowed (no score, or forbidden).
    ///
    /// - Complexity: O(1) for matrix input, O(log *d*) for edge input, where *d* is the number of
    ///   allowed pairs of the mentee.
    public func score(mentee: Int, mentor: Int) -> Double? {
        table.score(mentee: mentee, mentor: mentor)
    }

    /// Calls `body` with every allowed pair (mentee index, mentor index, score), mentees in order
    /// and, within a mentee, mentors in order.
    ///
    /// - Complexity: O(*n* × *m*) for matrix input, O(*n* + *e*) for edge input.
    public func forEachAllowedPair(_ body: (_ mentee: Int, _ mentor: Int, _ score: Double) throws -> Void) rethrows {
        for mentee in mentees.indices {
            try table.forEachPair(ofMentee: mentee) { mentor, score in try body(mentee, mentor, score) }
        }
    }

    /// The index of the mentor that `mentee` is locked to, if any.
    ///
    /// - Complexity: O(1).
    public func lockedMentor(ofMentee mentee: Int) -> Int? {
        let mentor = lockedMentorOfMentee[mentee]
        return mentor >= 0 ? mentor : nil
    }

    /// The features this problem needs from a solver.
    ///
    /// - Complexity: O(*m*), where *m* is the number of mentors.
    public var requirements: SolverCapabilities {
        mentors.contains { $0.minimum > 0 } ? .minimumLoads : []
    }
}
