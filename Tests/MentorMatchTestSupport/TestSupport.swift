import Foundation
import Testing
import MentorMatch

/// The seeded generator of every random test, so each is reproducible from its seed.
package typealias SeededGenerator = SplitMix64

/// The shape of a random problem; every field is a range to draw from.
package struct RandomProblemShape {
    package var mentees: ClosedRange<Int> = 1...6
    package var mentors: ClosedRange<Int> = 1...6
    package var capacity: ClosedRange<Int> = 0...3
    package var scores: ClosedRange<Int> = -5...20
    /// Chance that a pair is allowed.
    package var density = 0.7
    /// Chance that an allowed pair is locked (when still possible) or forbidden.
    package var lockChance = 0.05
    package var forbidChance = 0.05
    package var sparse = false
    /// Side constraints, off by default: mentee demands, the chance that a mentor gets a random
    /// minimum up to its capacity, and random groups with limits.
    package var demand: ClosedRange<Int> = 1...1
    package var minimumChance = 0.0
    package var groupCount = 0
    /// Whether the groups are disjoint or nested (a laminar family, a flow network) instead of
    /// random subsets that may overlap.
    package var laminarGroups = false
    /// Added to every score, to move them off whole numbers.
    package var fraction = 0.0

    package init(
        mentees: ClosedRange<Int> = 1...6, mentors: ClosedRange<Int> = 1...6, capacity: ClosedRange<Int> = 0...3,
        scores: ClosedRange<Int> = -5...20
    ) {
        (self.mentees, self.mentors, self.capacity, self.scores) = (mentees, mentors, capacity, scores)
    }

    /// Turns on every side constraint a flow network expresses: demands of 1 or 2, a minimum on
    /// about a third of the mentors, and two disjoint or nested groups.
    package mutating func addNetworkSideConstraints() {
        demand = 1...2
        minimumChance = 0.3
        groupCount = 2
        laminarGroups = true
    }
}

/// A random valid problem with integer scores (so optimal totals are exact).
package func randomProblem(_ shape: RandomProblemShape, sense: Problem.Sense, using generator: inout SeededGenerator) throws -> Problem {
    let menteeCount = Int.random(in: shape.mentees, using: &generator)
    let mentorCount = Int.random(in: shape.mentors, using: &generator)
    let mentees = (0..<menteeCount).map { Problem.Mentee(id: "e\($0)", demand: Int.random(in: shape.demand, using: &generator)) }
    let mentors = (0..<mentorCount).map { index -> Problem.Mentor in
        let capacity = Int.random(in: shape.capacity, using: &generator)
        let minimum = Double.random(in: 0..<1, using: &generator) < shape.minimumChance ? Int.random(in: 0...capacity, using: &generator) : 0
        return Problem.Mentor(id: "m\(index)", capacity: capacity, minimum: minimum)
    }
    var rows: [[Double?]] = []
    var locked: [Problem.Pair] = [], forbidden: [Problem.Pair] = []
    var lockedLoad = [Int](repeating: 0, count: mentorCount)
    for mentee in mentees {
        var row: [Double?] = []
        var isLocked = false
        for (index, mentor) in mentors.enumerated() {
            guard Double.random(in: 0..<1, using: &generator) < shape.density else {
                row.append(nil)
                continue
            }
            row.append(Double(Int.random(in: shape.scores, using: &generator)) + shape.fraction)
            let draw = Double.random(in: 0..<1, using: &generator)
            if draw < shape.lockChance, !isLocked, mentee.demand > 0, lockedLoad[index] < mentor.capacity {
                locked.append(.init(mentee: mentee.id, mentor: mentor.id))
                lockedLoad[index] += 1
                isLocked = true
            } else if draw > 1 - shape.forbidChance {
                forbidden.append(.init(mentee: mentee.id, mentor: mentor.id))
            }
        }
        rows.append(row)
    }
    let scores: Problem.Scores
    if shape.sparse {
        var edges: [Problem.Edge] = []
        for (row, mentee) in zip(rows, mentees) {
            for (score, mentor) in zip(row, mentors) { if let score { edges.append(.init(mentee: mentee.id, mentor: mentor.id, score: score)) } }
        }
        scores = .edges(edges.shuffled(using: &generator))
    } else {
        scores = .matrix(ScoreMatrix(rows))
    }
    let groups: [Problem.Group]
    if shape.laminarGroups {
        // Each mentee gets a branch (0...2) and a twig (0...1): groups are branches and twigs.
        let labels = mentees.map { _ in (Int.random(in: 0...2, using: &generator), Int.random(in: 0...1, using: &generator)) }
        let candidates = (0...2).map { [$0, -1] } + (0...2).flatMap { branch in (0...1).map { [branch, $0] } }
        groups = candidates.shuffled(using: &generator).prefix(shape.groupCount).enumerated().map { index, key in
            Problem.Group(
                id: "g\(index)", mentees: zip(mentees, labels).filter { $1.0 == key[0] && (key[1] < 0 || $1.1 == key[1]) }.map(\.0.id),
                maxPerMentor: Int.random(in: 0...2, using: &generator))
        }
    } else {
        groups = (0..<shape.groupCount).map { index in
            Problem.Group(
                id: "g\(index)", mentees: mentees.map(\.id).filter { _ in Bool.random(using: &generator) },
                maxPerMentor: Int.random(in: 0...2, using: &generator))
        }
    }
    // Drop locks that break a group limit: they would make the problem trivially infeasible.
    locked = locked.filter { pair in
        groups.allSatisfy { group in
            !group.mentees.contains(pair.mentee)
                || locked.filter { $0.mentor == pair.mentor && group.mentees.contains($0.mentee) }.count <= group.maxPerMentor
        }
    }
    return try Problem(
        sense: sense, mentees: mentees, mentors: mentors, scores: scores, locked: locked, forbidden: forbidden, groups: groups)
}

