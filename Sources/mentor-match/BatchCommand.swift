import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Solve one problem JSON per line (JSON Lines) on all cores; one result per line, in input order.",
        discussion: """
            Exits with 1 when any line failed (its output line holds the error), after writing every line. \
            --out never replaces an existing file without --force.

            Example:
              mentor-match batch problems.jsonl --out solutions.jsonl
            """)

    @Argument(help: "The JSON Lines input file.")
    var input: String

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Option(help: "The solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverName = .hungarian

    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        var failed: [Int] = []
        try reportingErrors(context: input) {
            let result = Batch.solve(jsonLines: try InputFile.read(input), with: solver.solver())
            failed = result.failedLines
            if let out {
                try OutputFile.write(result.output, to: out, inputs: [input], replacing: force)
            } else {
                FileHandle.standardOutput.write(result.output)
            }
        }
        // Every line is written first; then the failures are counted and the exit code says so.
        if !failed.isEmpty {
            FileHandle.standardError.write(Data("mentor-match: batch: \(failed.count) line(s) failed: \(failed.prefix(20).map(String.init).joined(separator: ", "))\(failed.count > 20 ? ", ..." : "")\n".utf8))
            throw ExitCode(1)
        }
    }
}
