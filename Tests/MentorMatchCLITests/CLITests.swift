import Foundation
import Testing

/// The command-line tool as a coordinator meets it: each test runs `mentor-match` in a fresh
/// folder and checks the exit code, what it printed and the files it left.
@Suite struct CLITests {
    struct Run {
        /// The exit status, or the signal when the process did not exit.
        var status: Int32
        var output: String
        var errors: String
        /// Whether the process exited (rather than die by a signal or outlive its time).
        var exited = true
    }

    /// The built tool: beside the test bundle (SwiftPM puts products in one folder).
    static let binary: URL = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        return candidates.map { $0.appendingPathComponent("mentor-match") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("mentor-match")
    }()

    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs the tool in `folder`; one that outlives `timeout` seconds is killed (a hang).
    func run(_ arguments: [String], timeout: Double = 600) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self),
            exited: process.terminationReason == .exit)
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }

    static let domains = "planning_evaluation,education_service_delivery,communication,community_organization,"
        + "public_policy_environmental_change,professional_growth_responsibility"

    func writeRoster(mentorCapacity: String = "2", menteeName: String = "Ana") throws {
        try write("id,name,state,capacity,\(Self.domains)\nm1,Kim,MA,\(mentorCapacity),3,3,3,3,3,3\n", to: "mentors.csv")
        try write("id,name,state,\(Self.domains)\ne1,\(menteeName),MA,2,2,2,2,2,2\n", to: "mentees.csv")
    }

    /// The version the tool prints is the top one of CHANGELOG.md.
    @Test func versionIsTheChangelogsTopVersion() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        let changelog = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let top = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## ") }).dropFirst(3)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == String(top))
    }

    @Test func matchRefusesToOverwriteAnInput() throws {
        try writeRoster()
        let before = try read("mentees.csv")
        let result = try run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--out", "./mentees.csv"])
        #expect(result.status == 1)
        #expect(result.errors.contains("refusing to write over the input file mentees.csv"))
        #expect(try read("mentees.csv") == before)
    }

    @Test func generateAndBatchRefuseToReplaceFilesWithoutForce() throws {
        #expect(try run(["generate", "--mentees", "5", "--mentors", "2", "--out", "roster"]).status == 0)
        let mentors = try read("roster/mentors.csv")
        let again = try run(["generate", "--mentees", "9", "--mentors", "4", "--seed", "2", "--out", "roster"])
        #expect(again.status == 1)
        #expect(again.errors.contains("roster/mentors.csv: the file exists; give --force to replace it"))
        #expect(try read("roster/mentors.csv") == mentors)
        #expect(try run(["generate", "--mentees", "9", "--mentors", "4", "--seed", "2", "--out", "roster", "--force"]).status == 0)
        #expect(try read("roster/mentors.csv") != mentors)

        try write(#"{"mentees": [{"id": "a"}], "mentors": [{"id": "x"}], "scores": [[1]]}"# + "\n", to: "in.jsonl")
        try write("keep me", to: "out.jsonl")
        let batch = try run(["batch", "in.jsonl", "--out", "out.jsonl"])
        #expect(batch.status == 1 && batch.errors.contains("give --force"))
        #expect(try read("out.jsonl") == "keep me")
        #expect(try run(["batch", "in.jsonl", "--out", "out.jsonl", "--force"]).status == 0)
        #expect(try read("out.jsonl").contains(#""objective":1"#))
    }

    @Test func batchExitsNonZeroWhenALineFails() throws {
        try write(#"{"mentees": [{"id": "a"}], "mentors": [{"id": "x"}], "scores": [[1]]}"# + "\n{\"mentors\": [\n", to: "in.jsonl")
        let result = try run(["batch", "in.jsonl"])
        #expect(result.status == 1)
        #expect(result.errors.contains("1 line(s) failed: 2"))
        #expect(result.output.split(separator: "\n").count == 2, "every line is still written")
    }

    @Test(arguments: ["nan", "inf", "1e300", "-5", "0"])
    func badTimeLimitsAreRefusedNotCrashed(value: String) throws {
        try write(#"{"mentees": [{"id": "a"}], "mentors": [{"id": "x"}], "scores": [[1]]}"#, to: "p.json")
        for command in ["compare", "solve"] {
            let result = try run([command, "p.json", "--time-limit=\(value)"])
            #expect(result.status == 64, "\(command) --time-limit \(value): exit \(result.status)")
            #expect(result.errors.contains("--time-limit must be a number of seconds above 0"))
        }
    }

    @Test func hugeCapacityIsAnErrorNotACrash() throws {
        try writeRoster(mentorCapacity: "9223372036854775807")
        let result = try run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv"])
        #expect(result.status == 1)
        #expect(result.errors.contains("mentors.csv line 2: column 'capacity': '9223372036854775807' is not a whole number 0-1000000"))
    }

    @Test func formulasInNamesAreWrittenInert() throws {
        try writeRoster(menteeName: "\"=HYPERLINK(\"\"http://x\"\")\"")
        let result = try run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--out", "result.csv"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("=HYPERLINK"), "the terminal table shows the name as it is")
        let lines = try read("result.csv").split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "\(lines[1])")
    }

    @Test func templateWritesFilesThatMatch() throws {
        #expect(try run(["template", "--out", "program"]).status == 0)
        let result = try run(["match", "--mentors", "program/mentors.csv", "--mentees", "program/mentees.csv", "--config", "program/config.json"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("e1"))
        #expect(try run(["template", "--out", "program"]).errors.contains("give --force"))
    }

    @Test(arguments: ["solve", "batch", "split", "merge", "compare", "match", "explain", "demo", "generate", "template"])
    func everySubcommandHelpHasAWorkedExample(subcommand: String) throws {
        let help = try run([subcommand, "--help"])
        #expect(help.output.contains("Example:") && help.output.contains("mentor-match \(subcommand)"))
    }

    @Test func explainShowsNames() throws {
        try writeRoster()
        let result = try run(["explain", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "e1"])
        #expect(result.output.contains("Ana [e1], MA, is matched with Kim [m1]"), "\(result.output)")
    }

    @Test func excelOutputStartsWithAByteOrderMark() throws {
        try writeRoster(menteeName: "José")
        #expect(try run(["match", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--out", "r.csv", "--excel"]).status == 0)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("r.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bytes, as: UTF8.self).contains("José"))
    }

    /// A solver that refuses the roster (greedy cannot honour minimum loads) still gets a row as
    /// wide as the header, in the table and in CSV, with the column of pairs below --below.
    @Test(arguments: ["table", "csv"])
    func compareWithARefusingSolverAndAThreshold(output: String) throws {
        try write("id,name,state,capacity,minimum,\(Self.domains)\nm1,Kim,MA,2,1,3,3,3,3,3,3\n", to: "mentors.csv")
        try write("id,name,state,\(Self.domains)\ne1,Ana,MA,2,2,2,2,2,2\n", to: "mentees.csv")
        let result = try run([
            "compare", "--mentors", "mentors.csv", "--mentees", "mentees.csv", "--solvers", "hungarian,greedy", "--below", "10", "--output", output,
        ])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let greedy = try #require(lines.first { $0.hasPrefix("greedy") })
        #expect(greedy.contains("error"))
        if output == "csv" {
            // Fields: commas outside quotes, plus one.
            let widths = lines.prefix(3).map { line in
                line.reduce(into: (fields: 1, quoted: false)) { state, character in
                    if character == "\"" { state.quoted.toggle() } else if character == ",", !state.quoted { state.fields += 1 }
                }.fields
            }
            #expect(Set(widths).count == 1, "every row as wide as the header: \(lines)")
        }
    }

    @Test(arguments: ["9223372036854775807", "-1", "10000001"])
    func generateRefusesSizesOutOfRange(size: String) throws {
        let result = try run(["generate", "--mentees=\(size)", "--mentors", "3", "--out", "x"])
        #expect(result.status == 64, "\(result.errors)")
        #expect(result.errors.contains("--mentees must be 0 to 10,000,000"), "\(result.errors)")
    }
}
