// Coverage-guided fuzz targets (libFuzzer) for every reader of outside input. One binary; the
// target is chosen by MENTORMATCH_FUZZ_TARGET: problem-json, orlib, npz, roster-csv, rules or
// previous-matches.
// Build and run with Fuzz/run.sh. A reader must never trap: it returns a value or throws a
// MatchingError. Small problems are also solved, and the answer verified: a verification
// failure is a bug, so it traps here and libFuzzer keeps the input.

import Foundation
import MentorMatch
import MentorMatchNumpy
import MentorMatchRoster

nonisolated(unsafe) private var target = ""
private let archiveFile = FileManager.default.temporaryDirectory.appendingPathComponent("mentor-match-fuzz-\(getpid()).npz")

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    target = ProcessInfo.processInfo.environment["MENTORMATCH_FUZZ_TARGET"] ?? "problem-json"
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    switch target {
    case "problem-json": solveIfSmall(try? Problem(data: data, format: .json))
    case "orlib":
        solveIfSmall(try? Problem(data: data, format: .orlib))
        solveIfSmall(try? Problem(data: data, format: .orlibSparse))
    case "npz":
        // Through a file, as the command-line tool reads archives.
        try! data.write(to: archiveFile)
        solveIfSmall(try? Problem(npz: archiveFile))
    case "roster-csv":
        for role in [RosterCSV.Role.mentor, .mentee] { _ = try? RosterCSV.read(data, role: role, file: "fuzz.csv") }
    case "rules": _ = try? ScoringRules(json: data)
    case "previous-matches": _ = try? PreviousMatches.read(data, file: "fuzz.csv")
    default: fatalError("unknown MENTORMATCH_FUZZ_TARGET '\(target)'")
    }
    return 0
}

/// Solves problems of at most 400 pairs with the native solver; its answer must verify, and so
/// must a what-if answer and the three best assignments (whose solves check the predictions).
private func solveIfSmall(_ problem: Problem?) {
    guard let problem, problem.mentees.count * problem.mentors.count <= 400 else { return }
    guard let solution = try? HungarianSolver().solve(problem) else { return }
    do {
        try problem.verify(solution)
        if problem.incumbents.isEmpty, let mentee = problem.mentees.first {
            for outcome in try WhatIf(problem, optimal: solution).alternatives(forMentee: mentee.id, count: 2) {
                try problem.verify(outcome.solution)
            }
            _ = try HungarianSolver().bestAssignments(of: problem, count: 3)
        }
    } catch {
        fatalError("an answer failed verification: \(error)")
    }
}
