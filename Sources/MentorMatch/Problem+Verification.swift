extension Problem {
    /// What ``verify(_:)`` established about a solution.
    public enum Verdict: Sendable, Equatable {
        /// The assignment is feasible and its objective is right; no certificate was given.
        case feasible
        /// Also the certificate checks out: the solution is optimal.
        case provenOptimal
    }

    /// Checks `solution` against this problem from scratch, trusting nothing the solver claims.
    ///
    /// Feasibility: every assignment is an allowed pair with the problem's score, each mentee at
    /// most once, every locked pair present, each mentor's load between its minimum and capacity,
    /// `unassigned` lists exactly the other mentees, and `loads` and `objective` are recomputed.
    /// Optimality, when a ``Certificate`` is attached: every condition listed there, so that the
    /// solution is proven optimal for the objective documented on ``Problem``.
    ///
    /// Scores must match exactly. Sums and price conditions are compared with a relative
    /// tolerance of 10^-9 of the magnitudes involved, to absorb floating-point rounding.
    ///
    /// - Returns: ``Verdict/provenOptimal`` if a certificate was checked, else ``Verdict/feasible``.
    /// - Throws: ``MatchingError/verificationFailed(_:)`` naming the first failed check.
    /// - Complexity: O(*n* + *m* + *e*) for edge input and O(*n* × *m*) for matrix input, where *n* is
    ///   the number of mentees, *m* the number of mentors and *e* the number of allowed pairs.
    @discardableResult
    public func verify(_ solution: Solution) throws -> Verdict {
        func fail(_ reason: String) -> MatchingError { .verificationFailed(reason) }
        var mentorOfMentee = [Int](repeating: -1, count: mentees.count)
        var loads = [Int](repeating: 0, count: mentors.count)
        var total = 0.0, magnitude = 0.0
        for assignment in solution.assignments {
            guard let mentee = menteeIndex[assignment.mentee] else { throw fail("unknown mentee '\(assignment.mentee)'") }
            guard let mentor = mentorIndex[assignment.mentor] else { throw fail("unknown mentor '\(assignment.mentor)'") }
            guard mentorOfMentee[mentee] < 0 else { throw fail("mentee '\(assignment.mentee)' is assigned twice") }
            guard let score = score(mentee: mentee, mentor: mentor) else {
                throw fail("pair '\(assignment.mentee)'-'\(assignment.mentor)' is not allowed")
            }
            guard score == assignment.score else {
                throw fail("pair '\(assignment.mentee)'-'\(assignment.mentor)' reports score \(assignment.score), problem says \(score)")
            }
            mentorOfMentee[mentee] = mentor
            loads[mentor] += 1
            total += score
            magnitude += abs(score)
        }
        for (mentee, lockedMentor) in lockedMentorOfMentee.enumerated() where lockedMentor >= 0 && mentorOfMentee[mentee] != lockedMentor {
            throw fail("locked pair '\(mentees[mentee].id)'-'\(mentors[lockedMentor].id)' is missing")
        }
        var listedUnassigned = Set<String>()
        for id in solution.unassigned {
            guard let mentee = menteeIndex[id] else { throw fail("unknown unassigned mentee '\(id)'") }
            guard mentorOfMentee[mentee] < 0 else { throw fail("mentee '\(id)' is both assigned and unassigned") }
            guard listedUnassigned.insert(id).inserted else { throw fail("mentee '\(id)' is listed unassigned twice") }
        }
        guard listedUnassigned.count + solution.assignments.count == mentees.count else {
            throw fail("\(mentees.count - listedUnassigned.count - solution.assignments.count) mentees are neither assigned nor unassigned")
        }
        guard solution.loads == loads else { throw fail("reported mentor loads differ from the assignments") }
        for (mentor, load) in zip(mentors, loads) {
            guard load <= mentor.capacity else { throw fail("mentor '\(mentor.id)' has \(load) mentees, capacity \(mentor.capacity)") }
            guard load >= mentor.minimum else { throw fail("mentor '\(mentor.id)' has \(load) mentees, minimum \(mentor.minimum)") }
        }
        guard Self.agree(solution.objective, total, scale: magnitude) else {
            throw fail("reported objective \(solution.objective), recomputed \(total)")
        }
        guard let certificate = solution.certificate else { return .feasible }
        try verify(certificate, mentorOfMentee: mentorOfMentee)
        return .provenOptimal
    }

    /// Checks the conditions listed on ``Certificate`` for the given (feasible) assignment.
    private func verify(_ certificate: Certificate, mentorOfMentee: [Int]) throws {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: " + reason) }
        guard certificate.menteeCovered.count == mentees.count, certificate.menteePrices.count == mentees.count,
            certificate.mentorCovered.count == mentors.count, certificate.mentorPrices.count == mentors.count
        else { throw fail("sizes do not match the problem") }
        // +1 when higher scores are better: every price condition reads "direction x (...) >= 0".
        let direction: Double = sense == .maximize ? 1 : -1
        var freeCapacity = mentors.map(\.capacity)
        for mentor in lockedMentorOfMentee where mentor >= 0 { freeCapacity[mentor] -= 1 }

        var coverSize = 0.0, assignedCount = 0.0
        var dual = 0.0, primal = 0.0, magnitude = 0.0
        for (index, mentor) in mentors.enumerated() {
            let price = certificate.mentorPrices[index]
            guard price.isFinite else { throw fail("mentor '\(mentor.id)' has price \(price)") }
            if certificate.mentorCovered[index] {
                coverSize += Double(freeCapacity[index])
            } else if direction * price < -Self.tolerance * (1 + abs(price)) {
                throw fail("uncovered mentor '\(mentor.id)' has price \(price) of the wrong sign")
            }
            dual += Double(freeCapacity[index]) * price
            magnitude += abs(Double(freeCapacity[index]) * price)
        }
        for (index, mentee) in mentees.enumerated() where lockedMentorOfMentee[index] < 0 {
            let covered = certificate.menteeCovered[index]
            let price = certificate.menteePrices[index]
            guard price.isFinite else { throw fail("mentee '\(mentee.id)' has price \(price)") }
            if covered {
                coverSize += 1
            } else if direction * price < -Self.tolerance * (1 + abs(price)) {
                throw fail("uncovered mentee '\(mentee.id)' has price \(price) of the wrong sign")
            }
            dual += price
            magnitude += abs(price)
            if mentorOfMentee[index] >= 0 {
                assignedCount += 1
                let score = score(mentee: index, mentor: mentorOfMentee[index])!
                primal += score
                magnitude += abs(score)
            }
            try table.forEachPair(ofMentee: index) { mentor, score in
                switch (covered ? 1 : 0) + (certificate.mentorCovered[mentor] ? 1 : 0) {
                case 0:
                    throw fail("pair '\(mentee.id)'-'\(mentors[mentor].id)' has neither end covered")
                case 1:
                    let slack = direction * (price + certificate.mentorPrices[mentor] - score)
                    let scale = 1 + abs(price) + abs(certificate.mentorPrices[mentor]) + abs(score)
                    if slack < -Self.tolerance * scale {
                        throw fail("prices of pair '\(mentee.id)'-'\(mentors[mentor].id)' fall short of its score \(score) by \(-slack)")
                    }
                default:
                    break
                }
            }
        }
        guard coverSize == assignedCount else {
            throw fail("cover size \(coverSize) differs from the \(assignedCount) free mentees assigned")
        }
        guard Self.agree(dual, primal, scale: magnitude) else {
            throw fail("dual objective \(dual) differs from the free mentees' total score \(primal)")
        }
    }

    private static let tolerance = 1e-9

    private static func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= tolerance * (1 + scale)
    }
}
