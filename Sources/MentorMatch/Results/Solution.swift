/// A solver's answer to a ``Problem``.
///
/// Check any solution independently with ``Problem/verify(_:)``: it recomputes feasibility and the
/// objective from the problem and, when a ``certificate`` is present, proves optimality.
public struct Solution: Sendable {
    /// How good the answer is known to be.
    public enum Status: String, Sendable, Codable {
        /// Optimal under the objective documented on ``Problem``.
        case optimal
        /// The best assignment found before the time limit; ``Solution/gap`` bounds how far from
        /// optimal it may be.
        case timeLimit
        /// A feasible answer from a heuristic (greedy, stable matching), not claimed optimal.
        case heuristic
        /// A later assignment of a ranking (`HungarianSolver.bestAssignments(of:count:)`): the best
        /// once every earlier one is excluded, so not optimal for the problem itself.
        case ranked
    }

    /// One mentee assigned to one mentor, with the pair's score: an allowed edge of the problem.
    public typealias Assignment = Problem.Edge

    /// The ``MatchingSolver/name`` of the solver that produced this answer.
    public var solver: String
    /// The algorithm that ran, for example "shortest augmenting paths" or "GLPK glp_intopt".
    public var method: String
    public var status: Status
    /// The total score of all assignments, locked pairs included.
    public var objective: Double
    /// The assignments, ordered by mentee, then mentor, in problem order.
    public var assignments: [Assignment]
    /// The ids of mentees with fewer mentors than their demand (with the default demand 1: left
    /// without a mentor), in the problem's mentee order.
    public var unassigned: [String]
    /// The number of mentees assigned to each mentor, indexed like ``Problem/mentors``.
    public var loads: [Int]
    /// Wall-clock seconds spent solving, excluding reading and validating the problem.
    public var seconds: Double
    /// For ``Status/timeLimit``: the relative gap between the objective and the best bound,
    /// |bound - objective| / (|objective| + 1e-10), as GLPK reports it.
    public var gap: Double?
    /// The optimum of the linear relaxation among assignments with as many pairs (the LP
    /// bound), where the solver computed one: no such assignment scores better. GLPK sets it on
    /// every path; it equals ``objective`` where the program has whole-number optima (no group
    /// limits) and may be better than it under group limits.
    public var lpBound: Double?
    /// A proof of optimality, when the solver provides one.
    public var certificate: Certificate?

    /// The number of assigned pairs (with the default demand 1: of assigned mentees).
    public var assigned: Int { assignments.count }

    public init(
        solver: String, method: String, status: Status, objective: Double, assignments: [Assignment], unassigned: [String],
        loads: [Int], seconds: Double, gap: Double? = nil, lpBound: Double? = nil, certificate: Certificate? = nil
    ) {
        self.solver = solver
        self.method = method
        self.status = status
        self.objective = objective
        self.assignments = assignments
        self.unassigned = unassigned
        self.loads = loads
        self.seconds = seconds
        self.gap = gap
        self.lpBound = lpBound
        self.certificate = certificate
    }
}

