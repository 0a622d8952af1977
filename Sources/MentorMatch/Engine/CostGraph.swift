/// The bipartite graph the native solvers work on: *left* nodes, *right* nodes and arcs with a cost
/// to be minimized. Solvers map mentees and mentors to left and right (in either direction) and
/// turn scores into costs (negated when maximizing). The kinds are a closed set, ``CostGraphKind``;
/// code generic over this protocol is specialized for each, so arc loops are inlined. Which
/// algorithm runs on a graph is decided by ``Plan`` from the properties below. This protocol is
/// the data only; the steps that each kind takes its own way are ``AugmentingPathGraph``'s.
protocol CostGraph: ArcRows, Sendable {
    /// Whether the graph is a matrix (a cost per pair, `+infinity` where there is no arc) rather
    /// than compressed rows.
    var isMatrix: Bool { get }
    /// Whether every pair is an arc (only dense graphs say so).
    var isComplete: Bool { get }
    /// Whether every pair is an arc whose cost is a whole number of magnitude at most
    /// ``DenseCostGraph/smallWholeBound``, so that the sums and differences of potentials the
    /// Jonker-Volgenant start forms are exact (only dense graphs say so).
    var hasSmallWholeCosts: Bool { get }
}

/// Rows of arcs: lefts `0..<leftCount`, each with its arcs to rights `0..<rightCount`.
protocol ArcRows {
    var leftCount: Int { get }
    var rightCount: Int { get }
    /// Calls `body` with every arc out of `left`, rights in increasing order.
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void)
    /// Per right, how many arcs go into it.
    func arcsIntoEachRight() -> [Int]
}

extension ArcRows {
    /// One pass through ``forEachArc(of:_:)``.
    func arcsIntoEachRight() -> [Int] {
        var arcsInto = [Int](repeating: 0, count: rightCount)
        for left in 0..<leftCount { forEachArc(of: left) { right, _ in arcsInto[right] += 1 } }
        return arcsInto
    }
}

/// The arcs of `graph` from some of its lefts to some of its rights, renumbered by their
/// positions in those lists, read from `graph` in place: no copy of the arcs.
struct RestrictedArcs<G: CostGraph>: ArcRows {
    let graph: G
    let lefts: [Int]
    /// Per right of `graph`, its new index, or -1 when left out.
    private let newIndexOfRight: [Int]
    let rightCount: Int
    var leftCount: Int { lefts.count }

    init(_ graph: G, lefts: [Int], rights: [Int]) {
        self.graph = graph
        self.lefts = lefts
        var newIndexOfRight = [Int](repeating: -1, count: graph.rightCount)
        for (index, right) in rights.enumerated() { newIndexOfRight[right] = index }
        self.newIndexOfRight = newIndexOfRight
        rightCount = rights.count
    }

    @inline(__always)
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void) {
        graph.forEachArc(of: lefts[left]) { right, cost in
            let index = newIndexOfRight[right]
            if index >= 0 { body(index, cost) }
        }
    }
}

extension CostGraph {
    /// O(1) per right for a complete graph, else one pass through ``forEachArc(of:_:)``.
    func arcsIntoEachRight() -> [Int] {
        var arcsInto = [Int](repeating: isComplete ? leftCount : 0, count: rightCount)
        if !isComplete {
            arcsInto.withUnsafeMutableBufferPointer { arcsInto in
                for left in 0..<leftCount {
                    forEachArc(of: left) { right, _ in arcsInto[right] += 1 }
                }
            }
        }
        return arcsInto
    }
}

/// The kinds of cost graph: a closed set, so that every switch over them is checked by the
/// compiler; each case opens onto code specialized for its type.
enum CostGraphKind {
    case dense(DenseCostGraph<Double>)
    /// A matrix whose every cost is exactly a `Float`, as whole numbers up to 2^24 are.
    case denseFloat(DenseCostGraph<Float>)
    case sparse(SparseCostGraph)
}

