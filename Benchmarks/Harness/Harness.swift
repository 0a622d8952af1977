import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK

/// The scaling harness: sweeps instance families x sizes x solvers, runs each cell in its own
/// process (so peak memory is per cell and a runaway cell can be stopped), verifies every answer,
/// and writes CSV, JSON, a markdown table and SVG plots.
@main
struct Harness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor-match-bench", abstract: "Measure how every solver scales, side by side with scipy, lap and OR-Tools.",
        subcommands: [Run.self, Cell.self, ReadingCost.self], defaultSubcommand: Run.self)
}

/// What one cell reports, from a Swift or a Python child process.
struct CellResult: Codable {
    var seconds: [Double]?
    /// The median run from the instance files: read, build, solve (see `Cell`).
    var endToEndSeconds: Double?
    /// The `match` family: per stage, the median seconds; and the allowed pairs.
    var stages: [String: Double]?
    var pairs: Int?
    var objective: Double?
    var assigned: Int?
    var verdict: String?
    var method: String?
    var maxrssKB: Int?
    var error: String?
}

/// Runs one Swift solver (or GLPK's assignment routine alone, "glpk-asn") on one instance `runs`
/// times (fewer once a run exceeds the budget; when the first run takes under `quickSeconds`,
/// as many as take about `quickTotalSeconds`, at least `quickRuns` and at most `quickMaxRuns`),
/// verifies each answer, and prints a `CellResult` as JSON.
///
/// The timing rule, the same as reference.py's: `seconds` times the solve alone, on a `Problem`
/// built before the clock starts (a solver's own `Solution/seconds`); `endToEndSeconds` is the
/// median over the same runs of reading the instance files (after one read off the clock),
/// building the problem and solving it: every run reads its own problem.
struct Cell: ParsableCommand {
    @Option var instance: String
    @Option var solver: String
    @Option var runs = 3
    @Option var budget = 60.0
    /// Short runs are the noisiest on shared cores (caches and clocks still warming up, a
    /// scheduler tick as long as a run): the median of 7 runs of a 0.1 ms cell swung between
    /// 0.5x and 1.2x of the reference's. The Python references (reference.py) follow the same rule.
    static let quickSeconds = 0.1, quickRuns = 7, quickTotalSeconds = 1.0, quickMaxRuns = 1000

    /// How many runs a cell gets, given its first run's time and the runs asked for.
    static func runCount(asked: Int, firstSeconds: Double) -> Int {
        guard firstSeconds < quickSeconds else { return asked }
        return max(asked, quickRuns, min(quickMaxRuns, Int(quickTotalSeconds / max(firstSeconds, 1e-9))))
    }
    @Flag(help: "Report a wrong objective on purpose: the harness's own test of its cross-check.") var tamper = false

