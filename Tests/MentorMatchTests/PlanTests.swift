import Testing
@testable import MentorMatch

/// Each row of the routing table in Plan.swift, on a problem built for it: the solution names the
/// methods the plan chose, and the answer is proven optimal.
@Suite struct PlanTests {
    /// `n` mentees and `m` mentors (capacity `capacity`), every pair allowed, scores
    /// (3 i + 7 j) mod 11 plus `fraction`.
    private func matrix(
        _ n: Int, _ m: Int, capacity: Int = 1, minimum: Int = 0, fraction: Double = 0, incumbents: [Problem.Pair] = []
    ) throws -> Problem {
        let scores = (0..<n).map { i in (0..<m).map { j in Double((3 * i + 7 * j) % 11) + fraction } }
        return try Problem(
            mentees: (0..<n).map { .init(id: "e\($0)") }, mentors: (0..<m).map { .init(id: "m\($0)", capacity: capacity, minimum: minimum) },
            scores: .matrix(ScoreMatrix(scores)), incumbents: incumbents)
    }

    /// The same people as `matrix`, each mentee allowed only its mentors `i`, `i + 1` and
    /// `i + 2` (mod `m`): compressed rows, one component.
    private func shortlist(_ n: Int, _ m: Int, capacity: Int = 1, fraction: Double = 0) throws -> Problem {
        let edges = (0..<n).flatMap { i in
            (0..<3).map { k in Problem.Edge(mentee: "e\(i)", mentor: "m\((i + k) % m)", score: Double((3 * i + 7 * k) % 11) + fraction) }
        }
        return try Problem(
            mentees: (0..<n).map { .init(id: "e\($0)") }, mentors: (0..<m).map { .init(id: "m\($0)", capacity: capacity) },
            scores: .edges(edges))
    }

    private func methods(_ problem: Problem) throws -> [Solution.Method] {
        let solution = try HungarianSolver().solve(problem)
        #expect(try problem.verify(solution) == .provenOptimal)
        return solution.methods
    }

    @Test func eachProblemTakesTheMethodOfItsRow() throws {
        // Mentees served, complete square matrix: Jonker-Volgenant.
        #expect(try methods(matrix(40, 40)) == [.jonkerVolgenant])
        #expect(try methods(matrix(40, 40, fraction: 0.25)) == [.jonkerVolgenant])
        // Compressed rows with whole costs: cost scaling; fractional and square: Jonker-Volgenant.
        #expect(try methods(shortlist(60, 60)) == [.costScaling])
        #expect(try methods(shortlist(60, 60, fraction: 0.5)) == [.jonkerVolgenant])
        // Fractional rows with capacities: searches.
        #expect(try methods(shortlist(60, 30, capacity: 2, fraction: 0.5)) == [.shortestAugmentingPaths])
        // More mentees than places in a complete matrix: no mentee is served by every largest
        // assignment, every mentor is filled; by cost scaling (whole costs), else by searches
        // from the mentors.
        #expect(try methods(matrix(50, 10, capacity: 2)) == [.costScaling])
        #expect(try methods(matrix(50, 10, capacity: 2, fraction: 0.5)) == [.shortestAugmentingPaths])
        // Side constraints: min-cost flow; previous pairs: weighted, then the plan.
        #expect(try methods(matrix(6, 6, capacity: 2, minimum: 1)) == [.minimumCostFlow])
        #expect(try methods(matrix(6, 6, incumbents: [.init(mentee: "e0", mentor: "m5")])).first == .previousPairsWeighted)
    }

    @Test func nothingLeftToDecideNamesNoMethod() throws {
        let problem = try Problem(
            mentees: [.init(id: "a")], mentors: [.init(id: "x")], scores: .matrix(ScoreMatrix([[1]])), locked: [.init(mentee: "a", mentor: "x")])
        let solution = try HungarianSolver().solve(problem)
        #expect(solution.methods.isEmpty && solution.methodsInWords == "none")
    }
}
