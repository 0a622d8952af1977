import Synchronization
import Testing
@testable import MentorMatch
import MentorMatchTestSupport

@Suite struct HungarianSolverTests {
    let solver = HungarianSolver()

    @Test(arguments: Problem.Sense.allCases, [false, true])
    func matchesBruteForceOnSmallRandomProblems(sense: Problem.Sense, sparse: Bool) throws {
        var generator = SeededGenerator(seed: sense == .maximize ? 11 : 12)
        var withUnassigned = 0, withLocked = 0
        for _ in 0..<300 {
            var shape = RandomProblemShape()
            shape.sparse = sparse
            shape.density = Double.random(in: 0.2...1, using: &generator)
            let problem = try randomProblem(shape, sense: sense, using: &generator)
            let solution = try solver.solve(problem)
            #expect(try problem.verify(solution) == .provenOptimal)
            let best = try #require(bruteForceOptimum(problem))
            #expect(solution.assigned == best.assigned)
            #expect(solution.objective == best.total)
            if !solution.unassigned.isEmpty { withUnassigned += 1 }
            if !problem.locked.isEmpty { withLocked += 1 }
        }
        // The draw must exercise the hard cases, not only easy full assignments.
        #expect(withUnassigned > 100)
        #expect(withLocked > 50)
    }

