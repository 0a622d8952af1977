import Testing
import MentorMatch
import MentorMatchTestSupport

/// The bottleneck objective against exhaustive search: most pairs, then the best worst pair,
/// then the best total.
@Suite struct MaxMinTests {
    /// Every assignment of a small problem (see `allAssignments(of:allowed:)`), as its pairs' scores.
    static func allAssignments(_ problem: Problem) -> [[Double]] {
        MentorMatchTestSupport.allAssignments(of: problem) { problem.score(mentee: $0, mentor: $1) != nil }.map { mentorOf in
            mentorOf.enumerated().compactMap { mentee, mentor in mentor.flatMap { problem.score(mentee: mentee, mentor: $0) } }
        }
    }

    @Test(arguments: Problem.Sense.allCases)
    func matchesExhaustiveSearch(sense: Problem.Sense) throws {
        var generator = SeededGenerator(seed: 1968)
        var tested = 0
        for round in 0..<200 {
            var shape = RandomProblemShape(mentees: 3...6, mentors: 2...4, capacity: 1...2, scores: 0...30)
            shape.lockChance = 0.02
            shape.sparse = round.isMultiple(of: 2)
            let problem = try randomProblem(shape, sense: sense, using: &generator)
            let maximize = sense == .maximize
            func worst(_ scores: [Double]) -> Double { maximize ? scores.min()! : scores.max()! }
            func best(_ values: [Double]) -> Double { maximize ? values.max()! : values.min()! }
            let assignments = Self.allAssignments(problem)
            let most = assignments.map(\.count).max() ?? 0
            let largest = assignments.filter { $0.count == most }
            let solution = try MaxMinSolver().solve(problem)
            #expect(try problem.verify(solution) == .feasible, "round \(round)")
            #expect(solution.assigned == most, "round \(round)")
            guard most > 0 else { continue }
            let bestWorst = best(largest.map(worst))
            let bestTotal = best(largest.filter { worst($0) == bestWorst }.map { $0.reduce(0, +) })
            #expect(worst(solution.assignments.map(\.score)) == bestWorst, "round \(round)")
            #expect(solution.objective == bestTotal, "round \(round)")
            let optimum = try HungarianSolver().solve(problem)
            if worst(optimum.assignments.map(\.score)) != bestWorst { tested += 1 }
        }
        #expect(tested > 10, "the draw must include problems whose plain optimum has a worse worst pair")
    }

    /// The fair answer has as many pairs as the plain optimum, a worst pair at least as good, and
    /// a total no better; a worst pair at or above the threshold leaves no pair below it.
    @Test func fairnessCostsScoreNotPairs() throws {
        var generator = SeededGenerator(seed: 1969)
        for round in 0..<40 {
            let problem = try randomProblem(
                RandomProblemShape(mentees: 20...60, mentors: 5...15, capacity: 1...4, scores: 0...100), sense: .maximize, using: &generator)
            let comparison = Comparison(problem, solvers: [HungarianSolver(), MaxMinSolver()], threshold: 30)
            let (optimal, fair) = (comparison.entries[0], comparison.entries[1])
            #expect(fair.error == nil && fair.assigned == optimal.assigned, "round \(round)")
            #expect(fair.objective <= optimal.objective, "round \(round)")
            #expect(try #require(fair.lowestScore) >= optimal.lowestScore!, "round \(round)")
            if fair.lowestScore! >= 30 { #expect(fair.belowThreshold == 0, "round \(round)") }
        }
    }
}
