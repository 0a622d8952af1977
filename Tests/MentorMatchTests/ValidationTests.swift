import Testing
import MentorMatch

@Suite struct ValidationTests {
    let mentees: [Problem.Mentee] = [.init(id: "a"), .init(id: "b")]
    let mentors: [Problem.Mentor] = [.init(id: "x"), .init(id: "y")]
    let matrix = Problem.Scores.matrix(ScoreMatrix([[1, 2], [3, nil]]))

    func problem(
        mentees: [Problem.Mentee]? = nil, mentors: [Problem.Mentor]? = nil, scores: Problem.Scores? = nil,
        locked: [Problem.Pair] = [], forbidden: [Problem.Pair] = []
    ) throws -> Problem {
        try Problem(
            mentees: mentees ?? self.mentees, mentors: mentors ?? self.mentors, scores: scores ?? matrix, locked: locked,
            forbidden: forbidden)
    }

    @Test func duplicateIds() {
        #expect(throws: MatchingError.duplicateMentee("a")) { try problem(mentees: [.init(id: "a"), .init(id: "a")]) }
        #expect(throws: MatchingError.duplicateMentor("y")) { try problem(mentors: [.init(id: "y"), .init(id: "y")]) }
    }

    @Test func unknownIds() {
        #expect(throws: MatchingError.unknownMentee("c", context: "edge")) {
            try problem(scores: .edges([.init(mentee: "c", mentor: "x", score: 1)]))
        }
        #expect(throws: MatchingError.unknownMentor("z", context: "edge")) {
            try problem(scores: .edges([.init(mentee: "a", mentor: "z", score: 1)]))
        }
        #expect(throws: MatchingError.unknownMentor("z", context: "locked pair")) { try problem(locked: [.init(mentee: "a", mentor: "z")]) }
        #expect(throws: MatchingError.unknownMentee("q", context: "forbidden pair")) {
            try problem(forbidden: [.init(mentee: "q", mentor: "x")])
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -2e15])
    func invalidScores(score: Double) {
        // Compare messages: NaN never equals itself, so the error values cannot be compared.
        func expectInvalid(_ scores: Problem.Scores, mentor: String) {
            let expected = MatchingError.invalidScore(mentee: "b", mentor: mentor, score: score).description
            #expect(performing: { try problem(scores: scores) }, throws: { "\($0)" == expected })
        }
        expectInvalid(.matrix(ScoreMatrix([[1, 2], [score, nil]])), mentor: "x")
        expectInvalid(.edges([.init(mentee: "b", mentor: "x", score: score)]), mentor: "x")
        expectInvalid(.matrix(ScoreMatrix(rowCount: 2, columnCount: 2, values: [1, 2, 3, score])), mentor: "y")
    }

    @Test func twoToTheFiftyThreeIsRejectedNotRounded() {
        // 2^53 + 1, written in a file, reads as the Double 2^53, where sums start to round: scipy
        // returns a non-optimal answer there; we refuse every score above 10^15.
        #expect(throws: MatchingError.self) {
            try problem(scores: .matrix(ScoreMatrix(rowCount: 2, columnCount: 2, values: [0x1p53, 1, 1, 1])))
        }
    }

    @Test func capacities() {
        #expect(throws: MatchingError.negativeCapacity(mentor: "x", capacity: -1)) {
            try problem(mentors: [.init(id: "x", capacity: -1), .init(id: "y")])
        }
        #expect(throws: MatchingError.negativeMinimum(mentor: "x", minimum: -2)) {
            try problem(mentors: [.init(id: "x", capacity: 1, minimum: -2), .init(id: "y")])
        }
        #expect(throws: MatchingError.minimumAboveCapacity(mentor: "y", minimum: 3, capacity: 2)) {
            try problem(mentors: [.init(id: "x"), .init(id: "y", capacity: 2, minimum: 3)])
        }
    }

    @Test func lockedPairs() {
        #expect(throws: MatchingError.lockedPairForbidden(mentee: "a", mentor: "x")) {
            try problem(locked: [.init(mentee: "a", mentor: "x")], forbidden: [.init(mentee: "a", mentor: "x")])
        }
        #expect(throws: MatchingError.lockedPairNotAllowed(mentee: "b", mentor: "y")) { try problem(locked: [.init(mentee: "b", mentor: "y")]) }
        #expect(throws: MatchingError.menteeOverLocked(mentee: "a", locked: 2, demand: 1)) {
            try problem(mentors: [.init(id: "x", capacity: 2), .init(id: "y")], locked: [.init(mentee: "a", mentor: "x"), .init(mentee: "a", mentor: "y")])
        }
        #expect(throws: MatchingError.mentorOverLocked(mentor: "x", locked: 2, capacity: 1)) {
            try problem(locked: [.init(mentee: "a", mentor: "x"), .init(mentee: "b", mentor: "x")])
        }
    }

    @Test func shapeMismatch() {
        #expect(throws: MatchingError.shapeMismatch("1 rows for 2 mentees")) { try problem(scores: .matrix(ScoreMatrix([[1, 2]]))) }
        #expect(throws: MatchingError.shapeMismatch("row of mentee 'b' has 1 entries for 2 mentors")) {
            try problem(scores: .matrix(ScoreMatrix([[1, 2], [3]])))
        }
        #expect(throws: MatchingError.self) { try problem(scores: .matrix(ScoreMatrix(rowCount: 2, columnCount: 2, values: [1, 2, 3]))) }
    }

    @Test func duplicateEdge() {
        #expect(throws: MatchingError.duplicatePair(mentee: "a", mentor: "x", context: "edges")) {
            try problem(scores: .edges([.init(mentee: "a", mentor: "x", score: 1), .init(mentee: "b", mentor: "x", score: 1), .init(mentee: "a", mentor: "x", score: 2)]))
        }
    }

    @Test func demandsAndGroups() {
        #expect(throws: MatchingError.negativeDemand(mentee: "b", demand: -1)) { try problem(mentees: [.init(id: "a"), .init(id: "b", demand: -1)]) }
        #expect(throws: MatchingError.duplicatePair(mentee: "a", mentor: "x", context: "locked pairs")) {
            try problem(mentees: [.init(id: "a", demand: 2), .init(id: "b")], mentors: [.init(id: "x", capacity: 2), .init(id: "y")],
                locked: [.init(mentee: "a", mentor: "x"), .init(mentee: "a", mentor: "x")])
        }
        let group = Problem.Group(id: "g", mentees: ["a"], maxPerMentor: 1)
        func withGroups(_ groups: [Problem.Group]) throws -> Problem {
            try Problem(mentees: mentees, mentors: mentors, scores: matrix, groups: groups)
        }
        #expect(throws: MatchingError.duplicateGroup("g")) { try withGroups([group, group]) }
        #expect(throws: MatchingError.negativeGroupLimit(group: "h", limit: -1)) { try withGroups([.init(id: "h", mentees: [], maxPerMentor: -1)]) }
        #expect(throws: MatchingError.unknownMentee("z", context: "group 'h'")) { try withGroups([.init(id: "h", mentees: ["z"], maxPerMentor: 1)]) }
        #expect(throws: MatchingError.duplicateGroupMember(group: "h", mentee: "a")) {
            try withGroups([.init(id: "h", mentees: ["a", "b", "a"], maxPerMentor: 1)])
        }
    }

    @Test func messagesNameTheCulprit() {
        #expect(MatchingError.duplicateMentee("ana").description == "duplicate mentee id 'ana'")
        #expect(MatchingError.unknownMentor("z", context: "locked pair").description == "unknown mentor 'z' in locked pair")
        #expect(MatchingError.mentorOverLocked(mentor: "x", locked: 2, capacity: 1).description == "mentor 'x' has 2 locked mentees but capacity 1")
    }
}