    /// Complete square problems with unit capacities start with Jonker-Volgenant's reductions
    /// (JonkerVolgenant.swift); many ties (scores 0-3) stress its tie rules and the potential
    /// shift at the end. Whole-number scores are stored as `Float`; a fraction no `Float` holds
    /// keeps them `Double`. Small whole numbers (up to 2^22) let the start take each assigned
    /// row's potential from its own column, which the debug build checks against a scan; halves
    /// and larger whole numbers take the scan.
    @Test(arguments: [(0...3, 0), (0...1_000_000, 0), (0...1_000_000, 1.0 / 1024), (0...3, 0.5), (0...10_000_000, 0)])
    func jonkerVolgenantStartKeepsOptimality(scores: ClosedRange<Int>, fraction: Double) throws {
        var generator = SeededGenerator(seed: UInt64(scores.upperBound) + UInt64(fraction * 1024))
        var doubleMatrices = 0, smallWholeMatrices = 0
        for round in 0..<80 {
            let n = round < 40 ? Int.random(in: 2...7, using: &generator) : Int.random(in: 20...150, using: &generator)
            let values = (0..<(n * n)).map { _ in Double(Int.random(in: scores, using: &generator)) + fraction }
            let sense: Problem.Sense = round.isMultiple(of: 2) ? .maximize : .minimize
            let mentees = (0..<n).map { Problem.Mentee(id: "e\($0)") }, mentors = (0..<n).map { Problem.Mentor(id: "r\($0)") }
            let dense = try Problem(
                sense: sense, mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix(rowCount: n, columnCount: n, values: values)))
            let unit = Array(repeating: 1, count: n), everyScoreAFloat = values.allSatisfy { Double(Float($0)) == $0 }
            let smallWhole = values.allSatisfy { $0.rounded() == $0 && $0 <= 0x1p22 }
            switch HungarianSolver.costGraph(of: dense, mentees: Array(0..<n)) {
            case .denseFloat(let graph) where everyScoreAFloat:
                #expect(Plan.step(for: graph, demand: unit, capacity: unit).method == .jonkerVolgenant)
                #expect(graph.hasSmallWholeCosts == smallWhole)
                if smallWhole { smallWholeMatrices += 1 }
            case .dense(let graph) where !everyScoreAFloat:
                #expect(Plan.step(for: graph, demand: unit, capacity: unit).method == .jonkerVolgenant)
                doubleMatrices += 1
            default:
                Issue.record("a matrix gives a dense graph, of Float costs exactly when every score is a Float")
                return
            }

            let solution = try solver.solve(dense)
            #expect(try dense.verify(solution) == .provenOptimal)
            if n <= 7 {
                #expect(solution.objective == bruteForceOptimum(dense)?.total)
            } else {
                // The same problem as edges takes the plain shortest path route.
                let edges = (0..<(n * n)).map { Problem.Edge(mentee: "e\($0 / n)", mentor: "r\($0 % n)", score: values[$0]) }
                let sparse = try Problem(sense: sense, mentees: mentees, mentors: mentors, scores: .edges(edges))
                #expect(solution.objective == (try solver.solve(sparse)).objective)
            }
        }
        #expect(fraction == 0 || fraction == 0.5 ? doubleMatrices == 0 : doubleMatrices > 60)
        #expect(fraction == 0 && scores.upperBound <= 1_000_000 ? smallWholeMatrices == 80 : smallWholeMatrices < 10)
    }

    /// Small whole costs are searched in `Float` while every value the search forms is exact
    /// there (see `LevelLane`), else in `Double`; debug builds run both and compare their steps.
    /// Rows of scores near 2^22 beside rows near -2^20 take potentials and offsets past the
    /// `Float` bounds: maximizing, column potentials near -2^22 from the first search on;
    /// minimizing, the rows near 2^22 get potentials above 2^22, so that searches fall back at
    /// their start or part way through (each of the three seen in this test).
    @Test func floatSearchesFallBackToDoublePastTheirBounds() throws {
        var generator = SeededGenerator(seed: 22)
        for round in 0..<40 {
            let n = Int.random(in: 20...120, using: &generator)
            let values = (0..<(n * n)).map { index in
                let small = Double(Int.random(in: 0...1000, using: &generator))
                return (index / n).isMultiple(of: 3) ? 0x1p22 - small : small - 0x1p20
            }
            let sense: Problem.Sense = round.isMultiple(of: 2) ? .maximize : .minimize
            let mentees = (0..<n).map { Problem.Mentee(id: "e\($0)") }, mentors = (0..<n).map { Problem.Mentor(id: "r\($0)") }
            let dense = try Problem(
                sense: sense, mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix(rowCount: n, columnCount: n, values: values)))
            guard case .denseFloat(let graph) = HungarianSolver.costGraph(of: dense, mentees: Array(0..<n)) else {
                Issue.record("whole scores up to 2^22 give a Float matrix")
                return
            }
            #expect(graph.hasSmallWholeCosts)
            let solution = try solver.solve(dense)
            #expect(try dense.verify(solution) == .provenOptimal)
            let edges = (0..<(n * n)).map { Problem.Edge(mentee: "e\($0 / n)", mentor: "r\($0 % n)", score: values[$0]) }
            let sparse = try Problem(sense: sense, mentees: mentees, mentors: mentors, scores: .edges(edges))
            #expect(solution.objective == (try solver.solve(sparse)).objective)
        }
    }

    @Test func moreMenteesThanPlacesKeepsTheCheaperMentee() throws {
        // The pitfall of skipping a mentee with no augmenting path: a first, then b, keeps cost 10.
        let problem = try Problem(
            sense: .minimize, mentees: [.init(id: "a"), .init(id: "b")], mentors: [.init(id: "m")],
            scores: .matrix(ScoreMatrix([[10], [1]])))
        let solution = try solver.solve(problem)
        #expect(solution.assignments == [.init(mentee: "b", mentor: "m", score: 1)])
        #expect(solution.unassigned == ["a"])
        #expect(try problem.verify(solution) == .provenOptimal)
    }

    @Test func capacityIsSharedWithoutCopyingColumns() throws {
        let problem = try Problem(
            mentees: (1...5).map { .init(id: "e\($0)") }, mentors: [.init(id: "big", capacity: 3), .init(id: "small")],
            scores: .matrix(ScoreMatrix([[9, 1], [8, 7], [7, 1], [6, 5], [1, 1]])))
        let solution = try solver.solve(problem)
        #expect(solution.assigned == 4)
        #expect(solution.objective == 9 + 7 + 7 + 6)
        #expect(solution.loads == [3, 1])
        #expect(try problem.verify(solution) == .provenOptimal)
    }

    @Test func lockedPairsAreKeptEvenWhenCostly() throws {
        let problem = try Problem(
            mentees: [.init(id: "a"), .init(id: "b")], mentors: [.init(id: "x"), .init(id: "y")],
            scores: .matrix(ScoreMatrix([[10, 1], [1, 10]])), locked: [.init(mentee: "a", mentor: "y")])
        let solution = try solver.solve(problem)
        #expect(solution.assignments == [.init(mentee: "a", mentor: "y", score: 1), .init(mentee: "b", mentor: "x", score: 1)])
        #expect(try problem.verify(solution) == .provenOptimal)
    }

    @Test func forbiddenPairsAreNeverUsed() throws {
        let problem = try Problem(
            mentees: [.init(id: "a")], mentors: [.init(id: "x"), .init(id: "y")],
            scores: .matrix(ScoreMatrix([[10, 1]])), forbidden: [.init(mentee: "a", mentor: "x")])
        let solution = try solver.solve(problem)
        #expect(solution.assignments == [.init(mentee: "a", mentor: "y", score: 1)])
    }

    @Test func emptyAndDegenerateShapes() throws {
        for (menteeCount, mentorCount) in [(0, 0), (2, 0), (0, 3), (3, 3)] {
            let problem = try Problem(
                mentees: (0..<menteeCount).map { .init(id: "e\($0)") }, mentors: (0..<mentorCount).map { .init(id: "m\($0)", capacity: 0) },
                scores: .edges([]))
            let solution = try solver.solve(problem)
            #expect(solution.assigned == 0)
            #expect(solution.unassigned.count == menteeCount)
            #expect(try problem.verify(solution) == .provenOptimal)
        }
    }

    @Test func constantScoresGiveTheIdentity() throws {
        // scipy gh-11602: ties must be broken the same way every time; our rule gives the identity.
        let ids = (0..<8).map { "\($0)" }
        let problem = try Problem(
            sense: .minimize, mentees: ids.map { .init(id: $0) }, mentors: ids.map { .init(id: $0) },
            scores: .matrix(ScoreMatrix(rowCount: 8, columnCount: 8, values: Array(repeating: 1, count: 64))))
        let solution = try solver.solve(problem)
        #expect(solution.assignments.map(\.mentor) == ids)
    }

    /// The searches' tie rule does not depend on the input's form. (Scores with a half: whole
    /// numbers on sparse input take cost scaling, which picks its own optimum among ties; see
    /// CapacitatedCostScalingTests.)
    @Test func denseAndSparseInputGiveTheSameAssignment() throws {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<40 {
            var shape = RandomProblemShape(mentees: 20...60, mentors: 5...20, capacity: 1...4, scores: 0...30)
            shape.density = 0.5
            shape.fraction = 0.5
            shape.lockChance = 0.01
            let dense = try randomProblem(shape, sense: .maximize, using: &generator)
            var edges: [Problem.Edge] = []
            dense.forEachAllowedPair { edges.append(.init(mentee: dense.mentees[$0].id, mentor: dense.mentors[$1].id, score: $2)) }
            let sparse = try Problem(
                sense: dense.sense, mentees: dense.mentees, mentors: dense.mentors, scores: .edges(edges.reversed()),
                locked: dense.locked)
            let a = try solver.solve(dense), b = try solver.solve(sparse)
            #expect(a.assignments == b.assignments)
            #expect(try dense.verify(a) == .provenOptimal)
            #expect(try sparse.verify(b) == .provenOptimal)
        }
    }

    @Test func sameInputSameAnswer() throws {
        var generator = SeededGenerator(seed: 7)
        let shape = RandomProblemShape(mentees: 150...200, mentors: 40...60, capacity: 1...4, scores: 0...3)
        let problem = try randomProblem(shape, sense: .maximize, using: &generator)
        let first = try solver.solve(problem)
        for _ in 0..<3 {
            let again = try solver.solve(problem)
            #expect(again.assignments == first.assignments)
            #expect(again.certificate == first.certificate)
        }
    }

    @Test func sideConstraintsAreSolvedWithACertificate() throws {
        let problem = try Problem(
            mentees: [.init(id: "a")], mentors: [.init(id: "x", capacity: 2, minimum: 1)], scores: .matrix(ScoreMatrix([[1]])))
        let solution = try solver.solve(problem)
        #expect(solution.methods == [.minimumCostFlow])
        #expect(try problem.verify(solution) == .provenOptimal)
        let demanding = try Problem(
            mentees: [.init(id: "a", demand: 2)], mentors: [.init(id: "x"), .init(id: "y")], scores: .matrix(ScoreMatrix([[1, 2]])),
            groups: [.init(id: "g", mentees: ["a"], maxPerMentor: 0)])
        let none = try solver.solve(demanding)
        #expect(none.assigned == 0 && none.unassigned == ["a"])
        #expect(try demanding.verify(none) == .provenOptimal)
    }

    @Test func vacuousGroupLimitsAndZeroDemandAreHonoured() throws {
        let problem = try Problem(
            mentees: [.init(id: "a"), .init(id: "b", demand: 0)], mentors: [.init(id: "x", capacity: 2)],
            scores: .matrix(ScoreMatrix([[1], [5]])), groups: [.init(id: "g", mentees: ["a", "b"], maxPerMentor: 2)])
        #expect(problem.requirements.isEmpty)
        let solution = try solver.solve(problem)
        #expect(solution.assignments == [.init(mentee: "a", mentor: "x", score: 1)])
        #expect(solution.unassigned.isEmpty)
        #expect(try problem.verify(solution) == .provenOptimal)
    }
}

