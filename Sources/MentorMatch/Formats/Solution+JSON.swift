import Foundation

extension Solution {
    /// The solution in MentorMatch solution JSON (see the README), keys sorted so that equal
    /// solutions give equal bytes:
    /// `{"assigned": 3, "assignments": [{"mentee": "e1", "mentor": "m1", "score": 4.5}],
    ///   "loads": [{"load": 1, "mentor": "m1"}], "method": "shortest augmenting paths",
    ///   "objective": 12.5, "seconds": 0.001, "solver": "hungarian", "status": "optimal",
    ///   "unassigned": ["e4"]}`, plus `"gap"` when the status is `timeLimit` and `"lpBound"`
    ///   where the solver computed one.
    ///
    /// - Parameters:
    ///   - problem: The problem solved, for the mentor ids of `loads`.
    ///   - includeSeconds: Whether to include `seconds`; without it, the same solution always
    ///     gives the same bytes.
    /// - Complexity: O(*n* + *m*), where *n* is the number of mentees and *m* of mentors.
    public func jsonData(for problem: Problem, includeSeconds: Bool = true) throws -> Data {
        struct Load: Encodable {
            var mentor: String
            var load: Int
        }
        struct Document: Encodable {
            var solver: String
            var method: String
            var status: Status
            var gap: Double?
            var lpBound: Double?
            var objective: Double
            var assigned: Int
            var assignments: [Assignment]
            var unassigned: [String]
            var loads: [Load]
            var seconds: Double?
        }
        let document = Document(
            solver: solver, method: method, status: status, gap: gap, lpBound: lpBound, objective: objective, assigned: assigned, assignments: assignments,
            unassigned: unassigned, loads: zip(problem.mentors, loads).map { Load(mentor: $0.id, load: $1) },
            seconds: includeSeconds ? seconds : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
