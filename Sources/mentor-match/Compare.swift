import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK
import MentorMatchRoster

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run several solvers on one problem and compare them: objective, gap, differing pairs, stability.",
        discussion: """
            Example:
              mentor-match compare --mentors mentors.csv --mentees mentees.csv \\
                  --config config.json --solvers hungarian,glpk,greedy,stable
            """)

    @Argument(help: "The problem file (or give a roster with --mentors and --mentees).")
    var file: String?

    @Option(help: "The mentors CSV file of a roster.") var mentors: String?
    @Option(help: "The mentees CSV file of a roster.") var mentees: String?
    @Option(help: "The scoring rules JSON file of a roster.") var config: String?
    @Option(help: "A previous matches CSV (from match --out, or any CSV with mentee and mentor columns), to count the pairs kept and moved.") var previous: String?

    @Option(help: "The file format: \(ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ProblemFormat = .json

    @Option(help: "Comma-separated solvers: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solvers = "hungarian,glpk,greedy,stable"

    @Option(help: "What to print: table, csv or json.")
    var output: Solve.Output = .table

    @Option(help: "Seconds an exact solver may spend: GLPK then returns the best assignment found (status time limit), the Hungarian solver stops with an error.")
    var timeLimit: Double?

    @Flag(help: "Score every pair by how high each side ranks the other in the survey instead (a first choice is worth the most points, the last acceptable one 1), so that the exact solvers optimise ranks.")
    var ranks = false

    @Option(help: "Count, per solver, the pairs scoring worse than this (below it when maximizing).")
    var below: Double?

    func validate() throws {
        guard (file == nil) != (mentors == nil || mentees == nil) else {
            throw ValidationError("give either a problem file or both --mentors and --mentees")
        }
        for name in solvers.split(separator: ",") where SolverName(rawValue: String(name)) == nil {
            let names = SolverName.allCases.map(\.rawValue)
            let near = RosterText.suggestion(for: String(name), among: names)
            throw ValidationError(
                "--solvers: unknown solver '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? ".") + " The solvers are \(names.joined(separator: ", ")).")
        }
        try checkTimeLimit(timeLimit)
        if let below, !below.isFinite { throw ValidationError("--below must be a finite score, not \(below)") }
    }

    func run() throws {
        try reportingErrors(context: file ?? "compare") {
            let chosen = solvers.split(separator: ",").compactMap { SolverName(rawValue: String($0))?.solver(seconds: timeLimit) }
            let comparison: Comparison
            if let file {
                let problem = try Problem(data: try InputFile.read(file), format: format)
                comparison = Comparison(ranks ? try problem.scoredByRanks() : problem, solvers: chosen, threshold: below)
            } else if let mentors, let mentees {
                let match = try RosterOptions.parse(["--mentors", mentors, "--mentees", mentees] + (config.map { ["--config", $0] } ?? [])).load().match
                // Ranks are scored against the longest ranking of the whole roster: the whole problem.
                comparison = ranks ? Comparison(try match.problem.scoredByRanks(), solvers: chosen, threshold: below) : try match.compare(chosen, threshold: below)
            } else {
                throw ValidationError("give either a problem file or both --mentors and --mentees")
            }
            var text = try ComparisonText.render(comparison, threshold: below, as: output)
            if let previous, output == .table {
                let read = try PreviousMatches.read(InputFile.read(previous), file: previous)
                for warning in read.warnings { FileHandle.standardError.write(Data("mentor-match: warning: \(warning)\n".utf8)) }
                for note in read.notes { FileHandle.standardError.write(Data("mentor-match: note: \(note)\n".utf8)) }
                let earlier = read.pairs
                for (entry, solution) in zip(comparison.entries, comparison.solutions) {
                    guard let solution else { continue }
                    let changes = Comparison.changes(from: earlier, to: solution)
                    text += "\(entry.solver) against \(previous): \(changes.kept) pairs kept, \(changes.moved) moved, "
                        + "\(changes.added) newly matched, \(changes.dropped) no longer matched\n"
                }
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Renderings of a comparison.
enum ComparisonText {
    static let header = [
        "solver", "status", "assigned", "objective", "gap to best", "gap to LP bound", "differing pairs", "worst pair", "mean", "blocking pairs",
        "first choices", "mean rank", "seconds",
    ]

    /// The header, with a column for the pairs worse than `threshold` when there is one.
    static func header(threshold: Double?) -> [String] {
        guard let threshold else { return header }
        var columns = header
        columns.insert("worse than \(formatScore(threshold))", at: columns.firstIndex(of: "mean")! + 1)
        return columns
    }

    /// One row, as wide as `header(threshold:)`: a solver that refused the problem has empty
    /// cells under every figure.
    static func cells(_ entry: Comparison.Entry, threshold: Double?) -> [String] {
        var cells = plainCells(entry)
        if threshold != nil { cells.insert(entry.belowThreshold.map { "\($0)" } ?? "", at: header.firstIndex(of: "mean")! + 1) }
        return cells
    }

    private static func plainCells(_ entry: Comparison.Entry) -> [String] {
        if let error = entry.error { return [entry.solver, "error: \(error)"] + Array(repeating: "", count: header.count - 2) }
        return [
            entry.solver, (entry.status?.rawValue ?? "error") + (entry.mipGap.map { String(format: " (gap %.2g)", $0) } ?? ""), "\(entry.assigned)",
            formatScore(entry.objective), entry.gapToBest.map(formatScore) ?? "fewer pairs", entry.gapToLPBound.map(formatScore) ?? "",
            "\(entry.pairsDifferingFromBest)",
            entry.lowestScore.map(formatScore) ?? "", entry.meanScore.map { String(format: "%.2f", $0) } ?? "",
            entry.blockingPairs.map { "\($0)" } ?? "n/a", entry.firstChoices.map { "\($0)" } ?? "n/a",
            entry.meanRank.map { String(format: "%.2f", $0) } ?? "n/a", String(format: "%.3f", entry.seconds),
        ]
    }

    static func render(_ comparison: Comparison, threshold: Double?, as output: Solve.Output) throws -> String {
        let header = Self.header(threshold: threshold)
        switch output {
        case .table:
            // A column per solver and a line per figure: thirteen figures side by side would not
            // fit 120 columns. Figures no solver has (the LP bound without GLPK, say) are left
            // out; a solver's error follows the table in full.
            let rows = comparison.entries.map { entry in
                var row = cells(entry, threshold: threshold)
                if entry.error != nil { row[1] = "error" }
                return row
            }
            let figures = header.indices.dropFirst().filter { column in rows.contains { !$0[column].isEmpty } }
            let table = [[""] + rows.map { $0[0] }] + figures.map { column in [header[column]] + rows.map { $0[column] } }
            var text = alignedColumns(table).joined(separator: "\n") + "\n"
            for entry in comparison.entries { if let error = entry.error { text += "\(entry.solver): error: \(error)\n" } }
            if let price = comparison.priceOfStability {
                text += "price of stability: \(formatScore(price.scoreGivenUp)) score"
                    + (price.pairsGivenUp != 0 ? " and \(price.pairsGivenUp) pair\(price.pairsGivenUp == 1 ? "" : "s")" : "")
                    + " given up by the best stable answer (\(price.stableSolver)'s); the best answer has \(price.blockingPairsOfBest) blocking pair\(price.blockingPairsOfBest == 1 ? "" : "s")\n"
            }
            if comparison.entries.contains(where: { $0.blockingPairs != nil }) {
                text += "blocking pairs: a mentee and a mentor, not matched together, who would both rather be (so a stable answer has none)\n"
            }
            return text
        case .csv:
            return CSVLine.format(header) + comparison.entries.map { CSVLine.format(cells($0, threshold: threshold)) }.joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            struct Document: Encodable {
                var entries: [Comparison.Entry]
                var priceOfStability: Comparison.PriceOfStability?
            }
            let document = Document(entries: comparison.entries, priceOfStability: comparison.priceOfStability)
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        }
    }
}