@Test func theReadmeExampleHolds() throws {
    let problem = try Problem(
        sense: .maximize,
        mentees: [.init(id: "ana"), .init(id: "bo"), .init(id: "cy")],
        mentors: [.init(id: "kim", capacity: 2), .init(id: "lee")],
        scores: .matrix(ScoreMatrix([[9, 1], [8, 7], [7, nil]])),
        locked: [.init(mentee: "cy", mentor: "kim")])
    let solution = try HungarianSolver().solve(problem)
    #expect(solution.assignments.map { "\($0.mentee)-\($0.mentor)" } == ["ana-kim", "bo-lee", "cy-kim"])
    #expect(solution.objective == 23)
    #expect(try problem.verify(solution) == .provenOptimal)
}

@Test func componentsSolvedApartGiveTheWholeAnswer() throws {
    // Six regions: the edge input splits into six components (solved concurrently); the same
    // problem as a matrix is solved whole. Both must give the same pairs and certificate. (Scores
    // with a half, so that both take the searches: see denseAndSparseInputGiveTheSameAssignment.)
    var generator = SeededGenerator(seed: 12)
    for round in 0..<10 {
        let regionOfMentor = (0..<30).map { _ in Int.random(in: 0..<6, using: &generator) }
        var rows: [[Double?]] = []
        for _ in 0..<90 {
            let region = Int.random(in: 0..<6, using: &generator)
            rows.append(regionOfMentor.map { $0 == region ? Double(Int.random(in: 0...9, using: &generator)) + 0.5 : nil })
        }
        let mentees = (0..<90).map { Problem.Mentee(id: "e\($0)") }
        let mentors = (0..<30).map { Problem.Mentor(id: "m\($0)", capacity: Int.random(in: 0...4, using: &generator)) }
        var edges: [Problem.Edge] = []
        for (mentee, row) in rows.enumerated() {
            for (mentor, score) in row.enumerated() { if let score { edges.append(.init(mentee: "e\(mentee)", mentor: "m\(mentor)", score: score)) } }
        }
        let sense: Problem.Sense = round.isMultiple(of: 2) ? .maximize : .minimize
        let whole = try Problem(sense: sense, mentees: mentees, mentors: mentors, scores: .matrix(ScoreMatrix(rows)))
        let split = try Problem(sense: sense, mentees: mentees, mentors: mentors, scores: .edges(edges))
        let a = try HungarianSolver().solve(whole), b = try HungarianSolver().solve(split)
        #expect(a.assignments == b.assignments)
        #expect(a.certificate == b.certificate)
        #expect(try split.verify(b) == .provenOptimal)
    }
}

