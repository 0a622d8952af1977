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
    /// Feasibility: every assignment is an allowed pair with the problem's score, listed once; each
    /// mentee at most its demand; every locked pair present; each mentor's load between its
    /// minimum and capacity; every group limit kept; `unassigned` lists exactly the mentees short
    /// of their demand; and `loads` and `objective` are recomputed.
    /// Optimality, when a ``Certificate`` is attached: every condition listed there, so that the
    /// solution is proven optimal for the objective documented on ``Problem``.
    ///
    /// Scores must match exactly. Sums and price conditions are compared with a relative
    /// tolerance of 10^-9 of the magnitudes involved, to absorb floating-point rounding.
    ///
    /// - Returns: ``Verdict/provenOptimal`` if a certificate was checked, else ``Verdict/feasible``.
    /// - Throws: ``MatchingError/verificationFailed(_:)`` naming the first failed check.
    /// - Complexity: O(*n* + *m* + *e* + *g* × *p*) for edge input and O(*n* × *m* + *g* × *p*) for
    ///   matrix input, where *n* is the number of mentees, *m* of mentors, *e* of allowed pairs, *g*
    ///   of groups and *p* of assigned pairs.
    @discardableResult
    public func verify(_ solution: Solution) throws -> Verdict {
        func fail(_ reason: String) -> MatchingError { .verificationFailed(reason) }
        var assigned = Set<PairKey>()
        var assignedInOrder: [PairKey] = []
        var served = [Int](repeating: 0, count: mentees.count)
        var loads = [Int](repeating: 0, count: mentors.count)
        var total = 0.0, magnitude = 0.0
        for assignment in solution.assignments {
            let pairName = "'\(assignment.mentee)'-'\(assignment.mentor)'"
            guard let mentee = menteeIndex[assignment.mentee] else { throw fail("unknown mentee '\(assignment.mentee)'") }
            guard let mentor = mentorIndex[assignment.mentor] else { throw fail("unknown mentor '\(assignment.mentor)'") }
            guard assigned.insert(PairKey(mentee: mentee, mentor: mentor)).inserted else { throw fail("pair \(pairName) is listed twice") }
            guard let score = score(mentee: mentee, mentor: mentor) else { throw fail("pair \(pairName) is not allowed") }
            guard score == assignment.score else {
                throw fail("pair \(pairName) reports score \(assignment.score), problem says \(score)")
            }
            assignedInOrder.append(PairKey(mentee: mentee, mentor: mentor))
            served[mentee] += 1
            loads[mentor] += 1
            total += score
            magnitude += abs(score)
        }
        for (mentee, count) in zip(mentees, served) where count > mentee.demand {
            throw fail("mentee '\(mentee.id)' is assigned \(count) times, demand \(mentee.demand)")
        }
        for pair in lockedIndices where !assigned.contains(pair) {
            throw fail("locked pair '\(mentees[pair.mentee].id)'-'\(mentors[pair.mentor].id)' is missing")
        }
        let short = zip(mentees, served).filter { $1 < $0.demand }.map(\.0.id)
        guard solution.unassigned == short else {
            throw fail("unassigned lists \(solution.unassigned.count) mentees, but \(short.count) are short of their demand")
        }
        guard solution.loads == loads else { throw fail("reported mentor loads differ from the assignments") }
        for (mentor, load) in zip(mentors, loads) {
            guard load <= mentor.capacity else { throw fail("mentor '\(mentor.id)' has \(load) mentees, capacity \(mentor.capacity)") }
            guard load >= mentor.minimum else { throw fail("mentor '\(mentor.id)' has \(load) mentees, minimum \(mentor.minimum)") }
        }
        for (group, members) in zip(groups, groupMembers) {
            var perMentor = [Int](repeating: 0, count: mentors.count)
            let memberSet = Set(members)
            for pair in assignedInOrder where memberSet.contains(pair.mentee) {
                perMentor[pair.mentor] += 1
                if perMentor[pair.mentor] > group.maxPerMentor {
                    throw fail("mentor '\(mentors[pair.mentor].id)' has more than \(group.maxPerMentor) mentees of group '\(group.id)'")
                }
            }
        }
        guard Self.agree(solution.objective, total, scale: magnitude) else {
            throw fail("reported objective \(solution.objective), recomputed \(total)")
        }
        guard let certificate = solution.certificate else { return .feasible }
        try verify(certificate, assigned: assignedInOrder)
        return .provenOptimal
    }

    /// Checks the conditions listed on ``Certificate`` for the given (feasible) assignment.
    private func verify(_ certificate: Certificate, assigned: [PairKey]) throws {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: " + reason) }
        guard requirements.isDisjoint(with: [.minimumLoads, .groupLimits]) else {
            throw fail("certificates do not cover minimum loads or group limits")
        }
        guard certificate.menteeCovered.count == mentees.count, certificate.menteePrices.count == mentees.count,
            certificate.mentorCovered.count == mentors.count, certificate.mentorPrices.count == mentors.count
        else { throw fail("sizes do not match the problem") }
        // +1 when higher scores are better: every price condition reads "direction x (...) >= 0".
        let direction: Double = sense == .maximize ? 1 : -1
        var freeDemand = mentees.map(\.demand)
        var freeCapacity = mentors.map(\.capacity)
        for pair in lockedIndices {
            freeDemand[pair.mentee] -= 1
            freeCapacity[pair.mentor] -= 1
        }
        func checkSign(_ price: Double, covered: Bool, of name: String) throws {
            guard price.isFinite else { throw fail("\(name) has price \(price)") }
            if !covered, direction * price < -Self.tolerance * (1 + abs(price)) {
                throw fail("uncovered \(name) has price \(price) of the wrong sign")
            }
        }

        var coverSize = 0.0, dual = 0.0, magnitude = 0.0
        for (index, mentor) in mentors.enumerated() {
            let price = certificate.mentorPrices[index]
            try checkSign(price, covered: certificate.mentorCovered[index], of: "mentor '\(mentor.id)'")
            if certificate.mentorCovered[index] { coverSize += Double(freeCapacity[index]) }
            dual += Double(freeCapacity[index]) * price
            magnitude += abs(Double(freeCapacity[index]) * price)
        }
        for (index, mentee) in mentees.enumerated() where freeDemand[index] > 0 {
            let covered = certificate.menteeCovered[index]
            let price = certificate.menteePrices[index]
            try checkSign(price, covered: covered, of: "mentee '\(mentee.id)'")
            if covered { coverSize += Double(freeDemand[index]) }
            dual += Double(freeDemand[index]) * price
            magnitude += abs(Double(freeDemand[index]) * price)
            try table.forEachPair(ofMentee: index) { mentor, score in
                guard !lockedSet.contains(PairKey(mentee: index, mentor: mentor)) else { return }
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
        var freeAssigned = 0.0, primal = 0.0
        for pair in assigned where !lockedSet.contains(pair) {
            let score = score(mentee: pair.mentee, mentor: pair.mentor)!
            freeAssigned += 1
            primal += score
            magnitude += abs(score)
        }
        guard coverSize == freeAssigned else {
            throw fail("cover size \(coverSize) differs from the \(freeAssigned) free pairs assigned")
        }
        guard Self.agree(dual, primal, scale: magnitude) else {
            throw fail("dual objective \(dual) differs from the free pairs' total score \(primal)")
        }
    }

    private static let tolerance = 1e-9

    private static func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= tolerance * (1 + scale)
    }
}
