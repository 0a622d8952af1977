import Foundation
import Testing
import MentorMatch
import MentorMatchRoster

/// The hostile corpus in `Hostile/`: malformed and extreme files, each of which must give a clear
/// error (or a correct answer), never a crash or a hang. `expected.json` maps each file to a piece
/// of the expected error message, "ok" for a file that must solve, or "" for "any clear error".
@Suite struct HostileInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile")

    static let cases: [(String, String)] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
            let map = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [] }
        return map.sorted { $0.key < $1.key }
    }()

    /// Reads a corpus file with the reader its name calls for, and solves it if it reads.
    static func outcome(_ name: String) -> String {
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasSuffix(".mentors.csv") {
                _ = try RosterCSV.read(String(decoding: data, as: UTF8.self), role: .mentor, file: name).profiles
                return "ok"
            }
            let format: ProblemFormat = name.hasSuffix(".json") ? .json : name.hasSuffix(".sparse.txt") ? .orlibSparse : .orlib
            let problem = try Problem(data: data, format: format)
            let solution = try HungarianSolver().solve(problem)
            try problem.verify(solution)
            return "ok"
        } catch {
            return "error: \(error)"
        }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func hostileFileGivesAClearAnswer(name: String, expected: String) {
        let outcome = Self.outcome(name)
        switch expected {
        case "ok": #expect(outcome == "ok", "\(name)")
        case "": #expect(outcome.hasPrefix("error: ") && outcome.count > 10, "\(name): \(outcome)")
        default: #expect(outcome.hasPrefix("error: ") && outcome.contains(expected), "\(name): \(outcome)")
        }
    }
}
