import Foundation
import Testing
@testable import MentorMatch
import MentorMatchTestSupport

/// The fast problem JSON reader must read every document exactly as `JSONDecoder` does, and
/// leave everything else to it.
@Suite struct ProblemJSONReaderTests {
    /// Everything a problem holds, as text, for comparing two readings.
    func dump(_ problem: Problem) -> String {
        var text = "\(problem.sense) \(problem.mentees) \(problem.mentors) \(problem.locked) \(problem.forbidden) \(problem.groups)\n"
        problem.forEachAllowedPair { text += "\($0) \($1) \($2.bitPattern)\n" }
        return text
    }

    func slowProblem(_ json: String) throws -> Problem {
        try JSONDecoder().decode(ProblemDocument.self, from: Data(json.utf8)).problem()
    }

    @Test func readsWhatTheDecoderReads() throws {
        var generator = SeededGenerator(seed: 31)
        let numbers = ["0", "-0", "7", "-12", "2.5", "1e2", "1E-3", "-4.75e+1", "-999999999999999", "0.1", "3.25e-300", "12345678901234.56"]
        for round in 0..<120 {
            let mentees = Int.random(in: 1...6, using: &generator), mentors = Int.random(in: 1...5, using: &generator)
            let space = round.isMultiple(of: 3) ? "\n\t " : ""
            func number() -> String { numbers.randomElement(using: &generator)! }
            var fields = [
                "\"sense\":\(space)\"\(round.isMultiple(of: 2) ? "minimize" : "maximize")\"",
                "\"mentors\": [" + (0..<mentors).map { "{\"id\": \"m\($0)\", \"capacity\": \(Int.random(in: 1...3, using: &generator))\(round % 4 == 0 ? ", \"minimum\": null" : "")}" }.joined(separator: ",\(space)") + "]",
                "\"mentees\": [" + (0..<mentees).map { "{\"demand\": 1, \"id\": \"é\($0)\"}" }.joined(separator: ", ") + "]",
            ]
            if round.isMultiple(of: 2) {
                fields.append("\"scores\": [" + (0..<mentees).map { _ in "[" + (0..<mentors).map { _ in Bool.random(using: &generator) ? "null" : number() }.joined(separator: ",") + "]" }.joined(separator: ",\(space)") + "]")
            } else {
                let edges = (0..<mentees).flatMap { e in (0..<mentors).filter { _ in Bool.random(using: &generator) }.map { "{\"mentee\": \"é\(e)\", \"score\": \(number()), \"mentor\": \"m\($0)\"}" } }
                fields.append("\"edges\": [\(edges.joined(separator: ","))]")
                fields.append("\"forbidden\": [{\"mentee\": \"é0\", \"mentor\": \"m0\"}]")
            }
            if round % 5 == 0 { fields.append("\"version\": 1.0, \"locked\": null, \"groups\": [{\"id\": \"g\", \"mentees\": [\"é0\"], \"maxPerMentor\": 1}]") }
            let json = "\(space){" + fields.shuffled(using: &generator).joined(separator: ",\(space)") + "}\(space)"
            #expect(ProblemJSONReader.document(Data(json.utf8)) != nil, "the fast reader reads round \(round)")
            let slow = try slowProblem(json)
            let fast = try Problem(data: Data(json.utf8), format: .json)
            #expect(dump(fast) == dump(slow), "round \(round): \(json)")
        }
    }

    @Test func leavesTheRestToTheDecoder() throws {
        let cases = [
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[1]], "extra": 1}"#,  // unknown key
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[1]], "scores": [[2]]}"#,  // repeated key
            #"{"mentors": [{"id": "m\u0041"}], "mentees": [{"id": "e"}], "scores": [[1]]}"#,  // escape
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[1, 2]]}"#,  // shape
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[01]]}"#,  // leading zero
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[1e400]]}"#,  // not finite
            #"{"mentors": [{"id": "m", "capacity": 1.5}], "mentees": [{"id": "e"}], "scores": [[1]]}"#,  // not whole
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[1]]} x"#,  // trailing text
            #"{"mentors": [{"id": "m"}], "mentees": [{"id": "e"}], "scores": [[true]]}"#,  // wrong type
        ]
        for json in cases {
            #expect(ProblemJSONReader.document(Data(json.utf8)) == nil, "\(json)")
        }
        // The escape is fine for the decoder, so the problem still reads.
        #expect(try Problem(data: Data(cases[2].utf8), format: .json).mentors[0].id == "mA")
    }
}
