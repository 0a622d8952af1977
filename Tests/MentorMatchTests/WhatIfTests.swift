import Testing
import MentorMatch
import MentorMatchTestSupport

/// What-if answers (one residual cycle) against solving again with the pair locked or forbidden,
/// and the k best assignments against exhaustive search.
@Suite struct WhatIfTests {
    /// Solves `problem` with the pair locked or forbidden; `nil` when that problem is infeasible.
    static func resolve(_ problem: Problem, locking pair: Problem.Pair) throws -> Solution? {
        do {
            let changed = try Problem(
                sense: problem.sense, mentees: problem.mentees, mentors: problem.mentors, scores: .edges(allowedEdges(problem)),
                locked: problem.locked + [pair], forbidden: problem.forbidden, groups: problem.groups)
            return try HungarianSolver().solve(changed)
        } catch MatchingError.infeasible, MatchingError.menteeOverLocked, MatchingError.mentorOverLocked {
            return nil
        }
    }

    static func resolve(_ problem: Problem, forbidding pair: Problem.Pair) throws -> Solution? {
        let changed = try Problem(
            sense: problem.sense, mentees: problem.mentees, mentors: problem.mentors, scores: .edges(allowedEdges(problem)),
            locked: problem.locked, forbidden: problem.forbidden + [pair], groups: problem.groups)
        do { return try HungarianSolver().solve(changed) } catch MatchingError.infeasible { return nil }
    }

    static func allowedEdges(_ problem: Problem) -> [Problem.Edge] {
        var edges: [Problem.Edge] = []
        problem.forEachAllowedPair { mentee, mentor, score in
            edges.append(.init(mentee: problem.mentees[mentee].id, mentor: problem.mentors[mentor].id, score: score))
        }
        return edges
    }

    static func expectSame(_ outcome: WhatIf.Outcome?, _ resolved: Solution?, base: Solution, _ context: String) {
        guard let resolved else {
            #expect(outcome == nil, "\(context): re-solving finds no assignment")
            return
        }
        guard let outcome else {
            Issue.record("\(context): no outcome, re-solving finds \(resolved.objective)")
            return
        }
        #expect(outcome.solution.assigned == resolved.assigned, "\(context)")
        #expect(outcome.solution.objective == resolved.objective, "\(context)")
        #expect(outcome.pairChange == resolved.assigned - base.assigned, "\(context)")
        #expect(outcome.scoreChange == resolved.objective - base.objective, "\(context)")
    }

    @Test(arguments: [false, true])
    func matchesResolving(sideConstraints: Bool) throws {
        var generator = SeededGenerator(seed: sideConstraints ? 1997 : 1968)
        var changes = 0, pairsLost = 0
        for round in 0..<60 {
            var shape = RandomProblemShape(mentees: 2...9, mentors: 1...5, capacity: 0...3, scores: -5...20)
            shape.sparse = round.isMultiple(of: 2)
            if sideConstraints {
                shape.addNetworkSideConstraints()
            }
            let problem = try randomProblem(shape, sense: round.isMultiple(of: 3) ? .minimize : .maximize, using: &generator)
            let base: Solution
            do { base = try HungarianSolver().solve(problem) } catch MatchingError.infeasible { continue }
            let whatIf = try WhatIf(problem, optimal: base)
            let assigned = Set(base.assignments.map { Problem.Pair(mentee: $0.mentee, mentor: $0.mentor) })
            for edge in Self.allowedEdges(problem) {
                let pair = Problem.Pair(mentee: edge.mentee, mentor: edge.mentor)
                let context = "round \(round), pair \(edge.mentee)-\(edge.mentor)"
                if assigned.contains(pair) {
                    guard !problem.locked.contains(pair) else { continue }
                    let outcome = try whatIf.forbidding(pair)
                    Self.expectSame(outcome, try Self.resolve(problem, forbidding: pair), base: base, "forbid, " + context)
                    if let outcome {
                        #expect(!outcome.solution.assignments.contains { $0.mentee == pair.mentee && $0.mentor == pair.mentor }, "\(context)")
                        pairsLost += outcome.pairChange < 0 ? 1 : 0
                    }
                } else {
                    let outcome = try whatIf.locking(pair)
                    Self.expectSame(outcome, try Self.resolve(problem, locking: pair), base: base, "lock, " + context)
                    if let outcome {
                        #expect(outcome.solution.assignments.contains { $0.mentee == pair.mentee && $0.mentor == pair.mentor }, "\(context)")
                        #expect(try problem.verify(outcome.solution) == .feasible, "\(context)")
                        #expect(outcome.moves.contains { $0.mentee == pair.mentee }, "\(context)")
                        pairsLost += outcome.pairChange < 0 ? 1 : 0
                    }
                }
                changes += 1
            }
        }
        #expect(changes > 500)
        #expect(pairsLost > 10, "the draw must include changes that cost a pair")
    }

