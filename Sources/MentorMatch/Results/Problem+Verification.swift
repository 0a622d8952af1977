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
    /// Optimality, when a ``Solution/Certificate`` is attached: every condition listed there, so that the
    /// solution is proven optimal for the objective documented on ``Problem``; groups that
    /// overlap without nesting have no certificate.
    ///
    /// Scores must match exactly. Sums and price conditions are compared with a relative
    /// tolerance of 10^-9 of the magnitudes involved, to absorb floating-point rounding.
    ///
    /// - Returns: ``Verdict/provenOptimal`` if a certificate was checked, else ``Verdict/feasible``.
    /// - Throws: ``MatchingError/verificationFailed(_:)`` naming the first failed check.
    /// - Complexity: O(*n* + *m* + *e* × *h* + *s* + *p* × *h*) for edge input, with *n* × *m* in
    ///   place of *e* for matrix input, where *n* is the number of mentees, *m* of mentors, *e* of
    ///   allowed pairs, *p* of assigned pairs, *s* the total size of the groups and *h* the most
    ///   groups one mentee is in.
    @discardableResult
    public func verify(_ solution: Solution) throws -> Verdict {
        try verify(solution, network: nil)
    }

    /// ``verify(_:)`` with the flow network the certificate speaks about, when the caller has
    /// built it already (`nil`: built here).
    func verify(_ solution: Solution, network: FlowNetwork?) throws -> Verdict {
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
        if let broken = firstGroupLimitBroken(by: assignedInOrder) {
            let limit = groups[broken.group].maxPerMentor
            throw fail("mentor '\(mentors[broken.mentor].id)' has more than \(limit) mentees of group '\(groups[broken.group].id)'")
        }
        guard Self.agree(solution.objective, total, scale: magnitude) else {
            throw fail("reported objective \(solution.objective), recomputed \(total)")
        }
        guard let certificate = solution.certificate else { return .feasible }
        try verify(certificate, assigned: assignedInOrder, network: network)
        return .provenOptimal
    }

    /// Checks the conditions listed on ``Solution/Certificate`` for the given (feasible) assignment.
    private func verify(_ certificate: Solution.Certificate, assigned: [PairKey], network given: FlowNetwork?) throws {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: " + reason) }
        guard certificate.mentees.count == mentees.count, certificate.mentors.count == mentors.count else {
            throw fail("sizes do not match the problem")
        }
        let network: FlowNetwork
        do {
            network = try given ?? FlowNetwork(incumbents.isEmpty ? self : incumbentWeighted(solver: "verify"), solver: "verify")
        } catch MatchingError.unsupported(_, let feature) {
            throw fail("no flow network expresses \(feature)")
        }
        let nodes = try certificate.nodes(in: network)
        if let node = nodes.firstIndex(where: { !$0.potential.isFinite }) { throw fail("node \(node) has potential \(nodes[node].potential)") }

        let freePairs = Set(assigned.filter { !lockedSet.contains($0) })
        guard let flow = network.flow(ofFreePairs: freePairs) else { throw fail("an assigned pair has no arc in the network") }
        for arc in 0..<network.arcCount {
            let tail = Int(network.tail[arc]), head = Int(network.head[arc])
            let lower = Int(network.lower(arc)), upper = Int(network.upper(arc))
            var name: String { "arc \(tail) -> \(head)" }  // only for a failure's message
            guard (lower...max(lower, upper)).contains(flow[arc]) else { throw fail("\(name) carries \(flow[arc]), bounds \(lower)...\(upper)") }
            switch (nodes[tail].sourceSide, nodes[head].sourceSide) {
            case (true, false):
                guard flow[arc] == upper else { throw fail("\(name) leaves the source side with \(flow[arc]) of \(upper)") }
            case (false, true):
                guard flow[arc] == lower else { throw fail("\(name) enters the source side with \(flow[arc]), lower bound \(lower)") }
            default:
                let reduced = network.cost[arc] + nodes[tail].potential - nodes[head].potential
                let slack = Self.tolerance * (1 + abs(network.cost[arc]) + abs(nodes[tail].potential) + abs(nodes[head].potential))
                if flow[arc] < upper, reduced < -slack { throw fail("\(name) has room and reduced cost \(reduced) < 0") }
                if flow[arc] > lower, reduced > slack { throw fail("\(name) carries flow and reduced cost \(reduced) > 0") }
            }
        }
    }

    private static let tolerance = 1e-9

    private static func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= tolerance * (1 + scale)
    }
}

extension Solution.Certificate {
    /// The certificate's node for every node of `network`, in network order.
    ///
    /// - Precondition: The certificate has one node per mentee and per mentor of the network's problem.
    /// - Throws: ``MatchingError/verificationFailed(_:)`` when the group nodes do not fit the
    ///   network or the source and sink are on the wrong sides.
    func nodes(in network: FlowNetwork) throws -> [Node] {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: " + reason) }
        var nodes = [Node](repeating: .init(potential: .nan, sourceSide: false), count: network.nodeCount)
        nodes[network.source] = source
        nodes[network.sink] = sink
        for (index, node) in mentees.enumerated() { nodes[network.node(ofMentee: index)] = node }
        for (index, node) in mentors.enumerated() { nodes[network.node(ofMentor: index)] = node }
        var groupNodeIndex: [PairKey: Int] = [:]
        for (index, key) in network.groupNodes.enumerated() { groupNodeIndex[PairKey(mentee: key.group, mentor: key.mentor)] = index }
        for groupNode in groupNodes {
            guard let index = groupNodeIndex.removeValue(forKey: PairKey(mentee: groupNode.group, mentor: groupNode.mentor)) else {
                throw fail("group node (\(groupNode.group), \(groupNode.mentor)) is not in the network or listed twice")
            }
            nodes[network.node(ofGroupNode: index)] = groupNode.node
        }
        guard groupNodeIndex.isEmpty else { throw fail("\(groupNodeIndex.count) group nodes have no potential") }
        guard nodes[network.source].sourceSide, !nodes[network.sink].sourceSide else {
            throw fail("the source must be on the source side and the sink on the other")
        }
        return nodes
    }
}
