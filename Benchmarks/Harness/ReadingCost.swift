import ArgumentParser
import Foundation
import MentorMatch

/// Times reading a problem file against solving the same problem: a 4000 x 4000 dense problem
/// JSON and a sparse problem JSON with 1,000,000 edges (both generated with fixed seeds), so the
/// README can show whether reading dominates.
struct ReadingCost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reading", abstract: "Time reading problem JSON beside solving it (writes reading.md in --out).")
    @Option var runs = 3
    @Option var out = "Benchmarks/results"
    @Option(help: "Side of the dense problem.") var dense = 4000
    @Option(help: "Edges of the sparse problem (mentees x 100 mentors each).") var edges = 1_000_000
    @Flag(help: "Tiny sizes, for a smoke test.") var quick = false

    func run() throws {
        var random = SplitMix64(seed: 4000)
        let side = quick ? 60 : dense
        let matrix = (0..<side).map { _ in (0..<side).map { _ in Int.random(in: 0..<1000, using: &random) } }
        let denseJSON = document(mentees: side, mentors: side, sense: "minimize", scores: "\"scores\": [" + matrix.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",\n") + "]")

        // 100 mentors a mentee, out of at least 200.
        let menteeCount = (quick ? 6000 : edges) / 100, mentorCount = max(menteeCount * 3 / 10, 200)
        var edgeLines: [String] = []
        for mentee in 0..<menteeCount {
            var chosen = Set<Int>()
            while chosen.count < 100 { chosen.insert(Int.random(in: 0..<mentorCount, using: &random)) }
            for mentor in chosen.sorted() {
                edgeLines.append("{\"mentee\": \"e\(mentee)\", \"mentor\": \"m\(mentor)\", \"score\": \(Int.random(in: 0...100, using: &random))}")
            }
        }
        let sparseJSON = document(mentees: menteeCount, mentors: mentorCount, sense: "maximize", scores: "\"edges\": [" + edgeLines.joined(separator: ",\n") + "]")

        var lines = [
            "| problem file | size | read s | solve s | read / solve |",
            "|---|---|---|---|---|",
        ]
        for (name, json) in [("dense \(side) x \(side)", denseJSON), ("sparse, \(menteeCount * 100) edges", sparseJSON)] {
            let data = Data(json.utf8)
            var reads: [Double] = [], solves: [Double] = []
            for _ in 0..<runs {
                let clock = ContinuousClock()
                let started = clock.now
                let problem = try Problem(data: data, format: .json)
                reads.append((clock.now - started) / .seconds(1))
                let solution = try HungarianSolver().solve(problem)
                guard try problem.verify(solution) == .provenOptimal else { throw ValidationError("\(name): not proven optimal") }
                solves.append(solution.seconds)
            }
            guard let read = Report.median(reads), let solve = Report.median(solves) else { throw ValidationError("--runs must be at least 1") }
            lines.append("| \(name) | \(data.count / 1_000_000) MB | \(String(format: "%.3g", read)) | \(String(format: "%.3g", solve)) | \(String(format: "%.2f", read / solve)) |")
            FileHandle.standardError.write(Data((lines.last! + "\n").utf8))
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/reading.md", atomically: true, encoding: .utf8)
    }

    func document(mentees: Int, mentors: Int, sense: String, scores: String) -> String {
        "{\"version\": 1, \"sense\": \"\(sense)\",\n\"mentors\": [" + (0..<mentors).map { "{\"id\": \"m\($0)\"}" }.joined(separator: ",")
            + "],\n\"mentees\": [" + (0..<mentees).map { "{\"id\": \"e\($0)\"}" }.joined(separator: ",") + "],\n" + scores + "}\n"
    }
}