/// The best (assigned pairs, total score) over every feasible assignment, by exhaustive search,
/// honouring demands, minimums, locks and group limits; `nil` when no assignment is feasible.
package func bruteForceOptimum(_ problem: Problem) -> (assigned: Int, total: Double)? {
    var best: (assigned: Int, total: Double)?
    var load = [Int](repeating: 0, count: problem.mentors.count)
    var groupLoad = [[Int]](repeating: [Int](repeating: 0, count: problem.mentors.count), count: problem.groups.count)
    let groupsOfMentee = problem.mentees.indices.map { mentee in problem.groups.indices.filter { problem.members(ofGroup: $0).contains(mentee) } }
    func better(_ a: (assigned: Int, total: Double), than b: (assigned: Int, total: Double)?) -> Bool {
        guard let b else { return true }
        if a.assigned != b.assigned { return a.assigned > b.assigned }
        return problem.sense == .maximize ? a.total > b.total : a.total < b.total
    }
    /// Chooses mentors for `mentee` from index `mentor` on, with `left` more allowed.
    func choose(_ mentee: Int, from mentor: Int, left: Int, assigned: Int, total: Double) {
        guard mentor < problem.mentors.count else {
            visit(mentee + 1, assigned: assigned, total: total)
            return
        }
        let locked = problem.isLocked(mentee: mentee, mentor: mentor)
        if !locked { choose(mentee, from: mentor + 1, left: left, assigned: assigned, total: total) }
        guard left > 0, let score = problem.score(mentee: mentee, mentor: mentor), load[mentor] < problem.mentors[mentor].capacity,
            groupsOfMentee[mentee].allSatisfy({ groupLoad[$0][mentor] < problem.groups[$0].maxPerMentor })
        else { return }
        load[mentor] += 1
        for group in groupsOfMentee[mentee] { groupLoad[group][mentor] += 1 }
        choose(mentee, from: mentor + 1, left: left - 1, assigned: assigned + 1, total: total + score)
        load[mentor] -= 1
        for group in groupsOfMentee[mentee] { groupLoad[group][mentor] -= 1 }
    }
    func visit(_ mentee: Int, assigned: Int, total: Double) {
        guard mentee < problem.mentees.count else {
            let meetsMinimums = zip(load, problem.mentors).allSatisfy { $0 >= $1.minimum }
            if meetsMinimums, better((assigned, total), than: best) { best = (assigned, total) }
            return
        }
        choose(mentee, from: 0, left: problem.mentees[mentee].demand, assigned: assigned, total: total)
    }
    visit(0, assigned: 0, total: 0)
    return best
}