/// What a cost matrix stores per pair: `Double`, or `Float` when every cost is exactly one. The
/// searches are bound by memory traffic through the matrix, which `Float` halves; costs are
/// widened to `Double` as they are read, so the arithmetic and the results are the same.
protocol DenseCost: BinaryFloatingPoint, Sendable {
    /// `graph` as the case of ``CostGraphKind`` for this cost type.
    static func kind(_ graph: DenseCostGraph<Self>) -> CostGraphKind
    /// The four costs from `first` on, widened.
    static func fourWidened(from first: UnsafePointer<Self>) -> SIMD4<Double>
    /// Stores `four` at `first`, narrowed, and returns what was stored, widened again.
    static func storeNarrowed(_ four: SIMD4<Double>, at first: UnsafeMutablePointer<Self>) -> SIMD4<Double>
    /// The four costs from `first` on, narrowed to `Float` (exact on ``CostGraph/hasSmallWholeCosts``
    /// graphs).
    static func fourNarrowed(from first: UnsafePointer<Self>) -> SIMD4<Float>
    /// The lanes of the four costs from `first` on that are not whole numbers of magnitude at
    /// most ``DenseCostGraph/smallWholeBound`` (NaN, a missing arc, included).
    static func notSmallWhole(at first: UnsafePointer<Self>) -> SIMDMask<SIMD4<Int32>>
}

extension Double: DenseCost {
    static func kind(_ graph: DenseCostGraph<Double>) -> CostGraphKind { .dense(graph) }

    @inline(__always)
    static func fourWidened(from first: UnsafePointer<Double>) -> SIMD4<Double> {
        loadFour(first)
    }

    @inline(__always)
    static func storeNarrowed(_ four: SIMD4<Double>, at first: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        storeFour(four, first)
        return four
    }

    @inline(__always)
    static func fourNarrowed(from first: UnsafePointer<Double>) -> SIMD4<Float> {
        SIMD4<Float>(loadFour(first, as: SIMD4<Double>.self))
    }

    /// Every lane: a matrix of small whole numbers is stored as `Float`.
    @inline(__always)
    static func notSmallWhole(at first: UnsafePointer<Double>) -> SIMDMask<SIMD4<Int32>> {
        SIMDMask(repeating: true)
    }
}

extension Float: DenseCost {
    static func kind(_ graph: DenseCostGraph<Float>) -> CostGraphKind { .denseFloat(graph) }

    @inline(__always)
    static func fourWidened(from first: UnsafePointer<Float>) -> SIMD4<Double> {
        SIMD4<Double>(loadFour(first, as: SIMD4<Float>.self))
    }

    @inline(__always)
    static func storeNarrowed(_ four: SIMD4<Double>, at first: UnsafeMutablePointer<Float>) -> SIMD4<Double> {
        let narrowed = SIMD4<Float>(four)
        storeFour(narrowed, first)
        return SIMD4<Double>(narrowed)
    }

    @inline(__always)
    static func fourNarrowed(from first: UnsafePointer<Float>) -> SIMD4<Float> {
        loadFour(first)
    }

    /// x + 1.5 * 2^23 - 1.5 * 2^23 is x rounded to a whole number for |x| < 2^22: four lanes in
    /// a handful of instructions.
    @inline(__always)
    static func notSmallWhole(at first: UnsafePointer<Float>) -> SIMDMask<SIMD4<Int32>> {
        let four = loadFour(first, as: SIMD4<Float>.self), rounding = SIMD4<Float>(repeating: 0x1.8p23)
        let bound = SIMD4<Float>(repeating: Float(DenseCostGraph<Float>.smallWholeBound))
        return (four + rounding - rounding .!= four) .| (four .> bound) .| (four .< -bound)
    }
}

/// The four elements from `first` on as one vector, `Lanes` being four lanes of their size
/// (`SIMD4<Int64>` for `Int`, so that it takes the masks of `SIMD4<Double>` comparisons).
@inline(__always)
func loadFour<Element, Lanes: SIMD>(_ first: UnsafePointer<Element>, as _: Lanes.Type = Lanes.self) -> Lanes {
    UnsafeRawPointer(first).loadUnaligned(as: Lanes.self)
}

