import Testing
import MentorMatch
import MentorMatchGLPK
import MentorMatchTestSupport

/// The exact-solver suite for GLPK, and GLPK against the native solver on larger problems.
@Suite struct GLPKConformanceTests {
    @Test(arguments: [0.0, 0.25, 0.123_456_789])
    func smallProblemsMatchBruteForce(fraction: Double) throws {
        try expectSmallProblemsMatchBruteForce(GLPKSolver(), fraction: fraction, seed: 501)
    }

    @Test func theSameProblemGivesTheSameAnswer() throws {
        try expectDeterministic(GLPKSolver())
    }

    @Test(arguments: [0.0, 0.5, 0.123_456_789])
    func solversAgreeOnLargerRandomProblems(fraction: Double) throws {
        var generator = SeededGenerator(seed: 77)
        for round in 0..<100 {
            var shape = RandomProblemShape(mentees: 5...40, mentors: 2...15, capacity: 0...4, scores: 0...50)
            shape.density = Double.random(in: 0.1...1, using: &generator)
            shape.lockChance = 0.02
            shape.sparse = round.isMultiple(of: 2)
            shape.fraction = fraction
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            let native = try HungarianSolver().solve(problem), glpk = try GLPKSolver().solve(problem)
            #expect(try problem.verify(native) == .provenOptimal, "round \(round)")
            try problem.verify(glpk)
            #expect(native.assigned == glpk.assigned, "round \(round)")
            #expect(abs(native.objective - glpk.objective) <= 1e-9 * (1 + abs(native.objective)), "round \(round)")
        }
    }

    /// Sparse square problems, which the native solver takes by cost scaling, against GLPK.
    @Test func sparseSquareProblemsAgreeWithGLPK() throws {
        var generator = SeededGenerator(seed: 2024)
        for round in 0..<60 {
            let n = Int.random(in: 2...40, using: &generator)
            let hidden = Array(0..<n).shuffled(using: &generator)
            var edges: [Problem.Edge] = []
            for row in 0..<n {
                var columns: Set<Int> = [hidden[row]]
                for _ in 0..<(round % 4) { columns.insert(Int.random(in: 0..<n, using: &generator)) }
                for column in columns.sorted() {
                    edges.append(.init(mentee: "r\(row)", mentor: "c\(column)", score: Double(Int.random(in: 0...1_000_000, using: &generator))))
                }
            }
            let problem = try Problem(
                sense: round.isMultiple(of: 2) ? .minimize : .maximize, mentees: (0..<n).map { .init(id: "r\($0)") },
                mentors: (0..<n).map { .init(id: "c\($0)") }, scores: .edges(edges))
            #expect(try HungarianSolver().solve(problem).objective == GLPKSolver().solve(problem).objective, "round \(round)")
        }
    }

    /// Capacitated shortlists, which the native solver takes by cost scaling, against GLPK (the
    /// draw of CapacitatedCostScalingTests).
    @Test func capacitatedShortlistsAgreeWithGLPK() throws {
        var generator = SeededGenerator(seed: 1414)
        for round in 0..<60 {
            let n = Int.random(in: 40...160, using: &generator)
            let problem = try randomShortlist(
                mentees: n, mentors: [n / 8, n / 3, n / 2][round % 3], candidates: [1...1, 1...3, 2...4, 3...6][round % 4],
                capacity: round.isMultiple(of: 7) ? 0...5 : 1...5, scores: round.isMultiple(of: 5) ? 0...2 : 0...1_000_000,
                lockCount: round % 3, sense: round.isMultiple(of: 2) ? .minimize : .maximize, using: &generator)
            let native = try HungarianSolver().solve(problem), glpk = try GLPKSolver().solve(problem)
            #expect(native.assigned == glpk.assigned, "round \(round)")
            #expect(native.objective == glpk.objective, "round \(round)")
        }
    }

    @Test func aCancelledTaskStopsGLPK() async throws {
        var generator = SeededGenerator(seed: 3)
        let problem = try randomProblem(
            RandomProblemShape(mentees: 300...300, mentors: 100...100, capacity: 1...3, scores: 0...99), sense: .maximize, using: &generator)
        await expectCancellationStops(GLPKSolver(), on: problem)
    }
}
