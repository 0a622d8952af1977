// The only code that calls GLPK. GLPK aborts the whole process on an invalid call, so every call
// here is guarded by what the callers already checked in Swift: counts are positive and fit in
// Int32, indices are 1-based and in range, lower bounds never exceed upper bounds, and vertex
// and arc data sizes match the offsets used. Each value is created, used and deleted on one
// thread (GLPK keeps its state in thread-local storage), so the types are not Sendable.

import CGLPK

/// Converts a count or index already checked to fit.
private func int32(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: value) }

/// How a GLPK solve ended, in the terms the solver needs.
enum GLPKOutcome: Equatable {
    /// Optimal.
    case optimal
    /// Stopped by the time limit with a feasible, possibly suboptimal, solution.
    case feasible
    /// No solution meets every constraint.
    case infeasible
    /// Stopped by the time limit with no feasible solution.
    case timeLimit
    /// The data does not fit the routine (out-of-kilter: not whole numbers, or overflow).
    case unsuitable
    /// Stopped because the calling task was cancelled.
    case cancelled
    /// Any other failure, with GLPK's return code and status.
    case failed(code: Int32, status: Int32)
}

/// A GLPK linear or integer program: rows, columns, a sparse matrix, and the solve calls.
struct GLPKProgram: ~Copyable {
    private let program: OpaquePointer

    /// Bounds of a row or column: `lower ... upper`, where `upper == nil` means unbounded above.
    struct Bounds {
        var lower: Double
        var upper: Double?
    }

    /// - Precondition: `rows` and `columns` at least 1 and below `Int32.max`.
    init(rows: Int, columns: Int) {
        glp_term_out(GLP_OFF)
        program = glp_create_prob()
        glp_add_rows(program, int32(rows))
        glp_add_cols(program, int32(columns))
    }

    deinit { glp_delete_prob(program) }

    private static func kind(_ bounds: Bounds) -> Int32 {
        guard let upper = bounds.upper else { return GLP_LO }
        return bounds.lower == upper ? GLP_FX : GLP_DB
    }

    /// Sets the bounds of row `row` (0-based). Precondition: lower <= upper.
    func setRow(_ row: Int, _ bounds: Bounds) {
        glp_set_row_bnds(program, int32(row + 1), Self.kind(bounds), bounds.lower, bounds.upper ?? 0)
    }

    /// Sets the bounds, objective coefficient and kind of column `column` (0-based).
    func setColumn(_ column: Int, _ bounds: Bounds, objective: Double, integer: Bool) {
        glp_set_col_bnds(program, int32(column + 1), Self.kind(bounds), bounds.lower, bounds.upper ?? 0)
        glp_set_obj_coef(program, int32(column + 1), objective)
        if integer { glp_set_col_kind(program, int32(column + 1), GLP_IV) }
    }

    func setObjective(_ column: Int, _ coefficient: Double) {
        glp_set_obj_coef(program, int32(column + 1), coefficient)
    }

    func setMaximize(_ maximize: Bool) {
        glp_set_obj_dir(program, maximize ? GLP_MAX : GLP_MIN)
    }

    /// Appends one row with the given bounds and coefficients (0-based columns); returns its index.
    @discardableResult
    func addRow(_ bounds: Bounds, columns: [Int], coefficients: [Double]) -> Int {
        let row = Int(glp_add_rows(program, 1)) - 1
        setRow(row, bounds)
        let indices = [Int32(0)] + columns.map { int32($0 + 1) }
        let values = [0.0] + coefficients
        glp_set_mat_row(program, int32(row + 1), int32(columns.count), indices, values)
        return row
    }

    /// Loads the whole constraint matrix from (row, column, value) triples, 0-based and without
    /// duplicates. Precondition: at least one triple.
    func loadMatrix(rows: [Int], columns: [Int], values: [Double]) {
        let ia = [Int32(0)] + rows.map { int32($0 + 1) }
        let ja = [Int32(0)] + columns.map { int32($0 + 1) }
        glp_load_matrix(program, int32(values.count), ia, ja, [0.0] + values)
    }

