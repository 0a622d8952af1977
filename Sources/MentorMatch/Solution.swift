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

/// Dual prices that prove a ``Solution`` optimal: an LP-duality certificate for the two-level
/// objective "most mentees assigned, then best total score".
///
/// Locked pairs are fixed, so the certificate speaks about the *free part* of the problem: the
/// pairs that are not locked, each mentee's *free demand* d_i = demand - its locked pairs and each
/// mentor's *free capacity* c_j = capacity - its locked pairs. Let *K* be the number of free pairs
/// assigned and *S* their total score. Scores are read in the problem's sense: "better" means
/// higher when maximizing, lower when minimizing. A mentee with free demand 0 takes no part.
/// Certificates cover problems without minimum loads and group limits.
///
/// The certificate gives every free mentee and every mentor a flag `covered` and a `price`:
/// 1. **Cover (proves *K* is the most possible).** Every allowed pair of a free mentee has its
///    mentee or its mentor covered, and (sum of d_i over covered mentees) + (sum of c_j over
///    covered mentors) = *K*. By König's theorem no assignment can exceed *K*.
/// 2. **Prices (prove *S* is the best for that size).** An uncovered mentee or mentor has price
///    >= 0 (<= 0 when minimizing); an allowed pair with exactly one end covered has
///    price(mentee) + price(mentor) >= score (<= when minimizing); and
///    (sum of d_i x price of mentee i) + (sum of c_j x price of mentor j) = *S*.
///
/// Why this proves optimality: give each assignment a bonus *B* so large that one more mentee
/// outweighs any score difference. The values B x covered + price are then a feasible dual solution
/// of the assignment LP with profits B + score (B - score when minimizing), and its dual objective
/// equals the solution's value B x K + S, so no assignment is better (weak duality).
///
public struct Certificate: Sendable, Hashable {
    /// Per mentee, indexed like ``Problem/mentees``.
    public var menteeCovered: [Bool]
    public var menteePrices: [Double]
    /// Per mentor, indexed like ``Problem/mentors``.
    public var mentorCovered: [Bool]
    public var mentorPrices: [Double]

    public init(menteeCovered: [Bool], menteePrices: [Double], mentorCovered: [Bool], mentorPrices: [Double]) {
        self.menteeCovered = menteeCovered
        self.menteePrices = menteePrices
        self.mentorCovered = mentorCovered
        self.mentorPrices = mentorPrices
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