/// Stores `lanes` as the four elements from `first` on (see ``loadFour(_:as:)``).
@inline(__always)
func storeFour<Element, Lanes: SIMD>(_ lanes: Lanes, _ first: UnsafeMutablePointer<Element>) {
    UnsafeMutableRawPointer(first).storeBytes(of: lanes, as: Lanes.self)
}

extension SIMDMask where Storage == SIMD4<Int64> {
    /// Whether some lane is set. `any(_:)` takes the least lane, which SSE2 (Swift's default
    /// x86-64 target) has no instruction for; the sum of the lanes (each 0 or -1) is cheap.
    @inline(__always)
    var hasSetLane: Bool { unsafeBitCast(self, to: SIMD4<Int64>.self).wrappedSum() != 0 }
}

/// A cost matrix, row-major, with `+infinity` where there is no arc.
struct DenseCostGraph<Cost: DenseCost>: CostGraph {
    let leftCount: Int
    let rightCount: Int
    let costs: [Cost]
    /// Whether every pair is an arc (no `+infinity`).
    let isComplete: Bool
    let hasSmallWholeCosts: Bool
    /// 2^22: every whole number up to there is a `Float` (and checked as one in a few
    /// instructions); a potential of the Jonker-Volgenant start moves by at most twice that per
    /// row reduction, of which there are at most 100 n (JonkerVolgenant.swift), so it stays a
    /// whole number below 2^53 for n < 2^23.
    static var smallWholeBound: Double { 0x1p22 }
    var isMatrix: Bool { true }

    @inline(__always)
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void) {
        costs.withUnsafeBufferPointer { costs in
            let row = costs.baseAddress! + left * rightCount
            for right in 0..<rightCount where row[right] < .infinity { body(right, Double(row[right])) }
        }
    }
}

/// Arcs in compressed rows (CSR), possibly shared with a ``ScoreTable``: the arcs of left *l* are
/// at positions `arcsOf[l]` of `arcRight` and `arcValue`, and an arc costs `costPerValue` (1 or
/// -1) times its value. Sharing the table's arrays (copy-on-write, never written here) keeps a
/// solve from copying every allowed pair.
struct SparseCostGraph: CostGraph {
    let leftCount: Int
    let rightCount: Int
    let arcsOf: [Range<Int>]
    let arcRight: [Int32]
    let arcValue: [Double]
    let costPerValue: Double
    var isMatrix: Bool { false }
    var isComplete: Bool { false }
    var hasSmallWholeCosts: Bool { false }

    /// Through raw buffers: the arrays' bounds checks cost about a third of a loop that does
    /// little per arc (counting, copying, union-find).
    @inline(__always)
    func forEachArc(of left: Int, _ body: (_ right: Int, _ cost: Double) -> Void) {
        arcRight.withUnsafeBufferPointer { arcRight in
            arcValue.withUnsafeBufferPointer { arcValue in
                for position in arcsOf[left] { body(Int(arcRight[position]), costPerValue * arcValue[position]) }
            }
        }
    }

    /// One pass over the rights of the arcs, not their costs.
    func arcsIntoEachRight() -> [Int] {
        var arcsInto = [Int](repeating: 0, count: rightCount)
        arcsInto.withUnsafeMutableBufferPointer { arcsInto in
            arcRight.withUnsafeBufferPointer { arcRight in
                for range in arcsOf {
                    for position in range { arcsInto[Int(arcRight[position])] += 1 }
                }
            }
        }
        return arcsInto
    }
}

