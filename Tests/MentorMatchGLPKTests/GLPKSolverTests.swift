import Dispatch
import Foundation
import Testing
import MentorMatch
import MentorMatchGLPK
import MentorMatchTestSupport

@Suite struct GLPKSolverTests {
    let solver = GLPKSolver()

    /// Solves with GLPK and checks against brute force, including "no feasible assignment".
    func expectBruteForce(_ problem: Problem, _ context: String) throws {
        try MentorMatchTestSupport.expectBruteForce(solver, problem, verdict: .feasible, context)
    }

    @Test(arguments: ["minimum", "demand", "groups", "all"])
    func sideConstraintsMatchBruteForce(kind: String) throws {
        var generator = SeededGenerator(seed: UInt64(kind.utf8.count))
        var infeasible = 0
        for round in 0..<150 {
            var shape = RandomProblemShape(mentees: 1...5, mentors: 1...4, capacity: 0...3)
            shape.density = Double.random(in: 0.3...1, using: &generator)
            if kind == "minimum" || kind == "all" { shape.minimumChance = 0.5 }
            if kind == "demand" || kind == "all" { shape.demand = 0...3 }
            if kind == "groups" || kind == "all" { shape.groupCount = 2 }
            if round.isMultiple(of: 2) { shape.fraction = 0.375 }
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            if bruteForceOptimum(problem) == nil { infeasible += 1 }
            try expectBruteForce(problem, "\(kind) round \(round)")
        }
        if kind == "minimum" || kind == "all" { #expect(infeasible > 5, "the draw must include infeasible problems") }
    }

    /// Without minimum loads or demands above 1, the network path fixes the flow at the largest
    /// assignment size instead of pricing a bypass arc, and forces full service where it can:
    /// still the brute-force optimum.
    @Test func fixedFlowNetworksMatchBruteForce() throws {
        var generator = SeededGenerator(seed: 77)
        var forced = 0
        for round in 0..<200 {
            var shape = RandomProblemShape(mentees: 1...6, mentors: 1...6, capacity: 0...2)
            shape.density = round.isMultiple(of: 2) ? 1 : 0.6
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            if try problem.largestAssignmentSize() == problem.mentees.count { forced += 1 }
            try expectBruteForce(problem, "round \(round)")
        }
        #expect(forced > 40 && forced < 160, "the draw must reach forced and unforced networks")
    }

    @Test func eachPathRunsAndReportsItself() throws {
        let mentees: [Problem.Mentee] = [.init(id: "a"), .init(id: "b"), .init(id: "c")]
        let mentors: [Problem.Mentor] = [.init(id: "x", capacity: 2), .init(id: "y")]
        let whole = try Problem(mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix([[3, 1], [2, 2], [1, 3]])))
        #expect(try solver.solve(whole).methods == [.glpkMinCostFlow])
        let irrational = try Problem(mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix([[3.1415926535, 1], [2, 2], [1, 3]])))
        #expect(try solver.solve(irrational).methods == [.glpkSimplex])
        let nested = try Problem(
            mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix([[3, 1], [2, 2], [1, 3]])),
            groups: [.init(id: "org", mentees: ["a", "b"], maxPerMentor: 1)])
        #expect(try solver.solve(nested).methods == [.glpkMinCostFlow])
        let grouped = try Problem(
            mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix([[3, 1], [2, 2], [1, 3]])),
            groups: [.init(id: "org", mentees: ["a", "b"], maxPerMentor: 1), .init(id: "team", mentees: ["b", "c"], maxPerMentor: 1)])
        let solution = try solver.solve(grouped)
        #expect(solution.methods == [.glpkIntegerProgram])
        #expect(solution.assignments.map(\.mentor) == ["x", "y", "x"])
        #expect(try grouped.verify(solution) == .feasible)
    }

    @Test func demandGivesSeveralDistinctMentors() throws {
        let problem = try Problem(
            mentees: [.init(id: "site", demand: 2), .init(id: "other")], mentors: [.init(id: "x"), .init(id: "y"), .init(id: "z")],
            scores: .matrix(ScoreMatrix([[5, 4, 1], [1, 1, 1]])))
        let solution = try solver.solve(problem)
        #expect(solution.assignments.map { "\($0.mentee)-\($0.mentor)" } == ["site-x", "site-y", "other-z"])
        #expect(solution.objective == 10)
    }

    func reason(_ problem: Problem) -> String {
        do {
            _ = try solver.solve(problem)
            return "solved"
        } catch {
            return "\(error)"
        }
    }

    @Test func infeasibleProblemsSayWhy() throws {
        let three = (1...3).map { Problem.Mentee(id: "e\($0)") }
        let all = ScoreMatrix([[1, 1], [1, 1], [1, 1]])
        #expect(
            reason(try Problem(mentees: three, mentors: [.init(id: "x", capacity: 5, minimum: 4), .init(id: "y")], scores: .matrix(all)))
                == "infeasible: mentor 'x' needs at least 4 mentees but only 3 may be assigned to it")
        #expect(
            reason(try Problem(mentees: three, mentors: [.init(id: "x", capacity: 3, minimum: 2), .init(id: "y", capacity: 3, minimum: 2)], scores: .matrix(all)))
                == "infeasible: minimum loads need 4 mentees but the mentees can take at most 3 pairs")
        let narrow = ScoreMatrix([[1, 1, nil], [1, 1, nil], [1, 1, 1]])
        #expect(
            reason(try Problem(
                mentees: three, mentors: [.init(id: "x", capacity: 2, minimum: 2), .init(id: "y", capacity: 2, minimum: 1), .init(id: "z", capacity: 1)],
                scores: .matrix(narrow), locked: [.init(mentee: "e3", mentor: "z")]))
                == "infeasible: beyond the locked pairs, minimum loads need 3 more mentees but only 2 can be assigned to the mentors below their minimum")
        #expect(
            reason(try Problem(
                mentees: three, mentors: [.init(id: "x", capacity: 2), .init(id: "y")], scores: .matrix(all),
                locked: [.init(mentee: "e1", mentor: "x"), .init(mentee: "e2", mentor: "x")],
                groups: [.init(id: "org-7", mentees: ["e1", "e2"], maxPerMentor: 1)]))
                == "infeasible: locked pairs put 2 mentees of group 'org-7' on mentor 'x', limit 1")
        #expect(
            reason(try Problem(
                mentees: three, mentors: [.init(id: "x", capacity: 2, minimum: 2), .init(id: "y", capacity: 2, minimum: 1)], scores: .matrix(all),
                groups: [.init(id: "org", mentees: ["e1", "e2", "e3"], maxPerMentor: 1)]))
                == "infeasible: minimum loads need 3 mentees but only 2 can be assigned to the mentors with a minimum")
        #expect(
            reason(try Problem(
                mentees: three, mentors: [.init(id: "x", capacity: 3, minimum: 2), .init(id: "y", capacity: 2)], scores: .matrix(all),
                groups: [.init(id: "a", mentees: ["e1", "e2"], maxPerMentor: 0), .init(id: "b", mentees: ["e2", "e3"], maxPerMentor: 1)]))
                == "infeasible: the minimum loads, locked pairs and group limits cannot all be met together")
    }

    @Test func concurrentSolvesGiveTheSequentialAnswers() throws {
        var generator = SeededGenerator(seed: 31)
        var problems: [Problem] = []
        for index in 0..<16 {
            var shape = RandomProblemShape(mentees: 30...60, mentors: 8...15, capacity: 1...4, scores: 0...40)
            shape.groupCount = index.isMultiple(of: 2) ? 2 : 0
            shape.fraction = index.isMultiple(of: 3) ? 0.123_456_7 : 0
            problems.append(try randomProblem(shape, sense: .maximize, using: &generator))
        }
        let sequential = try problems.map { try solver.solve($0) }
        let results = Results(count: problems.count)
        let shared = problems
        DispatchQueue.concurrentPerform(iterations: shared.count * 3) { index in
            results.store(Result { try solver.solve(shared[index % shared.count]) }, at: index % shared.count, round: index / shared.count)
        }
        for (index, expected) in sequential.enumerated() {
            for round in 0..<3 {
                let concurrent = try #require(try results.value(at: index, round: round)?.get())
                #expect(concurrent.assignments == expected.assignments, "problem \(index)")
                #expect(concurrent.methods == expected.methods)
            }
        }
    }

    @Test func timeLimitReturnsTheBestFoundOrSaysSo() throws {
        var generator = SeededGenerator(seed: 1)
        var shape = RandomProblemShape(mentees: 200...200, mentors: 40...40, capacity: 2...5, scores: 0...1000)
        shape.groupCount = 20
        shape.fraction = 0.001
        shape.lockChance = 0
        let problem = try randomProblem(shape, sense: .maximize, using: &generator)
        // Without a limit GLPK proves this problem optimal in about 2.5 s of branch-and-cut; 50 ms
        // are far too few for that, so the limit must show: the best assignment found, verified, with its gap, or the error that
        // says none was found in time.
        let unlimited = try GLPKSolver().solve(problem)
        #expect(unlimited.status == .optimal && unlimited.gap == nil)
        do {
            let solution = try GLPKSolver(timeLimit: .milliseconds(50)).solve(problem)
            try problem.verify(solution)
            #expect(solution.status == .timeLimit, "50 ms sufficed to prove the optimum: the problem no longer tests the limit")
            #expect(try #require(solution.gap) >= 0)
            #expect(solution.objective <= unlimited.objective)
        } catch MatchingError.timeLimitReached {
            // No assignment found within the limit: said so.
        }
    }
}

/// Results written from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[Result<Solution, any Error>?]]
    init(count: Int) { values = Array(repeating: [nil, nil, nil], count: count) }
    func store(_ result: Result<Solution, any Error>, at index: Int, round: Int) {
        lock.withLock { values[index][round] = result }
    }
    func value(at index: Int, round: Int) -> Result<Solution, any Error>? {
        lock.withLock { values[index][round] }
    }
}
