import Foundation
import Testing
import MentorMatch
import MentorMatchGLPK
import MentorMatchRoster

@Suite struct RosterTests {
    static let domains = PreventionDomain.allCases.map(\.rawValue).joined(separator: ",")

    func person(_ id: String, _ region: String, organisation: String = "", capacity: Int = 1, rating: Int = 3, setting: String = "") -> Profile {
        Profile(id: id, region: region, organisation: organisation, setting: setting, ratings: DomainRatings { _ in rating }, capacity: capacity)
    }

    func reasons(_ roster: Roster, _ rules: ScoringRules = ScoringRules()) throws -> [String: String] {
        let report = try RosterMatch(roster: roster, rules: rules).run(with: HungarianSolver())
        return Dictionary(uniqueKeysWithValues: report.unmatched.map { ($0.mentee, $0.reason) })
    }

    @Test func unassignedReasonsOnCraftedRosters() throws {
        // VT has no mentor; RI has 2 mentors with 3 places for 4 mentees.
        let roster = Roster(
            mentors: [person("m1", "RI", capacity: 2), person("m2", "RI")],
            mentees: [person("v1", "VT"), person("r1", "RI"), person("r2", "RI"), person("r3", "RI"), person("r4", "RI", rating: 0)])
        let found = try reasons(roster)
        #expect(found["v1"] == "no mentor in VT")
        #expect(found["r4"] == "both mentors in RI are full: 4 mentees for 3 places")
        #expect(found.count == 2)

        var rules = ScoringRules()
        rules.differentOrganisation = true
        // c1 and c2 (organisation A) may only take m2; c3 may take either; one of c1, c2 is left.
        let sameOrganisation = Roster(
            mentors: [person("m1", "CT", organisation: "A"), person("m2", "CT", organisation: "B")],
            mentees: [person("c1", "CT", organisation: "A"), person("c2", "CT", organisation: "A"), person("c3", "CT", organisation: "C")])
        #expect(Array(try reasons(sameOrganisation, rules).values) == ["the only allowed mentor (of 2 in CT) is full"])

        rules.minimumScore = 1000
        #expect(try reasons(sameOrganisation, rules)["c1"] == "every mentor in CT is excluded: 1 by rule 'different organisation', 1 by rule 'minimum score 1000'")

        var forbidding = ScoringRules()
        forbidding.forbidden = [.init(mentee: "c1", mentor: "m1")]
        #expect(try reasons(Roster(mentors: [person("m1", "CT")], mentees: [person("c1", "CT")]), forbidding)["c1"]
            == "every mentor in CT is excluded: 1 by rule 'forbidden pair'")
    }

    @Test func noPairBreaksAHardRuleAndExplanationsAddUp() throws {
        for seed in UInt64(1)...12 {
            let roster = SyntheticRoster.generate(mentees: 80, mentors: 30, regions: ["CT", "MA", "VT"], capacity: 1...3, seed: seed)
            var rules = ScoringRules()
            rules.differentOrganisation = seed.isMultiple(of: 2)
            rules.sameState = seed % 3 != 0
            rules.minimumScore = seed.isMultiple(of: 4) ? 30 : nil
            rules.sharedLanguageWeight = 7
            rules.sameSettingWeight = 2.5
            rules.domainWeights[.communication] = 1.25
            let match = try RosterMatch(roster: roster, rules: rules)
            let report = try match.run(with: seed.isMultiple(of: 5) ? GLPKSolver() as any MatchingSolver : HungarianSolver())
            let mentees = Dictionary(uniqueKeysWithValues: roster.mentees.map { ($0.id, $0) })
            let mentors = Dictionary(uniqueKeysWithValues: roster.mentors.map { ($0.id, $0) })
            for pair in report.matches {
                let mentee = mentees[pair.mentee]!, mentor = mentors[pair.mentor]!
                if rules.sameState { #expect(mentee.region == mentor.region) }
                if rules.differentOrganisation { #expect(mentee.organisation != mentor.organisation) }
                if let minimum = rules.minimumScore { #expect(pair.score >= minimum) }
                #expect(rules.evaluate(mentee: mentee, mentor: mentor).excludedBy == nil)
                #expect(pair.parts.reduce(0) { $0 + $1.points } == pair.score, "explanation of \(pair.mentee) must add up")
            }
            #expect(report.matches.count + report.unmatched.count == roster.mentees.count)
            #expect(report.unmatched.allSatisfy { !$0.reason.isEmpty && !$0.reason.hasPrefix("left out") })
        }
    }

    @Test func csvRoundTripsQuotesCommasAndUnicode() throws {
        var mentor = person("m,1", "Québec", organisation: "Société \"Prévention\", Inc.", capacity: 3, rating: 4, setting: "line one\nline two")
        mentor.name = "Zoë Ñúñez-Øster"
        mentor.languages = ["Français", "English"]
        mentor.attributes = ["county": "Essex, North", "note": ""]
        let other = person("m2", "QC", capacity: 0, rating: 0)
        let text = RosterCSV.text(of: [mentor, other], role: .mentor)
        var expected = [mentor, other]
        expected[1].attributes = ["county": "", "note": ""]
        #expect(try RosterCSV.read(text, role: .mentor, file: "mentors.csv").profiles == expected)
        let mentees = [person("e1", "QC", rating: 5), person("é2", "QC", rating: 1)]
        #expect(try RosterCSV.read(RosterCSV.text(of: mentees, role: .mentee), role: .mentee, file: "mentees.csv").profiles == mentees)
    }

    func csvError(_ body: String, role: RosterCSV.Role = .mentee, header: String? = nil) -> String {
        let head = header ?? "id,name,state," + (role == .mentor ? "capacity," : "") + Self.domains
        do {
            _ = try RosterCSV.read(head + "\n" + body, role: role, file: "people.csv").profiles
            return "read"
        } catch {
            return "\(error)"
        }
    }

    @Test func badCSVNamesFileAndLine() {
        #expect(csvError("e1,Ann,VT,1,2,3,4,5", header: "id,name,state,planning_evaluation,education_service_delivery,communication,community_organization,public_policy_environmental_change")
            == "people.csv line 1: the prevention-domain columns come all six or none; missing 'professional_growth_responsibility'")
        #expect(csvError("e1,Ann,VT,1,2,3,4,5,0", role: .mentor, header: "id,name,state," + Self.domains)
            == "people.csv line 1: missing column 'capacity'; the columns are 'id', 'name', 'state', " + Self.domains.split(separator: ",").map { "'\($0)'" }.joined(separator: ", "))
        #expect(csvError("e1,Ann,VT,1,2,3,4,5,0\ne2,Bo,VT,1,high,3,4,5,0")
            == "people.csv line 3: column 'education_service_delivery': 'high' is not a whole number 0-5")
        #expect(csvError("e1,Ann,VT,1,2,3,4,5,9") == "people.csv line 2: column 'professional_growth_responsibility': '9' is not a whole number 0-5")
        #expect(csvError("e1,Ann,VT,1,2,3,4,5,0\n\"e2\",\"Bo\nBo\",VT,1,2,3,4,5,0\ne1,Cy,VT,1,2,3,4,5,0")
            == "people.csv line 5: duplicate id 'e1' (first on line 2)")
        let broken = csvError("e1,\"Ann,VT,1,2,3,4,5,0\ne2,Bo,VT,1,2,3,4,5,0")
        #expect(broken.hasPrefix("people.csv line 2: ") && broken.hasSuffix("fields but the header has 9 (check the quoting and the delimiter)"))
        #expect(csvError("m1,Ann,VT,-1,1,2,3,4,5,0", role: .mentor) == "people.csv line 2: column 'capacity': '-1' is not a whole number 0-1000000")
        #expect(csvError("e1,Ann,,1,2,3,4,5,0") == "people.csv line 2: empty state for 'e1'")
    }

    @Test func locksAreChecked() throws {
        let roster = Roster(mentors: [person("m1", "MA")], mentees: [person("e1", "VT"), person("e2", "MA")])
        var rules = ScoringRules()
        rules.locked = [.init(mentee: "e1", mentor: "m1")]
        #expect(throws: MatchingError.malformedFile("locked[0]: pair 'e1' (VT) - 'm1' (MA) breaks the rule 'same state'")) {
            try RosterMatch(roster: roster, rules: rules)
        }
        rules.locked = [.init(mentee: "e2", mentor: "m9")]
        #expect(throws: MatchingError.malformedFile("locked[0]: unknown mentor 'm9'")) { try RosterMatch(roster: roster, rules: rules) }
        rules.locked = [.init(mentee: "e2", mentor: "m1")]
        let report = try RosterMatch(roster: roster, rules: rules).run(with: HungarianSolver())
        #expect(report.matches.map(\.mentee) == ["e2"])
    }

    @Test func rulesFromJSON() throws {
        let rules = try ScoringRules(json: Data(#"{"sameState": false, "minimumScore": 5, "weights": {"domains": {"communication": 2}, "sameAttribute": {"county": 3}}}"#.utf8))
        #expect(!rules.sameState)
        #expect(rules.minimumScore == 5)
        #expect(rules.domainWeights == [.communication: 2])
        #expect(rules.sameAttributeWeights == ["county": 3])
        #expect(throws: MatchingError.malformedFile("field `weights.sameSeting`: unknown field")) {
            try ScoringRules(json: Data(#"{"weights": {"sameSeting": 1}}"#.utf8))
        }
        #expect(throws: MatchingError.self) { try ScoringRules(json: Data(#"{"weights": {"domains": {"cooking": 1}}}"#.utf8)) }
    }

    @Test func theBundledDatasetsMatch() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["new-england-prevention", "peer-recovery-sites"] {
            let folder = root.appendingPathComponent("Datasets/\(name)")
            let roster = Roster(
                mentors: try RosterCSV.read(String(contentsOf: folder.appendingPathComponent("mentors.csv"), encoding: .utf8), role: .mentor, file: "mentors.csv").profiles,
                mentees: try RosterCSV.read(String(contentsOf: folder.appendingPathComponent("mentees.csv"), encoding: .utf8), role: .mentee, file: "mentees.csv").profiles)
            let rules = try ScoringRules(json: Data(contentsOf: folder.appendingPathComponent("config.json")))
            let match = try RosterMatch(roster: roster, rules: rules)
            let hungarian = try match.run(with: HungarianSolver()), glpk = try match.run(with: GLPKSolver())
            #expect(hungarian.matches.count == glpk.matches.count)
            #expect(abs(hungarian.matches.reduce(0) { $0 + $1.score } - glpk.matches.reduce(0) { $0 + $1.score }) < 1e-9)
            #expect(try match.run(with: HungarianSolver()) == hungarian, "same roster, same report")
            let first = try #require(hungarian.matches.first)
            #expect(try match.explanation(ofMentee: first.mentee, in: hungarian).contains("is matched with"))
            #expect(try match.explanation(ofMentee: first.mentee, in: hungarian).contains("[\(first.mentor)]: score"))
        }
    }

    @Test func matchesCSVReadsBackAsPairs() throws {
        let roster = SyntheticRoster.generate(mentees: 40, mentors: 10, regions: ["CT", "RI"], capacity: 1...3, seed: 9)
        let report = try RosterMatch(roster: roster, rules: ScoringRules()).run(with: HungarianSolver())
        let pairs = try PreviousMatches.read(Data(report.csv().utf8), file: "matches.csv").pairs
        #expect(pairs == report.matches.map { .init(mentee: $0.mentee, mentor: $0.mentor) })
        #expect(throws: MatchingError.malformedFile("old.csv line 1: missing column 'mentee' (a previous match needs mentee and mentor ids)")) {
            try PreviousMatches.read(Data("id,who\n1,2\n".utf8), file: "old.csv")
        }
    }
}

