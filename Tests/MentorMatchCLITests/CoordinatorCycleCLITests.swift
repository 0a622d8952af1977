import Foundation
import Testing

/// The coordinator's cycle from the command line: re-match keeping pairs, try a lock, compare,
/// see a mentee's alternatives, rank assignments.
@Suite struct CoordinatorCycleCLITests {
    let cli = CLITests()

    func writeRoster(capacity: Int) throws {
        try cli.write(
            "id,name,state,capacity,\(CLITests.domains)\nm1,Kim,MA,\(capacity),5,5,5,5,5,5\nm2,Lee,MA,2,1,1,1,1,1,1\n", to: "mentors.csv")
        try cli.write("id,name,state,\(CLITests.domains)\ne1,Ana,MA,3,3,3,3,3,3\ne2,Bo,MA,2,2,2,2,2,2\ne3,Cy,MA,1,1,1,1,1,1\n", to: "mentees.csv")
    }

    @Test func rematchKeepsPairsAndReportsWhatMoved() throws {
        try writeRoster(capacity: 2)
        let first = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--out", "year1.csv"])
        #expect(first.status == 0)
        // Kim now takes one mentee: one of the two previous pairs with Kim must go.
        try writeRoster(capacity: 1)
        let kept = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--keep", "year1.csv", "--out", "year2.csv"])
        #expect(kept.status == 0, "\(kept.errors)")
        #expect(kept.output.contains("against the previous match (its pairs kept where possible): 2 kept, 1 moved, 0 new, 0 dropped"))
        #expect(kept.output.contains("total score 156 -> 108 (-48)"), "the previous total, the new one and the change")
        #expect(kept.output.contains("moved: Bo [e2]: Kim [m1] -> Lee [m2] (mentor 'm1' now takes 1 mentee, 2 previous pairs stand)"))
        let rows = kept.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("Bo [e2] MA Lee [m2] 12 moved domain fit 12") && rows.contains("Ana [e1] MA Kim [m1] 90 kept domain fit 90"), "each pair marked")
        let year2 = try cli.read("year2.csv")
        #expect(year2.contains(",previous,explanation"))
        #expect(year2.contains("\"new (was m1: mentor 'm1' now takes 1 mentee, 2 previous pairs stand)\"") || year2.contains("dropped m1: mentor 'm1' now takes 1 mentee"),
                "the CSV says what became of e2's pair with m1")

        let reported = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--keep", "year1.csv", "--report", "year2.html"])
        #expect(reported.status == 0)
        let html = try cli.read("year2.html")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Previous pairs dropped") && html.contains("Kim [m1]"))
        let overwrite = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--out", "mentors.csv"])
        #expect(overwrite.status == 1 && overwrite.errors.contains("refusing to write over the input file mentors.csv"))

        let refused = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--keep", "year1.csv", "--out", "year1.csv"])
        #expect(refused.status == 1 && refused.errors.contains("refusing to write over the input file year1.csv"))

        let tried = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--lock", "e3=m1", "--forbid", "e1=m2", "--diff", "year2.csv"])
        #expect(tried.status == 0, "\(tried.errors)")
        #expect(tried.output.contains("moved: Cy [e3]: Lee [m2] -> Kim [m1] (the mentee is locked to 'm1')"))
        #expect(tried.output.contains("dropped: Ana [e1] - Kim [m1]: locked pairs take every place of mentor 'm1'"))
    }

    @Test func badChangesAreClearErrors() throws {
        try writeRoster(capacity: 2)
        let malformed = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--lock", "e1"])
        #expect(malformed.status != 0 && malformed.errors.contains("'e1' is not MENTEE=MENTOR"))
        let unknown = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--lock", "e9=m1"])
        #expect(unknown.status == 1 && unknown.errors.contains("--lock e9=m1: no mentee 'e9'"), "\(unknown.errors)")
        try cli.write("mentee,score\ne1,3\n", to: "old.csv")
        let noMentor = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--keep", "old.csv"])
        #expect(noMentor.status == 1 && noMentor.errors.contains("old.csv line 1: missing column 'mentor'"))
    }

    @Test func alternativesAndRankings() throws {
        try writeRoster(capacity: 1)
        let explained = try cli.run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "e2", "--alternatives", "2"])
        #expect(explained.status == 0, "\(explained.errors)")
        #expect(explained.output.contains("alternatives for Bo [e2], each locked in turn"))
        #expect(explained.output.contains("moves: Ana [e1]: Kim [m1] -> Lee [m2]"), "\(explained.output)")
        let greedy = try cli.run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "e2", "--alternatives", "2", "--solver", "greedy"])
        #expect(greedy.status != 0 && greedy.errors.contains("--alternatives prices changes"))

        let ranked2 = try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--best", "2"])
        #expect(ranked2.status == 0, "\(ranked2.errors)")
        #expect(ranked2.output.contains("the 2 best matches (most pairs, then total score):"))
        #expect(ranked2.output.contains("  2: total ") && ranked2.output.contains("[e"), "people by name and id: \(ranked2.output)")

        try cli.write(#"{"mentees": [{"id": "a"}, {"id": "b"}], "mentors": [{"id": "x"}, {"id": "y"}], "scores": [[9, 5], [8, 1]]}"#, to: "p.json")
        let ranked = try cli.run(["solve", "p.json", "--best", "5", "--output", "csv"])
        #expect(ranked.status == 0)
        #expect(ranked.output == "rank,mentee,mentor,score\r\n1,a,y,5\r\n1,b,x,8\r\n2,a,x,9\r\n2,b,y,1\r\n")
    }
}