@Suite struct SparseSquareTests {
    /// Square sparse problems with a perfect matching: integer scores take cost scaling
    /// (CostScalingAssignment.swift), scores with a half take the sparse Jonker-Volgenant start and
    /// searches. Rows with a single arc, heavy ties and wide ranges, both senses; every answer
    /// carries a certificate that proves it optimal, and the two paths agree (every perfect
    /// assignment gains n halves). GLPKConformanceTests checks the same draw against GLPK.
    @Test func sparseSquareProblemsAreSolvedExactlyByBothPaths() throws {
        var generator = SeededGenerator(seed: 2024)
        for round in 0..<120 {
            let n = Int.random(in: 2...40, using: &generator)
            let arcsPerRow = [0, 1, 2, 5][round % 4]
            let costRange = round.isMultiple(of: 3) ? 0...3 : 0...1_000_000
            let hidden = Array(0..<n).shuffled(using: &generator)
            var edges: [Problem.Edge] = []
            for row in 0..<n {
                var columns: Set<Int> = [hidden[row]]
                for _ in 0..<arcsPerRow { columns.insert(Int.random(in: 0..<n, using: &generator)) }
                for column in columns.sorted() {
                    edges.append(.init(mentee: "r\(row)", mentor: "c\(column)", score: Double(Int.random(in: costRange, using: &generator))))
                }
            }
            func problem(adding offset: Double) throws -> Problem {
                try Problem(
                    sense: round.isMultiple(of: 2) ? .minimize : .maximize, mentees: (0..<n).map { .init(id: "r\($0)") },
                    mentors: (0..<n).map { .init(id: "c\($0)") },
                    scores: .edges(edges.map { .init(mentee: $0.mentee, mentor: $0.mentor, score: $0.score + offset) }))
            }
            let integral = try problem(adding: 0), halves = try problem(adding: 0.5)
            let scaled = try HungarianSolver().solve(integral), searched = try HungarianSolver().solve(halves)
            #expect(try integral.verify(scaled) == .provenOptimal, "round \(round)")
            #expect(try halves.verify(searched) == .provenOptimal, "round \(round)")
            #expect(scaled.assigned == n && searched.assigned == n)
            #expect(searched.objective == scaled.objective + 0.5 * Double(n), "round \(round)")
        }
    }

