import Testing
import MentorMatch
@testable import MentorMatchGLPK
import MentorMatchTestSupport

/// The native solver on side constraints (demand above 1, minimum loads, nested group limits):
/// against brute force, against GLPK's integer program, and its certificate.
@Suite struct SideConstraintTests {
    let native = HungarianSolver()

    static func shape(_ kind: String, round: Int, using generator: inout SeededGenerator) -> RandomProblemShape {
        var shape = RandomProblemShape(mentees: 1...5, mentors: 1...4, capacity: 0...3)
        shape.density = Double.random(in: 0.3...1, using: &generator)
        if kind == "minimum" || kind == "all" { shape.minimumChance = 0.5 }
        if kind == "demand" || kind == "all" { shape.demand = 0...3 }
        if kind == "groups" || kind == "all" {
            shape.groupCount = Int.random(in: 1...4, using: &generator)
            shape.laminarGroups = true
        }
        if round.isMultiple(of: 2) { shape.fraction = 0.375 }
        shape.lockChance = 0.1
        return shape
    }

    @Test(arguments: ["minimum", "demand", "groups", "all"])
    func nativeMatchesBruteForce(kind: String) throws {
        var generator = SeededGenerator(seed: 1000 + UInt64(kind.utf8.count))
        var infeasible = 0, constrained = 0
        for round in 0..<300 {
            let shape = Self.shape(kind, round: round, using: &generator)
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            if !problem.requirements.isEmpty { constrained += 1 }
            if try !expectBruteForce(native, problem, verdict: .provenOptimal, "\(kind) round \(round)") { infeasible += 1 }
        }
        #expect(constrained > 100, "most problems must need a side constraint")
        if kind == "minimum" || kind == "all" { #expect(infeasible > 5, "the draw must include infeasible problems") }
    }

    /// Larger problems with every constraint kind: the same optimum as GLPK's integer program
    /// (branch-and-cut, forced, not the network path GLPK would pick for these).
    @Test func nativeMatchesGLPKIntegerProgram() throws {
        var generator = SeededGenerator(seed: 4242)
        var compared = 0
        for round in 0..<60 {
            var shape = RandomProblemShape(mentees: 10...40, mentors: 3...12, capacity: 0...5)
            shape.density = 0.4
            shape.demand = 0...3
            shape.minimumChance = 0.3
            shape.groupCount = 5
            shape.laminarGroups = true
            shape.lockChance = 0.02
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 2) ? .minimize : .maximize, using: &generator)
            let program: GLPKSolver.Outcome
            do {
                program = try GLPKSolver.solveByProgram(AssignmentModel(problem), integer: true, deadline: nil)
            } catch MatchingError.infeasible {
                #expect(throws: MatchingError.self) { try native.solve(problem) }
                continue
            }
            let reference = Solution(problem: problem, solver: "glpk", methods: program.methods, pairs: program.chosen, seconds: 0)
            #expect(program.methods == [.glpkIntegerProgram])
            #expect(try problem.verify(reference) == .feasible)
            let solution = try native.solve(problem)
            #expect(try problem.verify(solution) == .provenOptimal)
            #expect(solution.assigned == reference.assigned, "round \(round)")
            #expect(abs(solution.objective - reference.objective) <= 1e-9 * (1 + abs(reference.objective)), "round \(round)")
            compared += 1
        }
        #expect(compared > 30)
    }

    /// Random groups may overlap: the native solver either refuses them by name or, where they
    /// happen to nest, solves to the brute-force optimum.
    @Test func overlappingRandomGroupsAreRefusedOrSolved() throws {
        var generator = SeededGenerator(seed: 77)
        var refused = 0, solved = 0
        for round in 0..<200 {
            var shape = Self.shape("all", round: round, using: &generator)
            shape.laminarGroups = false
            shape.groupCount = 2
            shape.mentees = 4...6
            shape.mentors = 1...3
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            do {
                let solution = try native.solve(problem)
                solved += 1
                let best = try #require(bruteForceOptimum(problem))
                #expect(solution.assigned == best.assigned && abs(solution.objective - best.total) < 1e-9)
            } catch MatchingError.unsupported(_, let feature) {
                refused += 1
                guard case .overlappingGroups = feature else {
                    Issue.record("expected two overlapping groups, got \(feature)")
                    continue
                }
                #expect("\(feature)".hasSuffix("(use --solver glpk)"))
            } catch MatchingError.infeasible {
                #expect(bruteForceOptimum(problem) == nil)
            }
        }
        #expect(refused > 20 && solved > 20, "refused \(refused), solved \(solved)")
    }

    @Test func overlappingGroupsAreRefusedByName() throws {
        let problem = try Problem(
            mentees: [.init(id: "a"), .init(id: "b"), .init(id: "c")], mentors: [.init(id: "m", capacity: 3)],
            scores: .matrix(ScoreMatrix([[1], [2], [3]])),
            groups: [.init(id: "north", mentees: ["a", "b"], maxPerMentor: 1), .init(id: "clinic", mentees: ["b", "c"], maxPerMentor: 1)])
        #expect(throws: MatchingError.unsupported(solver: "hungarian", feature: .overlappingGroups("north", "clinic"))) {
            try native.solve(problem)
        }
        #expect(try GLPKSolver().solve(problem).objective == 4)
    }

    @Test func nestedGroupsKeepBothLimits() throws {
        // Four mentees of one organisation, two of them in one team: at most 3 of the
        // organisation and 1 of the team per mentor.
        let problem = try Problem(
            mentees: (1...4).map { .init(id: "e\($0)") }, mentors: [.init(id: "m", capacity: 4), .init(id: "n", capacity: 4)],
            scores: .matrix(ScoreMatrix([[9, 1], [8, 1], [7, 1], [6, 1]])),
            groups: [.init(id: "org", mentees: ["e1", "e2", "e3", "e4"], maxPerMentor: 3), .init(id: "team", mentees: ["e1", "e2"], maxPerMentor: 1)])
        let solution = try native.solve(problem)
        #expect(try problem.verify(solution) == .provenOptimal)
        #expect(solution.objective == 9 + 7 + 6 + 1)
        #expect(solution.certificate?.groupNodes.count == 4)
    }

    @Test func demandGivesDistinctMentorsAndMinimumsAreMet() throws {
        let problem = try Problem(
            mentees: [.init(id: "team", demand: 3), .init(id: "solo")],
            mentors: [.init(id: "a", capacity: 2), .init(id: "b", capacity: 2, minimum: 1), .init(id: "c", capacity: 1)],
            scores: .matrix(ScoreMatrix([[5, 1, 4], [5, nil, 1]])))
        let solution = try native.solve(problem)
        #expect(try problem.verify(solution) == .provenOptimal)
        #expect(solution.assigned == 4)
        #expect(solution.objective == 5 + 1 + 4 + 5)
        #expect(Set(solution.assignments.filter { $0.mentee == "team" }.map(\.mentor)) == ["a", "b", "c"])
    }

    @Test func infeasibleMinimumsAreExplained() throws {
        let problem = try Problem(
            mentees: [.init(id: "x"), .init(id: "y")], mentors: [.init(id: "a", capacity: 2, minimum: 2), .init(id: "b", capacity: 2, minimum: 1)],
            scores: .matrix(ScoreMatrix([[1, 1], [1, 1]])))
        #expect(throws: MatchingError.infeasible("minimum loads need 3 mentees but only 2 can be assigned to the mentors with a minimum")) {
            try native.solve(problem)
        }
    }

    @Test func lockedPairsOverAGroupLimitAreInfeasible() throws {
        let problem = try Problem(
            mentees: [.init(id: "a"), .init(id: "b")], mentors: [.init(id: "m", capacity: 2)], scores: .matrix(ScoreMatrix([[1], [1]])),
            locked: [.init(mentee: "a", mentor: "m"), .init(mentee: "b", mentor: "m")],
            groups: [.init(id: "g", mentees: ["a", "b"], maxPerMentor: 1)])
        for solver: any MatchingSolver in [native, GLPKSolver(), GreedySolver()] {
            #expect(throws: MatchingError.infeasible("locked pairs put 2 mentees of group 'g' on mentor 'm', limit 1"), "\(solver.name)") {
                try solver.solve(problem)
            }
        }
    }

    /// The certificate of an optimum never proves a worse answer: drop one free pair (keeping
    /// every minimum), and verification must refuse the optimal certificate for it.
    @Test func certificateRefusesAWorseAnswer() throws {
        var generator = SeededGenerator(seed: 9)
        var rejected = 0
        for round in 0..<60 {
            let shape = Self.shape("all", round: round, using: &generator)
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            guard let optimal = try? native.solve(problem) else { continue }
            let locked = Set(problem.locked)
            guard let drop = optimal.assignments.indices.first(where: { index in
                let pair = optimal.assignments[index]
                let mentor = problem.mentors.firstIndex { $0.id == pair.mentor }!
                return !locked.contains(.init(mentee: pair.mentee, mentor: pair.mentor)) && optimal.loads[mentor] > problem.mentors[mentor].minimum
            }) else { continue }
            var pairs = optimal.assignments
            pairs.remove(at: drop)
            let worse = Solution(
                problem: problem, solver: "test", methods: [],
                pairs: pairs.map { pair in
                    (problem.mentees.firstIndex { $0.id == pair.mentee }!, problem.mentors.firstIndex { $0.id == pair.mentor }!)
                }, seconds: 0, certificate: optimal.certificate)
            #expect(throws: MatchingError.self, "round \(round)") { try problem.verify(worse) }
            rejected += 1
        }
        #expect(rejected > 20)
    }

    @Test func answersAreRepeatable() throws {
        var generator = SeededGenerator(seed: 31)
        var shape = Self.shape("all", round: 1, using: &generator)
        shape.mentees = 30...30
        shape.mentors = 8...8
        shape.scores = 0...3
        var repeated = 0
        for _ in 0..<10 {
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            guard let first = try? native.solve(problem) else { continue }
            let second = try native.solve(problem)
            #expect(first.assignments == second.assignments)
            #expect(first.certificate == second.certificate)
            repeated += 1
        }
        #expect(repeated >= 5, "\(repeated) of 10 random problems were feasible")
    }
}

