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
    ///   groups one mentee is in, plus O(*p* log *p*) when the assignments are not listed by
    ///   mentee, then mentor (as solvers list them). Memory O(*n* + *m* + *p*) beyond the
    ///   problem, plus O(*e*) for the certificate's flow network when a group limit can bind
    ///   (without one, its arcs are visited straight from the score table).
    @discardableResult
    public func verify(_ solution: Solution) throws -> Verdict {
        try verify(solution, network: nil)
    }

    /// ``verify(_:)`` with the flow network the certificate speaks about, when the caller has
    /// built it already (`nil`: built here).
    func verify(_ solution: Solution, network: FlowNetwork?) throws -> Verdict {
        func fail(_ reason: String) -> MatchingError { .verificationFailed(reason) }
        var assignedInOrder: [PairKey] = []
        assignedInOrder.reserveCapacity(solution.assignments.count)
        var served = [Int](repeating: 0, count: mentees.count)
        var loads = [Int](repeating: 0, count: mentors.count)
        var total = 0.0, magnitude = 0.0
        for assignment in solution.assignments {
            // Named only on failure: interpolating a name per pair had cost a quarter of the check.
            func pairName() -> String { "'\(assignment.mentee)'-'\(assignment.mentor)'" }
            guard let mentee = menteeIndex[assignment.mentee] else { throw fail("unknown mentee '\(assignment.mentee)'") }
            guard let mentor = mentorIndex[assignment.mentor] else { throw fail("unknown mentor '\(assignment.mentor)'") }
            guard let score = score(mentee: mentee, mentor: mentor) else { throw fail("pair \(pairName()) is not allowed") }
            guard score == assignment.score else {
                throw fail("pair \(pairName()) reports score \(assignment.score), problem says \(score)")
            }
            assignedInOrder.append(PairKey(mentee: mentee, mentor: mentor))
            served[mentee] += 1
            loads[mentor] += 1
            total += score
            magnitude += abs(score)
        }
        // Pairs twice, and locked pairs missing, from the pairs in order (solutions list them so):
        // a sorted array, not a set, keeps the check at 16 bytes a pair.
        let sortedPairs = zip(assignedInOrder, assignedInOrder.dropFirst()).allSatisfy({ $0 < $1 }) ? assignedInOrder : assignedInOrder.sorted()
        if let twice = zip(sortedPairs, sortedPairs.dropFirst()).first(where: { $0 == $1 })?.0 {
            throw fail("pair '\(mentees[twice.mentee].id)'-'\(mentors[twice.mentor].id)' is listed twice")
        }
        for (mentee, count) in zip(mentees, served) where count > mentee.demand {
            throw fail("mentee '\(mentee.id)' is assigned \(count) times, demand \(mentee.demand)")
        }
        if !lockedIndices.isEmpty, sortedPairs.count(where: lockedSet.contains) < lockedIndices.count {
            let lockedAssigned = Set(sortedPairs.filter(lockedSet.contains))
            if let missing = lockedIndices.first(where: { !lockedAssigned.contains($0) }) {
                throw fail("locked pair '\(mentees[missing.mentee].id)'-'\(mentors[missing.mentor].id)' is missing")
            }
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
        let weighted: Problem
        do {
            weighted = incumbents.isEmpty ? self : try incumbentWeighted(solver: "verify")
        } catch MatchingError.unsupported(_, let feature) {
            throw fail("no flow network expresses \(feature)")
        }
        let freePairs = lockedSet.isEmpty ? assigned : assigned.filter { !lockedSet.contains($0) }
        if given == nil, !weighted.requirements.contains(.groupLimits) {
            try weighted.verifyWithoutGroupNodes(certificate, freePairs: freePairs)
            return
        }
        let network: FlowNetwork
        do {
            network = try given ?? FlowNetwork(weighted, solver: "verify")
        } catch MatchingError.unsupported(_, let feature) {
            throw fail("no flow network expresses \(feature)")
        }
        let nodes = try certificate.nodes(in: network)
        if let node = nodes.firstIndex(where: { !$0.potential.isFinite }) { throw fail("node \(node) has potential \(nodes[node].potential)") }
        guard let flow = network.flow(ofFreePairs: Set(freePairs)) else { throw fail("an assigned pair has no arc in the network") }
        for arc in 0..<network.arcCount {
            let tail = Int(network.tail[arc]), head = Int(network.head[arc])
            try Self.checkArc(
                "arc \(tail) -> \(head)", from: nodes[tail], to: nodes[head], lower: Int(network.lower(arc)), upper: Int(network.upper(arc)),
                flow: flow[arc], cost: network.cost[arc])
        }
    }

    /// The certificate check of a problem whose network has no group nodes, on the network as
    /// FlowNetwork.swift would build it (same arcs, bounds, costs and node numbers) but without
    /// building it: arcs are visited straight from the score table, so the check needs memory
    /// for the people only, not per allowed pair. Bounds come from the same ``FreePart`` the
    /// network is built from.
    ///
    /// - Complexity: O(*n* + *m* + *e*) time and O(*n* + *m*) memory.
    private func verifyWithoutGroupNodes(_ certificate: Solution.Certificate, freePairs: [PairKey]) throws {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: " + reason) }
        if let groupNode = certificate.groupNodes.first {
            throw fail("group node (\(groupNode.group), \(groupNode.mentor)) is not in the network or listed twice")
        }
        guard certificate.source.sourceSide, !certificate.sink.sourceSide else {
            throw fail("the source must be on the source side and the sink on the other")
        }
        let menteeBase = 1, mentorBase = 1 + mentees.count, sink = mentorBase + mentors.count
        /// Node `index` of the network's numbering: the source, the mentees, the mentors, the sink.
        func node(_ index: Int) -> Solution.Certificate.Node {
            switch index {
            case 0: certificate.source
            case ..<mentorBase: certificate.mentees[index - menteeBase]
            case ..<sink: certificate.mentors[index - mentorBase]
            default: certificate.sink
            }
        }
        if let index = (0...sink).first(where: { !node($0).potential.isFinite }) { throw fail("node \(index) has potential \(node(index).potential)") }

        let free = FreePart(self)
        // The free assigned pairs by mentee (compressed rows), and the flow into each mentor.
        var assignedOfMentee = [Int](repeating: 0, count: mentees.count)
        var inflow = [Int](repeating: 0, count: mentors.count)
        for pair in freePairs {
            guard free.isFree(pair.mentee, pair.mentor) else { throw fail("an assigned pair has no arc in the network") }
            assignedOfMentee[pair.mentee] += 1
            inflow[pair.mentor] += 1
        }
        var rows = RowLayout(counts: assignedOfMentee)
        let assignedStart = rows.start
        var assignedMentor = [Int](repeating: 0, count: freePairs.count)
        for pair in freePairs { assignedMentor[rows.place(inRow: pair.mentee)] = pair.mentor }

        for mentee in mentees.indices where free.demand[mentee] > 0 && free.pairsOfMentee[mentee] > 0 {
            try Self.checkArc(
                "arc 0 -> \(menteeBase + mentee)", from: certificate.source, to: certificate.mentees[mentee], lower: 0,
                upper: free.places(ofMentee: mentee), flow: assignedStart[mentee + 1] - assignedStart[mentee], cost: 0)
        }
        let sign: Double = sense == .minimize ? 1 : -1
        // The arcs out of each mentee with demand, one per free pair: matrix rows four at a time
        // (`rowArcsThatMayFail`; a lane it lets pass is an arc that passes, or a locked pair,
        // which is no arc), compressed rows in one loop; both read the flow into each mentor from
        // the row (`rowFlow`, 0 or 1).
        let headPotential = certificate.mentors.map(\.potential)
        let headOnSourceSide: [Int64] = certificate.mentors.map { $0.sourceSide ? -1 : 0 }
        var rowFlow = [Double](repeating: 0, count: mentors.count)
        for mentee in mentees.indices where free.demand[mentee] > 0 {
            let tail = certificate.mentees[mentee]
            func check(_ mentor: Int, _ score: Double, flow: Double) throws {
                guard free.isFree(mentee, mentor) else { return }
                try Self.checkArc(
                    "arc \(menteeBase + mentee) -> \(mentorBase + mentor)", from: tail, to: certificate.mentors[mentor], lower: 0, upper: 1,
                    flow: Int(flow), cost: sign * score)
            }
            let assignedMentors = assignedMentor[assignedStart[mentee]..<assignedStart[mentee + 1]]
            for mentor in assignedMentors { rowFlow[mentor] = 1 }
            switch table.storage {
            case .dense(let columnCount, let scores):
                try scores.withUnsafeBufferPointer { scores in
                    let row = scores.baseAddress! + mentee * columnCount
                    try Self.rowArcsThatMayFail(
                        row: row, count: columnCount, sign: sign, tail: tail, headPotential: headPotential, headOnSourceSide: headOnSourceSide,
                        flow: rowFlow
                    ) { mentor in
                        if !row[mentor].isNaN { try check(mentor, row[mentor], flow: rowFlow[mentor]) }
                    }
                }
            case .sparse(let rowStart, let mentorOf, let scores):
                try rowFlow.withUnsafeBufferPointer { rowFlow in
                    for position in rowStart[mentee]..<rowStart[mentee + 1] {
                        let mentor = Int(mentorOf[position])
                        try check(mentor, scores[position], flow: rowFlow[mentor])
                    }
                }
            }
            for mentor in assignedMentors { rowFlow[mentor] = 0 }
        }
        for mentor in mentors.indices {
            try Self.checkArc(
                "arc \(mentorBase + mentor) -> \(sink)", from: certificate.mentors[mentor], to: certificate.sink, lower: free.minimum[mentor],
                upper: free.places(of: mentor), flow: inflow[mentor], cost: 0)
        }
    }

    /// Calls `body`, in increasing order, with the mentors of a dense row whose arc may fail
    /// ``checkArc(_:from:to:lower:upper:flow:cost:)`` (bounds 0 and 1, the flow `flow[mentor]`,
    /// 0 or 1, the cost `sign` x score), for `body` to check alone: four mentors at a time, with
    /// `checkArc`'s arithmetic in the same order, so that a lane passes exactly when `checkArc`
    /// would (a NaN score, no arc, passes). A block of four with a lane that fails goes to `body`
    /// whole. Two fifths of the instructions of checking every arc alone (assign800).
    private static func rowArcsThatMayFail(
        row: UnsafePointer<Double>, count: Int, sign: Double, tail: Solution.Certificate.Node, headPotential: [Double],
        headOnSourceSide: [Int64], flow: [Double], _ body: (_ mentor: Int) throws -> Void
    ) rethrows {
        @inline(__always)
        func magnitude(_ four: SIMD4<Double>) -> SIMD4<Double> {
            unsafeBitCast(unsafeBitCast(four, to: SIMD4<UInt64>.self) & SIMD4(repeating: ~(1 << 63)), to: SIMD4<Double>.self)
        }
        let signs = SIMD4<Double>(repeating: sign), ones = SIMD4<Double>(repeating: 1), tolerances = SIMD4<Double>(repeating: tolerance)
        let tailPotential = SIMD4<Double>(repeating: tail.potential), tailMagnitude = SIMD4<Double>(repeating: abs(tail.potential))
        let tailOnSourceSide = SIMDMask<SIMD4<Int64>>(repeating: tail.sourceSide)
        try headPotential.withUnsafeBufferPointer { headPotential in
            try headOnSourceSide.withUnsafeBufferPointer { headOnSourceSide in
                try flow.withUnsafeBufferPointer { flow in
                    for block in 0..<count / 4 {
                        let mentor = block &* 4
                        let score: SIMD4<Double> = loadFour(row + mentor), cost = signs * score
                        let head: SIMD4<Double> = loadFour(headPotential.baseAddress! + mentor)
                        let reduced = cost + tailPotential - head
                        let slack = tolerances * (ones + magnitude(cost) + tailMagnitude + magnitude(head))
                        let headSide = unsafeBitCast(loadFour(headOnSourceSide.baseAddress! + mentor, as: SIMD4<Int64>.self), to: SIMDMask<SIMD4<Int64>>.self)
                        let carries = loadFour(flow.baseAddress! + mentor, as: SIMD4<Double>.self) .== ones
                        let sameSide = .!(tailOnSourceSide .^ headSide)
                        let pricedRight = (carries .& .!(reduced .> slack)) .| (.!carries .& .!(reduced .< -slack))
                        let passes = (score .!= score) .| (sameSide .& pricedRight) .| (tailOnSourceSide .& .!headSide .& carries)
                            .| (.!tailOnSourceSide .& headSide .& .!carries)
                        guard (.!passes).hasSetLane else { continue }
                        for lane in 0..<4 { try body(mentor + lane) }
                    }
                    for mentor in count - count % 4..<count { try body(mentor) }
                }
            }
        }
    }

    /// The certificate's conditions on one arc of the network (see ``Solution/Certificate``).
    /// Inlined into the loops over the arcs: a call per allowed pair had cost as much as the
    /// solve; the message is built only on failure.
    @inline(__always)
    private static func checkArc(
        _ name: @autoclosure () -> String, from tail: Solution.Certificate.Node, to head: Solution.Certificate.Node, lower: Int, upper: Int,
        flow: Int, cost: Double
    ) throws {
        func fail(_ reason: String) -> MatchingError { .verificationFailed("certificate: \(name()) " + reason) }
        guard (lower...max(lower, upper)).contains(flow) else { throw fail("carries \(flow), bounds \(lower)...\(upper)") }
        switch (tail.sourceSide, head.sourceSide) {
        case (true, false):
            guard flow == upper else { throw fail("leaves the source side with \(flow) of \(upper)") }
        case (false, true):
            guard flow == lower else { throw fail("enters the source side with \(flow), lower bound \(lower)") }
        default:
            let reduced = cost + tail.potential - head.potential
            let slack = tolerance * (1 + abs(cost) + abs(tail.potential) + abs(head.potential))
            if flow < upper, reduced < -slack { throw fail("has room and reduced cost \(reduced) < 0") }
            if flow > lower, reduced > slack { throw fail("carries flow and reduced cost \(reduced) > 0") }
        }
    }

    private static let tolerance = relativeTolerance

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