/// `../shared/datasets` beside the repository, if present.
package let sharedDatasets: URL? = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/datasets")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// Solves `problem` with `solver` and checks the answer against brute force: the same number of
/// pairs and total score, status optimal and `verdict` from verification; or, where brute force
/// finds no feasible assignment, that the solver says infeasible. Returns whether it was feasible.
@discardableResult
package func expectBruteForce(_ solver: any MatchingSolver, _ problem: Problem, verdict: Problem.Verdict, _ context: String) throws -> Bool {
    guard let best = bruteForceOptimum(problem) else {
        #expect(Comment(rawValue: context), performing: { try solver.solve(problem) }, throws: { error in
            if case MatchingError.infeasible = error { return true }
            return false
        })
        return false
    }
    let solution = try solver.solve(problem)
    #expect(try problem.verify(solution) == verdict, "\(context)")
    #expect(solution.status == .optimal, "\(context)")
    #expect(solution.assigned == best.assigned, "\(context)")
    #expect(abs(solution.objective - best.total) <= 1e-9 * (1 + abs(best.total)), "\(context)")
    return true
}

/// The conformance every exact solver must show: on 120 small random problems (matrix and edge
/// input, both senses, scores moved off whole numbers by `fraction`), its verified answer has as
/// many pairs and the same total as brute force.
package func expectSmallProblemsMatchBruteForce(_ solver: any MatchingSolver, fraction: Double, seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    for round in 0..<120 {
        var shape = RandomProblemShape(mentees: 1...6, mentors: 1...4)
        shape.density = Double.random(in: 0.2...1, using: &generator)
        shape.sparse = round.isMultiple(of: 2)
        shape.fraction = fraction
        let sense: Problem.Sense = round.isMultiple(of: 3) ? .minimize : .maximize
        let problem = try randomProblem(shape, sense: sense, using: &generator)
        let solution = try solver.solve(problem)
        try problem.verify(solution)
        let best = try #require(bruteForceOptimum(problem))
        #expect(solution.assigned == best.assigned, "\(solver.name) round \(round)")
        #expect(abs(solution.objective - best.total) <= 1e-9 * (1 + abs(best.total)), "\(solver.name) round \(round)")
    }
}

/// The same problem (with many ties) twice gives the same assignment.
package func expectDeterministic(_ solver: any MatchingSolver) throws {
    var generator = SeededGenerator(seed: 5)
    let problem = try randomProblem(RandomProblemShape(mentees: 30...30, mentors: 8...8, scores: 0...3), sense: .maximize, using: &generator)
    let first = try solver.solve(problem)
    #expect(try solver.solve(problem).assignments == first.assignments, "\(solver.name)")
}

/// A solver started in a task that is already cancelled throws ``MatchingError/cancelled``.
package func expectCancellationStops(_ solver: any MatchingSolver, on problem: Problem) async {
    let task = Task { () throws -> Solution in
        while !Task.isCancelled { await Task.yield() }  // start solving only once cancelled
        return try solver.solve(problem)
    }
    task.cancel()
    await #expect(throws: MatchingError.cancelled, "\(solver.name)") { try await task.value }
}

/// The hostile corpus in `Tests/Hostile/`: malformed and extreme files, each of which must give a
/// clear error (or a correct answer), never a crash or a hang. `expected.json` maps each file to a
/// piece of the expected error message, "ok" for a file that must read (and solve), or "" for
/// "any clear error".
package enum HostileCorpus {
    package static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Hostile")

    /// The (file name, expected outcome) pairs whose names `include` accepts, sorted by name.
    package static func cases(where include: (String) -> Bool) -> [(String, String)] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
            let map = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [] }
        return map.sorted { $0.key < $1.key }.filter { include($0.key) }
    }

    /// `"ok"` if `body` returns, else `"error: "` and the error.
    package static func outcome(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "ok"
        } catch {
            return "error: \(error)"
        }
    }

    /// Checks an outcome against the corpus's expectation for the file.
    package static func expect(_ outcome: String, for name: String, expected: String) {
        switch expected {
        case "ok": #expect(outcome == "ok", "\(name)")
        case "": #expect(outcome.hasPrefix("error: ") && outcome.count > 10, "\(name): \(outcome)")
        default: #expect(outcome.hasPrefix("error: ") && outcome.contains(expected), "\(name): \(outcome)")
        }
    }
}