/// Keeping earlier pairs: GLPK's staged program (most pairs, then most kept, then best score)
/// against the native solver's exact weighting.
@Suite struct IncumbentCrossCheckTests {
    @Test func glpkMatchesNative() throws {
        var generator = SeededGenerator(seed: 2028)
        var compared = 0
        for round in 0..<60 {
            var shape = SideConstraintTests.shape("all", round: round, using: &generator)
            shape.mentees = 3...10
            let problem = try withRandomIncumbents(randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator), using: &generator)
            guard let native = try? HungarianSolver().solve(problem) else {
                #expect(throws: MatchingError.self, "round \(round)") { try GLPKSolver().solve(problem) }
                continue
            }
            let glpk = try GLPKSolver().solve(problem)
            #expect(try problem.verify(glpk) == .feasible, "round \(round)")
            #expect(glpk.assigned == native.assigned, "round \(round)")
            #expect(keptIncumbents(glpk, problem) == keptIncumbents(native, problem), "round \(round)")
            #expect(abs(glpk.objective - native.objective) < 1e-6, "round \(round)")
            compared += 1
        }
        #expect(compared > 30)
    }

    /// Scores in thirds cannot be weighed exactly in whole numbers: the native solver refuses,
    /// GLPK keeps the pair at a cost in score.
    @Test func glpkTakesWhatCannotBeWeighed() throws {
        let problem = try Problem(
            mentees: [.init(id: "ana"), .init(id: "bo")], mentors: [.init(id: "kim"), .init(id: "lee")],
            scores: .matrix(ScoreMatrix([[1.0 / 3, 2], [2, 1.0 / 3]])), incumbents: [.init(mentee: "ana", mentor: "kim")])
        #expect(throws: MatchingError.self) { try HungarianSolver().solve(problem) }
        let solution = try GLPKSolver().solve(problem)
        #expect(solution.assignments.map(\.mentor) == ["kim", "lee"])
    }
}
