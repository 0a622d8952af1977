extension Problem {
    /// An independent part of a problem: a problem of its own over some of the mentees and
    /// mentors, joined to the rest by no allowed pair.
    public struct Part: Sendable {
        /// The part as a problem: the whole problem's sense, its people (ids, demands, capacities,
        /// minimums), their allowed pairs with their scores, and the locked pairs among them.
        public let problem: Problem
        /// The whole problem's index of each of the part's mentees, in the part's order.
        public let mentees: [Int]
        /// The whole problem's index of each of the part's mentors, in the part's order.
        public let mentors: [Int]
    }

    /// The problem cut into independent parts, to be solved apart (on other machines, say) and
    /// put together by ``joined(_:of:)``.
    ///
    /// A problem without side constraints (``requirements`` empty) and without preference
    /// rankings falls apart into the connected components of mentees and mentors joined by
    /// allowed pairs: an optimal answer of each is an optimal answer of the whole, put together.
    /// Each component with an allowed pair is a part, ordered by its first mentee, its people in
    /// increasing order; people without any allowed pair are in no part (they stay unassigned).
    /// Any other problem is one part of everyone: minimum loads, group limits, demands above 1,
    /// previous pairs to keep and rankings weigh the components against each other.
    ///
    /// - Complexity: O((*n* + *m* + *e*) α) time and O(*n* + *m* + *e*) memory for the parts'
    ///   problems, for *n* mentees, *m* mentors and *e* allowed pairs (α: the inverse Ackermann
    ///   function).
    public func independentParts() throws -> [Part] {
        guard requirements.isEmpty, preferences.isEmpty else {
            return [Part(problem: self, mentees: Array(mentees.indices), mentors: Array(mentors.indices))]
        }
        var sets = DisjointSets(count: mentees.count + mentors.count)
        var hasPair = [Bool](repeating: false, count: mentees.count)
        forEachAllowedPair { mentee, mentor, _ in
            sets.union(mentee, mentees.count + mentor)
            hasPair[mentee] = true
        }
        let (parts, partOfNode) = sets.bipartiteGroups(leftCount: mentees.count) { hasPair[$0] }
        // Each mentor's index within its part: rows keep increasing mentors.
        var placeInPart = [Int32](repeating: -1, count: mentors.count)
        for part in parts {
            for (place, mentor) in part.rights.enumerated() { placeInPart[mentor] = Int32(place) }
        }
        var lockedOfPart = [[Pair]](repeating: [], count: parts.count)
        for (pair, key) in zip(locked, lockedIndices) { lockedOfPart[partOfNode[key.mentee]].append(pair) }
        return try parts.indices.map { part in
            var rowStart = [0], partMentors: [Int32] = [], scores: [Double] = []
            for mentee in parts[part].lefts {
                forEachAllowedMentor(ofMentee: mentee) { mentor, score in
                    partMentors.append(placeInPart[mentor])
                    scores.append(score)
                }
                rowStart.append(partMentors.count)
            }
            let problem = try Problem(
                sense: sense, mentees: parts[part].lefts.map { mentees[$0] }, mentors: parts[part].rights.map { mentors[$0] },
                scores: .compressedRows(rowStart: rowStart, mentors: partMentors, scores: scores), locked: lockedOfPart[part])
            return Part(problem: problem, mentees: parts[part].lefts, mentors: parts[part].rights)
        }
    }

    /// The whole problem's answer put together from an answer of each of its parts, in the order
    /// of ``independentParts()``: every part's pairs (by mentee, then mentor), the loads, the
    /// mentees short of their demand (people of no part among them), the weakest status of the
    /// parts (a time limit before any other), their methods, the sum of their seconds. The
    /// certificate, when every part has one and all agree on the source's and sink's potentials
    /// (as parts without side constraints do), is each part's potentials on its people and 0, on
    /// the sink's side, on the people of no part; otherwise there is none. ``verify(_:)`` then
    /// proves the whole answer optimal.
    ///
    /// - Throws: ``MatchingError/shapeMismatch(_:)`` when the count of answers is not the count of
    ///   parts, or an answer names someone who is not in its part.
    /// - Complexity: O(*p* log *p* + *n* + *m*) for *p* assigned pairs.
    public func joined(_ solutions: [Solution], of parts: [Part]) throws -> Solution {
        guard solutions.count == parts.count else {
            throw MatchingError.shapeMismatch("\(solutions.count) answers for \(parts.count) parts")
        }
        var pairs: [(mentee: Int, mentor: Int)] = []
        pairs.reserveCapacity(solutions.reduce(0) { $0 + $1.assignments.count })
        for (number, (solution, part)) in zip(solutions, parts).enumerated() {
            for assignment in solution.assignments {
                guard let mentee = part.problem.menteeIndex[assignment.mentee], let mentor = part.problem.mentorIndex[assignment.mentor] else {
                    throw MatchingError.shapeMismatch(
                        "the answer of part \(number + 1) pairs '\(assignment.mentee)' with '\(assignment.mentor)', who are not both in that part")
                }
                pairs.append((part.mentees[mentee], part.mentors[mentor]))
            }
        }
        return Solution(
            problem: self, solver: solutions.first?.solver ?? "", methods: solutions.flatMap(\.methods),
            status: Solution.status(joining: solutions), pairs: pairs,
            seconds: solutions.reduce(0) { $0 + $1.seconds }, certificate: joinedCertificate(solutions.map(\.certificate), of: parts))
    }

    /// The parts' certificates as one (see ``joined(_:of:)``), or `nil`.
    private func joinedCertificate(_ certificates: [Solution.Certificate?], of parts: [Part]) -> Solution.Certificate? {
        if parts.count == 1, parts[0].mentees.count == mentees.count, parts[0].mentors.count == mentors.count { return certificates[0] }
        return Solution.Certificate(
            joining: certificates, of: parts.map { ($0.mentees, $0.mentors) }, menteeCount: mentees.count, mentorCount: mentors.count)
    }
}

