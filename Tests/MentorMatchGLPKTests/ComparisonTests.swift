import Testing
import MentorMatch
import MentorMatchGLPK
import MentorMatchTestSupport

@Suite struct ComparisonTests {
    /// Blocking pairs straight from the definition, for checking the library's count.
    func naiveBlockingPairs(_ problem: Problem, _ solution: Solution) -> Int {
        let better: (Double, Double) -> Bool = problem.sense == .maximize ? (>) : (<)
        let index = Dictionary(uniqueKeysWithValues: problem.mentees.enumerated().map { ($1.id, $0) })
        let mentorIndex = Dictionary(uniqueKeysWithValues: problem.mentors.enumerated().map { ($1.id, $0) })
        var mentorOf = [Int](repeating: -1, count: problem.mentees.count)
        for assignment in solution.assignments { mentorOf[index[assignment.mentee]!] = mentorIndex[assignment.mentor]! }
        // a prefers x to y: better score, ties to the lower index.
        func menteePrefers(_ mentee: Int, _ x: Int, over y: Int) -> Bool {
            guard y >= 0 else { return true }
            let sx = problem.score(mentee: mentee, mentor: x)!, sy = problem.score(mentee: mentee, mentor: y)!
            return sx != sy ? better(sx, sy) : x < y
        }
        func mentorPrefers(_ mentor: Int, _ a: Int, over b: Int) -> Bool {
            let sa = problem.score(mentee: a, mentor: mentor)!, sb = problem.score(mentee: b, mentor: mentor)!
            return sa != sb ? better(sa, sb) : a < b
        }
        var count = 0
        for mentee in problem.mentees.indices where !problem.lockedPairs.contains(where: { $0.mentee == mentee }) {
            for mentor in problem.mentors.indices where problem.score(mentee: mentee, mentor: mentor) != nil && mentorOf[mentee] != mentor {
                guard menteePrefers(mentee, mentor, over: mentorOf[mentee]) else { continue }
                let held = mentorOf.indices.filter { mentorOf[$0] == mentor }
                let movable = held.filter { !problem.isLocked(mentee: $0, mentor: mentor) }
                if held.count < problem.mentors[mentor].capacity || movable.contains(where: { mentorPrefers(mentor, mentee, over: $0) }) { count += 1 }
            }
        }
        return count
    }

