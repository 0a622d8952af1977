import MentorMatch

/// The GLPK backend: the same objective as ``HungarianSolver``, plus the side constraints a
/// network algorithm cannot express: mentor minimum loads, mentee demand above 1 and group limits.
///
/// ```swift
/// let solution = try GLPKSolver(timeLimit: .seconds(30)).solve(problem)
/// print(solution.method)   // "GLPK glp_mincost_okalg" for a problem without group limits
/// ```
///
/// **Two-level objective, never by an unproven big-M weight.** Either two solves (the first finds
/// the largest number *K* of pairs that meets every constraint; the second fixes the count at *K*,
/// at least *K* for branch-and-cut, and optimizes the total score), or, on the network path, one
/// solve with a bypass weight proven safe for the score range in exact integer arithmetic.
///
/// **The path is chosen per problem, fastest first** (``Solution/method`` names the one that ran):
/// 1. `GLPK glp_mincost_okalg`: without group limits the problem is a min-cost flow
///    (source -> mentees -> mentors -> sink, with lower bounds for locked pairs and minimum
///    loads, and a bypass arc source -> sink for the units not assigned). GLPK's out-of-kilter
///    routine needs whole-number data, so it runs when the scores are multiples of 10^-k for some
///    k <= 6 (scaled to whole numbers) and nothing overflows. Pair costs are shifted to
///    0...*R*; a bypass cost above (vertices + 1) x *R* is provably safe (any path that could
///    replace a bypassed unit has fewer arcs, each costing at most *R*), so one solve gives the
///    two-level optimum in exact integers. When that weight would not fit GLPK's `int`, two solves
///    run instead: bypass cost 1 and pairs free (most pairs), then the bypass fixed and the pairs
///    at their costs.
/// 2. `GLPK glp_simplex`: otherwise, without group limits, the LP is totally unimodular, so the
///    dual simplex returns a whole-number optimum (checked) for both solves.
/// 3. `GLPK glp_intopt`: group limits break total unimodularity; branch-and-cut with the MIP
///    presolver. ``timeLimit`` applies here (and to the simplex): when it passes, the best
///    assignment found is returned with status ``Solution/Status/timeLimit`` and its MIP gap.
///
/// **Cancellation.** A cancelled task stops branch-and-cut at once (its callback terminates the
/// search) and the other paths between solves; the solver then throws
/// ``MatchingError/cancelled`` and never returns an unfinished answer as optimal.
///
/// **Safety.** GLPK aborts the process on an invalid call, so everything is validated in Swift
/// first (``Problem`` and ``AssignmentModel``); GLPK's output is silenced. Each solve creates,
/// solves and deletes its GLPK objects on the calling thread with no suspension point, so
/// solves running at once on different threads are independent (GLPK keeps its state per thread).
///
/// - Complexity: out-of-kilter is pseudo-polynomial, O(*e* × *U*) augmentations at worst for
///   *e* pairs and total flow *U*; simplex and branch-and-cut are not polynomial in the worst case.
///   See the README's benchmarks for measured times.
public struct GLPKSolver: MatchingSolver {
    /// The wall-clock budget for the simplex and branch-and-cut paths; `nil` for none.
    public var timeLimit: Duration?

    public init(timeLimit: Duration? = nil) {
        self.timeLimit = timeLimit
    }

    public var name: String { "glpk" }

    public var capabilities: SolverCapabilities { [.minimumLoads, .menteeDemand, .groupLimits] }

