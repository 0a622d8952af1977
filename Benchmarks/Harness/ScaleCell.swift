import Foundation
import MentorMatch
import MentorMatchNumpy

/// The `scale` family: `mentor-match solve problem.npz --out solution.npz` end to end on
/// shortlists of 10 candidates per mentee (n mentees, 0.3 n mentors with capacities 1-5: 10^6 to
/// 10^8 allowed pairs), by the library calls the command-line tool makes: read the archive numpy
/// wrote (`np.savez` of compressed rows and capacities), solve and verify, write the answer's
/// archive. OR-Tools' min-cost flow runs beside it on the same instance files.
enum ScaleCell {
    static let stages = ["read", "solve", "write"]
    static let candidates = 10

    static func family(sizes: [Int]) -> Family {
        Family(name: "scale", sizes: sizes, solvers: ["npz", "ortools"], pairs: { $0 * candidates }) { size, folder in
            try Instances.writeShortlist(name: "scale", size: size, mentorCount: size * 3 / 10, candidates: candidates, to: folder)
            // The archive a Python user writes, by numpy itself.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "Benchmarks/reference.py", "--write-npz", folder.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "reference.py --write-npz failed"]) }
        }
    }

    /// One run: the seconds of each stage, the allowed pairs and the answer.
    static func run(in folder: URL) throws -> PipelineRun {
        var clock = StageClock()
        let problem = try Problem(npz: folder.appendingPathComponent("problem.npz"))
        clock.lap("read")
        let solution = try HungarianSolver().solve(problem)
        let verdict = try problem.verify(solution) == .provenOptimal ? "proven optimal" : "feasible"
        clock.lap("solve")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-bench-\(ProcessInfo.processInfo.processIdentifier).npz")
        defer { try? FileManager.default.removeItem(at: out) }
        try solution.numpyArchive(for: problem).write(to: out, options: .atomic)
        clock.lap("write")
        var pairs = 0
        for mentee in problem.mentees.indices { problem.forEachAllowedMentor(ofMentee: mentee) { _, _ in pairs += 1 } }
        return PipelineRun(stages: clock.seconds, pairs: pairs, objective: solution.objective, assigned: solution.assigned, verdict: verdict, method: solution.methodsInWords)
    }
}

/// Seconds per stage of a pipeline run, each stage timed from the end of the one before.
struct StageClock {
    private(set) var seconds: [String: Double] = [:]
    private var last = ContinuousClock.now

    mutating func lap(_ stage: String) {
        let now = ContinuousClock.now
        seconds[stage] = (now - last) / .seconds(1)
        last = now
    }
}

/// One run of a pipeline family (`match`, `scale`): seconds per stage and the answer.
struct PipelineRun {
    var stages: [String: Double]
    var pairs: Int
    var objective: Double
    var assigned: Int
    var verdict: String
    var method: String
}