/// Builds a subgraph in the form ``Plan/storesMatrix(arcCount:leftCount:rightCount:)`` chooses.
enum CostGraphBuilder {
    /// The subgraph of `graph` on the given lefts and rights (positions in these arrays become the
    /// new indices). With `transposed`, the given rights become the new lefts and vice versa.
    ///
    /// - Complexity: O(arcs of the given lefts + new lefts x new rights when dense).
    static func subgraph<G: CostGraph>(of graph: G, lefts: [Int], rights: [Int], transposed: Bool) -> CostGraphKind {
        var newIndexOfRight = [Int](repeating: -1, count: graph.rightCount)
        for (index, right) in rights.enumerated() { newIndexOfRight[right] = index }
        let leftCount = transposed ? rights.count : lefts.count
        let rightCount = transposed ? lefts.count : rights.count
        /// Calls `body` with each arc of the subgraph as (new left, new right, cost), in the
        /// original arcs' order: two passes over the arcs instead of a list of them.
        func forEachArc(_ body: (_ from: Int, _ to: Int, _ cost: Double) -> Void) {
            for (leftIndex, left) in lefts.enumerated() {
                graph.forEachArc(of: left) { right, cost in
                    let rightIndex = newIndexOfRight[right]
                    guard rightIndex >= 0 else { return }
                    if transposed { body(rightIndex, leftIndex, cost) } else { body(leftIndex, rightIndex, cost) }
                }
            }
        }
        var arcsOfLeft = [Int](repeating: 0, count: leftCount)
        forEachArc { from, _, _ in arcsOfLeft[from] += 1 }
        var rows = RowLayout(counts: arcsOfLeft)
        let arcCount = rows.itemCount
        if Plan.storesMatrix(arcCount: arcCount, leftCount: leftCount, rightCount: rightCount) {
            var costs = [Double](repeating: .infinity, count: leftCount * rightCount)
            var smallWhole = true
            forEachArc { from, to, cost in
                costs[from * rightCount + to] = cost
                if cost.rounded() != cost || abs(cost) > DenseCostGraph<Double>.smallWholeBound { smallWhole = false }
            }
            let isComplete = arcCount == leftCount * rightCount
            return .dense(
                DenseCostGraph(
                    leftCount: leftCount, rightCount: rightCount, costs: costs, isComplete: isComplete, hasSmallWholeCosts: isComplete && smallWhole))
        }
        // Counting sort by new left; within a left, rights stay increasing because the original
        // arcs come in increasing right order (and, transposed, in increasing left order).
        var arcRight = [Int32](repeating: 0, count: arcCount)
        var arcCost = [Double](repeating: 0, count: arcCount)
        forEachArc { from, to, cost in
            let position = rows.place(inRow: from)
            arcRight[position] = Int32(to)
            arcCost[position] = cost
        }
        return .sparse(
            SparseCostGraph(
                leftCount: leftCount, rightCount: rightCount, arcsOf: (0..<leftCount).map { rows.start[$0]..<rows.start[$0 + 1] },
                arcRight: arcRight, arcValue: arcCost, costPerValue: 1))
    }
}

// Each kind opens onto the generic code specialized for its type.

extension HungarianSolver {
    static func solveFreePart(_ graph: CostGraphKind, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        switch graph {
        case .dense(let dense): try solveFreePart(dense, freeCapacity: freeCapacity, stop: stop)
        case .denseFloat(let dense): try solveFreePart(dense, freeCapacity: freeCapacity, stop: stop)
        case .sparse(let sparse): try solveFreePart(sparse, freeCapacity: freeCapacity, stop: stop)
        }
    }

    static func solveParts(_ graph: CostGraphKind, freeCapacity: [Int], stop: StopCheck) throws -> Parts {
        switch graph {
        case .dense(let dense): try solveParts(dense, freeCapacity: freeCapacity, stop: stop)
        case .denseFloat(let dense): try solveParts(dense, freeCapacity: freeCapacity, stop: stop)
        case .sparse(let sparse): try solveParts(sparse, freeCapacity: freeCapacity, stop: stop)
        }
    }
}

extension HungarianSolver {
    static func solveServingEveryLeft(_ graph: CostGraphKind, demand: [Int], capacity: [Int], stop: StopCheck) throws -> (
        state: AugmentingPathState, method: Solution.Method
    ) {
        switch graph {
        case .dense(let dense): try solveServingEveryLeft(dense, demand: demand, capacity: capacity, stop: stop)
        case .denseFloat(let dense): try solveServingEveryLeft(dense, demand: demand, capacity: capacity, stop: stop)
        case .sparse(let sparse): try solveServingEveryLeft(sparse, demand: demand, capacity: capacity, stop: stop)
        }
    }
}
