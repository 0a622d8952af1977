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
    /// The algorithms that ran, each once, in the order of ``Method``'s cases;
    /// empty when nothing was left to decide. ``methodsInWords`` says them in words.
    public var methods: [Method]
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

    /// An algorithm that took part in a solve. Its raw value is how solution JSON and numpy
    /// archives write it; its ``description``, how people read it.
    public enum Method: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// The most previous pairs first, as exact score weights (see ``Problem/incumbents``).
        case previousPairsWeighted
        /// `MaxMinSolver`'s bisection for the best worst pair.
        case maxMinThresholdSearch
        /// Murty's ranking of the k best assignments (`HungarianSolver.bestAssignments(of:count:)`).
        case murtyRanking
        /// Jonker and Volgenant's column reduction and augmenting row reduction, then their
        /// searches (by levels on a complete matrix).
        case jonkerVolgenant
        /// Successive shortest augmenting paths with dual potentials (Crouse 2016).
        case shortestAugmentingPaths
        /// Goldberg and Kennedy's cost scaling, with exact integer potentials.
        case costScaling
        /// Successive shortest paths on the problem's flow network (side constraints).
        case minimumCostFlow
        /// One cycle of the residual graph applied to an optimal answer (``WhatIf``).
        case residualCycle
        /// The best remaining pair first (`GreedySolver`).
        case greedy
        /// Deferred acceptance with mentees proposing (`StableSolver`).
        case deferredAcceptanceMenteesPropose
        /// Deferred acceptance with mentors proposing (`StableSolver`).
        case deferredAcceptanceMentorsPropose
        /// GLPK's out-of-kilter min-cost flow, `glp_mincost_okalg`.
        case glpkMinCostFlow
        /// GLPK's dual simplex, `glp_simplex`.
        case glpkSimplex
        /// GLPK's branch-and-cut, `glp_intopt`.
        case glpkIntegerProgram

        /// `methods`, each once, in the order of the cases.
        package static func inOrder(_ methods: some Sequence<Method>) -> [Method] {
            let chosen = Set(methods)
            return allCases.filter(chosen.contains)
        }

        public var description: String {
            switch self {
            case .previousPairsWeighted: "previous pairs weighted"
            case .maxMinThresholdSearch: "max-min threshold search"
            case .murtyRanking: "Murty's ranking"
            case .jonkerVolgenant: "Jonker-Volgenant"
            case .shortestAugmentingPaths: "shortest augmenting paths"
            case .costScaling: "cost scaling"
            case .minimumCostFlow: "successive shortest paths (min-cost flow)"
            case .residualCycle: "one residual cycle"
            case .greedy: "best pair first"
            case .deferredAcceptanceMenteesPropose: "deferred acceptance, mentees propose"
            case .deferredAcceptanceMentorsPropose: "deferred acceptance, mentors propose"
            case .glpkMinCostFlow: "GLPK glp_mincost_okalg"
            case .glpkSimplex: "GLPK glp_simplex"
            case .glpkIntegerProgram: "GLPK glp_intopt"
            }
        }
    }

    /// ``methods`` in words, joined by " + " ("Jonker-Volgenant + cost scaling"); "none" when
    /// nothing was left to decide.
    public var methodsInWords: String {
        methods.isEmpty ? "none" : methods.map(\.description).joined(separator: " + ")
    }

    /// The number of assigned pairs (with the default demand 1: of assigned mentees).
    public var assigned: Int { assignments.count }

    public init(
        solver: String, methods: some Sequence<Method>, status: Status, objective: Double, assignments: [Assignment], unassigned: [String],
        loads: [Int], seconds: Double, gap: Double? = nil, lpBound: Double? = nil, certificate: Certificate? = nil
    ) {
        self.solver = solver
        self.methods = Method.inOrder(methods)
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
        problem: Problem, solver: String, methods: some Sequence<Method>, status: Status = .optimal, pairs: [(mentee: Int, mentor: Int)],
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
            solver: solver, methods: methods, status: status, objective: objective, assignments: assignments,
            unassigned: unassigned, loads: loads, seconds: seconds, gap: gap, lpBound: lpBound,
            certificate: certificate)
    }
}