/// People named by their positions ("0", "1", ...) are found without a table, and only by the
/// exact decimal text of a position; any other list by its table.
@Suite struct IdIndexTests {
    @Test func positionsNameThemselvesAndNothingElse() throws {
        let problem = try Problem(
            mentees: (0..<12).map { .init(id: String($0)) }, mentors: [.init(id: "0", capacity: 12)],
            scores: .indexedEdges(mentees: Array(0..<12), mentors: Array(repeating: 0, count: 12), scores: Array(repeating: 1, count: 12)))
        #expect((0..<12).allSatisfy { problem.menteeIndex[String($0)] == $0 })
        for id in ["12", "-1", "007", "+3", " 3", "3 ", "", "1e1", "x"] { #expect(problem.menteeIndex[id] == nil, "'\(id)'") }
        let solution = try HungarianSolver().solve(problem)
        #expect(try problem.verify(solution) == .provenOptimal && solution.assigned == 12)
    }

    @Test func otherIdsGoThroughTheirTableAndRepeatsAreRefused() throws {
        let ids = ["1", "0", "2"]  // positions, but not in order
        let problem = try Problem(mentees: ids.map { .init(id: $0) }, mentors: [.init(id: "m", capacity: 3)], scores: .matrix(ScoreMatrix([[1], [2], [3]])))
        #expect(ids.enumerated().allSatisfy { problem.menteeIndex[$0.element] == $0.offset })
        #expect(throws: MatchingError.duplicateMentee("0")) {
            try Problem(mentees: ["0", "1", "0"].map { .init(id: $0) }, mentors: [.init(id: "m")], scores: .matrix(ScoreMatrix([[1], [2], [3]])))
        }
    }
}