    /// The dense row scan (four rights at a time, then positions with an early stop), in `Double`
    /// lanes and in `Float` lanes, finds what the one-arc-at-a-time scan of a sparse graph finds
    /// on the same rows: many ties, rights with and without a row, missing arcs, and lengths that
    /// are not multiples of four.
    @Test func denseRowScanAgreesWithTheArcByArcScan() {
        var generator = SeededGenerator(seed: 14)
        for round in 0..<400 {
            let n = Int.random(in: 1...23, using: &generator)
            let costs = (0..<(n * n)).map { _ in
                Int.random(in: 0..<8, using: &generator) == 0 ? Float.infinity : Float(Int.random(in: 0...(round % 2 == 0 ? 3 : 50), using: &generator))
            }
            let dense = DenseCostGraph(leftCount: n, rightCount: n, costs: costs, isComplete: !costs.contains(.infinity), hasSmallWholeCosts: !costs.contains(.infinity))
            var arcsOf: [Range<Int>] = [], arcRight: [Int32] = [], arcValue: [Double] = []
            for left in 0..<n {
                let first = arcRight.count
                for right in 0..<n where costs[left * n + right] < .infinity {
                    arcRight.append(Int32(right))
                    arcValue.append(Double(costs[left * n + right]))
                }
                arcsOf.append(first..<arcRight.count)
            }
            let sparse = SparseCostGraph(leftCount: n, rightCount: n, arcsOf: arcsOf, arcRight: arcRight, arcValue: arcValue, costPerValue: 1)
            let potentials = (0..<n).map { _ in -Double(Int.random(in: 0...2, using: &generator)) }
            let inDouble = StartPotentials(potentials, inFloat: false), inFloat = StartPotentials(potentials, inFloat: true)
            #expect(inDouble.inFloat == nil && inFloat.inFloat != nil)
            let leftOfRight = (0..<n).map { _ in Int.random(in: -1...0, using: &generator) }
            leftOfRight.withUnsafeBufferPointer { leftOfRight in
                for left in 0..<n {
                    let plain = sparse.leastReducedCosts(of: left, v: inDouble, leftOfRight: leftOfRight.baseAddress!)
                    for v in [inDouble, inFloat] {
                        #expect(dense.leastReducedCosts(of: left, v: v, leftOfRight: leftOfRight.baseAddress!) == plain, "round \(round), row \(left)")
                    }
                }
            }
        }
    }

