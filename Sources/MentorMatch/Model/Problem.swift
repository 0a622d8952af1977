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
/// **The objective.** A solver returns an assignment (a set of mentee-mentor pairs) that
/// 1. has as many pairs as possible, subject to: each mentee in at most `demand` pairs (default 1),
///    each mentor in at most `capacity` and at least `minimum` pairs, allowed pairs only, every
///    locked pair kept, and at most `maxPerMentor` mentees of a group on any one mentor;
/// 2. among all assignments of that size, has as many ``incumbents`` (pairs of an earlier
///    assignment to keep) as possible: a kept pair is never traded for score; and
/// 3. among those, has the best total score (highest when maximizing, lowest when minimizing).
/// With the defaults (demand 1, no minimums, no groups) this reads: assign as many mentees as
/// possible, then get the best total score.
///
/// **Invariant.** A `Problem` value is always valid: the initializer checks every rule below and
/// throws a ``MatchingError`` naming the culprit otherwise, so solvers never see bad data.
/// - ids are unique among mentees and among mentors;
/// - every id in edges, locked and forbidden pairs is known;
/// - scores are finite with magnitude at most ``maximumScoreMagnitude``;
/// - capacities, minimums, demands and group limits are non-negative, minimum at most capacity;
/// - group ids are unique and a group lists a mentee at most once;
/// - a locked pair is allowed, not forbidden and listed once; no mentee has more locked pairs than
///   its demand and no mentor more than its capacity.
public struct Problem: Sendable {
    /// Whether higher or lower total scores are better.
    public enum Sense: String, Sendable, Codable, CaseIterable {
        case maximize, minimize
    }

    /// A person (or program) who receives mentoring.
    public struct Mentee: Sendable, Hashable {
        public var id: String
        /// The most mentors this mentee may get, never the same one twice; default 1. The exact
        /// solvers and greedy support a demand above 1 (see ``SolverCapabilities/menteeDemand``).
        public var demand: Int
        public init(id: String, demand: Int = 1) {
            self.id = id
            self.demand = demand
        }
    }

    /// A person (or site) who mentors up to `capacity` mentees.
    public struct Mentor: Sendable, Hashable {
        public var id: String
        /// The most mentees this mentor may take; default 1.
        public var capacity: Int
        /// The fewest mentees this mentor must take; default 0. The exact solvers support a
        /// positive minimum, the heuristics not all (see ``SolverCapabilities/minimumLoads``).
        public var minimum: Int
        public init(id: String, capacity: Int = 1, minimum: Int = 0) {
            self.id = id
            self.capacity = capacity
            self.minimum = minimum
        }
    }

