import Testing
@testable import MentorMatch
import MentorMatchTestSupport

/// A score matrix is kept as a matrix when at least a quarter of its pairs are allowed and as
/// compressed rows below that; either way the table holds exactly the allowed scores, and the
/// solver answers as it does for the same pairs given as edges.
@Suite struct ScoreTableTests {
    /// Random matrices of every density around the quarter, in both layouts, with junk (NaN,
    /// infinities, huge values) behind the pairs that are not allowed.
    @Test func aMatrixIsStoredByItsDensityAndHoldsExactlyItsAllowedScores() throws {
        var generator = SeededGenerator(seed: 2512)
        var stored = (dense: 0, rows: 0)
        for round in 0..<60 {
            let n = Int.random(in: 1...30, using: &generator), m = Int.random(in: 1...30, using: &generator)
            let density = [0.05, 0.15, 0.24, 0.26, 0.4, 1][round % 6]
            let allowed = (0..<(n * m)).map { _ in Double.random(in: 0..<1, using: &generator) < density }
            let junk: [Double] = [.nan, .infinity, -.infinity, 1e300]
            let values = allowed.map { $0 ? Double(Int.random(in: -50...50, using: &generator)) : junk.randomElement(using: &generator)! }
            let mentees = (0..<n).map { Problem.Mentee(id: "e\($0)") }
            let mentors = (0..<m).map { Problem.Mentor(id: "r\($0)", capacity: Int.random(in: 1...3, using: &generator)) }
            let flat = ScoreMatrix(rowCount: n, columnCount: m, values: values, allowed: allowed)
            let rows = ScoreMatrix((0..<n).map { i in (0..<m).map { j in allowed[i * m + j] ? values[i * m + j] : nil } })
            let edges = (0..<(n * m)).filter { allowed[$0] }.map { Problem.Edge(mentee: "e\($0 / m)", mentor: "r\($0 % m)", score: values[$0]) }
            let fromEdges = try Problem(sense: .maximize, mentees: mentees, mentors: mentors, scores: .edges(edges))
            let expected = try HungarianSolver().solve(fromEdges)
            let allowedCount = allowed.filter { $0 }.count
            for matrix in [flat, rows] {
                let problem = try Problem(sense: .maximize, mentees: mentees, mentors: mentors, scores: .matrix(matrix))
                switch problem.table.storage {
                case .dense:
                    #expect(allowedCount * 4 >= n * m, "round \(round): \(allowedCount) of \(n * m) pairs stored as a matrix")
                    stored.dense += 1
                case .sparse:
                    #expect(allowedCount * 4 < n * m, "round \(round): \(allowedCount) of \(n * m) pairs stored as rows")
                    stored.rows += 1
                }
                for index in 0..<(n * m) {
                    #expect(problem.table.score(mentee: index / m, mentor: index % m) == (allowed[index] ? values[index] : nil), "round \(round)")
                }
                let solution = try HungarianSolver().solve(problem)
                #expect(try problem.verify(solution) == .provenOptimal, "round \(round)")
                #expect(solution.objective == expected.objective && solution.assigned == expected.assigned, "round \(round)")
            }
        }
        #expect(stored.dense >= 30 && stored.rows >= 30, "\(stored)")
    }

    /// The first invalid score among the allowed pairs, in row-major order, is the one named;
    /// what stands behind a pair that is not allowed is never read.
    @Test func theFirstInvalidAllowedScoreIsNamed() throws {
        let mentees = (0..<2).map { Problem.Mentee(id: "e\($0)") }, mentors = (0..<3).map { Problem.Mentor(id: "r\($0)") }
        let values: [Double] = [1, .nan, 2, 3, .infinity, -.infinity]
        let expected = MatchingError.invalidScore(mentee: "e1", mentor: "r1", score: .infinity).description
        #expect(
            performing: {
                try Problem(
                    mentees: mentees, mentors: mentors,
                    scores: .matrix(ScoreMatrix(rowCount: 2, columnCount: 3, values: values, allowed: [true, false, true, true, true, true])))
            }, throws: { "\($0)" == expected })
        let problem = try Problem(
            mentees: mentees, mentors: mentors,
            scores: .matrix(ScoreMatrix(rowCount: 2, columnCount: 3, values: values, allowed: [true, false, true, true, false, false])))
        #expect(problem.table.score(mentee: 0, mentor: 1) == nil && problem.table.score(mentee: 1, mentor: 0) == 3)
    }
}