extension Solution {
    /// Node potentials and a minimum cut that prove a ``Solution`` optimal: an LP-duality certificate
    /// for the two-level objective "most pairs, then best total score", side constraints included.
    ///
    /// It speaks about the problem's *flow network*. Locked pairs are fixed first: they use up each
    /// mentee's demand, each mentor's capacity and minimum, and each group's limit at their mentor.
    /// What is left is the network
    ///
    ///     source -> mentee i            lower 0,    upper = free demand of i
    ///     mentee i -> node(i, j)        lower 0,    upper 1, cost c_ij   (each allowed pair not locked)
    ///     group node (g, j) -> up       lower 0,    upper = free limit of g at j
    ///     mentor j -> sink              lower = free minimum of j, upper = free capacity of j
    ///
    /// where c_ij is the pair's score when minimizing and minus it when maximizing; node(i, j) is the
    /// group node (g, j) of the innermost group g containing i that has one at j, else mentor j; and
    /// "up" is the group node of the next enclosing group at j, else mentor j. Group nodes exist only
    /// where a group limit can bind (its members have more free pairs with j than the limit).
    /// Assignments are flows: one unit per assigned pair.
    ///
    /// The certificate gives every node a `potential` p and a side of a cut (`sourceSide`, true for
    /// the source, false for the sink). ``Problem/verify(_:)`` checks, for every arc u -> v with flow f:
    /// 1. **The cut (proves the most pairs).** If u is on the source side and v is not, f = upper; if
    ///    v is and u is not, f = lower. Then the flow equals the cut's capacity, so by max-flow
    ///    min-cut no assignment meeting every bound has more pairs.
    /// 2. **The potentials (prove the best score among those).** If u and v are on the same side,
    ///    with reduced cost r = cost + p(u) - p(v): f < upper implies r >= 0, and f > lower implies
    ///    r <= 0. Every largest assignment carries the same flow on the arcs across the cut; on the
    ///    rest these are the complementary slackness conditions of the min-cost flow problem, so no
    ///    assignment of that size has a better total score.
    ///
    /// Reduced costs are compared with a relative tolerance of 10^-9, to absorb rounding.
    public struct Certificate: Sendable, Hashable, Codable {
        /// A node's potential and its side of the cut.
        public struct Node: Sendable, Hashable, Codable {
            public var potential: Double
            public var sourceSide: Bool
            public init(potential: Double, sourceSide: Bool) {
                self.potential = potential
                self.sourceSide = sourceSide
            }
        }

        /// The node of a group's limit at one mentor.
        public struct GroupNode: Sendable, Hashable, Codable {
            /// Indices into ``Problem/groups`` and ``Problem/mentors``.
            public var group: Int
            public var mentor: Int
            public var node: Node
            public init(group: Int, mentor: Int, node: Node) {
                self.group = group
                self.mentor = mentor
                self.node = node
            }
        }

        public var source: Node
        public var sink: Node
        /// Indexed like ``Problem/mentees``.
        public var mentees: [Node]
        /// Indexed like ``Problem/mentors``.
        public var mentors: [Node]
        /// One per group node of the network, in any order.
        public var groupNodes: [GroupNode]

        public init(source: Node, sink: Node, mentees: [Node], mentors: [Node], groupNodes: [GroupNode]) {
            self.source = source
            self.sink = sink
            self.mentees = mentees
            self.mentors = mentors
            self.groupNodes = groupNodes
        }
    }
}

extension Solution {
    /// Builds a solution from assigned pairs of indices, taking scores from the problem and
    /// summing the objective in order. Pairs are sorted by mentee, then mentor.
    ///
    /// - Precondition: every pair is allowed; ``Problem/verify(_:)`` checks the rest.
    /// - Complexity: O(*p* log *p* + *n* + *m*), where *p* is the number of pairs, *n* of mentees
    ///   and *m* of mentors (plus O(log *d*) per pair for edge input).
    public init(
        problem: Problem, solver: String, method: String, status: Status = .optimal, pairs: [(mentee: Int, mentor: Int)],
        seconds: Double, gap: Double? = nil, lpBound: Double? = nil, certificate: Certificate? = nil
    ) {
        let sorted = pairs.sorted { ($0.mentee, $0.mentor) < ($1.mentee, $1.mentor) }
        var loads = [Int](repeating: 0, count: problem.mentors.count)
        var served = [Int](repeating: 0, count: problem.mentees.count)
        var objective = 0.0
        let assignments = sorted.map { pair in
            let score = problem.score(mentee: pair.mentee, mentor: pair.mentor) ?? .nan
            loads[pair.mentor] += 1
            served[pair.mentee] += 1
            objective += score
            return Assignment(mentee: problem.mentees[pair.mentee].id, mentor: problem.mentors[pair.mentor].id, score: score)
        }
        let unassigned = zip(problem.mentees, served).filter { $1 < $0.demand }.map(\.0.id)
        self.init(
            solver: solver, method: method, status: status, objective: objective, assignments: assignments,
            unassigned: unassigned, loads: loads, seconds: seconds, gap: gap, lpBound: lpBound,
            certificate: certificate)
    }
}