    /// A named set of mentees of which each mentor may take at most `maxPerMentor`, for example
    /// "no mentor gets two mentees from the same organisation". The native solver takes groups
    /// that are disjoint or nested; groups that overlap otherwise need the GLPK backend (see
    /// ``SolverCapabilities/groupLimits``).
    public struct Group: Sendable, Hashable {
        public var id: String
        /// Mentee ids.
        public var mentees: [String]
        public var maxPerMentor: Int
        public init(id: String, mentees: [String], maxPerMentor: Int) {
            self.id = id
            self.mentees = mentees
            self.maxPerMentor = maxPerMentor
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

    /// Ranked lists of preferred partners, most preferred first, from surveys of either side. The
    /// stable solvers and ``Problem/blockingPairs(in:)`` read them; the exact solvers optimise
    /// scores, which ``Problem/scoredByRanks()`` can derive from them.
    ///
    /// A person with a list finds acceptable exactly the allowed partners on it, in its order; a
    /// person without one (absent from the dictionary) finds every allowed partner acceptable,
    /// better scores first. A pair can be matched by a stable solver only when both find it
    /// acceptable.
    public struct Preferences: Sendable, Hashable, Codable {
        /// Mentee id to ranked mentor ids.
        public var mentees: [String: [String]]
        /// Mentor id to ranked mentee ids.
        public var mentors: [String: [String]]
        public init(mentees: [String: [String]] = [:], mentors: [String: [String]] = [:]) {
            self.mentees = mentees
            self.mentors = mentors
        }
        /// Whether no one has a list.
        public var isEmpty: Bool { mentees.isEmpty && mentors.isEmpty }
    }

    /// The allowed pairs and their scores: a dense matrix or a sparse edge list.
    public enum Scores: Sendable {
        /// Rows are mentees and columns mentors, in listed order; a missing entry is not allowed.
        case matrix(ScoreMatrix)
        /// Only the listed pairs are allowed.
        case edges([Edge])
        /// Only the listed pairs are allowed, given as parallel arrays of mentee indices, mentor
        /// indices and scores, in any order.
        case indexedEdges(mentees: [Int], mentors: [Int], scores: [Double])
        /// Only the listed pairs are allowed, as compressed rows: mentee *i*'s mentors and scores
        /// are at positions `rowStart[i]..<rowStart[i + 1]` of `mentors` and `scores`
        /// (`rowStart` has one entry per mentee plus one, from 0 to the number of pairs). The
        /// smallest form for large sparse problems, 12 bytes per pair: the problem keeps these
        /// arrays without copying them when the caller lets go of its own references (and the
        /// mentors of each row are increasing; a row that is not is sorted, on a copy).
        case compressedRows(rowStart: [Int], mentors: [Int32], scores: [Double])
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
    /// Pairs of an earlier assignment, kept where possible: after the most pairs, the objective's
    /// second level is the most of these (see the objective above). Solvers need
    /// ``SolverCapabilities/incumbents``.
    public let incumbents: [Pair]
    public let groups: [Group]
    /// Survey rankings; empty when there are none.
    public let preferences: Preferences

    /// The allowed pairs after removing forbidden ones; see ``ScoreTable``.
    let table: ScoreTable
    package let menteeIndex: IdIndex
    package let mentorIndex: IdIndex
    /// The locked pairs as indices, in the order given.
    let lockedIndices: [PairKey]
    let lockedSet: Set<PairKey>
    let incumbentSet: Set<PairKey>
    /// Per group, the indices of its mentees.
    let groupMembers: [[Int]]
    /// Per mentee, its ranked list of mentor indices, `nil` without a list; per mentor likewise.
    let menteeRanking: [[Int]?]
    let mentorRanking: [[Int]?]

    /// Creates a validated problem.
    ///
    /// - Parameters:
    ///   - sense: Whether to maximize (default) or minimize the total score.
    ///   - mentees: The mentees, with unique ids and demands.
    ///   - mentors: The mentors, with unique ids, capacities and minimums.
    ///   - scores: The allowed pairs and their scores.
    ///   - locked: Pairs that must be in the answer.
    ///   - forbidden: Pairs that must not be in the answer (they may or may not have a score).
    ///   - groups: Limits on how many mentees of a group one mentor may take.
    ///   - incumbents: Allowed pairs of an earlier assignment, to keep where possible.
    ///   - preferences: Ranked lists of partners, for the stable solvers.
    /// - Throws: ``MatchingError`` naming the first rule broken (see the type's invariant).
    /// - Complexity: O(*n* × *m*) for a matrix and O(*n* + *m* + *e*) for edges, plus the sizes of
    ///   the pair and group lists, where *n* is the number of mentees, *m* the number of mentors
    ///   and *e* the number of listed pairs.
    public init(
        sense: Sense = .maximize, mentees: [Mentee], mentors: [Mentor], scores: Scores,
        locked: [Pair] = [], forbidden: [Pair] = [], groups: [Group] = [], incumbents: [Pair] = [],
        preferences: Preferences = Preferences()
    ) throws {
        let menteeIndex = try IdIndex(mentees.lazy.map(\.id)) { MatchingError.duplicateMentee($0) }
        for mentee in mentees where mentee.demand < 0 { throw MatchingError.negativeDemand(mentee: mentee.id, demand: mentee.demand) }
        let mentorIndex = try IdIndex(mentors.lazy.map(\.id)) { MatchingError.duplicateMentor($0) }
        for mentor in mentors {
            if mentor.capacity < 0 { throw MatchingError.negativeCapacity(mentor: mentor.id, capacity: mentor.capacity) }
            if mentor.minimum < 0 { throw MatchingError.negativeMinimum(mentor: mentor.id, minimum: mentor.minimum) }
            if mentor.minimum > mentor.capacity {
                throw MatchingError.minimumAboveCapacity(mentor: mentor.id, minimum: mentor.minimum, capacity: mentor.capacity)
            }
        }
        func indices(of pair: Pair, in context: String) throws -> PairKey {
            guard let mentee = menteeIndex[pair.mentee] else { throw MatchingError.unknownMentee(pair.mentee, context: context) }
            guard let mentor = mentorIndex[pair.mentor] else { throw MatchingError.unknownMentor(pair.mentor, context: context) }
            return PairKey(mentee: mentee, mentor: mentor)
        }
        let forbiddenIndices = try forbidden.map { try indices(of: $0, in: "forbidden pair") }
        let forbiddenSet = Set(forbiddenIndices)

        var table: ScoreTable
        switch scores {
        case .matrix(let matrix):
            table = try ScoreTable(matrix: matrix, mentees: mentees, mentors: mentors)
        case .edges(let edges):
            table = try ScoreTable(edges: edges, mentees: mentees, mentors: mentors, menteeIndex: menteeIndex, mentorIndex: mentorIndex)
        case .indexedEdges(let menteeOf, let mentorOf, let edgeScores):
            table = try ScoreTable(menteeOf: menteeOf, mentorOf: mentorOf, scores: edgeScores, mentees: mentees, mentors: mentors)
        case .compressedRows(let rowStart, let rowMentors, let rowScores):
            table = try ScoreTable(rowStart: rowStart, rowMentors: rowMentors, rowScores: rowScores, mentees: mentees, mentors: mentors)
        }
        table.remove(forbiddenIndices)

        var lockedIndices: [PairKey] = []
        var lockedSet = Set<PairKey>()
        var lockedOfMentee = [Int](repeating: 0, count: mentees.count)
        var lockedOfMentor = [Int](repeating: 0, count: mentors.count)
        for pair in locked {
            let key = try indices(of: pair, in: "locked pair")
            if forbiddenSet.contains(key) { throw MatchingError.lockedPairForbidden(mentee: pair.mentee, mentor: pair.mentor) }
            if table.score(mentee: key.mentee, mentor: key.mentor) == nil {
                throw MatchingError.lockedPairNotAllowed(mentee: pair.mentee, mentor: pair.mentor)
            }
            if !lockedSet.insert(key).inserted {
                throw MatchingError.duplicatePair(mentee: pair.mentee, mentor: pair.mentor, context: "locked pairs")
            }
            lockedIndices.append(key)
            lockedOfMentee[key.mentee] += 1
            lockedOfMentor[key.mentor] += 1
        }
        for (mentee, count) in zip(mentees, lockedOfMentee) where count > mentee.demand {
            throw MatchingError.menteeOverLocked(mentee: mentee.id, locked: count, demand: mentee.demand)
        }
        for (mentor, count) in zip(mentors, lockedOfMentor) where count > mentor.capacity {
            throw MatchingError.mentorOverLocked(mentor: mentor.id, locked: count, capacity: mentor.capacity)
        }

        var incumbentSet = Set<PairKey>()
        for pair in incumbents {
            let key = try indices(of: pair, in: "incumbent pair")
            if table.score(mentee: key.mentee, mentor: key.mentor) == nil {
                throw MatchingError.incumbentNotAllowed(mentee: pair.mentee, mentor: pair.mentor)
            }
            if !incumbentSet.insert(key).inserted {
                throw MatchingError.duplicatePair(mentee: pair.mentee, mentor: pair.mentor, context: "incumbent pairs")
            }
        }

        var groupIds = Set<String>()
        var groupMembers: [[Int]] = []
        for group in groups {
            guard groupIds.insert(group.id).inserted else { throw MatchingError.duplicateGroup(group.id) }
            guard group.maxPerMentor >= 0 else { throw MatchingError.negativeGroupLimit(group: group.id, limit: group.maxPerMentor) }
            var members: [Int] = []
            var seen = Set<Int>()
            for id in group.mentees {
                guard let mentee = menteeIndex[id] else { throw MatchingError.unknownMentee(id, context: "group '\(group.id)'") }
                guard seen.insert(mentee).inserted else { throw MatchingError.duplicateGroupMember(group: group.id, mentee: id) }
                members.append(mentee)
            }
            groupMembers.append(members)
        }

        var menteeRanking = [[Int]?](repeating: nil, count: mentees.count)
        for (id, list) in preferences.mentees.sorted(by: { $0.key < $1.key }) {
            guard let mentee = menteeIndex[id] else { throw MatchingError.unknownMentee(id, context: "preferences (a list for an unknown mentee)") }
            menteeRanking[mentee] = try Self.ranking(list, of: id, among: mentorIndex) {
                MatchingError.unknownMentor($0, context: "the preference list of mentee '\(id)'")
            }
        }
        var mentorRanking = [[Int]?](repeating: nil, count: mentors.count)
        for (id, list) in preferences.mentors.sorted(by: { $0.key < $1.key }) {
            guard let mentor = mentorIndex[id] else { throw MatchingError.unknownMentor(id, context: "preferences (a list for an unknown mentor)") }
            mentorRanking[mentor] = try Self.ranking(list, of: id, among: menteeIndex) {
                MatchingError.unknownMentee($0, context: "the preference list of mentor '\(id)'")
            }
        }

        self.sense = sense
        self.mentees = mentees
        self.mentors = mentors
        self.locked = locked
        self.forbidden = forbidden
        self.incumbents = incumbents
        self.incumbentSet = incumbentSet
        self.groups = groups
        self.table = table
        self.menteeIndex = menteeIndex
        self.mentorIndex = mentorIndex
        self.lockedIndices = lockedIndices
        self.lockedSet = lockedSet
        self.groupMembers = groupMembers
        self.preferences = preferences
        self.menteeRanking = menteeRanking
        self.mentorRanking = mentorRanking
    }

    /// The indices of a ranked list of ids, checked: every id known, none twice.
    private static func ranking(
        _ list: [String], of owner: String, among index: IdIndex, unknown: (String) -> MatchingError
    ) throws -> [Int] {
        var seen = Set<Int>()
        return try list.map { id in
            guard let position = index[id] else { throw unknown(id) }
            guard seen.insert(position).inserted else { throw MatchingError.duplicatePreference(person: owner, listed: id) }
            return position
        }
    }
}

extension Problem {
    /// The score of an allowed pair, or `nil` if the pair is not allowed (no score, or forbidden)
    /// or an index is out of range.
    ///
    /// - Complexity: O(1) for matrix input, O(log *d*) for edge input, where *d* is the number of
    ///   allowed pairs of the mentee.
    public func score(mentee: Int, mentor: Int) -> Double? {
        guard mentees.indices.contains(mentee), mentors.indices.contains(mentor) else { return nil }
        return table.score(mentee: mentee, mentor: mentor)
    }

    /// Calls `body` with every allowed pair (mentee index, mentor index, score), mentees in order
    /// and, within a mentee, mentors in order.
    ///
    /// - Complexity: O(*n* × *m*) for matrix input, O(*n* + *e*) for edge input.
    public func forEachAllowedPair(_ body: (_ mentee: Int, _ mentor: Int, _ score: Double) throws -> Void) rethrows {
        for mentee in mentees.indices {
            try forEachAllowedMentor(ofMentee: mentee) { mentor, score in try body(mentee, mentor, score) }
        }
    }

    /// Calls `body` with every allowed mentor of mentee `mentee` (mentor index, score), in order.
    ///
    /// - Complexity: O(*m*) for matrix input, O(allowed mentors of the mentee) for edge input.
    public func forEachAllowedMentor(ofMentee mentee: Int, _ body: (_ mentor: Int, _ score: Double) throws -> Void) rethrows {
        try table.forEachPair(ofMentee: mentee, body)
    }

    /// Whether the pair must be in every answer.
    ///
    /// - Complexity: O(1) on average.
    public func isLocked(mentee: Int, mentor: Int) -> Bool {
        lockedSet.contains(PairKey(mentee: mentee, mentor: mentor))
    }

    /// The locked pairs as (mentee index, mentor index), in the order given.
    ///
    /// - Complexity: O(*l*), where *l* is the number of locked pairs.
    public var lockedPairs: [(mentee: Int, mentor: Int)] {
        lockedIndices.map { ($0.mentee, $0.mentor) }
    }

    /// The mentee indices of group `group` (indexed like ``groups``); empty for an index out of
    /// range.
    ///
    /// - Complexity: O(1).
    public func members(ofGroup group: Int) -> [Int] { groupMembers.indices.contains(group) ? groupMembers[group] : [] }

    /// The features this problem needs from a solver: positive minimums, a demand above 1, or a
    /// group whose limit is below its size (a limit no assignment can exceed needs no support).
    ///
    /// - Complexity: O(*n* + *m* + *g*), where *g* is the number of groups.
    public var requirements: SolverCapabilities {
        var needed: SolverCapabilities = []
        if mentors.contains(where: { $0.minimum > 0 }) { needed.insert(.minimumLoads) }
        if mentees.contains(where: { $0.demand > 1 }) { needed.insert(.menteeDemand) }
        if zip(groups, groupMembers).contains(where: { $0.maxPerMentor < $1.count }) { needed.insert(.groupLimits) }
        if !incumbents.isEmpty { needed.insert(.incumbents) }
        return needed
    }
}

extension Problem {
    /// Throws ``MatchingError/infeasible(_:)`` when the locked pairs alone put more mentees of a
    /// group on one mentor than the group's limit: no solver can then meet every constraint.
    ///
    /// - Complexity: O(*s* + *l* × *h*), where *s* is the total size of the groups, *l* the number
    ///   of locked pairs and *h* the most groups one mentee is in.
    package func checkLockedPairsAgainstGroupLimits() throws {
        guard !lockedIndices.isEmpty, let broken = firstGroupLimitBroken(by: lockedIndices) else { return }
        throw MatchingError.infeasible(
            "locked pairs put \(broken.count) mentees of group '\(groups[broken.group].id)' on mentor "
                + "'\(mentors[broken.mentor].id)', limit \(groups[broken.group].maxPerMentor)")
    }

    /// The first group and mentor, in the order of `pairs`, on which `pairs` put more mentees of
    /// the group than its limit, with that count; `nil` when every limit holds. Only groups that
    /// can bind (limit below size) are counted.
    ///
    /// - Complexity: O(*s* + *p* × *h*), where *s* is the total size of the groups, *p* the number
    ///   of pairs and *h* the most groups one mentee is in.
    func firstGroupLimitBroken(by pairs: [PairKey]) -> (group: Int, mentor: Int, count: Int)? {
        var groupsOf = [[Int]](repeating: [], count: mentees.count)
        for (group, members) in groupMembers.enumerated() where groups[group].maxPerMentor < members.count {
            for mentee in members { groupsOf[mentee].append(group) }
        }
        var count: [PairKey: Int] = [:]
        for pair in pairs {
            for group in groupsOf[pair.mentee] {
                let key = PairKey(mentee: group, mentor: pair.mentor)
                let load = count[key, default: 0] + 1
                count[key] = load
                if load > groups[group].maxPerMentor { return (group, pair.mentor, load) }
            }
        }
        return nil
    }
}

extension Problem {
    /// The same problem with every allowed pair rescored by `score` (`nil`: no longer allowed), in
    /// the given sense, with more locked and forbidden pairs and, if given, other incumbents;
    /// people, groups and preferences kept.
    ///
    /// - Throws: what ``init(sense:mentees:mentors:scores:locked:forbidden:groups:incumbents:preferences:)``
    ///   throws, for example when a locked pair is no longer allowed.
    /// - Complexity: O(*e*) plus validation, for *e* allowed pairs.
    func rescored(
        sense: Sense? = nil, locking moreLocked: [Pair] = [], forbidding moreForbidden: [Pair] = [], incumbents newIncumbents: [Pair]? = nil,
        _ score: (_ mentee: Int, _ mentor: Int, _ score: Double) -> Double? = { $2 }
    ) throws -> Problem {
        var menteeOf: [Int] = [], mentorOf: [Int] = [], scores: [Double] = []
        forEachAllowedPair { mentee, mentor, old in
            guard let new = score(mentee, mentor, old) else { return }
            menteeOf.append(mentee)
            mentorOf.append(mentor)
            scores.append(new)
        }
        return try Problem(
            sense: sense ?? self.sense, mentees: mentees, mentors: mentors,
            scores: .indexedEdges(mentees: menteeOf, mentors: mentorOf, scores: scores), locked: locked + moreLocked,
            forbidden: forbidden + moreForbidden, groups: groups, incumbents: newIncumbents ?? incumbents, preferences: preferences)
    }

    /// The indices of a pair of known ids.
    func key(of pair: Pair) -> PairKey { PairKey(mentee: menteeIndex[pair.mentee]!, mentor: mentorIndex[pair.mentor]!) }

    /// The pair of mentee `mentee` and mentor `mentor`, by id.
    func pair(_ mentee: Int, _ mentor: Int) -> Pair { Pair(mentee: mentees[mentee].id, mentor: mentors[mentor].id) }

    /// The same problem with only the allowed pairs that `keep` accepts, scores unchanged.
    func keepingPairs(_ keep: (_ mentee: Int, _ mentor: Int, _ score: Double) -> Bool) throws -> Problem {
        try rescored { keep($0, $1, $2) ? $2 : nil }
    }
}