extension Solution {
    /// The status of answers of independent parts put together: the weakest (a time limit before
    /// any other).
    package static func status(joining pieces: [Solution]) -> Status {
        pieces.contains { $0.status == .timeLimit } ? .timeLimit : pieces.first { $0.status != .optimal }?.status ?? .optimal
    }
}

extension Solution.Certificate {
    /// The certificates of independent parts of a problem as one certificate of the whole, or
    /// `nil` unless every part has one and all agree on the source's and sink's potentials (as
    /// parts without side constraints do) and have no group nodes: each part's potentials on its
    /// people, and 0, on the sink's side, on the people of no part (they have no arcs but to the
    /// sink, which carry no flow and cost nothing).
    ///
    /// - Parameters:
    ///   - parts: Per part, the whole problem's index of each of its mentees and mentors.
    /// - Complexity: O(*n* + *m*).
    package init?(joining certificates: [Solution.Certificate?], of parts: [(mentees: [Int], mentors: [Int])], menteeCount: Int, mentorCount: Int) {
        let present = certificates.compactMap { $0 }
        guard present.count == parts.count, let first = present.first,
            present.allSatisfy({ $0.source == first.source && $0.sink == first.sink && $0.groupNodes.isEmpty })
        else { return nil }
        let alone = Node(potential: 0, sourceSide: false)
        self.init(
            source: first.source, sink: first.sink, mentees: Array(repeating: alone, count: menteeCount),
            mentors: Array(repeating: alone, count: mentorCount), groupNodes: [])
        for (certificate, part) in zip(present, parts) {
            guard certificate.mentees.count == part.mentees.count, certificate.mentors.count == part.mentors.count else { return nil }
            for (node, mentee) in zip(certificate.mentees, part.mentees) { mentees[mentee] = node }
            for (node, mentor) in zip(certificate.mentors, part.mentors) { mentors[mentor] = node }
        }
    }
}
