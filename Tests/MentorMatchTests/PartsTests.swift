import Foundation
import Testing
import MentorMatch
import MentorMatchTestSupport

/// A problem cut into its independent parts, each solved alone, and put together again.
@Suite struct PartsTests {
    /// A random problem of `blocks` groups of people with pairs only inside a group (so at least
    /// that many parts where a group has a pair), people in shuffled order, some of them without
    /// any pair, capacities 0 to 3, a few locked and forbidden pairs; edges or a matrix.
    static func blockProblem(blocks: Int, sense: Problem.Sense, edges: Bool, using generator: inout SeededGenerator) throws -> Problem {
        var mentees: [(id: String, block: Int)] = [], mentors: [(mentor: Problem.Mentor, block: Int)] = []
        for block in 0..<blocks {
            for index in 0..<Int.random(in: 1...9, using: &generator) { mentees.append(("e\(block)-\(index)", block)) }
            for index in 0..<Int.random(in: 1...4, using: &generator) {
                mentors.append((Problem.Mentor(id: "m\(block)-\(index)", capacity: Int.random(in: 0...3, using: &generator)), block))
            }
        }
        mentees.shuffle(using: &generator)
        mentors.shuffle(using: &generator)
        var rows: [[Double?]] = [], locked: [Problem.Pair] = [], forbidden: [Problem.Pair] = []
        var lockedLoad = [Int](repeating: 0, count: mentors.count)
        for mentee in mentees {
            let alone = Double.random(in: 0..<1, using: &generator) < 0.1
            var row: [Double?] = [], isLocked = false
            for (index, mentor) in mentors.enumerated() {
                guard !alone, mentor.block == mentee.block, Double.random(in: 0..<1, using: &generator) < 0.6 else {
                    row.append(nil)
                    continue
                }
                row.append(Double(Int.random(in: -5...20, using: &generator)))
                let draw = Double.random(in: 0..<1, using: &generator)
                if draw < 0.05, !isLocked, lockedLoad[index] < mentor.mentor.capacity {
                    locked.append(.init(mentee: mentee.id, mentor: mentor.mentor.id))
                    lockedLoad[index] += 1
                    isLocked = true
                } else if draw > 0.95 {
                    forbidden.append(.init(mentee: mentee.id, mentor: mentor.mentor.id))
                }
            }
            rows.append(row)
        }
        let scores: Problem.Scores
        if edges {
            var list: [Problem.Edge] = []
            for (row, mentee) in zip(rows, mentees) {
                for (score, mentor) in zip(row, mentors) { if let score { list.append(.init(mentee: mentee.id, mentor: mentor.mentor.id, score: score)) } }
            }
            scores = .edges(list)
        } else {
            scores = .matrix(ScoreMatrix(rows))
        }
        return try Problem(
            sense: sense, mentees: mentees.map { .init(id: $0.id) }, mentors: mentors.map(\.mentor), scores: scores, locked: locked, forbidden: forbidden)
    }

    /// The parts' answers, put together, are an answer to the whole problem, proven optimal by the
    /// joined certificate, with the optimum of a solve of the whole. (Among equally good answers
    /// the pairs may differ: a part is denser than the whole, and the solver's graph form and
    /// with it its choice among ties follow the density.)
    @Test func partsSolvedApartAndJoinedAreTheWholeAnswer() throws {
        var generator = SeededGenerator(seed: 2026)
        var severalParts = 0
        for index in 0..<80 {
            let sense: Problem.Sense = index % 2 == 0 ? .maximize : .minimize
            let problem = try Self.blockProblem(blocks: Int.random(in: 1...6, using: &generator), sense: sense, edges: index % 4 < 2, using: &generator)
            let parts = try problem.independentParts()
            if parts.count > 1 { severalParts += 1 }
            // Every mentee with an allowed pair is in exactly one part, with all of its pairs.
            var partOfMentee = [Int?](repeating: nil, count: problem.mentees.count)
            for (number, part) in parts.enumerated() {
                #expect(part.problem.mentees.map(\.id) == part.mentees.map { problem.mentees[$0].id })
                #expect(part.problem.mentors.map(\.id) == part.mentors.map { problem.mentors[$0].id })
                for (place, mentee) in part.mentees.enumerated() {
                    #expect(partOfMentee[mentee] == nil)
                    partOfMentee[mentee] = number
                    var pairs: [String] = [], partPairs: [String] = []
                    problem.forEachAllowedMentor(ofMentee: mentee) { pairs.append("\(problem.mentors[$0].id) \($1)") }
                    part.problem.forEachAllowedMentor(ofMentee: place) { partPairs.append("\(part.problem.mentors[$0].id) \($1)") }
                    #expect(pairs == partPairs)
                }
            }
            for mentee in problem.mentees.indices where partOfMentee[mentee] == nil {
                var hasPair = false
                problem.forEachAllowedMentor(ofMentee: mentee) { _, _ in hasPair = true }
                #expect(!hasPair, "mentee \(problem.mentees[mentee].id) has pairs but no part")
            }
            let whole = try HungarianSolver().solve(problem)
            let joined = try problem.joined(parts.map { try HungarianSolver().solve($0.problem) }, of: parts)
            #expect(try problem.verify(joined) == .provenOptimal, "problem \(index)")
            #expect(joined.objective == whole.objective, "problem \(index)")
            #expect(joined.assigned == whole.assigned, "problem \(index)")
        }
        #expect(severalParts >= 50, "most problems fall apart: \(severalParts) of 80")
    }

