import Foundation
import Testing

/// People by id or name, and errors in the coordinator's words: what a pair option, a mentee to
/// explain, a missing file or a missing folder answer.
@Suite struct CoordinatorWordsTests {
    let cli = CLITests()

    init() throws {
        let domains = CLITests.domains
        try cli.write("id,name,state,capacity,\(domains)\nm1,Kim Lee,MA,1,3,3,3,3,3,3\nm9,Ray Diaz,MA,1,5,5,5,5,5,5\n", to: "mentors.csv")
        try cli.write("id,name,state,\(domains)\nE01,Ana Lima,MA,4,4,4,4,4,4\nE02,Bo Chen,MA,1,1,1,1,1,1\n", to: "mentees.csv")
    }

    func match(_ extra: [String]) throws -> CLITests.Run {
        try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv"] + extra)
    }

    /// Every example in the help copies and pastes: a command that does not fit a line goes on
    /// with a shell continuation, never wrapped in the middle.
    @Test func helpExamplesCopyAndPaste() throws {
        for subcommand in OptionFuzzTests.subcommands {
            let help = try cli.run([subcommand, "--help"]).output
            guard let examples = help.components(separatedBy: "Example:").dropFirst().first else { continue }
            var continued = false
            for line in examples.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty || text.hasPrefix("USAGE:") { break }
                #expect(continued || text.hasPrefix("mentor-match "), "mentor-match \(subcommand) --help: '\(line)' is cut from the line above")
                #expect(line.count <= 80, "mentor-match \(subcommand) --help: '\(line)' is over 80 columns")
                continued = text.hasSuffix("\\")
            }
        }
    }

    /// `demo` reads its datasets from the package's resources, from any folder.
    @Test func demoRunsAnywhere() throws {
        let outside = try cli.run(["demo"])
        #expect(outside.status == 0 && outside.output.contains("new-england-prevention") && outside.output.contains("by state:"), "\(outside.errors)")
        let other = try cli.run(["demo", "--dataset", "peer-recovery-sites"])
        #expect(other.status == 0 && other.output.contains("peer-recovery-sites"), "\(other.errors)")
        let unknown = try cli.run(["demo", "--dataset", "peer-recovery"])
        #expect(unknown.status == 1 && unknown.errors.contains("--dataset peer-recovery: neither a bundled dataset"), "\(unknown.errors)")
    }

    /// The config's locked and forbidden pairs take ids or names like the options, and an unknown
    /// person is named with the entry it comes from.
    @Test func configPairsTakeNamesAndSayWhichEntryIsWrong() throws {
        try cli.write(#"{"locked": [{"mentee": "Ana Lima", "mentor": "Kim Lee"}], "forbidden": [{"mentee": "E02", "mentor": "M9"}]}"#, to: "config.json")
        let named = try match(["--config", "config.json", "--out", "out.csv"])
        #expect(named.status == 0, "\(named.errors)")
        #expect(try cli.read("out.csv").contains("E01,Ana Lima,MA,m1,Kim Lee"))
        try cli.write(#"{"locked": [{"mentee": "E01", "mentor": "m1"}, {"mentee": "E02", "mentor": "M99"}]}"#, to: "config.json")
        let unknown = try match(["--config", "config.json"])
        #expect(unknown.status == 1 && unknown.errors.contains("config.json: locked pair 2 ('E02' - 'M99'): no mentor 'M99'; did you mean 'm9'?"), "\(unknown.errors)")
    }

    @Test func pairOptionsTakeIdsOrNamesAndSayWhatIsUnknown() throws {
        let byName = try match(["--lock", "Ana Lima=Kim Lee", "--out", "out.csv"])
        #expect(byName.status == 0, "\(byName.errors)")
        #expect(try cli.read("out.csv").contains("E01,Ana Lima,MA,m1,Kim Lee"), "the lock by names holds")
        let unknown = try match(["--lock", "E01=m99"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("--lock E01=m99: no mentor 'm99'; did you mean 'm9'?"), "\(unknown.errors)")
        let guessed = try match(["--forbid", "e01=M9", "--strict"])
        #expect(guessed.status == 1 && guessed.errors.contains("--forbid e01=M9: 'e01' read as mentee 'E01'"), "\(guessed.errors)")
        #expect(try match(["--forbid", "e01=M9"]).status == 0)
    }

    @Test func explainFindsTheMenteeByNameOrByIdInAnotherCase() throws {
        let byName = try cli.run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "Bo Chen"])
        #expect(byName.status == 0 && byName.output.hasPrefix("Bo Chen [E02], MA"), "\(byName.output)\(byName.errors)")
        let byCase = try cli.run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "e02"])
        #expect(byCase.status == 0 && byCase.errors.contains("--mentee e02: 'e02' read as mentee 'E02'"))
        let unknown = try cli.run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "E03"])
        #expect(unknown.status == 1 && unknown.errors.contains("--mentee E03: no mentee 'E03'; did you mean 'E01'?"), "\(unknown.errors)")
    }

    @Test func missingFilesAndFoldersAreNamedAsSuch() throws {
        let missing = try cli.run(["match", "--mentors", "nobody.csv", "--mentees", "mentees.csv"])
        #expect(missing.status == 1 && missing.errors.contains("nobody.csv: no such file"), "\(missing.errors)")
        let folder = try cli.run(["match", "--mentors", ".", "--mentees", "mentees.csv"])
        #expect(folder.status == 1 && folder.errors.contains(".: is a folder, not a file"), "\(folder.errors)")
        let noFolder = try match(["--out", "results/out.csv"])
        #expect(noFolder.status == 1 && noFolder.errors.contains("results/out.csv: no such folder"), "\(noFolder.errors)")
        let written = try match(["--out", "out.csv", "--report", "report.html"])
        #expect(written.errors.contains("wrote out.csv") && written.errors.contains("wrote report.html"), "\(written.errors)")
    }

    @Test func outputFilesSayWhatTheyAre() throws {
        let workbook = try match(["--out", "matches.xlsx"])
        #expect(workbook.status == 64 && workbook.errors.contains("--out matches.xlsx: the result is written as CSV"), "\(workbook.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("matches.xlsx").path))
        let report = try match(["--report", "report.html", "--title", "Spring cohort"])
        #expect(report.status == 0, "\(report.errors)")
        let page = try cli.read("report.html")
        #expect(page.contains("<h1>Spring cohort</h1>") && page.contains("From mentors.csv, mentees.csv; matched on 20"), "\(page.prefix(600))")
        // The config names the program; --title still wins.
        try cli.write(#"{"title": "Harbor County peer mentoring"}"#, to: "config.json")
        #expect(try match(["--config", "config.json", "--report", "titled.html"]).status == 0)
        #expect(try cli.read("titled.html").contains("<h1>Harbor County peer mentoring</h1>"))
        #expect(try match(["--config", "config.json", "--report", "titled.html", "--title", "Fall"]).status == 0)
        #expect(try cli.read("titled.html").contains("<h1>Fall</h1>"))
    }

    @Test func aPreviousMatchByNamesKeepsItsPairsAndAStrangeFileIsRefused() throws {
        try cli.write("Mentee,Mentor\nAna Lima,Ray Diaz\nbo chen,Kim Lee\n", to: "last.csv")
        let kept = try match(["--keep", "last.csv"])
        #expect(kept.status == 0, "\(kept.errors)")
        #expect(kept.output.contains("2 kept, 0 moved, 0 new, 0 dropped"), "\(kept.output)")
        #expect(kept.errors.contains("the previous match's mentee 'bo chen' read as 'E02'"), "\(kept.errors)")
        try cli.write("mentee,mentor\nX1,Y1\nX2,Y2\nE01,m1\n", to: "other.csv")
        let strange = try match(["--keep", "other.csv"])
        #expect(strange.status == 1, "\(strange.errors)")
        #expect(strange.errors.contains("other.csv: 2 of 3 pairs name no one in the roster (first: 'X1' - 'Y1'), read from the columns 'mentee' and 'mentor'"))
    }

    @Test func configTyposAndSolverNamesAreInTheUsersWords() throws {
        try cli.write(#"{"weights": {"sharedLanguage": "ten"}}"#, to: "rules.json")
        let typo = try match(["--config", "rules.json"])
        #expect(typo.status == 1 && typo.errors.contains("field `weights.sharedLanguage` must be a number, found \"ten\""), "\(typo.errors)")
        try cli.write(#"{"sameState": "yes"}"#, to: "rules.json")
        #expect(try match(["--config", "rules.json"]).errors.contains("field `sameState` must be true or false, found \"yes\""))
        let solvers = try cli.run(["compare", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--solvers", "hungarian,stabel"])
        #expect(solvers.status == 64, "\(solvers.errors)")
        #expect(solvers.errors.contains("--solvers: unknown solver 'stabel'; did you mean 'stable'?") && solvers.errors.contains("The solvers are hungarian, glpk"), "\(solvers.errors)")
    }

    @Test func aBadNumberNamesTheColumnAsTheSheetHeadsIt() throws {
        try cli.write("id,name,state,Max Mentees\nm1,Kim Lee,MA,two\n", to: "mentors.csv")
        let result = try match([])
        #expect(result.status == 1)
        #expect(result.errors.contains("mentors.csv line 2: column 'Max Mentees' (capacity): 'two' is not a whole number 0-1000000"), "\(result.errors)")
    }
}