    func run() throws {
        var result = CellResult()
        do {
            if let pipeline = [("match", RosterMatchCell.run), ("npz", ScaleCell.run)].first(where: { $0.0 == solver })?.1 {
                result = try pipelineResult(URL(fileURLWithPath: instance), run: pipeline)
                result.maxrssKB = Self.peakResidentKB()
                print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
                return
            }
            // Read once off the clock, as reference.py does: the timed reads then find the files
            // and the reading code in memory, on both sides.
            _ = try Instances.problem(in: URL(fileURLWithPath: instance))
            // `wall` is the solve's own time from outside, for the end-to-end figure.
            let solveOnce: (Problem) throws -> (seconds: Double, wall: Double, objective: Double, assigned: Int, method: String, verdict: String?)
            switch solver {
            case "alternatives":
                // explain --alternatives 5 for the first assigned mentee: the solve, the
                // certificate's what-if set-up, and one search per candidate mentor.
                solveOnce = { problem in
                    let started = ContinuousClock.now
                    let solution = try HungarianSolver().solve(problem)
                    guard let mentee = solution.assignments.first?.mentee else { throw ValidationError("no assigned mentee") }
                    let outcomes = try WhatIf(problem, optimal: solution).alternatives(forMentee: mentee, count: 5)
                    let seconds = (ContinuousClock.now - started) / .seconds(1)
                    for outcome in outcomes { try problem.verify(outcome.solution) }
                    return (seconds, seconds, solution.objective, solution.assigned, "what-if: \(outcomes.count) alternatives for one mentee", "proven optimal")
                }
            case "best10":
                solveOnce = { problem in
                    let started = ContinuousClock.now
                    let ranked = try HungarianSolver().bestAssignments(of: problem, count: 10)
                    let seconds = (ContinuousClock.now - started) / .seconds(1)
                    return (seconds, seconds, ranked[0].objective, ranked[0].assigned, "Murty: \(ranked.count) best, each verified", "proven optimal")
                }
            case "glpk-asn":
                // GLPK's routine alone: its answer is checked by the cross-check of objectives.
                solveOnce = { problem in
                    let routine = try GLPKAssignmentRoutine.solve(problem)
                    return (routine.seconds, routine.seconds, routine.objective, routine.assigned, "glp_asnprob_okalg", nil)
                }
            default:
                guard let name = SolverName(rawValue: solver) else {
                    throw ValidationError("unknown solver '\(solver)': the harness runs glpk-asn and \(SolverName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let solver = name.solver()
                // The first answer is verified in full; a later run must return the very same
                // assignment (the solvers are deterministic), which is then checked in O(pairs)
                // instead of rebuilding the certificate's flow network every run.
                var verified: (assignments: [Solution.Assignment], verdict: String)?
                solveOnce = { problem in
                    let started = ContinuousClock.now
                    let solution = try solver.solve(problem)
                    let wall = (ContinuousClock.now - started) / .seconds(1)
                    if let verified {
                        guard solution.assignments == verified.assignments else {
                            throw ValidationError("\(solution.solver) returned another assignment on a rerun of the same problem")
                        }
                        return (solution.seconds, wall, solution.objective, solution.assigned, solution.methodsInWords, verified.verdict)
                    }
                    let verdict = try problem.verify(solution) == .provenOptimal ? "proven optimal" : "feasible"
                    verified = (solution.assignments, verdict)
                    return (solution.seconds, wall, solution.objective, solution.assigned, solution.methodsInWords, verdict)
                }
            }
            var seconds: [Double] = [], endToEnd: [Double] = [], runs = runs
            while seconds.count < runs {
                let loadStarted = ContinuousClock.now
                let problem = try Instances.problem(in: URL(fileURLWithPath: instance))
                let loadSeconds = (ContinuousClock.now - loadStarted) / .seconds(1)
                let run = try solveOnce(problem)
                (result.objective, result.assigned, result.method, result.verdict) = (run.objective, run.assigned, run.method, run.verdict)
                endToEnd.append(loadSeconds + run.wall)
                seconds.append(run.seconds)
                if run.seconds > budget { break }
                runs = Self.runCount(asked: self.runs, firstSeconds: seconds[0])
            }
            result.seconds = seconds
            result.endToEndSeconds = Report.median(endToEnd)
            if tamper { result.objective = (result.objective ?? 0) + 1 }
        } catch {
            result.error = "\(error)"
        }
        result.maxrssKB = Self.peakResidentKB()
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}

extension Cell {
    /// Runs a pipeline family's run (RosterMatchCell, ScaleCell) as often as the run-count rule
    /// says; a cell's seconds are whole runs, its stages the median of each stage.
    func pipelineResult(_ folder: URL, run pipeline: (URL) throws -> PipelineRun) throws -> CellResult {
        var result = CellResult(seconds: [])
        var stages: [String: [Double]] = [:], runs = runs
        while result.seconds!.count < runs {
            let run = try pipeline(folder)
            let total = run.stages.values.reduce(0, +)
            result.seconds!.append(total)
            for (stage, seconds) in run.stages { stages[stage, default: []].append(seconds) }
            (result.objective, result.assigned, result.verdict, result.method, result.pairs) = (run.objective, run.assigned, run.verdict, run.method, run.pairs)
            if total > budget { break }
            runs = Self.runCount(asked: self.runs, firstSeconds: result.seconds![0])
        }
        result.stages = stages.compactMapValues(Report.median)
        result.endToEndSeconds = Report.median(result.seconds!)
        return result
    }

    /// This process's peak resident memory (VmHWM in /proc/self/status). Not getrusage: Linux
    /// carries ru_maxrss across exec, so a child would report its parent's peak.
    static func peakResidentKB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }.first  // "VmHWM:\t  1234 kB"
    }
}

struct Run: ParsableCommand {
    static let defaultRuns = 3, defaultBudget = 60.0
    @Option(help: "Runs per cell; the median is reported.") var runs = Run.defaultRuns
    @Option(help: "Seconds per run: a solver over it at one size skips the larger sizes of that family.") var budget = Run.defaultBudget
    @Option(help: "Comma-separated families (default: all).") var families: String?
    @Option(help: "Comma-separated solvers (default: all): \((Report.solvers + Report.questions + Report.pipelines).joined(separator: ", ")).") var solvers: String?
    @Option(help: "Where instances are cached.") var instances = "Benchmarks/.instances"
    @Option(help: "Where results are written.") var out = "Benchmarks/results"
    @Flag(help: "Tiny sizes, for a smoke test.") var quick = false
    @Option(help: "Skip instances with more allowed pairs than this for GLPK and the Python references (memory).")
    var maxPairs = 100_000_000
    @Option(help: "The same for the Hungarian solver (about 15 bytes per pair here) and the match family.") var maxPairsHungarian = 300_000_000
    @Option(help: "Make this solver report wrong objectives, to test that the harness then fails.") var tamperWith: String?
    @Flag(help: "Keep the rows of other families (and, with --solvers, of other solvers) from an earlier results.json in --out.")
    var merge = false