    /// Side constraints tie the components together: such a problem is one part of everyone,
    /// whose answer is the whole answer.
    @Test func aProblemWithSideConstraintsIsOnePart() throws {
        var generator = SeededGenerator(seed: 31)
        var shape = RandomProblemShape(mentees: 4...12, mentors: 2...6, capacity: 1...3, scores: 0...20)
        shape.addNetworkSideConstraints()
        var checked = 0
        for _ in 0..<10 {
            guard let problem = try? randomProblem(shape, sense: .maximize, using: &generator), !problem.requirements.isEmpty else { continue }
            let parts = try problem.independentParts()
            #expect(parts.count == 1)
            #expect(parts[0].mentees == Array(problem.mentees.indices) && parts[0].mentors == Array(problem.mentors.indices))
            checked += 1
        }
        #expect(checked >= 5, "\(checked) of 10 random problems had side constraints")
    }

    /// Answers of other parts, or too few of them, are refused by name.
    @Test func answersThatAreNotThePartsAreRefused() throws {
        var generator = SeededGenerator(seed: 5)
        var problem = try Self.blockProblem(blocks: 4, sense: .maximize, edges: true, using: &generator)
        while try problem.independentParts().count < 2 { problem = try Self.blockProblem(blocks: 4, sense: .maximize, edges: true, using: &generator) }
        let parts = try problem.independentParts()
        let answers = try parts.map { try HungarianSolver().solve($0.problem) }
        #expect(throws: MatchingError.shapeMismatch("\(parts.count - 1) answers for \(parts.count) parts")) {
            try problem.joined(Array(answers.dropLast()), of: parts)
        }
        guard let pairOfFirst = answers[0].assignments.first else { return }
        var swapped = answers
        swapped[1].assignments.append(pairOfFirst)
        #expect(throws: MatchingError.self) { try problem.joined(swapped, of: parts) }
    }

    /// Problem JSON and solution JSON (with its certificate) read back as what was written.
    @Test func problemAndSolutionJSONReadBackAsWritten() throws {
        var generator = SeededGenerator(seed: 8)
        var shape = RandomProblemShape(mentees: 3...10, mentors: 2...5, capacity: 1...3, scores: -5...20)
        shape.fraction = 0.25
        var solved = 0
        for index in 0..<30 {
            if index == 15 { shape.addNetworkSideConstraints() }
            guard var problem = try? randomProblem(shape, sense: index % 2 == 0 ? .maximize : .minimize, using: &generator) else { continue }
            if index % 3 == 0 { problem = try withRandomIncumbents(problem, using: &generator) }
            let written = try problem.jsonData()
            let read = try Problem(data: written, format: .json)
            #expect(try read.jsonData() == written, "problem \(index): the same bytes again")
            guard let solution = try? HungarianSolver().solve(problem) else { continue }
            #expect(try HungarianSolver().solve(read).jsonData(for: read, includeSeconds: false) == solution.jsonData(for: problem, includeSeconds: false))
            let again = try Solution(jsonData: solution.jsonData(for: problem, includeCertificate: true), for: problem)
            #expect(again.assignments == solution.assignments && again.unassigned == solution.unassigned && again.loads == solution.loads)
            #expect(again.objective == solution.objective && again.status == solution.status && again.certificate == solution.certificate)
            #expect(try problem.verify(again) == .provenOptimal)
            solved += 1
        }
        #expect(solved >= 20, "\(solved) of 30 random problems were valid and solved")
    }
}
