import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK
import MentorMatchNumpy
import MentorMatchRoster

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve one problem file and print the verified assignment.",
        discussion: """
            Example:
              mentor-match solve problem.json --solver glpk --output json
              mentor-match solve assign800.txt --format orlib
              mentor-match solve problem.json --best 5
              mentor-match solve scores.npz --sense minimize --out solution.npz
            """)

    enum Output: String, CaseIterable, ExpressibleByArgument {
        case json, csv, table
    }

    @Argument(help: "The problem file: JSON, OR-Library text (see --format) or a numpy archive (.npz).")
    var file: String

    @Option(help: "The solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverName = .hungarian

    @Option(help: "The file format: \(ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ProblemFormat = .json

    @Option(help: "What to print: json, csv or table.")
    var output: Output = .table

    @Option(help: "For a numpy archive (.npz): maximize (the default) or minimize the scores.")
    var sense: Problem.Sense?

    @Option(help: "Write the answer to this file (.npz for numpy, .json or .csv) and print its summary line only.")
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @Option(help: "Seconds an exact solver may spend: GLPK then returns the best assignment found (status time limit), the Hungarian solver stops with an error.")
    var timeLimit: Double?

    @Flag(help: "Score every pair by how high each side ranks the other in its preferences instead (a first choice is worth the most points, the last acceptable one 1).")
    var ranks = false

    @Option(help: "What to optimise after the most pairs: total (the best total score) or maxmin (first the best worst pair, then the total).")
    var objective: Objective = .total

    @Option(help: ArgumentHelp("Print the K best assignments, best first, each verified (Murty's ranking; Hungarian solver, total objective). JSON gives an array, CSV a rank column.", valueName: "K"))
    var best: Int?

    func validate() throws {
        try checkTimeLimit(timeLimit)
        if let best, !(1...10_000).contains(best) { throw ValidationError("--best must be 1 to 10000") }
        if best != nil, solver != .hungarian || objective != .total {
            throw ValidationError("--best ranks with the Hungarian solver: use --solver hungarian and --objective total")
        }
        try ProblemFile.checkSense(sense, for: file, format: format)
        if let out {
            try SolutionFile.checkName(out)
            if best != nil { throw ValidationError("--out writes one answer: leave out --best, or print the ranked answers with --output") }
        }
    }

    func run() throws {
        try reportingErrors(context: file) {
            var problem = try ProblemFile.read(file, format: format, sense: sense)
            if ranks { problem = try problem.scoredByRanks() }
            let solutions: [Solution]
            if let best {
                solutions = try HungarianSolver(timeLimit: timeLimit.map { .seconds($0) }).bestAssignments(of: problem, count: best)
            } else {
                solutions = [try solver.solver(seconds: timeLimit, objective: objective).solve(problem)]
            }
            for solution in solutions { try problem.verify(solution) }
            if let out {
                try SolutionFile.write(solutions[0], of: problem, to: out, inputs: [file], replacing: force)
                return
            }
            let ranked = best != nil
            let text: String
            switch output {
            case .json:
                let documents = try solutions.map { String(decoding: try $0.jsonData(for: problem), as: UTF8.self) }
                text = (ranked ? "[\n" + documents.joined(separator: ",\n") + "\n]" : documents[0]) + "\n"
            case .csv:
                text = ranked ? SolutionText.rankedCSV(solutions) : SolutionText.csv(solutions[0])
            case .table:
                text = solutions.enumerated().map { rank, solution in
                    (ranked ? "rank \(rank + 1) of \(solutions.count)" + (rank == 0 ? "" : ", \(formatSignedScore(solution.objective - solutions[0].objective)) from the best") + "\n" : "")
                        + SolutionText.table(solution, problem: problem)
                }.joined(separator: "\n")
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// A problem file as the commands read it: a numpy archive by its extension, else `--format`.
enum ProblemFile {
    static func isNumpy(_ path: String) -> Bool { URL(fileURLWithPath: path).pathExtension.lowercased() == "npz" }

    /// Refuses `--sense` for a file that states its own.
    static func checkSense(_ sense: Problem.Sense?, for path: String, format: ProblemFormat) throws {
        if sense != nil, !isNumpy(path) { throw ValidationError("--sense is for numpy archives (.npz): a \(format.rawValue) problem states its own sense") }
    }

    static func read(_ path: String, format: ProblemFormat, sense: Problem.Sense?) throws -> Problem {
        isNumpy(path) ? try Problem(npz: InputFile.url(path), sense: sense ?? .maximize) : try Problem(data: try InputFile.read(path), format: format)
    }
}

/// A solution written to a file in the format its extension names.
enum SolutionFile {
    /// Refuses an `--out` name whose extension is not a format written.
    static func checkName(_ path: String) throws {
        guard ["npz", "json", "csv"].contains(URL(fileURLWithPath: path).pathExtension.lowercased()) else {
            throw ValidationError("--out \(path): the file name must end in .npz, .json or .csv (the format written)")
        }
    }

    /// Writes `solution` (see ``OutputFile/write(_:to:inputs:replacing:)``) and prints its summary line.
    static func write(_ solution: Solution, of problem: Problem, to path: String, inputs: [String], replacing: Bool) throws {
        let data: Data
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npz": data = try solution.numpyArchive(for: problem)
        case "json": data = try solution.jsonData(for: problem)
        default: data = Data(SolutionText.csv(solution).utf8)
        }
        try OutputFile.write(data, to: path, inputs: inputs, replacing: replacing)
        FileHandle.standardOutput.write(Data((SolutionText.summary(solution, problem: problem) + "\n").utf8))
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

    /// CSV of ranked solutions: `rank,mentee,mentor,score`, each solution's pairs in turn.
    static func rankedCSV(_ solutions: [Solution]) -> String {
        CSVLine.format(["rank", "mentee", "mentor", "score"])
            + solutions.enumerated().map { rank, solution in
                solution.assignments.map { CSVLine.format([String(rank + 1), $0.mentee, $0.mentor, formatScore($0.score)]) }.joined()
            }.joined()
    }

    /// The solver, method, status, objective, pairs, mentees short and seconds, on one line.
    static func summary(_ solution: Solution, problem: Problem) -> String {
        "\(solution.solver) (\(solution.methodsInWords)): \(solution.status.rawValue)"
            + (solution.gap.map { String(format: " (gap %.2g)", $0) } ?? "")
            + ", objective \(formatScore(solution.objective)), \(solution.assigned) pairs, "
            + "\(solution.unassigned.count) of \(problem.mentees.count) mentees short, "
            + String(format: "%.3f s", solution.seconds)
    }

    /// A summary line, the pairs in aligned columns, the unassigned mentees and mentor loads.
    static func table(_ solution: Solution, problem: Problem) -> String {
        var lines = [summary(solution, problem: problem)]
        lines += alignedColumns([["mentee", "mentor", "score"]] + solution.assignments.map { [$0.mentee, $0.mentor, formatScore($0.score)] })
        if !solution.unassigned.isEmpty { lines.append("unassigned: " + solution.unassigned.joined(separator: ", ")) }
        lines.append(
            "loads: " + zip(problem.mentors, solution.loads).map { "\($0.id) \($1)/\($0.capacity)" }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
