import MentorMatch

/// The GLPK backend: the same objective as `HungarianSolver`, with GLPK's own algorithms: a
/// second opinion on every network problem, and the only exact solver for groups that overlap
/// without nesting.
///
/// ```swift
/// let solution = try GLPKSolver(timeLimit: .seconds(30)).solve(problem)
/// print(solution.methods)   // [.glpkMinCostFlow] for a problem that is a flow network
/// ```
///
/// **Two-level objective, never by a big-M weight.** The largest number of pairs is fixed first,
/// then the total score is optimized among assignments of that size.
///
/// **The path is chosen per problem, fastest first** (`Solution/methods` names the one that ran):
/// 1. `GLPK glp_mincost_okalg`: when the constraints form a flow network (no groups that overlap
///    without nesting), GLPK's out-of-kilter routine solves the network that `Solution/Certificate`
///    describes, with lower bounds for minimum loads and group nodes for nested limits, with the
///    flow fixed at its maximum (computed natively, a maximum flow meeting the minimum loads).
///    Out-of-kilter needs whole-number data, so it runs when the scores are multiples of 10^-k
///    for some k <= 6 (scaled to whole numbers) and nothing overflows GLPK's `int`.
/// 2. `GLPK glp_simplex`: otherwise, without group limits, the LP is totally unimodular, so the
///    dual simplex returns a whole-number optimum (checked) for both solves.
/// 3. `GLPK glp_intopt`: groups that overlap without nesting break total unimodularity;
///    branch-and-cut with the MIP presolver. ``timeLimit`` applies here (and to the simplex):
///    when it passes, the best assignment found is returned with status
///    `Solution/Status/timeLimit` and its MIP gap.
///
/// **Cancellation.** A cancelled task stops branch-and-cut at once (its callback terminates the
/// search) and the other paths between solves; the solver then throws
/// `MatchingError/cancelled` and never returns an unfinished answer as optimal.
///
/// **Safety.** GLPK aborts the process on an invalid call, so everything is validated in Swift
/// first (`Problem`, the flow network and `AssignmentModel`); GLPK's output is silenced. Each
/// solve creates, solves and deletes its GLPK objects on the calling thread with no suspension
/// point, so solves running at once on different threads are independent (GLPK keeps its state
/// per thread).
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

    public var capabilities: SolverCapabilities { [.minimumLoads, .menteeDemand, .groupLimits, .incumbents] }

    /// Solves `problem` with the fastest GLPK path that applies.
    ///
    /// - Throws: `MatchingError/infeasible(_:)` with the reason in words,
    ///   `MatchingError/timeLimitReached(_:)` when no assignment was found in time, or
    ///   `MatchingError/internalError(_:)` if GLPK fails unexpectedly.
    public func solve(_ problem: Problem) throws -> Solution {
        try checkSupport(of: problem)
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = timeLimit.map { started + $0 }
        let model = try AssignmentModel(problem)
        if Task.isCancelled { throw MatchingError.cancelled }
        let result: Outcome
        if model.pairs.isEmpty {
            result = Outcome(chosen: problem.lockedPairs, methods: [], status: .optimal)
        } else if problem.incumbents.isEmpty, let network = try Self.network(of: problem), let flow = try Self.solveByFlow(network, problem: problem) {
            result = flow
        } else {
            // A row for the kept incumbents breaks total unimodularity: incumbents need integers.
            result = try Self.solveByProgram(model, integer: !model.groupRows.isEmpty || !problem.incumbents.isEmpty, deadline: deadline)
        }
        var solution = Solution(
            problem: problem, solver: name, methods: result.methods, status: result.status, pairs: result.chosen,
            seconds: (clock.now - started) / .seconds(1), gap: result.gap, lpBound: result.lpBound)
        // Out-of-kilter solves the network LP itself, whose optimum is whole-number: its bound.
        if result.lpBound == nil, result.status == .optimal { solution.lpBound = solution.objective }
        return solution
    }

    struct Outcome {
        /// The assigned pairs (mentee, mentor), locked ones included.
        var chosen: [(mentee: Int, mentor: Int)]
        var methods: [Solution.Method]
        var status: Solution.Status
        var gap: Double?
        /// The linear relaxation's optimum, where a program was solved.
        var lpBound: Double?
    }

    /// The problem's flow network, or `nil` when groups overlap without nesting.
    static func network(of problem: Problem) throws -> FlowNetwork? {
        do {
            return try FlowNetwork(problem, solver: "glpk")
        } catch MatchingError.unsupported {
            return nil
        }
    }

    /// The out-of-kilter path on the problem's flow network (see `Solution/Certificate` for its arcs),
    /// one connected component at a time with its flow fixed at its maximum, or `nil` when the
    /// costs are not whole numbers after scaling or GLPK reports them too large for its integers.
    static func solveByFlow(_ network: FlowNetwork, problem: Problem) throws -> Outcome? {
        // Whole numbers that fit GLPK's integer routines, if the costs are multiples of 10^-k, k <= 6.
        guard let costs = wholeNumbers(Array(network.cost[network.pairArcs]), limit: Double(Int32.max) / 4)?.values else { return nil }
        // The most pairs, computed natively (a maximum flow meeting the minimum loads): a flow of
        // exactly that much in each component at least cost is the two-level optimum, with no
        // bypass arc to price. Out-of-kilter is pseudo-polynomial, so small components help.
        let maximum = try network.maximumFlow(stop: StopCheck(timeLimit: nil))
        var chosen = problem.lockedPairs
        for arcs in network.componentArcs() {
            let value = arcs.reduce(0) { network.head[$1] == Int32(network.sink) ? $0 + maximum.flow[$1] : $0 }
            guard value > 0 else { continue }
            var vertexOf = [network.source: 0, network.sink: 1]
            func vertex(_ node: Int32) -> Int {
                if let known = vertexOf[Int(node)] { return known }
                vertexOf[Int(node)] = vertexOf.count
                return vertexOf.count - 1
            }
            let ends = arcs.map { (vertex(network.tail[$0]), vertex(network.head[$0])) }
            var glpk = GLPKNetwork(vertices: vertexOf.count)
            glpk.setSupply(ofVertex: 0, Double(value))
            glpk.setSupply(ofVertex: 1, -Double(value))
            // Costs shifted to 0... change every flow of this value by the same amount.
            let lowest = arcs.lazy.filter { network.pairArcs.contains($0) }.map { costs[$0 - network.pairArcs.lowerBound] }.min() ?? 0
            for (arc, (tail, head)) in zip(arcs, ends) {
                let cost = network.pairArcs.contains(arc) ? costs[arc - network.pairArcs.lowerBound] - lowest : 0
                // An arc across a minimum cut carries the same flow in every maximum flow: fixed,
                // which gives a complete square problem the tight network of GLPK's own
                // assignment routine.
                let fixed = maximum.fixed[arc]
                let low = fixed ? maximum.flow[arc] : Int(network.lower(arc)), high = fixed ? maximum.flow[arc] : Int(network.upper(arc))
                glpk.addArc(from: tail, to: head, low: Double(low), capacity: Double(high), cost: cost)
            }
            switch glpk.minimumCostFlow() {
            case .optimal: break
            case .infeasible: throw MatchingError.internalError("GLPK found no flow of the maximum value \(value)")
            default: return nil
            }
            for (index, arc) in arcs.enumerated() where network.pairArcs.contains(arc) && glpk.flow(onArc: index) > 0.5 {
                chosen.append(network.pair(ofArc: arc))
            }
            if Task.isCancelled { throw MatchingError.cancelled }
        }
        return Outcome(chosen: chosen, methods: [.glpkMinCostFlow], status: .optimal)
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
        // Then: at least that many pairs, and with incumbents the most of them kept.
        program.addRow(
            .init(lower: count, upper: integer ? nil : count), columns: Array(model.pairs.indices),
            coefficients: Array(repeating: 1, count: model.pairs.count))
        let incumbentColumns = model.pairs.indices.filter { problem.isIncumbent(mentee: model.pairs[$0].mentee, mentor: model.pairs[$0].mentor) }
        if !incumbentColumns.isEmpty {
            for column in model.pairs.indices { program.setObjective(column, 0) }
            for column in incumbentColumns { program.setObjective(column, 1) }
            let kept = program.branchAndCut(timeLimitMilliseconds: millisecondsLeft())
            try check(kept.outcome, model: model)
            if kept.outcome == .feasible {
                status = .timeLimit
                gap = max(gap ?? 0, kept.gap)
            }
            program.addRow(
                .init(lower: program.integerObjective.rounded(), upper: nil), columns: incumbentColumns,
                coefficients: Array(repeating: 1, count: incumbentColumns.count))
            if Task.isCancelled { throw MatchingError.cancelled }
        }
        // Last solve: the best total score.
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
        // Pair values come back whole: from branch-and-cut as integers, from the simplex because
        // a model without group rows is a network, whose basic solutions are whole. A value more
        // than 10^-6 off a whole number is GLPK failing, not rounding.
        if let fractional = values.first(where: { abs($0 - $0.rounded()) > 1e-6 }) {
            throw MatchingError.internalError("GLPK returned the fractional value \(fractional) for a pair")
        }
        return Outcome(
            chosen: values.indices.filter { values[$0] > 0.5 }.map { (model.pairs[$0].mentee, model.pairs[$0].mentor) },
            methods: [integer ? .glpkIntegerProgram : .glpkSimplex], status: status, gap: gap, lpBound: lpBound)
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
    /// `AssignmentModel` have passed; next, the locked pairs are set aside and the most pairs
    /// that can go to the mentors still below their minimum (each counted up to its minimum) are
    /// compared with what the minimums need. Otherwise the constraints only conflict in
    /// combination, and the reason says so.
    static func infeasibilityReason(_ model: AssignmentModel) throws -> String {
        let problem = model.problem
        // Without the groups the constraints are a network, whose maximum flow says whether the
        // minimum loads alone can be met, and if not, by how much they fall short.
        let withoutGroups = try Problem(
            sense: problem.sense, mentees: problem.mentees, mentors: problem.mentors,
            scores: .edges(model.pairs.map { .init(mentee: problem.mentees[$0.mentee].id, mentor: problem.mentors[$0.mentor].id, score: 0) }),
            locked: problem.locked)
        do {
            _ = try withoutGroups.largestAssignmentSize()
        } catch MatchingError.infeasible(let reason) {
            return reason
        }
        return "the minimum loads, locked pairs and group limits cannot all be met together"
    }
}