@Suite struct RosterSideConstraintTests {
    static let header = "id,state,organisation,planning_evaluation,education_service_delivery,communication,community_organization,"
        + "public_policy_environmental_change,professional_growth_responsibility"

    /// Demand, minimum and a per-organisation limit from CSV and rules, solved natively with a
    /// certificate and by GLPK to the same optimum.
    @Test func demandMinimumAndOrganisationLimitFromFiles() throws {
        let mentors = try RosterCSV.read(Self.header + ",capacity,minimum\nm1,MA,X,5,5,5,5,5,5,3,0\nm2,MA,Y,1,1,1,1,1,1,3,2\n", role: .mentor, file: "mentors.csv").profiles
        let mentees = try RosterCSV.read(Self.header + ",demand\nsite,MA,A,3,3,3,3,3,3,2\ne1,MA,A,3,3,3,3,3,3,1\ne2,MA,B,3,3,3,3,3,3,\n".replacingOccurrences(of: ",\n", with: ",1\n"),
            role: .mentee, file: "mentees.csv").profiles
        #expect(mentors.map(\.minimum) == [0, 2])
        #expect(mentees.map(\.demand) == [2, 1, 1])
        let rules = try ScoringRules(json: Data(#"{"sameState": true, "maxPerMentor": {"organisation": 1}}"#.utf8))
        let match = try RosterMatch(roster: Roster(mentors: mentors, mentees: mentees), rules: rules)
        #expect(try match.problem.groups.map(\.id) == ["organisation=A", "organisation=B"])
        let native = try match.run(with: HungarianSolver())
        let solution = try HungarianSolver().solve(match.problem)
        #expect(try match.problem.verify(solution) == .provenOptimal)
        // site takes both mentors; e1 (also A) then has none left; e2 fills m2's minimum of 2.
        #expect(Set(native.matches.map { "\($0.mentee)-\($0.mentor)" }) == ["site-m1", "site-m2", "e2-m2"])
        #expect(try GLPKSolver().solve(match.problem).objective == solution.objective)
        // The columns survive a write and a read.
        let written = RosterCSV.text(of: mentors, role: .mentor)
        #expect(try RosterCSV.read(written, role: .mentor, file: "again.csv").profiles == mentors)
    }

    @Test func limitOnAMissingColumnIsAnError() throws {
        var rules = ScoringRules()
        rules.maxPerMentor = ["county": 1]
        let person = Profile(id: "a", region: "MA")
        #expect(throws: MatchingError.malformedFile("maxPerMentor names the column 'county', which the mentee file does not have")) {
            try RosterMatch(roster: Roster(mentors: [person], mentees: [person]), rules: rules)
        }
        #expect(throws: MatchingError.self) { try ScoringRules(json: Data(#"{"maxPerMentor": {"organisation": -1}}"#.utf8)) }
    }
}

@Suite struct ForeignSolutionTests {
    /// A solution of another problem is refused by verification, never force-unwrapped.
    @Test func reportsAndBlockingPairsRefuseForeignSolutions() throws {
        let person = Profile(id: "a", region: "MA")
        let match = try RosterMatch(roster: Roster(mentors: [person], mentees: [person]), rules: ScoringRules())
        let foreign = Solution(
            solver: "test", methods: [], status: .optimal, objective: 1, assignments: [.init(mentee: "zz", mentor: "a", score: 1)],
            unassigned: [], loads: [1], seconds: 0)
        #expect(throws: MatchingError.self) { try match.report(for: foreign) }
        #expect(throws: MatchingError.self) { try match.problem.blockingPairs(in: foreign) }
        #expect(try match.problem.score(mentee: 0, mentor: 5) == nil && match.problem.score(mentee: -1, mentor: 0) == nil)
    }
}

/// "Did you mean": one edit for short names, two from seven characters, a swap of neighbours
/// counted as one edit.
@Test func suggestionsForgiveATypoIncludingASwap() {
    #expect(RosterText.suggestion(for: "stabel", among: ["hungarian", "stable"]) == "stable")
    #expect(RosterText.suggestion(for: "hungairan", among: ["hungarian", "stable"]) == "hungarian")
    #expect(RosterText.suggestion(for: "M90", among: ["M09", "M55"]) == "M09")
    #expect(RosterText.suggestion(for: "tsable", among: ["hungarian", "stable"]) == "stable")
    #expect(RosterText.suggestion(for: "greed", among: ["hungarian", "stable"]) == nil)
    #expect(RosterText.suggestion(for: "stable", among: ["stable"]) == nil, "the name itself is no suggestion")
}
