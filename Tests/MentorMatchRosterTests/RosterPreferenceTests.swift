import Foundation
import Testing
import MentorMatch
import MentorMatchRoster

@Suite struct RosterPreferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func match(mentors: String, mentees: String, rules: String = #"{"sameState": false}"#) throws -> RosterMatch {
        try RosterMatch(
            roster: Roster(
                mentors: try RosterCSV.read(mentors, role: .mentor, file: "mentors.csv").profiles,
                mentees: try RosterCSV.read(mentees, role: .mentee, file: "mentees.csv").profiles),
            rules: try ScoringRules(json: Data(rules.utf8)))
    }

    /// Ids, names, and (with a warning) names written another way all read as the person meant.
    @Test func preferenceColumnsReadIdsAndNames() throws {
        let mentors = "id,name,state,capacity,preferences\nm1,Ana Lima,MA,1,e2;Bo Chen\nm2,Cy Diaz,MA,1,\n"
        let mentees = "id,name,state,preferences\ne1,Bo Chen,MA,ana lima;m2\ne2,Eve Fox,MA,m2\n"
        let roster = try match(mentors: mentors, mentees: mentees)
        #expect(try roster.problem.preferences == .init(mentees: ["e1": ["m1", "m2"], "e2": ["m2"]], mentors: ["m1": ["e2", "e1"]]))
        #expect(roster.warnings.contains("the preferences of 'e1': 'ana lima' read as mentor 'm1'"))
        #expect(!roster.warnings.contains { $0.contains("'Bo Chen'") }, "an exact name is no guess")
    }

    @Test func unknownOrSharedNamesAreErrors() throws {
        let mentors = "id,name,state,capacity\nm1,Ana Lima,MA,1\nm2,Ana Lima,MA,1\nm3,Cy Diaz,MA,1\n"
        func message(_ mentees: String) -> String {
            do {
                _ = try match(mentors: mentors, mentees: mentees)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("id,state,preferences\ne1,MA,Cy Dias\n").hasSuffix("the preferences of 'e1': no mentor 'Cy Dias'; did you mean 'Cy Diaz'?"))
        #expect(message("id,state,preferences\ne1,MA,Ana Lima\n").hasSuffix("the preferences of 'e1': 2 mentors are called 'Ana Lima'; use their ids"))
        #expect(message("id,state,preferences\ne1,MA,m3;Cy Diaz\n").hasSuffix("the preference list of 'e1' ranks 'm3' twice"))
    }

    /// The bundled survey: both stable matchings are stable, match the same sites, and differ.
    @Test func theBundledSurveyGivesTwoStableMatchings() throws {
        let folder = Self.root.appendingPathComponent("Datasets/peer-recovery-sites")
        let roster = try match(
            mentors: String(contentsOf: folder.appendingPathComponent("mentors.csv"), encoding: .utf8),
            mentees: String(contentsOf: folder.appendingPathComponent("mentees.csv"), encoding: .utf8),
            rules: String(contentsOf: folder.appendingPathComponent("config-survey.json"), encoding: .utf8))
        let problem = try roster.problem.scoredByRanks()
        let comparison = Comparison(problem, solvers: [HungarianSolver(), StableSolver(), StableSolver(proposers: .mentors)])
        let entries = comparison.entries
        #expect(entries.allSatisfy { $0.error == nil })
        #expect(entries[1].blockingPairs == 0 && entries[2].blockingPairs == 0)
        #expect(try #require(entries[0].blockingPairs) > 0, "the rank optimum is not stable")
        let byMentees = try #require(comparison.solutions[1]), byMentors = try #require(comparison.solutions[2])
        #expect(Set(byMentees.assignments.map(\.mentee)) == Set(byMentors.assignments.map(\.mentee)))
        #expect(Set(byMentees.assignments.map { "\($0.mentee)-\($0.mentor)" }) != Set(byMentors.assignments.map { "\($0.mentee)-\($0.mentor)" }))
        #expect(try #require(entries[1].firstChoices) > entries[2].firstChoices!, "mentees proposing is better for mentees")
        let price = try #require(comparison.priceOfStability)
        #expect(price.blockingPairsOfBest == entries[0].blockingPairs && price.scoreGivenUp >= 0)
    }
}