    /// Cost scaling applies only where its arithmetic is exact.
    @Test func costScalingTakesOnlyExactIntegerCosts() {
        func graph(_ costs: [Double]) -> SparseCostGraph {
            SparseCostGraph(
                leftCount: 2, rightCount: 2, arcsOf: [0..<2, 2..<4], arcRight: [0, 1, 0, 1], arcValue: costs, costPerValue: -1)
        }
        #expect(CostScalingAssignment(graph([1, 2, 3, 4]), capacity: [1, 1]) != nil)
        #expect(CostScalingAssignment(graph([1, 2.5, 3, 4]), capacity: [1, 1]) == nil)
        // Costs are kept in 4 bytes: up to 2^31 - 1 in magnitude.
        #expect(CostScalingAssignment(graph([1, 2, 3, 2_147_483_647]), capacity: [1, 1]) != nil)
        #expect(CostScalingAssignment(graph([1, 2, 3, 2_147_483_648]), capacity: [1, 1]) == nil)
        let missingRow = SparseCostGraph(
            leftCount: 2, rightCount: 2, arcsOf: [0..<2, 2..<2], arcRight: [0, 1], arcValue: [1, 2], costPerValue: 1)
        #expect(CostScalingAssignment(missingRow, capacity: [1, 1]) == nil)
    }

    /// A row with one arc forces its column; the others price around it, also with negative costs.
    @Test func costScalingHonoursForcedColumnsAndNegativeCosts() throws {
        let graph = SparseCostGraph(
            leftCount: 3, rightCount: 3, arcsOf: [0..<1, 1..<4, 4..<6], arcRight: [1, 0, 1, 2, 1, 2],
            arcValue: [-5, 7, -100, 3, -100, -2], costPerValue: 1)
        let scaling = try #require(CostScalingAssignment(graph, capacity: [1, 1, 1]))
        let (assignment, u, v) = try scaling.solve(stop: StopCheck(timeLimit: nil))
        let rightOf = assignment.rightOf
        #expect(rightOf == [1, 0, 2])
        for left in 0..<3 {
            graph.forEachArc(of: left) { right, cost in
                #expect(cost - u[left] - v[right] >= 0)
                if right == rightOf[left] { #expect(cost - u[left] - v[right] == 0) }
            }
        }
        #expect(v.allSatisfy { $0 <= 0 })
    }
}

@Suite struct CapacitatedCostScalingTests {
    /// Sparse shortlists with capacities, crowded (fewer places than mentees, so every mentor is
    /// filled and cost scaling fills them, with an outside right for the mentees left out), tight
    /// and roomy (more places than mentees: spare units), with mentors of capacity 0, locked pairs,
    /// single candidates, heavy ties and wide ranges, both senses. Whole-number scores take cost
    /// scaling, the same scores plus a half take the searches; both answers are proven optimal by
    /// their certificates and agree (the same number of pairs, each gaining a half).
    /// GLPKConformanceTests checks the same draw against GLPK.
    @Test func shortlistsAreSolvedExactlyByCostScalingAndBySearches() throws {
        var generator = SeededGenerator(seed: 1414)
        for round in 0..<150 {
            let n = Int.random(in: 40...160, using: &generator)
            try expectCostScalingAgreesWithSearches(
                mentees: n, mentors: [n / 8, n / 3, n / 2][round % 3], candidates: [1...1, 1...3, 2...4, 3...6][round % 4],
                round: round, using: &generator)
        }
    }

    /// Rows of over 16 arcs on average, where cost scaling reads them through quick minima.
    @Test func longShortlistsAreSolvedExactlyThroughQuickMinima() throws {
        var generator = SeededGenerator(seed: 1415)
        for round in 0..<24 {
            let n = Int.random(in: 200...400, using: &generator)
            try expectCostScalingAgreesWithSearches(mentees: n, mentors: n / 2, candidates: 17...30, round: round, using: &generator)
        }
    }

