import Foundation

extension Solution {
    /// The solution in MentorMatch solution JSON (see the README), keys sorted so that equal
    /// solutions give equal bytes:
    /// `{"assigned": 3, "assignments": [{"mentee": "e1", "mentor": "m1", "score": 4.5}],
    ///   "loads": [{"load": 1, "mentor": "m1"}], "methods": ["shortestAugmentingPaths"],
    ///   "objective": 12.5, "seconds": 0.001, "solver": "hungarian", "status": "optimal",
    ///   "unassigned": ["e4"]}`, plus `"gap"` when the status is `timeLimit` and `"lpBound"`
    ///   where the solver computed one.
    ///
    /// - Parameters:
    ///   - problem: The problem solved, for the mentor ids of `loads`.
    ///   - includeSeconds: Whether to include `seconds`; without it, the same solution always
    ///     gives the same bytes.
    ///   - includeCertificate: Whether to include the ``certificate`` (as `"certificate":
    ///     {"source": {"potential": 0, "sourceSide": true}, "sink": ..., "mentees": [...],
    ///     "mentors": [...], "groupNodes": [...]}`, nodes in the problem's order), so that
    ///     ``init(jsonData:for:)`` reads back an answer that ``Problem/verify(_:)`` can prove.
    /// - Complexity: O(*n* + *m*), where *n* is the number of mentees and *m* of mentors.
    public func jsonData(for problem: Problem, includeSeconds: Bool = true, includeCertificate: Bool = false) throws -> Data {
        let document = Document(
            solver: solver, methods: methods, status: status, gap: gap, lpBound: lpBound, objective: objective, assigned: assigned, assignments: assignments,
            unassigned: unassigned, loads: zip(problem.mentors, loads).map { Document.Load(mentor: $0.id, load: $1) },
            seconds: includeSeconds ? seconds : nil, certificate: includeCertificate ? certificate : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// Reads a solution of `problem` written by ``jsonData(for:includeSeconds:includeCertificate:)``
    /// (other keys, such as a batch line's `"line"`, are ignored). The answer is read as written:
    /// ``Problem/verify(_:)`` is what checks it.
    ///
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the field at fault, or a mentor in
    ///   `loads` that the problem does not have.
    /// - Complexity: O(size of the text + *m*).
    public init(jsonData data: Data, for problem: Problem) throws {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw MatchingError.malformedFile("solution JSON: " + describeDecodingError(error, in: data))
        }
        var loads = [Int](repeating: 0, count: problem.mentors.count)
        for entry in document.loads {
            guard let mentor = problem.mentorIndex[entry.mentor] else { throw MatchingError.unknownMentor(entry.mentor, context: "the solution's loads") }
            loads[mentor] = entry.load
        }
        self.init(
            solver: document.solver, methods: document.methods, status: document.status, objective: document.objective,
            assignments: document.assignments, unassigned: document.unassigned, loads: loads, seconds: document.seconds ?? 0,
            gap: document.gap, lpBound: document.lpBound, certificate: document.certificate)
    }

    /// Solution JSON's fields.
    private struct Document: Codable {
        struct Load: Codable {
            var mentor: String
            var load: Int
        }
        var solver: String
        var methods: [Method]
        var status: Status
        var gap: Double?
        var lpBound: Double?
        var objective: Double
        var assigned: Int
        var assignments: [Assignment]
        var unassigned: [String]
        var loads: [Load]
        var seconds: Double?
        var certificate: Certificate?
    }
}
