/// A solver's answer to a ``Problem``.
///
/// Check any solution independently with ``Problem/verify(_:)``: it recomputes feasibility and the
/// objective from the problem and, when a ``certificate`` is present, proves optimality.
public struct Solution: Sendable {
    /// How good the answer is known to be.
    public enum Status: String, Sendable, Codable {
        /// Optimal under the objective documented on ``Problem``.
        case optimal
    }

    /// One mentee assigned to one mentor.
    public struct Assignment: Sendable, Hashable, Codable {
        public var mentee: String
        public var mentor: String
        public var score: Double
        public init(mentee: String, mentor: String, score: Double) {
            self.mentee = mentee
            self.mentor = mentor
            self.score = score
        }
    }

    /// The ``MatchingSolver/name`` of the solver that produced this answer.
    public var solver: String
    public var status: Status
    /// The total score of all assignments, locked pairs included.
    public var objective: Double
    /// The assignments, in the problem's mentee order.
    public var assignments: [Assignment]
    /// The ids of mentees left without a mentor, in the problem's mentee order.
    public var unassigned: [String]
    /// The number of mentees assigned to each mentor, indexed like ``Problem/mentors``.
    public var loads: [Int]
    /// Wall-clock seconds spent solving, excluding reading and validating the problem.
    public var seconds: Double
    /// A proof of optimality, when the solver provides one.
    public var certificate: Certificate?

    /// The number of assigned mentees.
    public var assigned: Int { assignments.count }

    public init(
        solver: String, status: Status, objective: Double, assignments: [Assignment], unassigned: [String],
        loads: [Int], seconds: Double, certificate: Certificate? = nil
    ) {
        self.solver = solver
        self.status = status
        self.objective = objective
        self.assignments = assignments
        self.unassigned = unassigned
        self.loads = loads
        self.seconds = seconds
        self.certificate = certificate
    }
}

/// Dual prices that prove a ``Solution`` optimal: an LP-duality certificate for the two-level
/// objective "most mentees assigned, then best total score".
///
/// Locked pairs are fixed, so the certificate speaks about the *free part* of the problem: the
/// mentees that are not locked, and each mentor's *free capacity* c_j = capacity - locked pairs.
/// Let *K* be the number of free mentees assigned and *S* their total score. Scores are read in the
/// problem's sense: "better" means higher when maximizing, lower when minimizing.
///
/// The certificate gives every free mentee and every mentor a flag `covered` and a `price`:
/// 1. **Cover (proves *K* is the most possible).** Every allowed pair of a free mentee has its
///    mentee or its mentor covered, and (number of covered mentees) + (sum of c_j over covered
///    mentors) = *K*. By König's theorem no assignment can exceed *K*.
/// 2. **Prices (prove *S* is the best for that size).** An uncovered mentee or mentor has price
///    >= 0 (<= 0 when minimizing); an allowed pair with exactly one end covered has
///    price(mentee) + price(mentor) >= score (<= when minimizing); and
///    (sum of mentee prices) + (sum of c_j x price of mentor j) = *S*.
///
/// Why this proves optimality: give each assignment a bonus *B* so large that one more mentee
/// outweighs any score difference. The values B x covered + price are then a feasible dual solution
/// of the assignment LP with profits B + score (B - score when minimizing), and its dual objective
/// equals the solution's value B x K + S, so no assignment is better (weak duality).
///
/// Locked mentees have `covered == false` and price 0; they take no part in the checks.
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
    /// Builds a solution from each mentee's mentor index (-1 for unassigned), taking scores from
    /// the problem and summing the objective in mentee order.
    ///
    /// - Precondition: every index is -1 or a mentor of an allowed pair; ``Problem/verify(_:)``
    ///   checks the rest.
    /// - Complexity: O(*n* log *d*), where *n* is the number of mentees and *d* the most allowed
    ///   pairs of one mentee (O(*n*) for matrix input).
    public init(
        problem: Problem, solver: String, status: Status = .optimal, mentorOfMentee: [Int], seconds: Double,
        certificate: Certificate? = nil
    ) {
        var assignments: [Assignment] = []
        var unassigned: [String] = []
        var loads = [Int](repeating: 0, count: problem.mentors.count)
        var objective = 0.0
        for (mentee, mentor) in mentorOfMentee.enumerated() {
            guard mentor >= 0 else {
                unassigned.append(problem.mentees[mentee].id)
                continue
            }
            let score = problem.score(mentee: mentee, mentor: mentor) ?? .nan
            assignments.append(Assignment(mentee: problem.mentees[mentee].id, mentor: problem.mentors[mentor].id, score: score))
            loads[mentor] += 1
            objective += score
        }
        self.init(
            solver: solver, status: status, objective: objective, assignments: assignments, unassigned: unassigned,
            loads: loads, seconds: seconds, certificate: certificate)
    }
}
