import Foundation
import Testing
import MentorMatch
import MentorMatchTestSupport

/// A tiny problem with survey lists on both sides, some people without a list, and lists that
/// name partners who are not allowed.
private func randomPreferenceProblem(
    mentees menteeRange: ClosedRange<Int>, mentors mentorRange: ClosedRange<Int>, capacity: ClosedRange<Int>,
    using generator: inout SeededGenerator
) throws -> Problem {
    let n = Int.random(in: menteeRange, using: &generator), m = Int.random(in: mentorRange, using: &generator)
    var edges: [Problem.Edge] = []
    for e in 0..<n {
        for r in 0..<m where Double.random(in: 0..<1, using: &generator) < 0.9 {
            edges.append(.init(mentee: "e\(e)", mentor: "m\(r)", score: Double(Int.random(in: 0...9, using: &generator))))
        }
    }
    func list(_ prefix: String, _ count: Int) -> [String]? {
        guard Double.random(in: 0..<1, using: &generator) < 0.7 else { return nil }
        return (0..<count).filter { _ in Double.random(in: 0..<1, using: &generator) < 0.9 }.map { "\(prefix)\($0)" }
            .shuffled(using: &generator)
    }
    var menteeLists: [String: [String]] = [:], mentorLists: [String: [String]] = [:]
    for e in 0..<n { menteeLists["e\(e)"] = list("m", m) }
    for r in 0..<m { mentorLists["m\(r)"] = list("e", n) }
    return try Problem(
        mentees: (0..<n).map { .init(id: "e\($0)") },
        mentors: (0..<m).map { .init(id: "m\($0)", capacity: Int.random(in: capacity, using: &generator)) }, scores: .edges(edges),
        preferences: .init(mentees: menteeLists, mentors: mentorLists))
}

/// Everyone's ranking and acceptability, written out from the rule in `Problem.Preferences`
/// independently of the library: a list as written, else allowed partners by score (higher
/// first), ties by index; a pair is acceptable when allowed and ranked by both.
private struct Rankings {
    var ofMentee: [[Int]], ofMentor: [[Int]]
    let problem: Problem

    init(_ problem: Problem) {
        self.problem = problem
        func index(_ id: String) -> Int { Int(id.dropFirst())! }
        ofMentee = problem.mentees.indices.map { e in
            if let list = problem.preferences.mentees["e\(e)"] { return list.map(index) }
            return problem.mentors.indices.filter { problem.score(mentee: e, mentor: $0) != nil }
                .sorted { (-problem.score(mentee: e, mentor: $0)!, $0) < (-problem.score(mentee: e, mentor: $1)!, $1) }
        }
        ofMentor = problem.mentors.indices.map { r in
            if let list = problem.preferences.mentors["m\(r)"] { return list.map(index) }
            return problem.mentees.indices.filter { problem.score(mentee: $0, mentor: r) != nil }
                .sorted { (-problem.score(mentee: $0, mentor: r)!, $0) < (-problem.score(mentee: $1, mentor: r)!, $1) }
        }
    }

    func acceptable(_ e: Int, _ r: Int) -> Bool {
        problem.score(mentee: e, mentor: r) != nil && ofMentee[e].contains(r) && ofMentor[r].contains(e)
    }
    /// Position in the mentee's ranking; unmatched is worst.
    func menteeRank(_ e: Int, _ r: Int?) -> Int { r.flatMap { ofMentee[e].firstIndex(of: $0) } ?? Int.max }

    /// Whether `mentorOf` (per mentee, its mentor or nil) has no blocking pair.
    func isStable(_ mentorOf: [Int?]) -> Bool {
        for e in mentorOf.indices {
            for r in problem.mentors.indices where acceptable(e, r) && mentorOf[e] != r {
                guard menteeRank(e, r) < menteeRank(e, mentorOf[e]) else { continue }
                let held = mentorOf.indices.filter { mentorOf[$0] == r }
                if held.count < problem.mentors[r].capacity { return false }
                if held.contains(where: { ofMentor[r].firstIndex(of: e)! < ofMentor[r].firstIndex(of: $0)! }) { return false }
            }
        }
        return true
    }