    /// Dual simplex (falling back to primal), output silenced.
    func simplex(timeLimitMilliseconds: Int?) -> GLPKOutcome {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_DUALP
        if let limit = timeLimitMilliseconds { parameters.tm_lim = int32(max(1, limit)) }
        let code = glp_simplex(program, &parameters)
        let status = glp_get_status(program)
        switch (code, status) {
        case (0, GLP_OPT): return .optimal
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _): return .infeasible
        case (GLP_ETMLIM, _): return .timeLimit
        default: return .failed(code: code, status: status)
        }
    }

    /// Branch-and-cut with the MIP presolver, output silenced. Returns the outcome and the
    /// relative MIP gap last reported by GLPK (0 when optimal, infinity when nothing was found).
    func branchAndCut(timeLimitMilliseconds: Int?) -> (outcome: GLPKOutcome, gap: Double) {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_ON
        if let limit = timeLimitMilliseconds { parameters.tm_lim = int32(max(1, limit)) }
        let gap = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        gap.initialize(to: .infinity)
        defer { gap.deallocate() }
        parameters.cb_info = UnsafeMutableRawPointer(gap)
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            let reason = glp_ios_reason(tree)
            if reason == GLP_ISELECT || reason == GLP_IBINGO {
                info.assumingMemoryBound(to: Double.self).pointee = glp_ios_mip_gap(tree)
            }
            // Branch-and-cut runs inside the caller's task: stop it when that task is cancelled.
            if Task.isCancelled { glp_ios_terminate(tree) }
        }
        let code = glp_intopt(program, &parameters)
        let status = glp_mip_status(program)
        switch (code, status) {
        case (0, GLP_OPT): return (.optimal, 0)
        case (_, GLP_FEAS) where code == 0 || code == GLP_ETMLIM: return (.feasible, gap.pointee)
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _): return (.infeasible, .infinity)
        case (GLP_ETMLIM, _): return (.timeLimit, .infinity)
        case (GLP_ESTOP, _): return (.cancelled, .infinity)
        default: return (.failed(code: code, status: status), .infinity)
        }
    }

    func linearValue(ofColumn column: Int) -> Double { glp_get_col_prim(program, int32(column + 1)) }
    var linearObjective: Double { glp_get_obj_val(program) }
    func integerValue(ofColumn column: Int) -> Double { glp_mip_col_val(program, int32(column + 1)) }
    var integerObjective: Double { glp_mip_obj_val(program) }
}

/// A GLPK flow network for `glp_mincost_okalg` (out-of-kilter). Vertex data: supply (one
/// double). Arc data: lower bound, capacity, cost, flow (four doubles).
struct GLPKNetwork: ~Copyable {
    private let graph: UnsafeMutablePointer<glp_graph>
    private var arcs: [UnsafeMutablePointer<glp_arc>] = []
    private static let lowOffset = 0, capacityOffset = 8, costOffset = 16, flowOffset = 24

    /// - Precondition: `vertices` at least 1 and below `Int32.max`.
    init(vertices: Int) {
        glp_term_out(GLP_OFF)
        graph = glp_create_graph(8, 32)
        glp_add_vertices(graph, int32(vertices))
    }

    deinit { glp_delete_graph(graph) }

    func setSupply(ofVertex vertex: Int, _ supply: Double) {
        graph.pointee.v[vertex + 1]!.pointee.data.storeBytes(of: supply, as: Double.self)
    }

    /// Adds an arc between 0-based vertices (tail != head) and returns its index.
    @discardableResult
    mutating func addArc(from tail: Int, to head: Int, low: Double, capacity: Double, cost: Double) -> Int {
        let arc = glp_add_arc(graph, int32(tail + 1), int32(head + 1))!
        arcs.append(arc)
        setArc(arcs.count - 1, low: low, capacity: capacity, cost: cost)
        return arcs.count - 1
    }

    func setArc(_ index: Int, low: Double, capacity: Double, cost: Double) {
        let data = arcs[index].pointee.data!
        data.storeBytes(of: low, toByteOffset: Self.lowOffset, as: Double.self)
        data.storeBytes(of: capacity, toByteOffset: Self.capacityOffset, as: Double.self)
        data.storeBytes(of: cost, toByteOffset: Self.costOffset, as: Double.self)
    }

    func flow(onArc index: Int) -> Double {
        arcs[index].pointee.data!.load(fromByteOffset: Self.flowOffset, as: Double.self)
    }

    /// Minimum-cost flow by the out-of-kilter algorithm: `.optimal`, `.infeasible`,
    /// `.unsuitable` (data not whole numbers, or overflow) or `.failed`.
    func minimumCostFlow() -> GLPKOutcome {
        var cost = 0.0
        let code = glp_mincost_okalg(
            graph, 0, Int32(Self.lowOffset), Int32(Self.capacityOffset), Int32(Self.costOffset), &cost,
            Int32(Self.flowOffset), -1)
        switch code {
        case 0: return .optimal
        case GLP_ENOPFS: return .infeasible
        case GLP_EDATA, GLP_ERANGE: return .unsuitable
        default: return .failed(code: code, status: 0)
        }
    }
}
