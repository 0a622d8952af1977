import Foundation
import Testing

/// Rosters as spreadsheets export them: each defect of issue 15's reading list, run through the
/// tool.
@Suite struct SpreadsheetTests {
    let cli = CLITests()

    func match(_ extra: [String] = []) throws -> CLITests.Run {
        try cli.run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv"] + extra)
    }

    @Test func aShortRowIsAnErrorAtItsLine() throws {
        try cli.write("id,state,capacity\nm1,MA,1\n", to: "mentors.csv")
        try cli.write("id,name,state\ne1,Ann,MA\ne2,MA\n", to: "mentees.csv")
        let result = try match()
        #expect(result.status == 1)
        #expect(result.errors.contains("mentees.csv line 3: 2 fields but the header has 3"))
    }

    @Test func aLongRowIsAnErrorAtItsLine() throws {
        try cli.write("id,state,capacity\nm1,MA,1\nm2,MA,1\nm3,MA,1,extra\n", to: "mentors.csv")
        try cli.write("id,state\ne1,MA\n", to: "mentees.csv")
        #expect(try match().errors.contains("mentors.csv line 4: 4 fields but the header has 3"))
    }

    @Test func aMenteeWithoutAnyAllowedMentorIsAWarning() throws {
        try cli.write("id,state,capacity,Languages\nm1,MA,1,English\n", to: "mentors.csv")
        try cli.write("id,state,language\ne1,MA,english\ne2,VT,French\n", to: "mentees.csv")
        try cli.write(#"{"weights": {"domainFit": 0, "sharedLanguage": 5}}"#, to: "rules.json")
        let result = try match(["--config", "rules.json"])
        #expect(result.status == 0)
        #expect(!result.errors.contains("Languages"), "a header that differs only in case is no news")
        #expect(result.errors.contains("note: mentees.csv: columns read 'language' as languages"))
        #expect(result.errors.contains("1 mentee has no allowed mentor under these rules: e2"))
        #expect(result.output.contains("shared language 5"), "English and english are one language")
    }

    @Test func headerVariantsAreReadWithAWarningAndRulesApply() throws {
        try cli.write("ID,State,Capacity,Organization\nm1,MA,1,Acme\nm2,MA,1,Other\n", to: "mentors.csv")
        try cli.write("id,state,organization\ne1,MA,ACME\n", to: "mentees.csv")
        try cli.write(#"{"differentOrganisation": true}"#, to: "rules.json")
        let result = try match(["--config", "rules.json", "--out", "out.csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("note: mentors.csv: columns read 'Organization' as organisation"))
        #expect(!result.errors.contains("'ID'") && !result.errors.contains("'Capacity'"), "a header that differs only in case is no news: \(result.errors)")
        #expect(try cli.read("out.csv").contains("e1,,MA,m2"), "the same organisation in another case is still the same")
    }

    @Test func unknownColumnsSayDidYouMean() throws {
        try cli.write("id,state,capacty\nm1,MA,1\n", to: "mentors.csv")
        try cli.write("id,state\ne1,MA\n", to: "mentees.csv")
        #expect(try match().errors.contains("mentors.csv line 1: unknown column 'capacty'; did you mean 'capacity'?"))
        try cli.write("id,state,capacity,county\nm1,MA,1,Essex\n", to: "mentors.csv")
        try cli.write(#"{"weights": {"sameAttribute": {"conty": 2}}}"#, to: "rules.json")
        #expect(try match(["--config", "rules.json"]).errors.contains("sameAttribute names the column 'conty', which neither file has; did you mean 'county'?"))
    }

    /// The domains as IC&RC writes them are the domain columns; a near miss is an error, never an
    /// attribute read silently.
    @Test func domainTitlesAreTheDomainColumns() throws {
        let titles = "Planning and Evaluation,Prevention Education and Service Delivery,Communication,Community Organization,"
            + "Public Policy & Environmental Change,Professional Growth and Responsibility"
        try cli.write("id,state,capacity,\(titles)\nm1,MA,1,5,5,5,5,5,5\n", to: "mentors.csv")
        let written = "Planning & Evaluation,Education and Service Delivery,Communication,Community Organization,"
            + "Public Policy and Environmental Change,Professional Growth & Responsibility"
        try cli.write("id,state,\(written)\ne1,MA,1,1,1,1,1,1\n", to: "mentees.csv")
        let read = try match()
        #expect(read.status == 0, "\(read.errors)")
        #expect(read.errors.contains("'Prevention Education and Service Delivery' as education_service_delivery"), "\(read.errors)")
        #expect(read.errors.contains("'Education and Service Delivery' as education_service_delivery") && !read.errors.contains("attributes"), "\(read.errors)")
        try cli.write("id,state,\(written.replacingOccurrences(of: "Environmental", with: "Enviromental"))\ne1,MA,1,1,1,1,1,1\n", to: "mentees.csv")
        #expect(try match().errors.contains("unknown column 'Public Policy and Enviromental Change'; did you mean 'public_policy_environmental_change'?"))
    }

    @Test func stateNamesEqualTheirCodes() throws {
        try cli.write("id,state,capacity\nm1,Massachusetts,1\n", to: "mentors.csv")
        try cli.write("id,state\ne1,ma\n", to: "mentees.csv")
        let result = try match()
        #expect(result.status == 0)
        #expect(result.output.contains("e1") && !result.output.contains("no mentor in"))
        #expect(result.errors.contains("note: mentors.csv: states read as postal codes: 'Massachusetts' as MA (1 row)"))
        #expect(result.errors.contains("note: mentees.csv: states read as postal codes: 'ma' as MA (1 row)"))
        try cli.write(#"{"weights": {"domainFit": 0}}"#, to: "rules.json")  // no ratings here: domain fit would be a warning
        #expect(try match(["--strict", "--config", "rules.json"]).status == 0, "notes on how a file was read are no warnings")
    }

    /// A state no mentor has is a warning, first and once, with the state it likely means; it
    /// fails --strict, where notes on the reading do not.
    @Test func aStateWithoutMentorsIsAWarningFirstWithASuggestion() throws {
        try cli.write("ID;Name;State;Capacity\nm1;Kim;Massachusetts;2\nm2;Lee;CT;1\n", to: "mentors.csv")
        try cli.write("id,name,state\ne1,Ana,Mass.\ne2,Bo,Mass.\ne3,Cy,CT\n", to: "mentees.csv")
        let result = try match()
        #expect(result.status == 0)
        let lines = result.errors.split(whereSeparator: \.isNewline).map(String.init)
        let warning = "mentor-match: warning: state 'Mass.' has mentees but no mentor (same state is required); did you mean 'MA'?"
        #expect(lines.first == warning, "\(lines)")
        #expect(lines.filter { $0 == warning }.count == 1)
        #expect(lines.contains("mentor-match: note: mentors.csv: read as semicolon-separated"))
        let strict = try match(["--strict"])
        #expect(strict.status == 1 && strict.errors.contains("state 'Mass.' has mentees but no mentor") && strict.errors.contains("--strict"))
        // A state written right is no typo: Vermont's mentees get no "did you mean 'CT'".
        try cli.write("id,name,state\ne1,Ana,VT\ne3,Cy,CT\n", to: "mentees.csv")
        let vermont = try match()
        #expect(vermont.errors.contains("warning: state 'VT' has mentees but no mentor (same state is required)\n"), "\(vermont.errors)")
    }

    @Test func europeanAndWindowsSpreadsheetsRead() throws {
        // Semicolons, a byte-order mark, a rating written 4.0, no domain columns on one side.
        try cli.write("\u{FEFF}id;state;capacity\nm1;MA;2\n", to: "mentors.csv")
        var latin = Data("id,name,state\ne1,Jos".utf8)
        latin.append(0xE9)  // "é" in Windows-1252
        latin.append(contentsOf: Array(",MA\n".utf8))
        try latin.write(to: cli.folder.appendingPathComponent("mentees.csv"))
        let result = try match(["--out", "out.csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("mentors.csv: read as semicolon-separated"))
        #expect(result.errors.contains("mentees.csv: not UTF-8 (first at line 2); read as Windows-1252"))
        #expect(try cli.read("out.csv").contains("José"))
        let domains = CLITests.domains
        try cli.write("id,state,capacity,\(domains)\nm1,MA,1,4.0,3,3,3,3,3\n", to: "mentors.csv")
        try cli.write("id,state,\(domains)\ne1,MA,4,3,3,3,3,3\n", to: "mentees.csv")
        #expect(try match().status == 0)
    }
}
