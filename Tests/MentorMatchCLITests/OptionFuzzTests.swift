import Foundation
import Testing

/// Option fuzzing: every subcommand run as a process with generated option combinations (its
/// options read from its own `--help`, so a new option is fuzzed without a word here), each value
/// drawn from what people and scripts get wrong: empty, negative, zero, huge, NaN, infinite,
/// not a number, accented text, a missing file, an unwritable path, a folder, unknown names.
/// Every run must end with exit status 0, 1 or 64 and, when it fails, an error a person can read
/// on its first line: never a trap, a signal or a hang.
@Suite struct OptionFuzzTests {
    static let subcommands = ["solve", "batch", "split", "merge", "compare", "match", "explain", "demo", "generate", "template"]

    /// The values tried for an option that takes one.
    static let values = [
        "", "-1", "0", "1", "3", "2/3", "0/0", "9223372036854775807", "99999999999999999999", "-9223372036854775808", "nan", "inf", "-inf",
        "1e308", "1.5", "abc", "Zoë", "=cmd|'/c calc'!A1", "e1=m1", "e1=", "=m1", "hungarian,stabel", "glpk", "stable", "maxmin",
        "mentors.csv", "mentees.csv", "config.json", "problem.json", "problems.jsonl", "previous.csv", "missing.csv",
        "/nonexistent/folder/out.csv", "/proc/version", ".", "out.csv", "out.json", "out.npz", "out.xlsx", "report.html", "1-0", "5-2",
    ]

    /// A valid start for each subcommand, so that fuzzed options reach past argument parsing.
    static let base: [String: [String]] = [
        "solve": ["problem.json"], "batch": ["problems.jsonl"], "split": ["problem.json"], "merge": ["problems.jsonl"], "compare": ["problem.json"],
        "match": ["--mentors", "mentors.csv", "--mentees", "mentees.csv"], "explain": ["--mentors", "mentors.csv", "--mentees", "mentees.csv", "--mentee", "e1"],
        "demo": [], "generate": ["--mentees", "4", "--mentors", "2", "--out", "generated"], "template": ["--out", "templated"],
    ]

    /// The options of `subcommand` as its help lists them: the name, and whether it takes a value.
    static func options(of subcommand: String, cli: CLITests) throws -> [(name: String, takesValue: Bool)] {
        let help = try cli.run([subcommand, "--help"]).output
        return help.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard line.hasPrefix("  --"), let name = words.first, !["--help", "--version"].contains(String(name)) else { return nil }
            return (String(name), words.count > 1 && words[1].hasPrefix("<"))
        }
    }

    @Test func noOptionCombinationCrashesTheTool() throws {
        let cli = CLITests()
        try cli.writeRoster()
        try cli.write(
            #"{"mentees": [{"id": "e1"}, {"id": "e2"}], "mentors": [{"id": "m1", "capacity": 2}], "scores": [[3], [4]]}"#, to: "problem.json")
        try cli.write(try cli.read("problem.json") + "\n\n{\"broken\n", to: "problems.jsonl")
        try cli.write(#"{"sameState": true}"#, to: "config.json")
        try cli.write("mentee,mentor\ne1,m1\n", to: "previous.csv")
        let seed = Self.seed
        var generator = SplitMix(seed: seed)
        var optionsOf: [String: [(name: String, takesValue: Bool)]] = [:]
        for subcommand in Self.subcommands { optionsOf[subcommand] = try Self.options(of: subcommand, cli: cli) }
        #expect(optionsOf.values.allSatisfy { !$0.isEmpty }, "every subcommand lists options in its help")
        var statuses: [Int32: Int] = [:]
        for _ in 0..<Self.runs {
            let subcommand = Self.subcommands[Int(generator.next() % UInt64(Self.subcommands.count))]
            var arguments = [subcommand] + Self.base[subcommand]!
            let options = optionsOf[subcommand]!
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let option = options[Int(generator.next() % UInt64(options.count))]
                arguments.append(option.name)
                if option.takesValue { arguments.append(Self.values[Int(generator.next() % UInt64(Self.values.count))]) }
            }
            let result = try cli.run(arguments, timeout: 60)
            let context = "seed \(seed): mentor-match \(arguments.map { $0.isEmpty || $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))"
            #expect(result.exited && [0, 1, 64].contains(result.status), "\(context): \(result.exited ? "exit \(result.status)" : "signal \(result.status)")")
            let firstLine = result.errors.split(separator: "\n").first { !$0.hasPrefix("mentor-match: warning") && !$0.hasPrefix("mentor-match: note") && !$0.hasPrefix("mentor-match: wrote") }
            if result.status != 0 {
                #expect(firstLine.map { $0.hasPrefix("Error: ") || $0.hasPrefix("mentor-match: ") } ?? false, "\(context): \(result.errors)")
            }
            #expect(!result.errors.contains("Fatal error") && !result.errors.contains("crashed"), "\(context): \(result.errors)")
            statuses[result.status, default: 0] += 1
        }
        #expect(statuses.keys.count >= 2, "the runs reach both answers and refusals: \(statuses)")
    }

    /// Runs per test: a short run of fixed combinations in every `swift test`;
    /// MENTORMATCH_OPTION_FUZZ_RUNS and MENTORMATCH_OPTION_FUZZ_SEED for a longer or another one.
    static let runs = Int(ProcessInfo.processInfo.environment["MENTORMATCH_OPTION_FUZZ_RUNS"] ?? "") ?? 150
    static let seed = UInt64(ProcessInfo.processInfo.environment["MENTORMATCH_OPTION_FUZZ_SEED"] ?? "") ?? 2026
}

/// A seeded generator, so that a failing combination can be found again from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
