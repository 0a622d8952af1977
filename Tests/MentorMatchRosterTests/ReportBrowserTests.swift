import Foundation
import Testing
import MentorMatch
import MentorMatchRoster

/// The HTML report in a real browser: Debian's chromium prints it to PDF headless, poppler's
/// pdftotext reads the text back. `.ci/install` installs both; elsewhere the browser test runs
/// only where they are (CI=true makes a missing browser a failure).
@Suite struct ReportBrowserTests {
    static func executable(_ name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var browserExpected: Bool {
        (executable("chromium") != nil && executable("pdftotext") != nil) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// A roster with a hostile name, matched keeping a previous match of which one pair is gone.
    static func report() throws -> MatchReport {
        let domains = "planning_evaluation,education_service_delivery,communication,community_organization,"
            + "public_policy_environmental_change,professional_growth_responsibility"
        let mentors = try RosterCSV.read(
            "id,name,state,capacity,\(domains)\nm1,Zoë Ångström,MA,2,5,5,5,5,5,5\nm2,\"<script>alert(1)</script>\",MA,1,1,1,1,1,1,1\nm3,Kai Low,RI,1,2,2,2,2,2,2\n",
            role: .mentor, file: "mentors.csv")
        let mentees = try RosterCSV.read(
            "id,name,state,\(domains)\ne1,Ana Lima,MA,3,3,3,3,3,3\ne2,Bo Chen,MA,2,2,2,2,2,2\ne3,Cy Diaz,MA,1,1,1,1,1,1\ne4,Dee Fox,VT,1,1,1,1,1,1\n",
            role: .mentee, file: "mentees.csv")
        let match = try RosterMatch(
            roster: Roster(mentors: mentors.profiles, mentees: mentees.profiles), rules: ScoringRules(),
            previous: [.init(mentee: "e1", mentor: "m1"), .init(mentee: "e3", mentor: "m9")], keep: true)
        var report = try match.run(with: HungarianSolver())
        report.warnings = match.warnings
        return report
    }

    @Test func inputIsEscapedAndNothingIsFetched() throws {
        let html = try Self.report().html()
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"), "no script element, from the input or ours")
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 2, "only the SVG namespace, never a fetched resource")
        #expect(!html.contains("src=") && !html.contains("<link"))
    }

    @Test(.enabled(if: browserExpected)) func printsToPDFWithNamesAndTotals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = try Self.report()
        let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        try Data(report.html(title: "Spring cohort & friends").utf8).write(to: page)

        func run(_ tool: String, _ arguments: [String]) throws -> String {
            let process = Process()
            let executable = Self.executable(tool)
            try #require(executable != nil, "\(tool) is not installed (.ci/install installs it)")
            process.executableURL = executable
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(tool) failed")
            return String(decoding: data, as: UTF8.self)
        }
        _ = try run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        let text = try run("pdftotext", ["-layout", pdf.path, "-"])
        let total = report.matches.reduce(0) { $0 + $1.score }
        for expected in [
            "Spring cohort & friends", "Zoë Ångström [m1]", "<script>alert(1)</script> [m2]", "Ana Lima [e1]",
            "\(report.matches.count) pairs, \(report.unmatched.count) mentees unmatched; total score \(formatTotal(total))",
            "1 kept", "Cy Diaz [e3] - m9: mentor 'm9' is no longer in the roster", "Dee Fox [e4], VT: no mentor in VT",
            "state 'VT' has mentees but no mentor",
        ] {
            #expect(text.contains(expected), "the printed report lacks '\(expected)'")
        }
        try? FileManager.default.removeItem(at: folder)
    }

    func formatTotal(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}
