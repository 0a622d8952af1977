import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK
import MentorMatchRoster

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve one problem file and print the verified assignment.",
        discussion: """
            Example:
              mentor-match solve problem.json --solver glpk --output json
              mentor-match solve assign800.txt --format orlib
            """)

    enum Output: String, CaseIterable, ExpressibleByArgument {
        case json, csv, table
    }

    @Argument(help: "The problem file.")
    var file: String

    @Option(help: "The solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverName = .hungarian

    @Option(help: "The file format: \(ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ProblemFormat = .json

    @Option(help: "What to print: json, csv or table.")
    var output: Output = .table

    @Option(help: "Seconds an exact solver may spend: GLPK then returns the best assignment found (status time limit), the Hungarian solver stops with an error.")
    var timeLimit: Double?

    @Flag(help: "Score every pair by the preference ranks of both sides instead (see Problem.scoredByRanks).")
    var ranks = false

    @Option(help: "What to optimise after the most pairs: total (the best total score) or maxmin (first the best worst pair, then the total).")
    var objective: Objective = .total

    func validate() throws {
        try checkTimeLimit(timeLimit)
    }

    func run() throws {
        try reportingErrors(context: file) {
            var problem = try Problem(data: try Data(contentsOf: URL(fileURLWithPath: file)), format: format)
            if ranks { problem = try problem.scoredByRanks() }
            let solution = try solver.solver(seconds: timeLimit, objective: objective).solve(problem)
            try problem.verify(solution)
            let text: String
            switch output {
            case .json: text = String(decoding: try solution.jsonData(for: problem), as: UTF8.self) + "\n"
            case .csv: text = SolutionText.csv(solution)
            case .table: text = SolutionText.table(solution, problem: problem)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Plain-text renderings of a solution.
enum SolutionText {
    /// RFC 4180 CSV: `mentee,mentor,score`, one row per pair; mentees short of their demand
    /// follow with empty mentor and score.
    static func csv(_ solution: Solution) -> String {
        CSVLine.format(["mentee", "mentor", "score"])
            + solution.assignments.map { CSVLine.format([$0.mentee, $0.mentor, formatScore($0.score)]) }.joined()
            + solution.unassigned.map { CSVLine.format([$0, "", ""]) }.joined()
    }

    /// A summary line, the pairs in aligned columns, the unassigned mentees and mentor loads.
    static func table(_ solution: Solution, problem: Problem) -> String {
        var lines = [
            "\(solution.solver) (\(solution.method)): \(solution.status.rawValue)"
                + (solution.gap.map { String(format: " (gap %.2g)", $0) } ?? "")
                + ", objective \(formatScore(solution.objective)), \(solution.assigned) pairs, "
                + "\(solution.unassigned.count) of \(problem.mentees.count) mentees short, "
                + String(format: "%.3f s", solution.seconds)
        ]
        lines += alignedColumns([["mentee", "mentor", "score"]] + solution.assignments.map { [$0.mentee, $0.mentor, formatScore($0.score)] })
        if !solution.unassigned.isEmpty { lines.append("unassigned: " + solution.unassigned.joined(separator: ", ")) }
        lines.append(
            "loads: " + zip(problem.mentors, solution.loads).map { "\($0.id) \($1)/\($0.capacity)" }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
