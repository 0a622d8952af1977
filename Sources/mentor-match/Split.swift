import ArgumentParser
import Foundation
import MentorMatch

struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut a problem into its independent parts, one problem JSON per line, to solve with batch anywhere and put together with merge --problem.",
        discussion: """
            The parts are the groups of mentees and mentors that allowed pairs join, each with at least \
            one pair; people without any allowed pair are in no part. A problem with side constraints \
            (minimum loads, group limits, demands above 1, previous pairs to keep, rankings) is one \
            part. --out never replaces an existing file without --force.

            Example:
              mentor-match split problem.npz --out parts.jsonl
              mentor-match batch parts.jsonl --certificates --shard 1/4 --out shard-1.jsonl
              mentor-match merge shard-*.jsonl --problem problem.npz --out solution.json
            """)

    @Argument(help: "The problem file: JSON, OR-Library text (see --format) or a numpy archive (.npz).")
    var file: String

    @Option(help: "The file format: \(ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ProblemFormat = .json

    @Option(help: "For a numpy archive (.npz): maximize (the default) or minimize the scores.")
    var sense: Problem.Sense?

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Flag(help: "Replace --out if it exists.") var force = false

    func validate() throws {
        try ProblemFile.checkSense(sense, for: file, format: format)
    }

    func run() throws {
        try reportingErrors(context: file) {
            let problem = try ProblemFile.read(file, format: format, sense: sense)
            let parts = try problem.independentParts()
            var output = Data()
            for part in parts { output += try part.problem.jsonData() + [UInt8(ascii: "\n")] }
            if let out {
                try OutputFile.write(output, to: out, inputs: [file], replacing: force)
                let inParts = parts.reduce(0) { $0 + $1.mentees.count }, largest = parts.map(\.mentees.count).max() ?? 0
                FileHandle.standardOutput.write(Data((
                    "\(parts.count) part\(parts.count == 1 ? "" : "s") of \(inParts) mentees (the largest \(largest))"
                        + (inParts < problem.mentees.count ? "; \(problem.mentees.count - inParts) mentees without an allowed pair are in none" : "") + "\n").utf8))
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
    }
}