    /// Every assignment of acceptable pairs within capacity.
    func allMatchings() -> [[Int?]] { allAssignments(of: problem, allowed: acceptable) }
}

private func mentorOf(_ solution: Solution, in problem: Problem) -> [Int?] {
    var mentorOf = [Int?](repeating: nil, count: problem.mentees.count)
    for pair in solution.assignments { mentorOf[Int(pair.mentee.dropFirst())!] = Int(pair.mentor.dropFirst())! }
    return mentorOf
}

@Suite struct PreferenceTests {
    /// Against every stable matching of tiny problems: mentees proposing gives each mentee its best
    /// stable partner, mentors proposing its worst (the mentor-optimal matching), and every stable
    /// matching matches the same mentees and fills each mentor alike (rural hospitals theorem).
    @Test func stableSolversMatchBruteForceEnumeration() throws {
        var generator = SeededGenerator(seed: 1962)
        var problemsWithSeveralStableMatchings = 0
        for round in 0..<250 {
            let problem = try randomPreferenceProblem(mentees: 2...6, mentors: 2...4, capacity: 1...2, using: &generator)
            let rankings = Rankings(problem)
            let stableMatchings = rankings.allMatchings().filter(rankings.isStable)
            let byMentees = mentorOf(try StableSolver(proposers: .mentees).solve(problem), in: problem)
            let byMentors = mentorOf(try StableSolver(proposers: .mentors).solve(problem), in: problem)
            #expect(stableMatchings.contains(byMentees), "round \(round)")
            #expect(stableMatchings.contains(byMentors), "round \(round)")
            for matching in stableMatchings {
                for e in problem.mentees.indices {
                    #expect(rankings.menteeRank(e, byMentees[e]) <= rankings.menteeRank(e, matching[e]), "round \(round), mentee \(e)")
                    #expect(rankings.menteeRank(e, byMentors[e]) >= rankings.menteeRank(e, matching[e]), "round \(round), mentee \(e)")
                    #expect((matching[e] == nil) == (byMentees[e] == nil), "round \(round): rural hospitals")
                }
                for r in problem.mentors.indices {
                    #expect(matching.filter { $0 == r }.count == byMentees.filter { $0 == r }.count, "round \(round): rural hospitals")
                }
            }
            if Set(stableMatchings.map { $0.map { $0 ?? -1 } }).count > 1 { problemsWithSeveralStableMatchings += 1 }
        }
        #expect(problemsWithSeveralStableMatchings > 10, "the draw must include problems whose stable matchings differ")
    }

    /// On larger problems both stable solvers leave no blocking pair, match the same mentees and
    /// load every mentor alike.
    @Test func bothSidesAgreeOnWhoIsMatched() throws {
        var generator = SeededGenerator(seed: 1984)
        for round in 0..<30 {
            let problem = try randomPreferenceProblem(mentees: 40...120, mentors: 5...20, capacity: 1...4, using: &generator)
            let byMentees = try StableSolver(proposers: .mentees).solve(problem)
            let byMentors = try StableSolver(proposers: .mentors).solve(problem)
            #expect(try problem.blockingPairs(in: byMentees) == 0 && problem.blockingPairs(in: byMentors) == 0, "round \(round)")
            #expect(Set(byMentees.assignments.map(\.mentee)) == Set(byMentors.assignments.map(\.mentee)), "round \(round)")
            #expect(byMentees.loads == byMentors.loads, "round \(round)")
            #expect(Rankings(problem).isStable(mentorOf(byMentees, in: problem)))
        }
    }