    /// The same shortlist with whole-number scores (cost scaling) and with a half added to every
    /// score (searches): both proven optimal, the same number of pairs, each gaining a half.
    private func expectCostScalingAgreesWithSearches(
        mentees n: Int, mentors mentorCount: Int, candidates: ClosedRange<Int>, round: Int, using generator: inout SeededGenerator
    ) throws {
        let scores = round.isMultiple(of: 5) ? 0...2 : 0...1_000_000
        let capacity = round.isMultiple(of: 7) ? 0...5 : 1...5
        let sense: Problem.Sense = round.isMultiple(of: 2) ? .minimize : .maximize
        var copy = generator
        let integral = try randomShortlist(
            mentees: n, mentors: mentorCount, candidates: candidates, capacity: capacity, scores: scores, lockCount: round % 3,
            sense: sense, using: &generator)
        let halves = try randomShortlist(
            mentees: n, mentors: mentorCount, candidates: candidates, capacity: capacity, scores: scores, fraction: 0.5,
            lockCount: round % 3, sense: sense, using: &copy)
        let scaled = try HungarianSolver().solve(integral), searched = try HungarianSolver().solve(halves)
        #expect(try integral.verify(scaled) == .provenOptimal, "round \(round)")
        #expect(try halves.verify(searched) == .provenOptimal, "round \(round)")
        #expect(scaled.assigned == searched.assigned, "round \(round)")
        #expect(searched.objective == scaled.objective + 0.5 * Double(searched.assigned), "round \(round)")
        #expect(!searched.methods.contains(.costScaling), "round \(round)")
        // With few mentors (a quarter of the pairs allowed) or one candidate each (components of
        // one mentor), the parts are dense: searches.
        if mentorCount > 4 * candidates.upperBound, candidates.upperBound > 1 {
            #expect(scaled.methods.contains(.costScaling), "round \(round)")
        }
    }

    /// Once epsilon is below an eighth of a cost unit, each costly phase tries to prove the
    /// assignment optimal and stops the scaling when it can. Square problems (one place per right,
    /// cheap last phases, so they mostly scale to the end) and capacitated ones (price wars among
    /// the units of a mentor), every left with a hidden right so that all can be served: the
    /// potentials are checked arc by arc, the total against the searches (the same costs plus a
    /// half), and most capacitated solves must have stopped early: checked the stop request
    /// (before each phase, and every 2^16 pushes) fewer times than the scaling has phases.
    @Test func costScalingStopsOnceOptimalityIsProven() throws {
        var generator = SeededGenerator(seed: 1416)
        var stoppedEarly = 0
        for round in 0..<16 {
            let n = Int.random(in: 300...600, using: &generator)
            let rightCount = round.isMultiple(of: 2) ? n : n / 2
            let capacity = (0..<rightCount).map { _ in round.isMultiple(of: 2) ? 1 : Int.random(in: 2...5, using: &generator) }
            let costs = round.isMultiple(of: 4) ? 0...100 : 0...1_000_000
            var arcsOf: [Range<Int>] = [], arcRight: [Int32] = [], arcValue: [Double] = []
            for left in 0..<n {
                var rights: Set<Int> = [left % rightCount]
                while rights.count < 6 { rights.insert(Int.random(in: 0..<rightCount, using: &generator)) }
                arcsOf.append(arcRight.count..<(arcRight.count + rights.count))
                for right in rights.sorted() {
                    arcRight.append(Int32(right))
                    arcValue.append(Double(Int.random(in: costs, using: &generator)))
                }
            }
            let graph = SparseCostGraph(leftCount: n, rightCount: rightCount, arcsOf: arcsOf, arcRight: arcRight, arcValue: arcValue, costPerValue: 1)
            let scaling = try #require(CostScalingAssignment(graph, capacity: capacity))
            let checks = StopCheckCount()
            let (assignment, u, v) = try scaling.solve(stop: StopCheck(deadline: nil) { checks.add() })
            stoppedEarly += !round.isMultiple(of: 2) && checks.value < scaling.epsilons.count - 1 ? 1 : 0
            var total = 0.0, load = [Int](repeating: 0, count: rightCount)
            for left in 0..<n {
                graph.forEachArc(of: left) { right, cost in
                    #expect(cost - u[left] - v[right] >= 0, "round \(round): arc (\(left), \(right))")
                    if right == assignment.rightOf[left] {
                        #expect(cost - u[left] - v[right] == 0, "round \(round): assigned arc (\(left), \(right))")
                        total += cost
                        load[right] += 1
                    }
                }
            }
            #expect(zip(load, capacity).allSatisfy { $0 <= $1 }, "round \(round)")
            #expect(v.indices.allSatisfy { v[$0] <= 0 && (load[$0] == capacity[$0] || v[$0] == 0) }, "round \(round)")
            let halves = SparseCostGraph(
                leftCount: n, rightCount: rightCount, arcsOf: arcsOf, arcRight: arcRight, arcValue: arcValue.map { $0 + 0.5 }, costPerValue: 1)
            let demand = Array(repeating: 1, count: n)
            guard case .searches(let start) = Plan.step(for: halves, demand: demand, capacity: capacity) else {
                Issue.record("round \(round): half-unit costs planned for cost scaling")
                continue
            }
            let searched = try ShortestAugmentingPaths.solve(halves, demand: demand, capacity: capacity, start: start, stop: StopCheck(timeLimit: nil))
            var searchedTotal = 0.0
            for right in 0..<rightCount {
                for slot in searched.slots.filled(right) {
                    halves.forEachArc(of: searched.slots.left[slot]) { arcRight, cost in searchedTotal += arcRight == right ? cost : 0 }
                }
            }
            #expect(searchedTotal == total + 0.5 * Double(n), "round \(round)")
        }
        #expect(stoppedEarly >= 6, "\(stoppedEarly) of 8 capacitated solves stopped early")
    }