    func validate() throws {
        for name in solvers?.split(separator: ",") ?? [] where !(Report.solvers + Report.questions + Report.pipelines).contains(String(name)) {
            throw ValidationError("unknown solver '\(name)'; the solvers are \((Report.solvers + Report.questions + Report.pipelines).joined(separator: ", "))")
        }
    }

    func run() throws {
        let shared = URL(fileURLWithPath: "../shared/datasets")
        let families = Family.all(quick: quick, sharedDatasets: FileManager.default.fileExists(atPath: shared.path) ? shared : nil)
            .filter { family in self.families.map { $0.split(separator: ",").contains(Substring(family.name)) } ?? true }
        let wanted = solvers.map { Set($0.split(separator: ",").map(String.init)) }
        let python = PythonReference(available: PythonReference.probe())
        let cells = families.reduce(0) { $0 + $1.sizes.count * $1.solvers.count }
        var done = 0
        var rows: [Row] = []
        var failures: [String] = []
        let machine = Machine.describe()
        for family in families {
            var overBudget = Set<String>()
            for size in family.sizes {
                let folder = URL(fileURLWithPath: instances).appendingPathComponent("\(family.name)-\(size)")
                var cellRows: [Row] = []
                for solver in family.solvers {
                    done += 1
                    var row = Row(family: family.name, size: size, solver: solver)
                    if let wanted, !wanted.contains(solver) { continue }
                    if overBudget.contains(solver) {
                        row.status = "skipped (over budget)"
                        cellRows.append(row)
                        continue
                    }
                    if !python.available.contains(solver), !Report.swiftSolvers.contains(solver) {
                        row.status = "skipped (not installed)"
                        cellRows.append(row)
                        continue
                    }
                    let pairLimit = ["hungarian", "match", "npz"].contains(solver) ? maxPairsHungarian : maxPairs
                    if family.pairs(size) > pairLimit {
                        row.status = "skipped (over \(pairLimit / 1_000_000)M pairs)"
                        cellRows.append(row)
                        continue
                    }
                    if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("meta.json").path) {
                        progress("[\(done)/\(cells)] \(family.name) n=\(size): making the instance")
                        try family.make(size, folder)
                    }
                    progress("[\(done)/\(cells)] \(family.name) n=\(size) \(solver) (\(cells - done) cells left)")
                    let result = runCell(solver: solver, instance: folder, python: python)
                    row.fill(from: result)
                    if let error = result.error {
                        if error.hasPrefix("timeout") {
                            row.status = "over budget (stopped)"
                            overBudget.insert(solver)
                        } else {
                            row.status = "error"
                            failures.append("\(family.name) n=\(size) \(solver): \(error)")
                        }
                    } else if let median = row.median, median > budget {
                        overBudget.insert(solver)
                    }
                    cellRows.append(row)
                }
                failures += Row.crossCheck(&cellRows)
                rows += cellRows
            }
        }
        if merge, let earlier = try? Report.rows(in: URL(fileURLWithPath: out)) {
            // Rows of the families and solvers run now replace the earlier ones.
            let rerun = Set(families.map(\.name))
            let order = Family.all(quick: quick, sharedDatasets: shared).map(\.name)
            rows = (earlier.filter { !rerun.contains($0.family) || !(wanted?.contains($0.solver) ?? true) } + rows).enumerated()
                .sorted { ((order.firstIndex(of: $0.element.family) ?? 99), $0.offset) < ((order.firstIndex(of: $1.element.family) ?? 99), $1.offset) }
                .map(\.element)
        }
        try Report(rows: rows, machine: machine, budget: budget, runs: runs).write(to: URL(fileURLWithPath: out))
        progress("wrote \(out)/results.{csv,json,md} and plots; \(failures.count) failures")
        for failure in failures { FileHandle.standardError.write(Data("FAILED: \(failure)\n".utf8)) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    func progress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Runs a cell in a child process, stopped after budget x (runs + 1) + 30 seconds.
    func runCell(solver: String, instance: URL, python: PythonReference) -> CellResult {
        let process = Process()
        if Report.swiftSolvers.contains(solver) {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
                process.executableURL = Bundle.main.executableURL
            }
            process.arguments = ["cell", "--instance", instance.path, "--solver", solver, "--runs", "\(runs)", "--budget", "\(budget)"]
                + (tamperWith == solver ? ["--tamper"] : [])
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", python.script, "--instance", instance.path, "--solver", solver, "--runs", "\(runs)", "--budget", "\(budget)"]
        }
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-bench-\(ProcessInfo.processInfo.processIdentifier).json")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        guard let output = try? FileHandle(forWritingTo: outputFile) else { return CellResult(error: "cannot write \(outputFile.path)") }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return CellResult(error: "cannot start: \(error)") }
        let limit = Date().addingTimeInterval(budget * Double(runs + 1) + 30)
        while process.isRunning, Date() < limit { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return CellResult(error: "timeout: stopped after \(Int(budget * Double(runs + 1) + 30)) s")
        }
        try? output.close()
        let data = (try? Data(contentsOf: outputFile)) ?? Data()
        guard let line = String(data: data, encoding: .utf8)?.split(separator: "\n").last,
            let result = try? JSONDecoder().decode(CellResult.self, from: Data(line.utf8))
        else { return CellResult(error: "no result (exit \(process.terminationStatus))") }
        return result
    }
}

/// The Python reference script and which of its solvers can run here.
struct PythonReference {
    var available: Set<String>
    var script = "Benchmarks/reference.py"

    /// Asks the script which of scipy, lapjv and ortools import.
    static func probe() -> Set<String> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Benchmarks/reference.py", "--available"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Set(String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init))
    }
}

/// A short description of the machine the results come from.
enum Machine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first?.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { "\($0 / 1_048_576) GiB" } ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) memory, release build"
    }
}