    @Test func badListsAreErrorsNamingThem() {
        let mentees: [Problem.Mentee] = [.init(id: "e1"), .init(id: "e2")], mentors: [Problem.Mentor] = [.init(id: "m1"), .init(id: "m2")]
        let scores = Problem.Scores.matrix(ScoreMatrix([[1, 2], [3, 4]]))
        func message(_ preferences: Problem.Preferences) -> String {
            do {
                _ = try Problem(mentees: mentees, mentors: mentors, scores: scores, preferences: preferences)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(.init(mentees: ["e1": ["m1", "m9"]])) == "unknown mentor 'm9' in the preference list of mentee 'e1'")
        #expect(message(.init(mentors: ["m2": ["e2", "e2"]])) == "the preference list of 'm2' ranks 'e2' twice")
        #expect(message(.init(mentees: ["e7": ["m1"]])) == "unknown mentee 'e7' in preferences (a list for an unknown mentee)")
        #expect(message(.init(mentors: ["m1": ["e1"], "x": []])) == "unknown mentor 'x' in preferences (a list for an unknown mentor)")
        #expect(message(.init(mentees: ["e1": ["m2", "m1"]], mentors: ["m1": ["e2", "e1"]])) == "accepted")
    }

    /// Ranks as points: a first choice on each side is worth the longest ranking of that side,
    /// and pairs that a list leaves out are not allowed.
    @Test func ranksBecomeScores() throws {
        let problem = try Problem(
            sense: .minimize, mentees: [.init(id: "e1"), .init(id: "e2")], mentors: [.init(id: "m1"), .init(id: "m2")],
            scores: .matrix(ScoreMatrix([[1, 2], [3, 4]])),
            preferences: .init(mentees: ["e1": ["m2", "m1"], "e2": ["m1"]], mentors: ["m1": ["e1", "e2"]]))
        let ranked = try problem.scoredByRanks()
        #expect(ranked.sense == .maximize)
        // Longest rankings: mentees 2 (e1), mentors 2 (m1's list; m2 has none and ranks its
        // allowed mentees by score, lower first when minimizing: e1 (2) before e2 (4)).
        #expect(ranked.score(mentee: 0, mentor: 1) == Double((2 - 0) + (2 - 0)))  // e1's first, m2's first
        #expect(ranked.score(mentee: 0, mentor: 0) == Double((2 - 1) + (2 - 0)))
        #expect(ranked.score(mentee: 1, mentor: 0) == Double((2 - 0) + (2 - 1)))
        #expect(ranked.score(mentee: 1, mentor: 1) == nil)  // e2 does not list m2
        let optimum = try HungarianSolver().solve(ranked)
        #expect(try ranked.verify(optimum) == .provenOptimal)
        #expect(optimum.assigned == 2 && optimum.objective == 7)
        let summary = try ranked.rankSummary(of: optimum)
        #expect(summary.firstChoices == 2 && summary.meanRank == 1)
    }

    /// Problem JSON carries the lists; a misspelt key inside them is refused.
    @Test func problemJSONReadsPreferences() throws {
        let json = """
            {"mentors": [{"id": "m1"}, {"id": "m2"}], "mentees": [{"id": "e1"}, {"id": "e2"}],
             "scores": [[5, 1], [4, 2]],
             "preferences": {"mentees": {"e1": ["m2", "m1"]}, "mentors": {"m1": ["e2"]}}}
            """
        let problem = try Problem(data: Data(json.utf8), format: .json)
        #expect(problem.preferences == .init(mentees: ["e1": ["m2", "m1"]], mentors: ["m1": ["e2"]]))
        let stable = try StableSolver().solve(problem)
        #expect(Set(stable.assignments.map { "\($0.mentee)-\($0.mentor)" }) == ["e1-m2", "e2-m1"])
        let misspelt = json.replacingOccurrences(of: "\"mentors\": {\"m1\"", with: "\"mentor\": {\"m1\"")
        #expect(throws: MatchingError.self) { try Problem(data: Data(misspelt.utf8), format: .json) }
    }
}