    @Test func alternativesAreTheBestLockedPairsInOrder() throws {
        var generator = SeededGenerator(seed: 2008)
        for round in 0..<30 {
            let problem = try randomProblem(
                RandomProblemShape(mentees: 4...12, mentors: 2...6, capacity: 1...3, scores: 0...50), sense: .maximize, using: &generator)
            let base = try HungarianSolver().solve(problem)
            let whatIf = try WhatIf(problem, optimal: base)
            for mentee in problem.mentees {
                let alternatives = try whatIf.alternatives(forMentee: mentee.id, count: 3)
                var expected: [(pairs: Int, objective: Double)] = []
                for edge in Self.allowedEdges(problem) where edge.mentee == mentee.id {
                    let pair = Problem.Pair(mentee: edge.mentee, mentor: edge.mentor)
                    guard !base.assignments.contains(where: { $0.mentee == pair.mentee && $0.mentor == pair.mentor }),
                        let resolved = try Self.resolve(problem, locking: pair)
                    else { continue }
                    expected.append((resolved.assigned, resolved.objective))
                }
                expected.sort { ($0.pairs, $0.objective) > ($1.pairs, $1.objective) }
                #expect(alternatives.map(\.solution.assigned) == expected.prefix(3).map(\.pairs), "round \(round), \(mentee.id)")
                #expect(alternatives.map(\.solution.objective) == expected.prefix(3).map(\.objective), "round \(round), \(mentee.id)")
                #expect(alternatives.allSatisfy { $0.pair.mentee == mentee.id })
            }
        }
    }

    @Test func badQuestionsAreErrors() throws {
        let problem = try Problem(
            mentees: [.init(id: "ana"), .init(id: "bo")], mentors: [.init(id: "kim"), .init(id: "lee")],
            scores: .edges([.init(mentee: "ana", mentor: "kim", score: 9), .init(mentee: "ana", mentor: "lee", score: 5),
                            .init(mentee: "bo", mentor: "kim", score: 8)]),
            locked: [.init(mentee: "bo", mentor: "kim")])
        let best = try HungarianSolver().solve(problem)
        let whatIf = try WhatIf(problem, optimal: best)
        #expect(throws: MatchingError.unknownMentee("cy", context: "what-if pair")) { try whatIf.locking(.init(mentee: "cy", mentor: "kim")) }
        #expect(throws: MatchingError.lockedPairNotAllowed(mentee: "bo", mentor: "lee")) { try whatIf.locking(.init(mentee: "bo", mentor: "lee")) }
        #expect(throws: MatchingError.lockedPairForbidden(mentee: "bo", mentor: "kim")) { try whatIf.forbidding(.init(mentee: "bo", mentor: "kim")) }
        #expect(try whatIf.locking(.init(mentee: "ana", mentor: "kim")) == nil, "kim's one place is locked to bo")
        var unproven = best
        unproven.certificate = nil
        #expect(throws: MatchingError.self) { try WhatIf(problem, optimal: unproven) }
    }

    @Test(arguments: Problem.Sense.allCases)
    func bestAssignmentsMatchExhaustiveSearch(sense: Problem.Sense) throws {
        var generator = SeededGenerator(seed: 1968)
        var longLists = 0
        for round in 0..<120 {
            var shape = RandomProblemShape(mentees: 2...6, mentors: 1...4, capacity: 1...2, scores: 0...9)
            shape.sparse = round.isMultiple(of: 2)
            let problem = try randomProblem(shape, sense: sense, using: &generator)
            let assignments = allAssignments(of: problem) { problem.score(mentee: $0, mentor: $1) != nil }.map { mentorOf in
                mentorOf.enumerated().compactMap { mentee, mentor in mentor.flatMap { problem.score(mentee: mentee, mentor: $0) } }
            }
            let most = assignments.map(\.count).max() ?? 0
            let totals = assignments.filter { $0.count == most }.map { $0.reduce(0, +) }.sorted(by: sense == .maximize ? (>) : (<))
            let best = try HungarianSolver().bestAssignments(of: problem, count: 8)
            #expect(best.map(\.objective) == Array(totals.prefix(8)), "round \(round)")
            #expect(Set(best.map { $0.assignments }).count == best.count, "round \(round): the ranked assignments differ")
            #expect(best.first?.status == .optimal && best.dropFirst().allSatisfy { $0.status == .ranked }, "round \(round)")
            for solution in best { #expect(throws: Never.self, "round \(round)") { try problem.verify(solution) } }
            if best.count == 8 { longLists += 1 }
        }
        #expect(longLists > 20)
    }

    @Test func bestAssignmentsUnderSideConstraintsAreVerifiedAndOrdered() throws {
        var generator = SeededGenerator(seed: 1978)
        var ranked = 0
        for round in 0..<25 {
            var shape = RandomProblemShape(mentees: 5...10, mentors: 2...5, capacity: 1...3, scores: 0...30)
            shape.addNetworkSideConstraints()
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            guard let first = try? HungarianSolver().solve(problem) else { continue }
            let best = try HungarianSolver().bestAssignments(of: problem, count: 6)
            #expect(best.first?.objective == first.objective, "round \(round)")
            #expect(zip(best, best.dropFirst()).allSatisfy { $0.objective >= $1.objective }, "round \(round)")
            #expect(best.allSatisfy { $0.assigned == first.assigned }, "round \(round)")
            #expect(Set(best.map { $0.assignments }).count == best.count, "round \(round)")
            for solution in best { #expect(throws: Never.self, "round \(round)") { try problem.verify(solution) } }
            ranked += 1
        }
        #expect(ranked >= 15, "\(ranked) of 25 random problems were feasible and ranked")
    }
}
