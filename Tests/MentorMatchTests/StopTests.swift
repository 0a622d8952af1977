import Testing
import MentorMatch
import MentorMatchTestSupport

/// Cancellation and time limits: the native solver stops with a clear error on every path (dense,
/// sparse in connected components, cost scaling, side constraints) and never returns an
/// unfinished answer.
@Suite struct StopTests {
    static func problem(sparse: Bool = false) throws -> Problem {
        var generator = SeededGenerator(seed: 3)
        var shape = RandomProblemShape(mentees: 300...300, mentors: 100...100, capacity: 1...3, scores: 0...99)
        shape.sparse = sparse
        shape.density = sparse ? 0.05 : 0.7
        return try randomProblem(shape, sense: .maximize, using: &generator)
    }

    /// A sparse square problem with integer scores (cost scaling), split into 4 components.
    static func squareComponents() throws -> Problem {
        var edges: [Problem.Edge] = []
        for row in 0..<400 {
            let block = row / 100
            for step in [0, 1, 7] {
                edges.append(.init(mentee: "r\(row)", mentor: "c\(block * 100 + (row + step) % 100)", score: Double((row * 31 + step * 17) % 97)))
            }
        }
        return try Problem(mentees: (0..<400).map { .init(id: "r\($0)") }, mentors: (0..<400).map { .init(id: "c\($0)") }, scores: .edges(edges))
    }

    static func sideConstrained() throws -> Problem {
        var generator = SeededGenerator(seed: 4)
        var shape = RandomProblemShape(mentees: 200...200, mentors: 60...60, capacity: 1...4, scores: 0...99)
        shape.minimumChance = 0.1
        shape.demand = 1...2
        return try randomProblem(shape, sense: .maximize, using: &generator)
    }

    @Test(arguments: ["dense", "sparse", "square components", "side constraints"])
    func aCancelledTaskStopsTheSolver(path: String) async throws {
        let problem: Problem =
            switch path {
            case "dense": try Self.problem()
            case "sparse": try Self.problem(sparse: true)
            case "square components": try Self.squareComponents()
            default: try Self.sideConstrained()
            }
        #expect(try problem.verify(HungarianSolver().solve(problem)) == .provenOptimal, "\(path): solvable when not cancelled")
        await expectCancellationStops(HungarianSolver(), on: problem)
    }

    @Test func anElapsedTimeLimitThrowsInsteadOfAnswering() throws {
        for problem in [try Self.problem(), try Self.problem(sparse: true), try Self.squareComponents(), try Self.sideConstrained()] {
            #expect(throws: MatchingError.timeLimitReached("no optimal assignment yet; an unfinished one is never returned")) {
                try HungarianSolver(timeLimit: .zero).solve(problem)
            }
            let solution = try HungarianSolver(timeLimit: .seconds(600)).solve(problem)
            #expect(try problem.verify(solution) == .provenOptimal)
        }
    }
}
