import Foundation
import Testing
import MentorMatch

@Suite struct ProblemFileTests {
    func read(_ text: String, _ format: ProblemFormat = .json) throws -> Problem {
        try Problem(data: Data(text.utf8), format: format)
    }

    /// The error message a file produces, or "" if it reads.
    func message(_ text: String, _ format: ProblemFormat = .json) -> String {
        do {
            _ = try read(text, format)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func theDocumentedShapeIsAccepted() throws {
        let problem = try read(
            """
            {"sense": "maximize", "mentors": [{"id": "m1", "capacity": 2, "minimum": 0}, {"id": "m2"}],
              "mentees": [{"id": "e1"}], "scores": [[4.5, null]], "locked": [{"mentee": "e1", "mentor":
              "m1"}], "forbidden": [{"mentee": "e1", "mentor": "m2"}]}
            """)
        #expect(problem.sense == .maximize)
        #expect(problem.mentors == [.init(id: "m1", capacity: 2), .init(id: "m2")])
        #expect(problem.score(mentee: 0, mentor: 0) == 4.5)
        #expect(problem.score(mentee: 0, mentor: 1) == nil)
        #expect(problem.isLocked(mentee: 0, mentor: 0))
        let solution = try HungarianSolver().solve(problem)
        #expect(solution.objective == 4.5)
    }

    @Test func edgesAndDefaults() throws {
        let problem = try read(
            """
            {"mentors": [{"id": "m1"}], "mentees": [{"id": "e1"}, {"id": "e2"}],
             "edges": [{"mentee": "e2", "mentor": "m1", "score": 3}]}
            """)
        #expect(problem.sense == .maximize)
        #expect(problem.mentors[0].capacity == 1 && problem.mentors[0].minimum == 0)
        #expect(problem.score(mentee: 1, mentor: 0) == 3)
        #expect(problem.score(mentee: 0, mentor: 0) == nil)
        #expect(try HungarianSolver().solve(problem).unassigned == ["e1"])
    }

    @Test func demandAndGroups() throws {
        let problem = try read(
            """
            {"mentors": [{"id": "m1", "capacity": 2}, {"id": "m2", "minimum": 1}], "mentees": [{"id": "e1", "demand": 2}, {"id": "e2"}],
             "scores": [[1, 2], [3, 4]], "groups": [{"id": "org-7", "mentees": ["e1", "e2"], "maxPerMentor": 1}]}
            """)
        #expect(problem.mentees[0].demand == 2)
        #expect(problem.groups == [.init(id: "org-7", mentees: ["e1", "e2"], maxPerMentor: 1)])
        #expect(problem.requirements == [.minimumLoads, .menteeDemand, .groupLimits])
        #expect(message(#"{"mentors": [], "mentees": [], "scores": [], "groups": [{"id": "g", "mentees": []}]}"#) == "missing field `groups[0].maxPerMentor`")
    }

    @Test func jsonErrorsNameTheField() {
        let mentors = #""mentors": [{"id": "m1"}], "mentees": [{"id": "e1"}]"#
        #expect(message("{\(mentors)}") == "missing field: give either `scores` or `edges`")
        #expect(message(#"{\#(mentors), "scores": [[1]], "edges": []}"#) == "fields `scores` and `edges` are exclusive: give only one")
        #expect(message(#"{\#(mentors), "scores": [[1, "a"]]}"#).hasPrefix("field `scores[0][1]`"))
        #expect(message(#"{\#(mentors), "scores": [1, 2, 3]}"#).hasPrefix("field `scores[0]`"))
        #expect(message(#"{"mentors": [{"id": "m1", "capcity": 2}], "mentees": [], "scores": []}"#) == "field `mentors[0].capcity`: unknown field")
        #expect(
            message(#"{"mentors": [{"id": "m1"}], "mentees": [{"id": "e1"}], "edges": [{"mentee": "e1", "mentor": "m1", "score": 1, "wieght": 2}]}"#)
                == "field `edges[0].wieght`: unknown field")
        #expect(
            message(#"{"mentors": [{"id": "m1"}], "mentees": [{"id": "e1"}], "scores": [[1]], "locked": [{"mentee": "e1", "mentr": "m1"}]}"#)
                == "field `locked[0].mentr`: unknown field")
        #expect(message(#"{"mentors": [{"capacity": 2}], "mentees": [], "scores": []}"#) == "missing field `mentors[0].id`")
        #expect(message(#"{\#(mentors), "scores": [[1]], "sense": "best"}"#).hasPrefix("field `sense`"))
        #expect(message(#"{\#(mentors), "scores": [[1]], "version": 2}"#).contains("unsupported version 2"))
        #expect(message(#"{\#(mentors), "scores": [[1e400]]}"#).contains("1e400 is not representable"))
        #expect(message("{\n\"mentors\": [],\n \"mentees\": [] x }").hasPrefix("not valid JSON, line 3"))
        #expect(message("{\"mentors\": [").hasPrefix("not valid JSON"))
        #expect(message(#"{\#(mentors), "scores": [[1]], "locked": [{"mentee": "e9", "mentor": "m1"}]}"#) == "unknown mentee 'e9' in locked pair")
    }

    @Test func orLibraryDense() throws {
        let problem = try read("2\n 3 1\n 1 3\n", .orlib)
        #expect(problem.sense == .minimize)
        #expect(problem.mentees.map(\.id) == ["1", "2"])
        #expect(try HungarianSolver().solve(problem).objective == 2)
    }

    @Test func orLibrarySparse() throws {
        let problem = try read("3\n1 2 5\n2 1 4\n3 3 1\n1 1 9\n", .orlibSparse)
        let solution = try HungarianSolver().solve(problem)
        #expect(solution.objective == 10)
        #expect(solution.assignments.map(\.mentor) == ["2", "1", "3"])
    }

    @Test func orLibraryErrorsNameTheLine() {
        #expect(message("", .orlib) == "empty file: expected the size n")
        #expect(message("2\n1 2\n3\n", .orlib) == "line 4: expected 4 costs for n = 2, found 3")
        #expect(message("2\n1 2\n3 4 5\n", .orlib) == "line 3: more than the 4 costs expected for n = 2")
        #expect(message("2\n1 x\n3 4\n", .orlib) == "line 2: 'x' is not a number")
        #expect(message("2.5\n", .orlib) == "line 1: size 2.5 is not a non-negative whole number")
        #expect(message("2000000000\n1 2 3\n", .orlib) == "line 1: size n = 2000000000 is larger than the whole file (17 bytes)")
        #expect(message("2\n1 2 3\n2 1\n", .orlibSparse) == "line 3: incomplete triple 'i j cost' at the end of the file")
        #expect(message("2\n1 3 3\n", .orlibSparse) == "line 2: pair 1.0 3.0 is outside 1...2")
        #expect(message("2\n1 1 3\n1 1 4\n", .orlibSparse) == "pair mentee '1', mentor '1' is listed twice in edges")
    }
}
