import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK

@main
struct MentorMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor-match",
        abstract: "Assign mentees to mentors by optimization.",
        subcommands: [Solve.self, BatchCommand.self, Compare.self, Match.self, Explain.self, Demo.self, Generate.self])
}

/// The solvers the tool can run, by name.
enum SolverChoice: String, CaseIterable, ExpressibleByArgument {
    case hungarian, glpk, greedy, stable
    case stableMentors = "stable-mentors"

    /// The solver, with a time limit in seconds where it supports one.
    func solver(timeLimit: Double?) -> any MatchingSolver {
        switch self {
        case .hungarian: HungarianSolver()
        case .glpk: GLPKSolver(timeLimit: timeLimit.map { .milliseconds(Int64(($0 * 1000).rounded())) })
        case .greedy: GreedySolver()
        case .stable: StableSolver(proposers: .mentees)
        case .stableMentors: StableSolver(proposers: .mentors)
        }
    }
}

extension ProblemFormat: ExpressibleByArgument {}

/// Runs `body`; a thrown error becomes one line on standard error, prefixed with `context`, and
/// exit code 1.
func reportingErrors(context: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as MatchingError {
        FileHandle.standardError.write(Data("mentor-match: \(context): \(error)\n".utf8))
        throw ExitCode(1)
    } catch let error as CocoaError {
        FileHandle.standardError.write(Data("mentor-match: \(context): cannot read the file (\(error.localizedDescription))\n".utf8))
        throw ExitCode(1)
    }
}
