import Foundation
import Testing
import MentorMatch
import MentorMatchRoster
import MentorMatchGLPK

/// The coordinator's year on both bundled datasets: re-matching that keeps what works, what-if
/// questions, and reading a previous match back.
@Suite struct CoordinatorCycleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let datasets = ["new-england-prevention", "peer-recovery-sites"]

    static func roster(_ name: String, withoutMentor leaving: Int? = nil) throws -> (roster: Roster, rules: ScoringRules) {
        let folder = root.appendingPathComponent("Datasets/\(name)")
        var mentors = try RosterCSV.read(Data(contentsOf: folder.appendingPathComponent("mentors.csv")), role: .mentor, file: "mentors.csv").profiles
        var mentees = try RosterCSV.read(Data(contentsOf: folder.appendingPathComponent("mentees.csv")), role: .mentee, file: "mentees.csv").profiles
        if let leaving {
            // The mentor leaves the roster and the survey answers that named them.
            let gone = mentors.remove(at: leaving)
            for index in mentees.indices { mentees[index].preferences.removeAll { $0 == gone.id || $0 == gone.name } }
        }
        let rules = try ScoringRules(json: Data(contentsOf: folder.appendingPathComponent("config.json")))
        return (Roster(mentors: mentors, mentees: mentees), rules)
    }

    /// Year one is matched and written; in year two a busy mentor leaves. Keeping the previous
    /// pairs keeps every pair that still stands (these rosters have room for it), never at the
    /// cost of a pair, and reports each pair of the leaving mentor as dropped with the reason.
    @Test(arguments: datasets)
    func rematchingKeepsWhatStands(dataset: String) throws {
        let (roster, rules) = try Self.roster(dataset)
        let first = try RosterMatch(roster: roster, rules: rules)
        let firstReport = try first.run(with: HungarianSolver())
        let previous = try PreviousMatches.read(Data(firstReport.csv().utf8), file: "previous.csv")
        #expect(previous.pairs.count == firstReport.matches.count)
        #expect(previous.warnings.isEmpty)

        let busiest = firstReport.loads.indices.max { firstReport.loads[$0].load < firstReport.loads[$1].load }!
        let leaving = firstReport.loads[busiest].mentor
        let (yearTwo, _) = try Self.roster(dataset, withoutMentor: busiest)
        let kept = try RosterMatch(roster: yearTwo, rules: rules, previous: previous.pairs, keep: true)
        let compared = try RosterMatch(roster: yearTwo, rules: rules, previous: previous.pairs)
        let keptReport = try kept.run(with: HungarianSolver()), comparedReport = try compared.run(with: HungarianSolver())
        let keptGLPK = try kept.report(for: GLPKSolver().solve(kept.problem))

        #expect(keptReport.matches.count == comparedReport.matches.count, "keeping pairs never costs a pair")
        #expect(try #require(keptReport.previous).kept >= comparedReport.previous!.kept)
        #expect(keptGLPK.previous?.kept == keptReport.previous?.kept, "GLPK keeps as many")
        #expect(keptGLPK.matches.reduce(0) { $0 + $1.score } == keptReport.matches.reduce(0) { $0 + $1.score })
        let standing = previous.pairs.filter { $0.mentor != leaving }
        #expect(keptReport.previous!.kept == standing.count, "every pair that still stands is kept")
        let dropped = keptReport.previous!.dropped
        #expect(dropped.count == previous.pairs.count - standing.count)
        #expect(dropped.allSatisfy { $0.mentor == leaving && $0.reason == "mentor '\(leaving)' is no longer in the roster" })
        #expect(keptReport.matches.allSatisfy { $0.previous == "kept" || $0.previous?.hasPrefix("new") == true })
        #expect(keptReport.csv().hasPrefix("mentee,mentee_name,state,mentor,mentor_name,score,"))
        #expect(keptReport.csv().contains(",kept,"))
    }

    /// Alternatives on the bundled rosters against re-matching with the pair locked.
    @Test(arguments: datasets)
    func alternativesMatchRematchingWithTheLock(dataset: String) throws {
        let (roster, rules) = try Self.roster(dataset)
        let match = try RosterMatch(roster: roster, rules: rules)
        let solution = try HungarianSolver().solve(match.problem)
        let whatIf = try WhatIf(match.problem, optimal: solution)
        var checked = 0
        for mentee in roster.mentees.prefix(12) {
            for outcome in try whatIf.alternatives(forMentee: mentee.id, count: 2) {
                var locked = rules
                locked.locked.append(outcome.pair)
                let relocked = try RosterMatch(roster: roster, rules: locked).run(with: HungarianSolver())
                #expect(relocked.matches.count == outcome.solution.assigned, "\(outcome.pair)")
                #expect(abs(relocked.matches.reduce(0) { $0 + $1.score } - outcome.solution.objective) < 1e-9, "\(outcome.pair)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func previousFilesAreReadWithCare() throws {
        let text = "Mentee ID,mentor_id,score\r\ne1,m1,3\r\ne2,,\r\n'-e3,m2,1\r\ne1,m1,3\r\n"
        let read = try PreviousMatches.read(Data(text.utf8), file: "old.csv")
        #expect(read.pairs == [.init(mentee: "e1", mentor: "m1"), .init(mentee: "-e3", mentor: "m2")])
        #expect(read.notes == [
            "old.csv: columns read 'Mentee ID' as mentee, 'mentor_id' as mentor",
            "old.csv line 4: ''-e3' read as '-e3' (the quote that keeps spreadsheets from running it)",
        ])
        #expect(read.warnings == ["old.csv line 5: pair 'e1'-'m1' listed again, read once"])
        #expect(throws: MatchingError.malformedFile("old.csv line 1: missing column 'mentor' (a previous match needs mentee and mentor ids)")) {
            try PreviousMatches.read(Data("mentee,score\ne1,3\n".utf8), file: "old.csv")
        }
        #expect(throws: MatchingError.malformedFile("old.csv line 2: mentor 'm1' with no mentee")) {
            try PreviousMatches.read(Data("mentee,mentor\n,m1\n".utf8), file: "old.csv")
        }
    }
}
