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

            On a cluster: --shard K/N solves every N-th line from line K and writes a shard file, and \
            mentor-match merge joins the N shard files into what one run writes (Distributed/README.md).

            Example:
              mentor-match batch problems.jsonl --out solutions.jsonl
              mentor-match batch problems.jsonl --shard 3/8 --out shard-3.jsonl
            """)

    @Argument(help: "The JSON Lines input file.")
    var input: String

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Option(help: "The solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverName = .hungarian

    @Flag(help: "Replace --out if it exists.") var force = false

    @Option(help: ArgumentHelp("Solve shard K of N: every N-th line from line K. The output starts with a line naming the shard; join the shards with merge.", valueName: "K/N"))
    var shard: Shard?

    @Flag(help: "Write each solution's certificate with it (for merge --problem, which proves each part's answer again).")
    var certificates = false

    @Option(help: ArgumentHelp("The number of the input's first line, for a chunk cut from a larger file (results carry line numbers).", valueName: "N"))
    var firstLine = 1

    /// Line numbers stay far from overflow: a file of 2^40 lines is beyond any disk here.
    static let lastFirstLine = 1 << 50

    func validate() throws {
        if !(1...Self.lastFirstLine).contains(firstLine) { throw ValidationError("--first-line must be 1 to \(Self.lastFirstLine)") }
    }

    func run() throws {
        var failed: [Int] = []
        try reportingErrors(context: input) {
            let data = try InputFile.read(input)
            let result = Batch.solve(jsonLines: data, with: solver.solver(), firstLine: firstLine, certificates: certificates) { shard?.contains(line: $0) ?? true }
            failed = result.failedLines
            var output = result.output
            if let shard {
                let results = output.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                output = try ShardHeader(shard: shard, input: data, results: results).line() + output
            }
            if let out {
                try OutputFile.write(output, to: out, inputs: [input], replacing: force)
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
        // Every line is written first; then the failures are counted and the exit code says so.
        if !failed.isEmpty {
            FileHandle.standardError.write(Data("mentor-match: batch: \(failed.count) line(s) failed: \(failed.prefix(20).map(String.init).joined(separator: ", "))\(failed.count > 20 ? ", ..." : "")\n".utf8))
            throw ExitCode(1)
        }
    }
}
