import ArgumentParser
import Foundation
import MentorMatch

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Solve one problem JSON per line (JSON Lines) on all cores; one result per line, in input order.")

    @Argument(help: "The JSON Lines input file.")
    var input: String

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Option(help: "The solver: \(SolverChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverChoice = .hungarian

    func run() throws {
        try reportingErrors(context: input) {
            let output = Batch.solve(jsonLines: try Data(contentsOf: URL(fileURLWithPath: input)), with: solver.solver(timeLimit: nil))
            if let out {
                do { try output.write(to: URL(fileURLWithPath: out)) } catch { throw MatchingError.malformedFile("\(out): cannot write the file") }
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
    }
}