    @Test(arguments: StableSolver.Side.allCases)
    func stableAnswersHaveNoBlockingPairs(side: StableSolver.Side) throws {
        var generator = SeededGenerator(seed: 41)
        var unstableOptima = 0
        for round in 0..<150 {
            var shape = RandomProblemShape(mentees: 2...12, mentors: 1...6, capacity: 0...3, scores: 0...9)
            shape.density = Double.random(in: 0.3...1, using: &generator)
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 2) ? .maximize : .minimize, using: &generator)
            let stable = try StableSolver(proposers: side).solve(problem)
            #expect(try problem.verify(stable) == .feasible)
            #expect(stable.status == .heuristic)
            #expect(try problem.blockingPairs(in: stable) == 0, "round \(round)")
            #expect(naiveBlockingPairs(problem, stable) == 0, "round \(round)")
            let optimal = try HungarianSolver().solve(problem)
            #expect(try problem.blockingPairs(in: optimal) == naiveBlockingPairs(problem, optimal), "round \(round)")
            if try problem.blockingPairs(in: optimal) > 0 { unstableOptima += 1 }
        }
        #expect(unstableOptima > 10, "the draw must include optima that are not stable")
    }

    @Test func greedyNeverBeatsTheOptimum() throws {
        var generator = SeededGenerator(seed: 43)
        var strictlyWorse = 0
        for round in 0..<200 {
            var shape = RandomProblemShape(mentees: 2...15, mentors: 1...6, capacity: 0...3, scores: 0...20)
            shape.density = Double.random(in: 0.3...1, using: &generator)
            let sense: Problem.Sense = round.isMultiple(of: 2) ? .maximize : .minimize
            let problem = try randomProblem(shape, sense: sense, using: &generator)
            let greedy = try GreedySolver().solve(problem), optimal = try HungarianSolver().solve(problem)
            #expect(try problem.verify(greedy) == .feasible)
            #expect(greedy.assigned <= optimal.assigned)
            if greedy.assigned == optimal.assigned {
                #expect(sense == .maximize ? greedy.objective <= optimal.objective : greedy.objective >= optimal.objective)
            }
            if greedy.assigned < optimal.assigned || greedy.objective != optimal.objective { strictlyWorse += 1 }
        }
        #expect(strictlyWorse > 20, "the draw must include problems where greedy loses")
    }

    @Test func greedyHonoursDemandAndGroups() throws {
        var generator = SeededGenerator(seed: 44)
        for _ in 0..<100 {
            var shape = RandomProblemShape(mentees: 2...8, mentors: 1...4, capacity: 0...3)
            shape.demand = 0...2
            shape.groupCount = 2
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            #expect(try problem.verify(try GreedySolver().solve(problem)) == .feasible)
        }
    }

    @Test func comparisonReportsEveryMeasureAndIsRepeatable() throws {
        var generator = SeededGenerator(seed: 45)
        let problem = try randomProblem(RandomProblemShape(mentees: 30...30, mentors: 8...8, capacity: 1...4, scores: 0...50), sense: .maximize, using: &generator)
        let solvers: [any MatchingSolver] = [HungarianSolver(), GLPKSolver(), GreedySolver(), StableSolver(), StableSolver(proposers: .mentors)]
        func run() -> [Comparison.Entry] {
            Comparison(problem, solvers: solvers).entries.map { entry in
                var timeless = entry
                timeless.seconds = 0
                return timeless
            }
        }
        let entries = run()
        #expect(entries.map(\.solver) == ["hungarian", "glpk", "greedy", "stable", "stable-mentors"])
        #expect(entries[0].gapToBest == 0 && entries[1].gapToBest == 0)
        #expect(entries[0].pairsDifferingFromBest == 0)
        #expect(entries[3].blockingPairs == 0 && entries[4].blockingPairs == 0)
        // GLPK's network path proves its LP bound equals the optimum; a heuristic's distance from
        // it is then its gap to the best.
        #expect(entries[0].gapToLPBound == 0 && entries[1].gapToLPBound == 0)
        for entry in entries[2...] where entry.assigned == entries[0].assigned { #expect(entry.gapToLPBound == entry.gapToBest) }
        #expect(entries.allSatisfy { $0.error == nil && $0.lowestScore != nil && $0.meanScore != nil })
        #expect(run() == entries)
        let unsupported = try Problem(
            mentees: [.init(id: "a")], mentors: [.init(id: "x", capacity: 2, minimum: 1)], scores: .matrix(ScoreMatrix([[1]])))
        let failed = Comparison(unsupported, solvers: [GreedySolver(), GLPKSolver()])
        #expect(failed.entries[0].error == "solver 'greedy' does not support minimum loads")
        #expect(failed.best == 1)
    }

    @Test func lpBoundAboveTheOptimumUnderGroupLimits() throws {
        // Three overlapping groups of two on one mentor: the relaxation takes each mentee half
        // (1.5 pairs' worth of score), any assignment only one mentee.
        let problem = try Problem(
            mentees: ["a", "b", "c"].map { .init(id: $0) }, mentors: [.init(id: "x", capacity: 3)],
            scores: .matrix(ScoreMatrix([[4], [4], [4]])),
            groups: [
                .init(id: "ab", mentees: ["a", "b"], maxPerMentor: 1), .init(id: "bc", mentees: ["b", "c"], maxPerMentor: 1),
                .init(id: "ac", mentees: ["a", "c"], maxPerMentor: 1),
            ])
        let solution = try GLPKSolver().solve(problem)
        #expect(solution.methods == [.glpkIntegerProgram] && solution.objective == 4)
        #expect(solution.lpBound == 6)
        let entry = Comparison(problem, solvers: [GLPKSolver()]).entries[0]
        #expect(entry.gapToLPBound == 2 && entry.gapToBest == 0)
    }

    @Test func changesAgainstEarlierPairs() throws {
        let problem = try Problem(
            mentees: ["a", "b", "c", "d"].map { .init(id: $0) }, mentors: [.init(id: "x", capacity: 2), .init(id: "y")],
            scores: .matrix(ScoreMatrix([[5, 1], [4, 1], [1, 3], [nil, nil]])))
        let solution = try HungarianSolver().solve(problem)  // a-x, b-x, c-y
        let earlier: [Problem.Pair] = [.init(mentee: "a", mentor: "x"), .init(mentee: "b", mentor: "y"), .init(mentee: "d", mentor: "y")]
        let changes = Comparison.changes(from: earlier, to: solution)
        #expect([changes.kept, changes.moved, changes.added, changes.dropped] == [1, 1, 1, 1])
    }
}
