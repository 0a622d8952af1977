// Micro benchmarks (ordo-one/benchmark) on fixed-seed instances, one per solver and shape.
// Run: MENTORMATCH_BENCHMARKS=1 swift package benchmark --target SolverBenchmarks
// Every instance is solved and checked once before it is timed, so a fast wrong answer fails.

import Benchmark
import MentorMatch
import MentorMatchGLPK

/// A dense n x n minimization with whole-number costs 0..<1000.
func denseProblem(_ n: Int, seed: UInt64) throws -> Problem {
    var random = SplitMix64(seed: seed)
    let ids = (0..<n).map(String.init)
    return try Problem(
        sense: .minimize, mentees: ids.map { .init(id: $0) }, mentors: ids.map { .init(id: $0) },
        scores: .matrix(ScoreMatrix(rowCount: n, columnCount: n, values: (0..<(n * n)).map { _ in Double(Int.random(in: 0..<1000, using: &random)) })))
}

/// A capacitated roster: n mentees, n/3 mentors with capacity 1-5, 10 regions, scores 0-100.
func rosterProblem(_ n: Int, seed: UInt64) throws -> Problem {
    var random = SplitMix64(seed: seed)
    let mentorCount = n / 3
    let region = (0..<mentorCount).map { _ in Int.random(in: 0..<10, using: &random) }
    var mentees: [Int] = [], mentors: [Int] = [], scores: [Double] = []
    for mentee in 0..<n {
        let home = Int.random(in: 0..<10, using: &random)
        for mentor in 0..<mentorCount where region[mentor] == home {
            mentees.append(mentee)
            mentors.append(mentor)
            scores.append(Double(Int.random(in: 0...100, using: &random)))
        }
    }
    return try Problem(
        mentees: (0..<n).map { .init(id: "e\($0)") },
        mentors: (0..<mentorCount).map { .init(id: "m\($0)", capacity: Int.random(in: 1...5, using: &random)) },
        scores: .indexedEdges(mentees: mentees, mentors: mentors, scores: scores))
}

/// Solves once and checks the answer: proven optimal for the Hungarian solver, and the same
/// objective from GLPK.
func checked(_ problem: Problem, _ solver: any MatchingSolver) throws -> Problem {
    let reference = try HungarianSolver().solve(problem)
    guard try problem.verify(reference) == .provenOptimal else { fatalError("unverified benchmark answer") }
    let solution = try solver.solve(problem)
    try problem.verify(solution)
    guard solution.assigned == reference.assigned, abs(solution.objective - reference.objective) <= 1e-6 * (1 + abs(reference.objective)) else {
        fatalError("\(solver.name) disagrees with the Hungarian solver")
    }
    return problem
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 25)
    let cases: [(String, () throws -> Problem, [any MatchingSolver])] = [
        ("dense 200", { try denseProblem(200, seed: 1) }, [HungarianSolver(), GLPKSolver()]),
        ("dense 1000", { try denseProblem(1000, seed: 2) }, [HungarianSolver()]),
        ("roster 3000", { try rosterProblem(3000, seed: 3) }, [HungarianSolver(), GLPKSolver()]),
    ]
    for (name, make, solvers) in cases {
        for solver in solvers {
            Benchmark("\(solver.name) \(name)") { benchmark, problem in
                for _ in benchmark.scaledIterations { blackHole(try solver.solve(problem)) }
            } setup: {
                try checked(make(), solver)
            }
        }
    }
}
