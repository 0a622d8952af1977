import Foundation
import Testing
import MentorMatch
import MentorMatchRoster
import MentorMatchGLPK
import MentorMatchTestSupport

/// The roster's scoring (every value normalised once, pairs joined by state, scores straight into
/// compressed rows) against an oracle written here from the rules' text: every mentee against
/// every mentor, values compared by folding case and white space pair by pair.
@Suite struct RosterScoringTests {
    /// The rules as ``ScoringRules`` documents them, for one pair, on the written text.
    func oracle(_ rules: ScoringRules, mentee: Profile, mentor: Profile) -> (allowed: Bool, score: Double) {
        func key(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
        func same(_ menteeValue: String, _ mentorValue: String) -> Bool { !menteeValue.isEmpty && key(menteeValue) == key(mentorValue) }
        var score = 0.0
        if rules.domainFitWeight != 0 {
            var fit = 0.0
            for domain in PreventionDomain.allCases {
                fit += rules.domainWeights[domain, default: 1] * Double(mentee.ratings[domain] * mentor.ratings[domain])
            }
            score += rules.domainFitWeight * fit
        }
        if rules.sharedLanguageWeight != 0 {
            score += Set(mentee.languages.map(key)).isDisjoint(with: mentor.languages.map(key)) ? 0 : rules.sharedLanguageWeight
        }
        if rules.sameSettingWeight != 0 { score += same(mentee.setting, mentor.setting) ? rules.sameSettingWeight : 0 }
        for (column, weight) in rules.sameAttributeWeights.sorted(by: { $0.key < $1.key }) {
            score += same(mentee.attributes[column] ?? "", mentor.attributes[column] ?? "") ? weight : 0
        }
        let excluded = rules.forbidden.contains(.init(mentee: mentee.id, mentor: mentor.id))
            || (rules.sameState && key(mentee.region) != key(mentor.region))
            || (rules.differentOrganisation && same(mentee.organisation, mentor.organisation))
            || rules.minimumScore.map { score < $0 } ?? false
        return (!excluded, score)
    }

    /// A roster whose values vary in case and spacing, with empty values, shared and unshared
    /// languages and attributes.
    func roster(seed: UInt64, mentees: Int, mentors: Int) -> Roster {
        var random = SeededGenerator(seed: seed)
        func pick(_ values: [String]) -> String { values.randomElement(using: &random)! }
        func person(_ id: String) -> Profile {
            var person = Profile(
                id: id, name: "Person \(id)", region: pick(["MA", "ma", " MA", "CT", "RI  ", "Rhode  Island"]),
                organisation: pick(["", "Org A", "org a", "ORG  B", "Org C", " "]), setting: pick(["", "school", "School ", "clinic"]),
                languages: (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(["English", "english", "Spanish", "Crioulo", "ASL"]) },
                ratings: DomainRatings { _ in Int.random(in: 0...5, using: &random) }, capacity: Int.random(in: 0...3, using: &random))
            for column in ["county", "cohort"] where Bool.random(using: &random) {
                person.attributes[column] = pick(["", "Essex", "essex", "Suffolk", "1", "2"])
            }
            return person
        }
        return Roster(mentors: (0..<mentors).map { person("m\($0)") }, mentees: (0..<mentees).map { person("e\($0)") })
    }

    func rules(seed: UInt64, roster: Roster) -> ScoringRules {
        var random = SeededGenerator(seed: seed &* 31)
        var rules = ScoringRules()
        rules.sameState = seed % 3 != 0
        rules.differentOrganisation = Bool.random(using: &random)
        rules.minimumScore = Bool.random(using: &random) ? Double(Int.random(in: 10...60, using: &random)) : nil
        rules.domainFitWeight = [0, 1, 0.7][Int(seed % 3)]
        rules.domainWeights[.communication] = 1.25
        rules.sharedLanguageWeight = Bool.random(using: &random) ? 5.5 : 0
        rules.sameSettingWeight = Bool.random(using: &random) ? 3.1 : 0
        if Bool.random(using: &random) { rules.sameAttributeWeights = ["county": 2.2, "cohort": -1.5] }
        rules.forbidden = (0..<3).map { _ in
            .init(mentee: roster.mentees.randomElement(using: &random)!.id, mentor: roster.mentors.randomElement(using: &random)!.id)
        }
        return rules
    }

    @Test func theJoinAllowsAndScoresExactlyWhatEveryPairByTheRulesGives() throws {
        var comparedPairs = 0
        for seed in UInt64(1)...40 {
            let roster = roster(seed: seed, mentees: 25, mentors: 15)
            let rules = rules(seed: seed, roster: roster)
            let problem = try RosterMatch(roster: roster, rules: rules).problem
            for (menteeIndex, mentee) in roster.mentees.enumerated() {
                for (mentorIndex, mentor) in roster.mentors.enumerated() {
                    let expected = oracle(rules, mentee: mentee, mentor: mentor)
                    let score = problem.score(mentee: menteeIndex, mentor: mentorIndex)
                    #expect((score != nil) == expected.allowed, "seed \(seed): \(mentee.id)-\(mentor.id) allowed")
                    if let score { #expect(score.bitPattern == expected.score.bitPattern, "seed \(seed): \(mentee.id)-\(mentor.id) score") }
                    let evaluation = rules.evaluate(mentee: mentee, mentor: mentor)
                    #expect(evaluation.score.bitPattern == expected.score.bitPattern && (evaluation.excludedBy == nil) == expected.allowed)
                    comparedPairs += 1
                }
            }
        }
        #expect(comparedPairs == 40 * 25 * 15)
    }

    @Test func reasonsOfTheUnmatchedComeFromTheRowsAndTheStateCounts() throws {
        // CT: 3 mentors with 4 places for 6 mentees, one of whom every mentor is closed to.
        let domains = DomainRatings { _ in 2 }
        func person(_ id: String, _ organisation: String, capacity: Int = 1) -> Profile {
            Profile(id: id, region: "CT", organisation: organisation, ratings: domains, capacity: capacity)
        }
        let roster = Roster(
            mentors: [person("m1", "A", capacity: 2), person("m2", "B"), person("m3", "B")],
            mentees: [person("e1", "C"), person("e2", "C"), person("e3", "C"), person("e4", "C"), person("e5", "C"), person("e6", "A")])
        var rules = ScoringRules()
        rules.differentOrganisation = true
        rules.forbidden = [.init(mentee: "e6", mentor: "m2"), .init(mentee: "e6", mentor: "m3")]
        let report = try RosterMatch(roster: roster, rules: rules).run(with: HungarianSolver())
        let reasons = Dictionary(uniqueKeysWithValues: report.unmatched.map { ($0.mentee, $0.reason) })
        #expect(reasons["e6"] == "every mentor in CT is excluded: 2 by rule 'forbidden pair', 1 by rule 'different organisation'")
        #expect(reasons.count == 2)
        #expect(reasons.values.filter { $0 == "all 3 mentors in CT are full: 6 mentees for 4 places" }.count == 1)
    }
}

/// A roster solved through `RosterMatch` (part by part where the solver answers by component)
/// against the whole problem solved at once: the same answer to the last tie, for every solver and
/// every kind of side constraint a roster can carry.
@Suite struct RosterPartTests {
    /// A roster of several states, with minimum loads, mentee demands, organisation limits, locked
    /// pairs, survey rankings and a previous match, as the seed picks.
    func match(seed: UInt64, keepPrevious: Bool) throws -> RosterMatch {
        var random = SeededGenerator(seed: seed)
        var roster = SyntheticRoster.generate(
            mentees: 40, mentors: 14, regions: ["CT", "MA", "RI", "VT"], mentorRegions: seed % 5 == 0 ? ["CT", "MA", "RI"] : nil,
            capacity: 0...3, seed: seed)
        let sideConstraints = seed % 3 == 0
        if sideConstraints {
            for index in roster.mentors.indices where roster.mentors[index].capacity > 1 && Bool.random(using: &random) {
                roster.mentors[index].minimum = 1
            }
            for index in roster.mentees.indices where index % 7 == 0 { roster.mentees[index].demand = 2 }
        }
        if seed % 4 == 1 {
            for index in roster.mentees.indices where Bool.random(using: &random) {
                roster.mentees[index].preferences = roster.mentors.shuffled(using: &random).prefix(3).map(\.id)
            }
        }
        var rules = ScoringRules()
        rules.sharedLanguageWeight = 4
        rules.minimumScore = seed % 2 == 0 ? 20 : nil
        if sideConstraints { rules.maxPerMentor = ["organisation": 1] }
        if seed % 6 == 1 { rules.maxPerMentor = ["organisation": 50] }  // groups that never bind
        let plain = try RosterMatch(roster: roster, rules: rules)
        // Locks: one allowed pair per state, the first mentee with an allowed mentor.
        let problem = try plain.problem
        var lockedStates = Set<String>()
        problem.forEachAllowedPair { mentee, mentor, _ in
            let region = roster.mentees[mentee].region
            guard !sideConstraints, roster.mentors[mentor].capacity > 0, lockedStates.insert(region).inserted else { return }
            rules.locked.append(.init(mentee: roster.mentees[mentee].id, mentor: roster.mentors[mentor].id))
        }
        let previous = try HungarianSolver().solve(problem).assignments.filter { _ in Bool.random(using: &random) }
            .map { Problem.Pair(mentee: $0.mentee, mentor: $0.mentor) }
        return try RosterMatch(roster: roster, rules: rules, previous: previous, keep: keepPrevious)
    }

    @Test func everySolverGivesTheWholeProblemsAnswerPartByPart() throws {
        var compared: [String: Int] = [:]
        for seed in UInt64(1)...24 {
            let match = try match(seed: seed, keepPrevious: seed % 4 == 3)
            let problem = try match.problem
            for solver in [HungarianSolver(), GLPKSolver(), GreedySolver(), StableSolver()] as [any MatchingSolver] {
                guard problem.requirements.isSubset(of: solver.capabilities) else { continue }
                let whole = try solver.solve(problem), parts = try match.solve(with: solver)
                let context = "seed \(seed), \(solver.name)"
                compared[solver.name, default: 0] += 1
                if solver.answersByComponent(requirements: problem.requirements) { compared["by parts", default: 0] += 1 }
                #expect(parts.assignments == whole.assignments, "\(context): assignments")
                #expect(parts.objective.bitPattern == whole.objective.bitPattern, "\(context): objective")
                #expect(parts.unassigned == whole.unassigned && parts.loads == whole.loads && parts.status == whole.status, "\(context)")
                if parts.certificate != nil {
                    #expect(try problem.verify(parts) == .provenOptimal, "\(context): joined certificate")
                    compared["joined certificates", default: 0] += 1
                }
                #expect(try match.report(for: parts) == match.report(for: whole), "\(context): report")
                #expect(try match.run(with: solver) == match.report(for: whole), "\(context): run")
            }
        }
        #expect(compared["hungarian"] == 24 && compared["glpk"] == 24 && compared["greedy", default: 0] >= 8 && compared["stable", default: 0] >= 8)
        #expect(compared["by parts", default: 0] >= 16, "\(compared)")
        #expect(compared["joined certificates", default: 0] >= 8, "\(compared)")
    }

    /// `compare` part by part gives every figure of the comparison on the whole problem
    /// (objectives, gaps, differing pairs, blocking pairs, first choices, ranks, the price of
    /// stability), the solvers' timings and method names aside.
    @Test func comparingPartByPartGivesTheWholeProblemsComparison() throws {
        var byParts = 0
        let solvers: [any MatchingSolver] = [HungarianSolver(), GLPKSolver(), GreedySolver(), StableSolver()]
        for seed in UInt64(1)...24 {
            let match = try match(seed: seed, keepPrevious: seed % 4 == 3)
            if match.comparesByParts { byParts += 1 }
            func figures(_ comparison: Comparison) -> [Comparison.Entry] {
                comparison.entries.map { entry in
                    var entry = entry
                    entry.seconds = 0
                    entry.methods = []
                    return entry
                }
            }
            let whole = Comparison(try match.problem, solvers: solvers, threshold: 60), parts = try match.compare(solvers, threshold: 60)
            #expect(figures(parts) == figures(whole), "seed \(seed)")
            #expect(parts.priceOfStability == whole.priceOfStability && parts.best == whole.best, "seed \(seed)")
            #expect(parts.solutions.map { $0?.assignments } == whole.solutions.map { $0?.assignments }, "seed \(seed)")
        }
        #expect(byParts >= 8, "\(byParts) of 24 rosters compared part by part")
    }
}
