import Testing
import MentorMatch
import MentorMatchTestSupport

/// Keeping earlier pairs: most pairs, then most incumbents kept, then the best score, against
/// exhaustive search; the certificate of the weighted problem; what cannot be weighed exactly.
@Suite struct IncumbentTests {

    @Test(arguments: Problem.Sense.allCases)
    func matchesExhaustiveSearch(sense: Problem.Sense) throws {
        var generator = SeededGenerator(seed: 2026)
        var keptBeatsScore = 0
        for round in 0..<150 {
            var shape = RandomProblemShape(mentees: 2...6, mentors: 1...4, capacity: 1...2, scores: -5...20)
            shape.fraction = round.isMultiple(of: 3) ? 0.25 : 0
            let problem = try withRandomIncumbents(randomProblem(shape, sense: sense, using: &generator), using: &generator)
            let incumbents = Set(problem.incumbents)
            var best: (pairs: Int, kept: Int, total: Double)?
            for mentorOf in allAssignments(of: problem, allowed: { problem.score(mentee: $0, mentor: $1) != nil }) {
                var candidate = (pairs: 0, kept: 0, total: 0.0)
                for (mentee, mentor) in mentorOf.enumerated() {
                    guard let mentor else { continue }
                    candidate.pairs += 1
                    candidate.total += problem.score(mentee: mentee, mentor: mentor)!
                    if incumbents.contains(.init(mentee: problem.mentees[mentee].id, mentor: problem.mentors[mentor].id)) { candidate.kept += 1 }
                }
                let signed = sense == .maximize ? candidate.total : -candidate.total
                if let current = best, (current.pairs, current.kept, sense == .maximize ? current.total : -current.total) >= (candidate.pairs, candidate.kept, signed) { continue }
                best = candidate
            }
            let solution = try HungarianSolver().solve(problem)
            #expect(try problem.verify(solution) == .provenOptimal, "round \(round)")
            #expect(solution.assigned == best!.pairs, "round \(round)")
            #expect(keptIncumbents(solution, problem) == best!.kept, "round \(round)")
            #expect(abs(solution.objective - best!.total) < 1e-9, "round \(round)")
            let plain = try HungarianSolver().solve(problem.withoutIncumbents())
            if plain.objective != solution.objective { keptBeatsScore += 1 }
        }
        #expect(keptBeatsScore > 20, "the draw must include problems where keeping pairs costs score")
    }

    @Test func sideConstraintsKeepTheCertificate() throws {
        var generator = SeededGenerator(seed: 2027)
        var differed = 0
        for round in 0..<40 {
            var shape = RandomProblemShape(mentees: 4...12, mentors: 2...5, capacity: 1...3, scores: 0...30)
            shape.addNetworkSideConstraints()
            let problem = try withRandomIncumbents(randomProblem(shape, sense: .maximize, using: &generator), using: &generator)
            guard let solution = try? HungarianSolver().solve(problem) else { continue }
            #expect(try problem.verify(solution) == .provenOptimal, "round \(round)")
            // The certificate proves the three-level objective: where keeping pairs cost score, it
            // cannot prove the answer optimal for the same problem without incumbents.
            let plainProblem = try problem.withoutIncumbents()
            if try HungarianSolver().solve(plainProblem).objective != solution.objective {
                #expect(throws: MatchingError.self, "round \(round)") { try plainProblem.verify(solution) }
                differed += 1
            }
        }
        #expect(differed > 5)
    }

    @Test func badIncumbentsAndUnweighableScores() throws {
        let people = (mentees: [Problem.Mentee(id: "ana"), .init(id: "bo")], mentors: [Problem.Mentor(id: "kim")])
        let edges = [Problem.Edge(mentee: "ana", mentor: "kim", score: 1.0 / 3), .init(mentee: "bo", mentor: "kim", score: 1)]
        #expect(throws: MatchingError.incumbentNotAllowed(mentee: "bo", mentor: "kim")) {
            try Problem(mentees: people.mentees, mentors: people.mentors, scores: .edges(edges), forbidden: [.init(mentee: "bo", mentor: "kim")],
                        incumbents: [.init(mentee: "bo", mentor: "kim")])
        }
        #expect(throws: MatchingError.unknownMentor("lee", context: "incumbent pair")) {
            try Problem(mentees: people.mentees, mentors: people.mentors, scores: .edges(edges), incumbents: [.init(mentee: "bo", mentor: "lee")])
        }
        let thirds = try Problem(mentees: people.mentees, mentors: people.mentors, scores: .edges(edges), incumbents: [.init(mentee: "ana", mentor: "kim")])
        #expect(throws: MatchingError.self) { try HungarianSolver().solve(thirds) }
        for solver in [GreedySolver(), MaxMinSolver()] as [any MatchingSolver] {
            #expect(throws: MatchingError.unsupported(solver: solver.name, feature: .capabilities(.incumbents))) { try solver.solve(thirds) }
        }
    }
}

extension Problem {
    func withoutIncumbents() throws -> Problem {
        try Problem(
            sense: sense, mentees: mentees, mentors: mentors, scores: .edges(WhatIfTests.allowedEdges(self)), locked: locked, groups: groups)
    }
}
