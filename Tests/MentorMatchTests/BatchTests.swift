import Foundation
import Testing
import MentorMatch
import MentorMatchTestSupport

@Suite struct BatchTests {
    @Test func linesAreSolvedInOrderWithErrorsInPlace() throws {
        var generator = SeededGenerator(seed: 77)
        var lines: [String] = []
        for index in 0..<24 {
            let problem = try randomProblem(RandomProblemShape(mentees: 5...40, mentors: 2...10, capacity: 1...3, scores: 0...30), sense: .maximize, using: &generator)
            var rows: [String] = []
            for mentee in problem.mentees.indices {
                rows.append("[" + problem.mentors.indices.map { problem.score(mentee: mentee, mentor: $0).map { "\($0)" } ?? "null" }.joined(separator: ",") + "]")
            }
            let mentors = problem.mentors.map { "{\"id\": \"\($0.id)\", \"capacity\": \($0.capacity)}" }.joined(separator: ",")
            let mentees = problem.mentees.map { "{\"id\": \"\($0.id)\"}" }.joined(separator: ",")
            lines.append("{\"mentors\": [\(mentors)], \"mentees\": [\(mentees)], \"scores\": [\(rows.joined(separator: ","))]}")
            if index == 5 { lines.append("{\"mentors\": [") }  // truncated: an error record
            if index == 9 { lines.append("") }  // blank: no output
        }
        let input = Data(lines.joined(separator: "\n").utf8)
        let (output, failed) = Batch.solve(jsonLines: input, with: HungarianSolver())
        #expect(Batch.solve(jsonLines: input, with: HungarianSolver()).output == output, "byte-identical on a re-run")
        let records = try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.count == 25)
        #expect(failed == [7], "the truncated line, and only it, is reported as failed")
        #expect(records.map { $0["line"] as? Int } == (Array(1...7) + Array(8...11) + Array(13...26)).map(Optional.some))
        #expect((records[6]["error"] as? String)?.hasPrefix("not valid JSON") == true)
        // Each solved line matches solving it alone.
        for record in records where record["error"] == nil {
            let number = record["line"] as! Int
            let problem = try Problem(data: Data(lines[number - 1].utf8), format: .json)
            #expect(record["objective"] as? Double == (try HungarianSolver().solve(problem)).objective)
        }
    }
}