    /// Solves `problem` with the fastest GLPK path that applies.
    ///
    /// - Throws: ``MatchingError/infeasible(_:)`` with the reason in words,
    ///   ``MatchingError/timeLimitReached(_:)`` when no assignment was found in time, or
    ///   ``MatchingError/internalError(_:)`` if GLPK fails unexpectedly.
    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = timeLimit.map { started + $0 }
        let model = try AssignmentModel(problem)
        if Task.isCancelled { throw MatchingError.cancelled }
        let result: Outcome
        if model.pairs.isEmpty {
            result = Outcome(chosen: [], method: "none (no allowed pairs)", status: .optimal)
        } else if !model.groupRows.isEmpty {
            result = try Self.solveByProgram(model, integer: true, deadline: deadline)
        } else if let costs = model.integerCosts(), let flow = try Self.solveByFlow(model, costs: costs) {
            result = flow
        } else {
            result = try Self.solveByProgram(model, integer: false, deadline: deadline)
        }
        var solution = Solution(
            problem: problem, solver: name, method: result.method, status: result.status,
            pairs: result.chosen.map { (model.pairs[$0].mentee, model.pairs[$0].mentor) },
            seconds: (clock.now - started) / .seconds(1), gap: result.gap, lpBound: result.lpBound)
        // Out-of-kilter solves the network LP itself, whose optimum is whole-number: its bound.
        if result.lpBound == nil, result.status == .optimal { solution.lpBound = solution.objective }
        return solution
    }

    struct Outcome {
        /// Indices into the model's pairs.
        var chosen: [Int]
        var method: String
        var status: Solution.Status
        var gap: Double?
        /// The linear relaxation's optimum, where a program was solved.
        var lpBound: Double?
    }

    /// The out-of-kilter path, or `nil` when GLPK reports the data too large for its integers.
    static func solveByFlow(_ model: AssignmentModel, costs: [Double]) throws -> Outcome? {
        let problem = model.problem
        let source = 0, sink = 1
        let menteeVertex = { 2 + $0 }
        let mentorVertex = { 2 + problem.mentees.count + $0 }
        let total = model.demand.reduce(0, +)
        guard total < Int(Int32.max) else { return nil }

        // Without minimum loads or demands above 1, the largest number of pairs is known in
        // advance (a maximum assignment): a flow of exactly that much at least cost is the
        // two-level optimum, with no bypass arc to price. Where it serves every mentee, or fills
        // every mentor, forcing that too gives the out-of-kilter routine the tight network of
        // GLPK's own assignment routine.
        let largest = try problem.largestAssignmentSize()
        let flow = largest ?? total
        let servesEveryMentee = largest == total
        let fillsEveryMentor = largest != nil && model.capacity.reduce(0, +) == largest
        var network = GLPKNetwork(vertices: 2 + problem.mentees.count + problem.mentors.count)
        network.setSupply(ofVertex: source, Double(flow))
        network.setSupply(ofVertex: sink, -Double(flow))
        let bypass = largest == nil ? network.addArc(from: source, to: sink, low: 0, capacity: Double(total), cost: 1) : nil
        for mentee in problem.mentees.indices where model.demand[mentee] > 0 {
            network.addArc(
                from: source, to: menteeVertex(mentee), low: Double(servesEveryMentee ? model.demand[mentee] : model.lockedOfMentee[mentee]),
                capacity: Double(model.demand[mentee]), cost: 0)
        }
        for (index, mentor) in problem.mentors.enumerated() where model.capacity[index] > 0 {
            network.addArc(
                from: mentorVertex(index), to: sink, low: Double(fillsEveryMentor ? model.capacity[index] : mentor.minimum),
                capacity: Double(model.capacity[index]), cost: 0)
        }
        let pairArcs = model.pairs.map { pair in
            network.addArc(from: menteeVertex(pair.mentee), to: mentorVertex(pair.mentor), low: pair.locked ? 1 : 0, capacity: 1, cost: 0)
        }

        // Otherwise a bypass arc carries the units left unassigned. Costs are shifted to
        // 0...range; one more pair then always beats any change of cost if the bypass costs more
        // than the costliest path that could replace a bypassed unit: such a path alternates at
        // most vertices + 1 arcs of cost at most `range` each.
        let lowest = costs.min() ?? 0
        let range = (costs.max() ?? 0) - lowest
        let bypassCost = Double(network.vertexCount + 1) * range + 1
        if bypass == nil || bypassCost < Double(Int32.max) / Double(network.vertexCount + 1) {
            // One solve: most pairs first (fixed, or by the bypass cost), then the cheapest.
            if let bypass { network.setCost(ofArc: bypass, bypassCost) }
            for (arc, cost) in zip(pairArcs, costs) { network.setCost(ofArc: arc, cost - lowest) }
            switch network.minimumCostFlow() {
            case .optimal: break
            case .infeasible: throw MatchingError.infeasible(try infeasibilityReason(model))
            default: return nil
            }
        } else if let bypass {
            // Two solves: the most flow around the bypass (all else free), then that much flow
            // at least cost.
            switch network.minimumCostFlow() {
            case .optimal: break
            case .infeasible: throw MatchingError.infeasible(try infeasibilityReason(model))
            default: return nil
            }
            let bypassed = network.flow(onArc: bypass)
            network.setArc(bypass, low: bypassed, capacity: bypassed, cost: 0)
            for (arc, cost) in zip(pairArcs, costs) { network.setCost(ofArc: arc, cost) }
            guard network.minimumCostFlow() == .optimal else { return nil }
        }
        let chosen = pairArcs.indices.filter { network.flow(onArc: pairArcs[$0]) > 0.5 }
        return Outcome(chosen: chosen, method: "GLPK glp_mincost_okalg", status: .optimal)
    }

    /// The simplex (totally unimodular, no group limits) or branch-and-cut path.
    static func solveByProgram(_ model: AssignmentModel, integer: Bool, deadline: ContinuousClock.Instant?) throws -> Outcome {
        let problem = model.problem
        let menteeRows = problem.mentees.count
        let program = GLPKProgram(rows: menteeRows + problem.mentors.count + model.groupRows.count, columns: model.pairs.count)
        for (mentee, demand) in model.demand.enumerated() { program.setRow(mentee, .init(lower: 0, upper: Double(demand))) }
        for (index, mentor) in problem.mentors.enumerated() {
            program.setRow(menteeRows + index, .init(lower: Double(mentor.minimum), upper: Double(model.capacity[index])))
        }
        var rows: [Int] = [], columns: [Int] = []
        for (column, pair) in model.pairs.enumerated() {
            program.setColumn(column, .init(lower: pair.locked ? 1 : 0, upper: 1), objective: 1, integer: integer)
            rows += [pair.mentee, menteeRows + pair.mentor]
            columns += [column, column]
        }
        for (offset, groupRow) in model.groupRows.enumerated() {
            let row = menteeRows + problem.mentors.count + offset
            program.setRow(row, .init(lower: 0, upper: Double(groupRow.limit)))
            rows += Array(repeating: row, count: groupRow.pairs.count)
            columns += groupRow.pairs
        }
        program.loadMatrix(rows: rows, columns: columns, values: Array(repeating: 1, count: rows.count))
        program.setMaximize(true)

        func millisecondsLeft() -> Int? {
            deadline.map { Int((($0 - ContinuousClock.now) / .milliseconds(1)).rounded(.up)) }
        }
        // First solve: the most pairs.
        var status = Solution.Status.optimal
        var gap: Double?
        let count: Double
        if integer {
            let first = program.branchAndCut(timeLimitMilliseconds: millisecondsLeft())
            try check(first.outcome, model: model)
            if first.outcome == .feasible {
                status = .timeLimit
                gap = first.gap
            }
            count = program.integerObjective.rounded()
        } else {
            try check(program.simplex(timeLimitMilliseconds: millisecondsLeft()), model: model)
            count = program.linearObjective.rounded()
        }
        if Task.isCancelled { throw MatchingError.cancelled }
        // Second solve: at least that many pairs, best total score.
        program.addRow(
            .init(lower: count, upper: integer ? nil : count), columns: Array(model.pairs.indices),
            coefficients: Array(repeating: 1, count: model.pairs.count))
        for (column, pair) in model.pairs.enumerated() { program.setObjective(column, pair.score) }
        program.setMaximize(problem.sense == .maximize)
        var values: [Double] = []
        var lpBound: Double?
        if integer {
            // The relaxation first, for the LP bound; branch-and-cut then presolves on its own.
            if program.simplex(timeLimitMilliseconds: millisecondsLeft()) == .optimal { lpBound = program.linearObjective }
            let second = program.branchAndCut(timeLimitMilliseconds: millisecondsLeft())
            try check(second.outcome, model: model)
            if second.outcome == .feasible {
                status = .timeLimit
                gap = max(gap ?? 0, second.gap)
            }
            for column in model.pairs.indices { values.append(program.integerValue(ofColumn: column)) }
        } else {
            try check(program.simplex(timeLimitMilliseconds: millisecondsLeft()), model: model)
            lpBound = program.linearObjective
            for column in model.pairs.indices { values.append(program.linearValue(ofColumn: column)) }
        }
        if let fractional = values.first(where: { abs($0 - $0.rounded()) > 1e-6 }) {
            throw MatchingError.internalError("GLPK returned the fractional value \(fractional) for a pair")
        }
        return Outcome(
            chosen: values.indices.filter { values[$0] > 0.5 },
            method: integer ? "GLPK glp_intopt" : "GLPK glp_simplex", status: status, gap: gap, lpBound: lpBound)
    }

    /// Throws the matching error unless GLPK found an optimal or (at the time limit) a feasible
    /// solution.
    private static func check(_ outcome: GLPKOutcome, model: AssignmentModel) throws {
        switch outcome {
        case .optimal, .feasible: return
        case .infeasible: throw MatchingError.infeasible(try infeasibilityReason(model))
        case .timeLimit: throw MatchingError.timeLimitReached("GLPK found no assignment meeting every constraint in time")
        case .cancelled: throw MatchingError.cancelled
        case .unsuitable, .failed: throw MatchingError.internalError("GLPK failed: \(outcome)")
        }
    }

    /// Why no assignment meets every constraint, in words. The direct checks of
    /// ``AssignmentModel`` have passed; next, the locked pairs are set aside and the most pairs
    /// that can go to the mentors still below their minimum (each counted up to its minimum) are
    /// compared with what the minimums need. Otherwise the constraints only conflict in
    /// combination, and the reason says so.
    static func infeasibilityReason(_ model: AssignmentModel) throws -> String {
        let problem = model.problem
        var lockedOfMentor = [Int](repeating: 0, count: problem.mentors.count)
        for pair in problem.lockedPairs { lockedOfMentor[pair.mentor] += 1 }
        let stillNeeded = zip(problem.mentors, lockedOfMentor).map { max(0, $0.minimum - $1) }
        let need = stillNeeded.reduce(0, +)
        if need > 0 {
            let relaxed = try Problem(
                mentees: zip(problem.mentees, model.lockedOfMentee).map { .init(id: $0.id, demand: $0.demand - $1) },
                mentors: zip(problem.mentors, stillNeeded).map { .init(id: $0.id, capacity: $1) },
                scores: .edges(model.pairs.filter { !$0.locked }.map {
                    .init(mentee: problem.mentees[$0.mentee].id, mentor: problem.mentors[$0.mentor].id, score: 0)
                }))
            let relaxedModel = try AssignmentModel(relaxed)
            if let most = try solveByFlow(relaxedModel, costs: Array(repeating: 0, count: relaxedModel.pairs.count))?.chosen.count,
                most < need
            {
                return problem.locked.isEmpty
                    ? "minimum loads need \(need) mentees but only \(most) can be assigned to the mentors with a minimum"
                    : "beyond the locked pairs, minimum loads need \(need) more mentees but only \(most) can be assigned to the mentors below their minimum"
            }
        }
        return "the minimum loads, locked pairs and group limits cannot all be met together"
    }
}
