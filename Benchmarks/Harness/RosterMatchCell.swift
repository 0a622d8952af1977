import Foundation
import MentorMatch
import MentorMatchRoster

/// The `match` family: the command-line tool's `match --out` on a generated roster, end to end,
/// by the library calls a program makes to time each stage: read the two CSV files, normalise
/// the roster and count its allowed pairs ("score"), solve part by part (each part scored,
/// solved and verified), explain (each part scored and verified again), write the CSV and the
/// printed table. The command-line tool runs solve and explain in one pass over the parts
/// (`RosterMatch.run(with:)`), so it takes at most this long.
enum RosterMatchCell {
    static let stages = ["read", "score", "solve", "explain", "write"]

    /// Mentees n, mentors 0.3 n with capacities 1-3 in max(6, n / 4000) states (the `generate`
    /// defaults at 2*10^4, 50 states at 2*10^5): the rosters of the targets.
    static func family(sizes: [Int]) -> Family {
        Family(name: "match", sizes: sizes, solvers: ["match"], pairs: { $0 * ($0 * 3 / 10) / states(for: $0) }) { size, folder in
            let states = (0..<states(for: size)).map { String(format: "R%02d", $0) }
            let roster = SyntheticRoster.generate(mentees: size, mentors: size * 3 / 10, regions: states, capacity: 1...3, seed: 1)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(RosterCSV.text(of: roster.mentors, role: .mentor).utf8).write(to: folder.appendingPathComponent("mentors.csv"))
            try Data(RosterCSV.text(of: roster.mentees, role: .mentee).utf8).write(to: folder.appendingPathComponent("mentees.csv"))
            let meta = InstanceMeta(
                name: "match-\(size)", family: "match", size: size, kind: "roster", rows: size, columns: roster.mentors.count, sense: "maximize")
            try JSONEncoder().encode(meta).write(to: folder.appendingPathComponent("meta.json"))
        }
    }

    static func states(for size: Int) -> Int { max(6, size / 4000) }

    /// One run: the seconds of each stage, the allowed pairs and the answer.
    static func run(in folder: URL) throws -> PipelineRun {
        var clock = StageClock()
        func file(_ name: String, _ role: RosterCSV.Role) throws -> RosterCSV.RosterFile {
            let url = folder.appendingPathComponent(name)
            return try RosterCSV.read(Data(contentsOf: url), role: role, file: url.path)
        }
        let roster = Roster(mentors: try file("mentors.csv", .mentor).profiles, mentees: try file("mentees.csv", .mentee).profiles)
        clock.lap("read")
        let match = try RosterMatch(roster: roster, rules: ScoringRules())
        clock.lap("score")
        let solution = try match.solve(with: HungarianSolver())
        clock.lap("solve")
        let report = try match.report(for: solution)
        clock.lap("explain")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-bench-\(ProcessInfo.processInfo.processIdentifier).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        try Data(report.csv().utf8).write(to: out, options: .atomic)
        _ = report.table()
        clock.lap("write")
        let pairs = match.allowedPairCount
        let verdict = solution.status == .optimal && solution.certificate != nil ? "proven optimal" : "feasible"
        return PipelineRun(stages: clock.seconds, pairs: pairs, objective: solution.objective, assigned: solution.assigned, verdict: verdict, method: solution.methodsInWords)
    }
}
