import Testing
@testable import MentorMatch
import MentorMatchTestSupport

@Suite struct VerificationTests {
    let problem: Problem
    let solution: Solution

    init() throws {
        problem = try Problem(
            mentees: [.init(id: "a"), .init(id: "b"), .init(id: "c")], mentors: [.init(id: "x", capacity: 2), .init(id: "y")],
            scores: .matrix(ScoreMatrix([[5, 1], [4, 3], [3, nil]])), locked: [.init(mentee: "c", mentor: "x")])
        solution = try HungarianSolver().solve(problem)
    }

    func failure(_ edit: (inout Solution) -> Void) -> String {
        var tampered = solution
        edit(&tampered)
        do {
            try problem.verify(tampered)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func theSolverAnswerIsProvenOptimal() throws {
        #expect(solution.objective == 5 + 3 + 3)
        #expect(try problem.verify(solution) == .provenOptimal)
        var withoutCertificate = solution
        withoutCertificate.certificate = nil
        #expect(try problem.verify(withoutCertificate) == .feasible)
    }

    @Test func feasibilityFailuresAreNamed() {
        #expect(failure { $0.objective += 1 }.contains("reported objective 12.0, recomputed 11.0"))
        #expect(failure { $0.assignments[0].score = 9 }.contains("reports score 9.0, problem says 5.0"))
        #expect(failure { $0.assignments[1].mentor = "x" }.contains("pair 'b'-'x' reports score 3.0, problem says 4.0"))
        #expect(failure { $0.assignments.removeLast() }.contains("locked pair 'c'-'x' is missing"))
        #expect(failure { $0.unassigned.append("a") }.contains("unassigned lists 1 mentees, but 0 are short of their demand"))
        #expect(failure { $0.loads = [0, 0] }.contains("loads differ"))
        #expect(failure { $0.assignments.append(.init(mentee: "a", mentor: "y", score: 1)) }.contains("'a' is assigned 2 times, demand 1"))
        #expect(failure { $0.assignments.append($0.assignments[0]) }.contains("pair 'a'-'x' is listed twice"))
    }

    @Test func overCapacityIsCaught() throws {
        let tight = try Problem(
            mentees: [.init(id: "a"), .init(id: "b")], mentors: [.init(id: "x")], scores: .matrix(ScoreMatrix([[1], [1]])))
        let wrong = Solution(problem: tight, solver: "test", methods: [], pairs: [(0, 0), (1, 0)], seconds: 0)
        #expect(throws: MatchingError.verificationFailed("mentor 'x' has 2 mentees, capacity 1")) { try tight.verify(wrong) }
    }

    @Test func aSuboptimalAnswerCannotBeCertified() {
        // Swap a and b: feasible, worse, and the genuine prices no longer fit.
        #expect(failure {
            $0 = Solution(problem: problem, solver: "test", methods: [], pairs: [(0, 1), (1, 0), (2, 0)], seconds: 0, certificate: $0.certificate)
        }.contains("certificate"))
        #expect(failure { $0.certificate!.mentors[1].potential += 1 }.contains("reduced cost"))
        #expect(failure { $0.certificate!.sink.sourceSide = true }.contains("the source must be on the source side"))
        #expect(failure { $0.certificate!.mentees[1].sourceSide.toggle() }.contains("the source side"))
    }

    /// Problems without group nodes are checked straight from the score table (matrix rows four
    /// arcs at a time, with rows of 1 to 9 mentors: whole blocks and remainders); the same check
    /// on the built flow network must reach the same verdict, with the same message, on genuine
    /// and tampered certificates (demands, minimums, locks, forbidden pairs, both senses, both
    /// inputs).
    @Test func theCheckWithoutANetworkAgreesWithTheNetworkCheck() throws {
        var generator = SeededGenerator(seed: 2026)
        var shape = RandomProblemShape(mentees: 1...7, mentors: 1...9)
        var (accepted, rejected, matricesWithoutLocks, matricesWithLocks) = (0, 0, 0, 0)
        for trial in 0..<400 {
            shape.demand = trial % 3 == 0 ? 1...2 : 1...1
            shape.minimumChance = trial % 2 == 0 ? 0.3 : 0
            shape.lockChance = 0.1
            shape.sparse = trial % 4 == 1
            let problem = try randomProblem(shape, sense: trial % 5 == 0 ? .minimize : .maximize, using: &generator)
            guard let solution = try? HungarianSolver().solve(problem) else { continue }
            let network = try FlowNetwork(problem, solver: "test")
            if !shape.sparse, problem.lockedIndices.isEmpty { matricesWithoutLocks += 1 }
            if !shape.sparse, !problem.lockedIndices.isEmpty { matricesWithLocks += 1 }
            func verdict(_ solution: Solution, network: FlowNetwork?) -> String {
                do { return "\(try problem.verify(solution, network: network))" } catch { return "\(error)" }
            }
            var tampered = solution
            let certificate = solution.certificate!
            let node = Int.random(in: 0..<(certificate.mentees.count + certificate.mentors.count), using: &generator)
            let shift = Double([-2, -1, 1, 2].randomElement(using: &generator)!)
            switch (node < certificate.mentees.count, Bool.random(using: &generator)) {
            case (true, true): tampered.certificate!.mentees[node].potential += shift
            case (true, false): tampered.certificate!.mentees[node].sourceSide.toggle()
            case (false, true): tampered.certificate!.mentors[node - certificate.mentees.count].potential += shift
            case (false, false): tampered.certificate!.mentors[node - certificate.mentees.count].sourceSide.toggle()
            }
            for candidate in [solution, tampered] {
                let direct = verdict(candidate, network: nil)
                #expect(direct == verdict(candidate, network: network), "trial \(trial)")
                if direct == "provenOptimal" { accepted += 1 } else { rejected += 1 }
            }
        }
        #expect(accepted > 300 && rejected > 100, "\(accepted) accepted, \(rejected) rejected")
        #expect(matricesWithoutLocks > 100 && matricesWithLocks > 20, "\(matricesWithoutLocks) without locked pairs, \(matricesWithLocks) with")
    }

    /// The pair counts behind the network's bounds (`ScoreTable.allowedPairCounts`, matrix rows
    /// four at a time) are the counts taken one pair at a time, for matrix and edge input alike.
    @Test func allowedPairCountsAreThePairByPairCounts() throws {
        var generator = SeededGenerator(seed: 77)
        var shape = RandomProblemShape(mentees: 1...9, mentors: 1...11)
        for trial in 0..<200 {
            shape.sparse = trial.isMultiple(of: 2)
            let problem = try randomProblem(shape, sense: .maximize, using: &generator)
            let counted = problem.mentees.indices.map { _ in Bool.random(using: &generator) }
            var ofMentee = [Int](repeating: 0, count: problem.mentees.count), ofMentor = [Int](repeating: 0, count: problem.mentors.count)
            problem.forEachAllowedPair { mentee, mentor, _ in
                guard counted[mentee] else { return }
                ofMentee[mentee] += 1
                ofMentor[mentor] += 1
            }
            let fast = problem.table.allowedPairCounts(ofMentees: counted, mentorCount: problem.mentors.count)
            #expect(fast.ofMentee == ofMentee && fast.ofMentor == ofMentor, "trial \(trial)")
        }
    }
}