    /// More places than lefts: the spare units leave room on a right, whose potential is then 0;
    /// a right of capacity 0 takes no one and gets a potential low enough for its arcs.
    @Test func roomLeftOnARightKeepsItsPotentialAtZero() throws {
        let graph = SparseCostGraph(
            leftCount: 2, rightCount: 3, arcsOf: [0..<3, 3..<5], arcRight: [0, 1, 2, 0, 1], arcValue: [5, -100, 3, 4, 1],
            costPerValue: 1)
        let capacity = [2, 0, 1]
        let state = try #require(CostScalingAssignment(graph, capacity: capacity)).solvedState(of: graph, stop: StopCheck(timeLimit: nil))
        #expect(state.slots.filled(0).map { state.slots.left[$0] } == [1])
        #expect(state.slots.filled(2).map { state.slots.left[$0] } == [0])
        #expect(state.v[0] == 0 && state.v.allSatisfy { $0 <= 0 })
        for left in 0..<2 {
            graph.forEachArc(of: left) { right, cost in #expect(cost - state.u[left] - state.v[right] >= 0, "arc (\(left), \(right))") }
        }
        #expect(state.u[0] + state.v[2] == 3 && state.u[1] + state.v[0] == 4)
    }

    /// A left with one arc is pushed with a capped gap; when another left prefers its place by more
    /// than the cap, the forced left pushes twice in one phase, which the price floor allows.
    @Test func aForcedLeftMayPushTwiceInOnePhase() throws {
        for capacity in [[1, 1], [1, 1, 0]] {
            let graph = SparseCostGraph(
                leftCount: 2, rightCount: capacity.count, arcsOf: [0..<1, 1..<3], arcRight: [1, 0, 1], arcValue: [4, 1, -11],
                costPerValue: 1)
            let state = try #require(CostScalingAssignment(graph, capacity: capacity)).solvedState(of: graph, stop: StopCheck(timeLimit: nil))
            #expect(state.slots.filled(0).map { state.slots.left[$0] } == [1])
            #expect(state.slots.filled(1).map { state.slots.left[$0] } == [0])
        }
    }

    /// Fewer places than lefts, every place to be filled: the lefts left out sit on the outside
    /// right and keep potential 0; every left's potential is at most 0.
    @Test func fillingEveryRightLeavesTheCostliestLeftOut() throws {
        let graph = SparseCostGraph(
            leftCount: 3, rightCount: 2, arcsOf: [0..<1, 1..<3, 3..<4], arcRight: [0, 0, 1, 1], arcValue: [10, 2, 7, 1], costPerValue: 1)
        let scaling = try #require(CostScalingAssignment(graph, capacity: [1, 1], fillingEveryRight: true))
        let (assignment, u, v) = try scaling.solve(stop: StopCheck(timeLimit: nil))
        #expect(assignment.rightOf == [-1, 0, 1])
        #expect(u[0] == 0 && u.allSatisfy { $0 <= 0 })
        for left in 0..<3 {
            graph.forEachArc(of: left) { right, cost in
                #expect(cost - u[left] - v[right] >= 0, "arc (\(left), \(right))")
                if right == assignment.rightOf[left] { #expect(cost - u[left] - v[right] == 0) }
            }
        }
        #expect(CostScalingAssignment(graph, capacity: [2, 1], fillingEveryRight: true) == nil, "as many places as lefts")
    }
}

/// How many times a solve checked whether to stop (never asking it to).
private final class StopCheckCount: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add() -> Bool {
        count.withLock { $0 += 1 }
        return false
    }
}