/// Every assignment of a small problem with unit demands: per mentee its mentor, or `nil`, using
/// only pairs that `allowed` accepts, within capacities, with every locked pair kept.
package func allAssignments(of problem: Problem, allowed: (_ mentee: Int, _ mentor: Int) -> Bool) -> [[Int?]] {
    var result: [[Int?]] = []
    var mentorOf = [Int?](repeating: nil, count: problem.mentees.count)
    var load = [Int](repeating: 0, count: problem.mentors.count)
    func visit(_ mentee: Int) {
        guard mentee < problem.mentees.count else { return result.append(mentorOf) }
        let locked = problem.mentors.indices.first { problem.isLocked(mentee: mentee, mentor: $0) }
        if locked == nil { visit(mentee + 1) }
        for mentor in problem.mentors.indices where (locked ?? mentor) == mentor && allowed(mentee, mentor) {
            guard load[mentor] < problem.mentors[mentor].capacity else { continue }
            mentorOf[mentee] = mentor
            load[mentor] += 1
            visit(mentee + 1)
            load[mentor] -= 1
            mentorOf[mentee] = nil
        }
    }
    visit(0)
    return result
}

/// The problem with about a third of its allowed pairs, drawn at random, as incumbents.
package func withRandomIncumbents(_ problem: Problem, using generator: inout SeededGenerator) throws -> Problem {
    var edges: [Problem.Edge] = [], incumbents: [Problem.Pair] = []
    problem.forEachAllowedPair { mentee, mentor, score in
        let pair = Problem.Pair(mentee: problem.mentees[mentee].id, mentor: problem.mentors[mentor].id)
        edges.append(.init(mentee: pair.mentee, mentor: pair.mentor, score: score))
        if Double.random(in: 0..<1, using: &generator) < 0.35 { incumbents.append(pair) }
    }
    return try Problem(
        sense: problem.sense, mentees: problem.mentees, mentors: problem.mentors, scores: .edges(edges), locked: problem.locked,
        forbidden: problem.forbidden, groups: problem.groups, incumbents: incumbents)
}

/// How many of the problem's incumbents the solution keeps.
package func keptIncumbents(_ solution: Solution, _ problem: Problem) -> Int {
    let incumbents = Set(problem.incumbents)
    return solution.assignments.filter { incumbents.contains(.init(mentee: $0.mentee, mentor: $0.mentor)) }.count
}

/// A random capacitated shortlist, the shape cost scaling takes with capacities: each mentee
/// allowed `candidates` distinct random mentors (sparse edges, so that the solver's subproblems stay
/// sparse), whole-number scores plus `fraction`, and `lockCount` locked pairs where room allows.
package func randomShortlist(
    mentees menteeCount: Int, mentors mentorCount: Int, candidates: ClosedRange<Int>, capacity: ClosedRange<Int>,
    scores: ClosedRange<Int>, fraction: Double = 0, lockCount: Int = 0, sense: Problem.Sense, using generator: inout SeededGenerator
) throws -> Problem {
    let mentors = (0..<mentorCount).map { Problem.Mentor(id: "m\($0)", capacity: Int.random(in: capacity, using: &generator)) }
    var edges: [Problem.Edge] = []
    var locked: [Problem.Pair] = []
    var lockedLoad = [Int](repeating: 0, count: mentorCount)
    for mentee in 0..<menteeCount {
        let count = min(Int.random(in: candidates, using: &generator), mentorCount)
        var chosen = Set<Int>()
        while chosen.count < count { chosen.insert(Int.random(in: 0..<mentorCount, using: &generator)) }
        for mentor in chosen.sorted() {
            edges.append(.init(mentee: "e\(mentee)", mentor: "m\(mentor)", score: Double(Int.random(in: scores, using: &generator)) + fraction))
        }
        if locked.count < lockCount, let mentor = chosen.min(), lockedLoad[mentor] < mentors[mentor].capacity {
            locked.append(.init(mentee: "e\(mentee)", mentor: "m\(mentor)"))
            lockedLoad[mentor] += 1
        }
    }
    return try Problem(
        sense: sense, mentees: (0..<menteeCount).map { .init(id: "e\($0)") }, mentors: mentors, scores: .edges(edges), locked: locked)
}
