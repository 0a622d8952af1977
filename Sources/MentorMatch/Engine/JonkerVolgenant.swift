// The initialization of R. Jonker and A. Volgenant, "A shortest augmenting path algorithm for
// dense and sparse linear assignment problems", Computing 38, 1987, pp. 325-340: column
// reduction, reduction transfer and augmenting row reduction. It assigns most rows of a square
// assignment problem before any shortest path search, which then only has to place the rest.
//
// It applies to square problems with unit demands and capacities in which every right node is
// filled at the end: a complete square cost matrix, or a sparse square graph whose maximum
// assignment is perfect (the sparse code of the same paper, which LAPJVsp and lap.lapmod run:
// every step only reads the arcs of one row at a time). It needs every right filled because it gives right nodes with room potentials above 0, which
// the capacitated dual in ShortestAugmentingPaths.swift forbids until the very end. When every
// right node is full, adding a constant to every u and subtracting it from every v changes no
// reduced cost, so ShortestAugmentingPaths shifts v to max(v) = 0 once all searches are done.
//
// Invariant after every step (with u[l] = min over r of c(l, r) - v[r]): every assigned arc
// (l, r) has c(l, r) - v[r] = u[l], so reduced costs are >= 0 everywhere and 0 on assigned arcs,
// which is what the shortest path searches need.
//
// Sparse rows: a row with a single arc has no second least reduced cost; reduction transfer then
// leaves its column alone, and augmenting row reduction takes the column without lowering its
// potential (the displaced row waits for the next pass instead of at once, so two single-arc rows
// cannot displace each other forever).
//
// Ties, fixed so the result is a deterministic function of the costs: column reduction takes
// the lowest row of least cost; a row in augmenting row reduction takes, among its cheapest
// columns, a free one if there is one, else the lowest; the second cheapest is the lowest column
// of that value after the first.

extension DenseCostGraph {
    /// Jonker and Volgenant's augmentation for the graphs their start applies to (every right
    /// with one slot): Dijkstra by levels. All unvisited rights at the least distance form a
    /// level; the search stops at a right with room in it (the lowest index), else settles the
    /// level's rights one by one (in the order they joined), relaxing from each one's mentee,
    /// and a right that reaches the level's distance joins it at once (the search stops at the
    /// lowest such right with room). One minimum search per level rather than per step: on
    /// problems with many ties (costs below 1000 at n = 4000) most rights settle at a few
    /// distances.
    ///
    /// On small whole costs (``CostGraph/hasSmallWholeCosts``) the search runs in `Float`, four
    /// lanes to a register instead of two, as long as every value it forms is exact there (see
    /// ``LevelLane``); else, or as soon as a value might not be, in `Double`. Exact values in
    /// both, so the same steps and the same answer: debug builds run both and compare.
    ///
    /// Keeps the invariants of ShortestAugmentingPaths.swift: the rights it settles, and the
    /// lefts behind them, are exactly those `finish` updates, with their distances restored.
    func searchAugmentingPathByLevels(from start: Int, in state: inout AugmentingPathState) throws -> (sink: Int, length: Double) {
        if hasSmallWholeCosts {
            #if DEBUG
                var check = state
            #endif
            if let found = try searchByLevelsInFloat(from: start, in: &state) {
                #if DEBUG
                    let expected = try searchByLevelsInDouble(from: start, in: &check)
                    assert(found == expected && check.poppedRights == state.poppedRights, "the Float search from \(start) took other steps")
                    for right in check.poppedRights {
                        assert(check.distance[right] == state.distance[right] && check.predecessor[right] == state.predecessor[right])
                    }
                #endif
                return found
            }
        }
        return try searchByLevelsInDouble(from: start, in: &state)
    }

    private func searchByLevelsInDouble(from start: Int, in state: inout AugmentingPathState) throws -> (sink: Int, length: Double) {
        try withSearch(&state) { search, state in
            try search.predecessor.withMemoryRebound(to: Int64.self, capacity: rightCount) { predecessor in
                let levels = LevelSearch(
                    costs: search.costs, rightCount: rightCount, v: search.v, room: search.room, distance: search.distance,
                    predecessor: predecessor)
                // Double offsets are never out of bounds.
                return try levels.run(from: start, state: &state)!
            }
        }
    }

    /// `nil` when some potential or offset is too large for `Float` (``LevelLane/offsetBound``).
    /// The potentials in `Float` for this search (O(rights), as is setting the distances);
    /// settled distances and predecessors written back for `finish` and `Slots.augment`.
    private func searchByLevelsInFloat(from start: Int, in state: inout AugmentingPathState) throws -> (sink: Int, length: Double)? {
        guard let potentials = Float.potentials(exactlyFrom: state.v) else { return nil }
        let room = state.slots.hasRoom
        return try potentials.withUnsafeBufferPointer { v in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: rightCount) { distance in
                try withUnsafeTemporaryAllocation(of: Int32.self, capacity: rightCount) { predecessor in
                    try costs.withUnsafeBufferPointer { costs in
                        try room.withUnsafeBufferPointer { room in
                            let levels = LevelSearch(
                                costs: costs.baseAddress!, rightCount: rightCount, v: v.baseAddress!, room: room.baseAddress!,
                                distance: distance.baseAddress!, predecessor: predecessor.baseAddress!)
                            guard let found = try levels.run(from: start, state: &state) else { return nil }
                            for right in state.poppedRights {
                                state.distance[right] = Double(distance[right])
                                state.predecessor[right] = Int(predecessor[right])
                            }
                            return found
                        }
                    }
                }
            }
        }
    }
}

/// The scalar of a search by levels' distances and potentials, and its predecessors'
/// (`SIMDMaskScalar`, so that the lanes of both take the same masks): `Double` and `Int64`
/// always serve; `Float` and `Int32` hold four lanes to an SSE register, not two, and serve while
/// every value the search forms is a whole number below 2^24 in magnitude, which they hold
/// exactly. Costs, potentials and offsets (a settled length minus a potential) are whole on
/// small whole costs; with |cost| <= 2^22, |offset| <= `offsetBound` = 2^22 and |v| <=
/// `potentialBound` = 2^21, offset + cost - v stays below 2^23 + 2^21.
protocol LevelLane: BinaryFloatingPoint, SIMDScalar, Codable {
    /// The four costs from `first` on, exactly where the search runs in this type.
    static func four<Cost: DenseCost>(from first: UnsafePointer<Cost>) -> SIMD4<Self>
    /// Whether some lane of `mask` is set, in this type's fastest way.
    static func hasSetLane(_ mask: SIMDMask<SIMD4<SIMDMaskScalar>>) -> Bool
    /// The largest |offset| a relaxation may add in this type.
    static var offsetBound: Double { get }
    /// The largest |v| a search or row reduction may read in this type.
    static var potentialBound: Double { get }
}

extension Double: LevelLane {
    @inline(__always)
    static func four<Cost: DenseCost>(from first: UnsafePointer<Cost>) -> SIMD4<Double> { Cost.fourWidened(from: first) }
    @inline(__always)
    static func hasSetLane(_ mask: SIMDMask<SIMD4<Int64>>) -> Bool { mask.hasSetLane }
    static var offsetBound: Double { .infinity }
    static var potentialBound: Double { .infinity }
}

extension Float: LevelLane {
    @inline(__always)
    static func four<Cost: DenseCost>(from first: UnsafePointer<Cost>) -> SIMD4<Float> { Cost.fourNarrowed(from: first) }
    /// One `movmskps`.
    @inline(__always)
    static func hasSetLane(_ mask: SIMDMask<SIMD4<Int32>>) -> Bool { any(mask) }
    static var offsetBound: Double { 0x1p22 }
    static var potentialBound: Double { 0x1p21 }

    /// `potentials` (whole numbers) in `Float`, or `nil` when one is past `potentialBound`.
    static func potentials(exactlyFrom potentials: [Double]) -> [Float]? {
        guard potentials.allSatisfy({ abs($0) <= potentialBound }) else { return nil }
        return potentials.map { Float($0) }
    }
}

/// The pointers of one search by levels. A right that joins a level gets distance -infinity
/// until the search ends, so that no relaxation can change it (not even by a rounding error) and
/// no minimum sees it: every pass runs over all rights in index order, four at a time, with no
/// list of unvisited rights to gather through (lapjv's way, which bound our searches by cache
/// misses).
struct LevelSearch<Cost: DenseCost, Lane: LevelLane> {
    let costs: UnsafePointer<Cost>
    let rightCount: Int
    let v: UnsafePointer<Lane>
    let room: UnsafePointer<Bool>
    let distance: UnsafeMutablePointer<Lane>
    let predecessor: UnsafeMutablePointer<Lane.SIMDMaskScalar>

    /// The search; `nil` as soon as an offset exceeds `Lane.offsetBound` (begin again to retry).
    /// Settled rights end with their settled distances.
    func run(from start: Int, state: inout AugmentingPathState) throws -> (sink: Int, length: Double)? {
        state.begin(at: start)
        var level: [Int] = [], settledAt: [Lane] = []
        defer {
            // Settled rights' distances back, for `finish`.
            for (right, length) in zip(state.poppedRights, settledAt) { distance[right] = length }
        }
        guard abs(state.u[start]) <= Lane.offsetBound else { return nil }
        distance.update(repeating: .infinity, count: rightCount)
        var sink = relax(from: start, offset: Lane(-state.u[start]), length: -.infinity, level: &level)
        var length = -Lane.infinity, settled = 0
        while sink < 0 {
            if settled == level.count {
                length = leastDistance(above: length)
                guard length < .infinity else {
                    throw MatchingError.internalError("no augmenting path from left node \(start)")
                }
                sink = join(at: length, level: &level)
                continue
            }
            let right = level[settled]
            settled += 1
            state.poppedRights.append(right)
            settledAt.append(length)
            state.reachLefts(through: right, at: Double(length))
            let left = state.scannedLefts[state.scannedLefts.count - 1]
            let offset = Double(length) - state.u[left]
            guard abs(offset) <= Lane.offsetBound else { return nil }
            sink = relax(from: left, offset: Lane(offset), length: length, level: &level)
        }
        state.poppedRights.append(sink)
        settledAt.append(length)
        return (sink, Double(length))
    }

    /// Lowers each right's distance to `offset` + c(left, r) - v[r] where that is less; a right
    /// whose distance becomes `length` joins the level. Returns the first such right with room
    /// (the search ends there), else -1.
    private func relax(from left: Int, offset: Lane, length: Lane, level: inout [Int]) -> Int {
        let row = costs + left * rightCount, v = v, distance = distance
        let offsets = SIMD4<Lane>(repeating: offset), lengths = SIMD4<Lane>(repeating: length)
        let lefts = SIMD4<Lane.SIMDMaskScalar>(repeating: Lane.SIMDMaskScalar(left))
        // By blocks of four rights, as every pass here, not `stride` (whose step checks for
        // overflow).
        for block in 0..<rightCount / 4 {
            let right = block &* 4
            let reached = offsets + Lane.four(from: row + right) - loadFour(v + right)
            var known: SIMD4<Lane> = loadFour(distance + right)
            let lower = reached .< known
            guard Lane.hasSetLane(lower) else { continue }
            known.replace(with: reached, where: lower)
            storeFour(known, distance + right)
            var from: SIMD4<Lane.SIMDMaskScalar> = loadFour(predecessor + right)
            from.replace(with: lefts, where: lower)
            storeFour(from, predecessor + right)
            let joining = lower .& (reached .== lengths)
            guard Lane.hasSetLane(joining) else { continue }
            for lane in 0..<4 where joining[lane] {
                if let sink = join(right + lane, level: &level) { return sink }
            }
        }
        for right in rightCount - rightCount % 4..<rightCount {
            let reached = offset + Lane(row[right]) - v[right]
            guard reached < distance[right] else { continue }
            distance[right] = reached
            predecessor[right] = Lane.SIMDMaskScalar(left)
            if reached == length, let sink = join(right, level: &level) { return sink }
        }
        return -1
    }

    /// The least distance above `length` (rights in a level have -infinity), `+infinity` if none.
    private func leastDistance(above length: Lane) -> Lane {
        let wholeLanes = rightCount - rightCount % 4, lengths = SIMD4<Lane>(repeating: length)
        var least = SIMD4<Lane>(repeating: .infinity)
        for block in 0..<rightCount / 4 {
            let known: SIMD4<Lane> = loadFour(distance + block &* 4)
            least.replace(with: known, where: (known .> lengths) .& (known .< least))
        }
        var result = least.min()
        for right in wholeLanes..<rightCount where distance[right] > length { result = min(result, distance[right]) }
        return result
    }

    /// Joins every right at distance `length` to the level, in index order; returns the first
    /// with room (the search ends there), else -1.
    private func join(at length: Lane, level: inout [Int]) -> Int {
        let wholeLanes = rightCount - rightCount % 4, lengths = SIMD4<Lane>(repeating: length)
        for block in 0..<rightCount / 4 {
            let right = block &* 4, atLength = loadFour(distance + right, as: SIMD4<Lane>.self) .== lengths
            guard Lane.hasSetLane(atLength) else { continue }
            for lane in 0..<4 where atLength[lane] {
                if let sink = join(right + lane, level: &level) { return sink }
            }
        }
        for right in wholeLanes..<rightCount where distance[right] == length {
            if let sink = join(right, level: &level) { return sink }
        }
        return -1
    }

    /// `right`, at the level's distance: the sink if it has room, else in the level.
    @inline(__always)
    private func join(_ right: Int, level: inout [Int]) -> Int? {
        if room[right] { return right }
        distance[right] = -.infinity
        level.append(right)
        return nil
    }
}

extension AugmentingPathGraph {
    /// Sets `state.u` and `state.v` and assigns most left nodes, keeping the invariant in this
    /// file's header. Returns which lefts were assigned. Reads each row through `forEachArc`, so
    /// that one code serves complete matrices and sparse graphs.
    ///
    /// - Complexity: O(*e*) for column reduction and reduction transfer, and O(arcs of the row)
    ///   per row reduction, of which there are at most 100 *n*, for *e* arcs and *n* rows.
    ///   Jonker and Volgenant run two passes over the free rows (re-running a row at once when its
    ///   reduction lowered a potential) and set no bound; we run up to six passes, which left
    ///   15-70% fewer rows to the searches on the benchmark's dense families, and bound the total
    ///   so that the loop provably ends.
    func jonkerVolgenantStart(_ state: inout AugmentingPathState) -> [Bool] {
        let n = leftCount
        var columnOfRow = [Int](repeating: -1, count: n)
        var rowOfColumn = [Int](repeating: -1, count: n)
        // Column reduction: v[c] = least cost in column c (0 without arcs); its row (the lowest
        // of least cost) takes c unless it has a column.
        let (columnLeast, columnArgmin) = columnMinima()
        var v = StartPotentials(zip(columnLeast, columnArgmin).map { $1 >= 0 ? $0 : 0 }, inFloat: hasSmallWholeCosts)
        var columnsWon = [Int](repeating: 0, count: n)
        // Per assigned row, the reduced cost of its column: 0 after column reduction.
        var ownReduced = [Double](repeating: 0, count: n)
        for column in 0..<n {
            let row = columnArgmin[column]
            guard row >= 0 else { continue }
            columnsWon[row] += 1
            if columnOfRow[row] < 0 {
                columnOfRow[row] = column
                rowOfColumn[column] = row
            }
        }
        // Reduction transfer: a row that won exactly one column lowers that column's potential to
        // its second least reduced cost, which leaves its column cheapest for it.
        var freeRows: [Int] = []
        for row in 0..<n {
            if columnsWon[row] == 0 {
                freeRows.append(row)
            } else if columnsWon[row] == 1 {
                // Its own column's reduced cost is 0 and no other's is below: the second least
                // is the least of the others.
                let second = leastReducedCosts(of: row, v: v, leftOfRight: nil).second
                if second < .infinity {
                    v.lower(columnOfRow[row], by: second)
                    ownReduced[row] = second
                }
            }
        }
        // Augmenting row reduction: a free row takes its cheapest column, lowering its potential
        // down to the row's second least reduced cost, and frees the row that held it.
        var reductionsLeft = 100 * n
        for _ in 0..<6 where !freeRows.isEmpty {
            var next: [Int] = []
            var index = 0
            while index < freeRows.count, reductionsLeft > 0 {
                reductionsLeft -= 1
                let row = freeRows[index]
                index += 1
                let found = rowOfColumn.withUnsafeBufferPointer { leastReducedCosts(of: row, v: v, leftOfRight: $0.baseAddress!) }
                guard found.least < .infinity else { continue }
                let least = found.least, secondLeast = found.second
                let leastColumn = found.leastRight, secondColumn = found.secondRight, freeLeastColumn = found.freeLeastRight
                var column = leastColumn
                let lowered = least < secondLeast && secondLeast < .infinity
                if lowered {
                    v.lower(column, by: secondLeast - least)
                } else if freeLeastColumn >= 0 {
                    column = freeLeastColumn
                } else if secondColumn >= 0, least == secondLeast {
                    column = secondColumn
                }
                let displaced = rowOfColumn[column]
                ownReduced[row] = lowered ? secondLeast : least
                columnOfRow[row] = column
                rowOfColumn[column] = row
                guard displaced >= 0 else { continue }
                columnOfRow[displaced] = -1
                if lowered {
                    // Its best column just got dearer for it: reduce it again at once.
                    index -= 1
                    freeRows[index] = displaced
                } else {
                    next.append(displaced)
                }
            }
            next.append(contentsOf: freeRows[index...])
            freeRows = next
        }
        // u from v: the least reduced cost of each row, which an assigned row's column has
        // (potentials only fall, so other columns only get dearer for it): without a scan where
        // the arithmetic is exact, as it is on small whole numbers.
        for row in 0..<n {
            if hasSmallWholeCosts, columnOfRow[row] >= 0 {
                state.u[row] = ownReduced[row]
                assert(ownReduced[row] == leastReducedCosts(of: row, v: v, leftOfRight: nil).least, "row \(row) has a cheaper column")
                continue
            }
            let least = leastReducedCosts(of: row, v: v, leftOfRight: nil).least
            state.u[row] = least < .infinity ? least : 0
        }
        state.v = v.inDouble
        for row in 0..<n where columnOfRow[row] >= 0 { state.slots.place(row, on: columnOfRow[row]) }
        return columnOfRow.map { $0 >= 0 }
    }
}

/// The right potentials of the Jonker-Volgenant start, and on small whole costs
/// (``CostGraph/hasSmallWholeCosts``) a `Float` copy while every potential is a whole number of
/// magnitude at most `Float.potentialBound`: row reductions then read four lanes per register,
/// exactly (see ``LevelLane``). Potentials only fall; the copy is dropped for good when one falls
/// past the bound.
struct StartPotentials {
    private(set) var inDouble: [Double]
    private(set) var inFloat: [Float]?

    init(_ potentials: [Double], inFloat keepingFloat: Bool) {
        inDouble = potentials
        if keepingFloat { inFloat = Float.potentials(exactlyFrom: potentials) }
    }

    subscript(right: Int) -> Double { inDouble[right] }

    mutating func lower(_ right: Int, by amount: Double) {
        inDouble[right] -= amount
        guard inFloat != nil else { return }
        if abs(inDouble[right]) <= Float.potentialBound {
            inFloat![right] = Float(inDouble[right])
        } else {
            inFloat = nil
        }
    }
}

/// A row's two least reduced costs and where they are, for Jonker and Volgenant's augmenting
/// row reduction: `least` and `second` as a multiset (equal when the least is tied), the lowest
/// right of the least, the lowest other right of the second, and the lowest free right of the
/// least; `+infinity` and -1 where there is none.
struct LeastReducedCosts: Equatable {
    var least = Double.infinity, second = Double.infinity
    var leastRight = -1, secondRight = -1, freeLeastRight = -1

    /// Takes one reduced cost into `least` and `second`, in any order of rights.
    @inline(__always)
    mutating func take(_ reduced: Double) {
        second = min(second, max(least, reduced))
        least = min(least, reduced)
    }

    /// Once `least` and `second` are final: notes `right`, of reduced cost `reduced`; rights
    /// come in increasing order.
    @inline(__always)
    mutating func locate(_ right: Int, reduced: Double, leftOfRight: UnsafePointer<Int>) {
        if reduced == least {
            if leastRight < 0 { leastRight = right } else if secondRight < 0 { secondRight = right }
            if freeLeastRight < 0, leftOfRight[right] < 0 { freeLeastRight = right }
        } else if reduced == second, second < .infinity, secondRight < 0 {
            secondRight = right
        }
    }

    /// Whether the rights after those located can change nothing: a least that is not tied
    /// decides its free right at once.
    var isLocated: Bool {
        leastRight >= 0 && (secondRight >= 0 || second == .infinity) && (freeLeastRight >= 0 || least != second)
    }
}

extension AugmentingPathGraph {
    /// Two passes through ``forEachArc(of:_:)``: the values, then where they are.
    func leastReducedCosts(of left: Int, v: StartPotentials, leftOfRight: UnsafePointer<Int>?) -> LeastReducedCosts {
        var found = LeastReducedCosts()
        forEachArc(of: left) { right, cost in found.take(cost - v[right]) }
        guard let leftOfRight, found.least < .infinity else { return found }
        forEachArc(of: left) { right, cost in found.locate(right, reduced: cost - v[right], leftOfRight: leftOfRight) }
        return found
    }

    /// One pass through every row.
    func columnMinima() -> (cost: [Double], left: [Int]) {
        var least = [Double](repeating: .infinity, count: rightCount), leftOfLeast = [Int](repeating: -1, count: rightCount)
        for left in 0..<leftCount {
            forEachArc(of: left) { right, cost in
                if cost < least[right] {
                    least[right] = cost
                    leftOfLeast[right] = left
                }
            }
        }
        return (least, leftOfLeast)
    }
}

extension DenseCostGraph {
    /// In `Float` lanes while the potentials have a `Float` copy (``StartPotentials``), else in
    /// `Double`: the same values either way, which debug builds check.
    func leastReducedCosts(of left: Int, v: StartPotentials, leftOfRight: UnsafePointer<Int>?) -> LeastReducedCosts {
        func inLanes<Lane: LevelLane>(of potentials: [Lane]) -> LeastReducedCosts {
            potentials.withUnsafeBufferPointer { leastReducedCosts(of: left, v: $0.baseAddress!, leftOfRight: leftOfRight) }
        }
        guard let inFloat = v.inFloat else { return inLanes(of: v.inDouble) }
        let found = inLanes(of: inFloat)
        assert(found == inLanes(of: v.inDouble), "row \(left): Float lanes found other least reduced costs")
        return found
    }

    /// Four rights at a time: each lane keeps the two least of its rights, so that no comparison
    /// waits for the one before (the scalar loop's chain of dependent minimums and mispredicted
    /// branches made it the costliest part of the Jonker-Volgenant start); then the rights are
    /// compared with the two values, four at a time, until every position is known. Missing
    /// arcs are `+infinity` and change nothing.
    private func leastReducedCosts<Lane: LevelLane>(of left: Int, v: UnsafePointer<Lane>, leftOfRight: UnsafePointer<Int>?) -> LeastReducedCosts {
        costs.withUnsafeBufferPointer { costs in
            let row = costs.baseAddress! + left * rightCount
            let wholeLanes = rightCount - rightCount % 4
            @inline(__always)
            func reduced(at right: Int) -> SIMD4<Lane> {
                Lane.four(from: row + right) - loadFour(v + right)
            }
            var leastOfLane = SIMD4<Lane>(repeating: .infinity), secondOfLane = leastOfLane
            for block in 0..<rightCount / 4 {
                let reduced = reduced(at: block &* 4)
                // (pointwiseMin and pointwiseMax are not inlined: comparisons and blends are.)
                let below = reduced .< leastOfLane
                let runnerUp = reduced.replacing(with: leastOfLane, where: below)
                secondOfLane.replace(with: runnerUp, where: runnerUp .< secondOfLane)
                leastOfLane.replace(with: reduced, where: below)
            }
            var found = LeastReducedCosts()
            for lane in 0..<4 {
                found.take(Double(leastOfLane[lane]))
                found.take(Double(secondOfLane[lane]))
            }
            for right in wholeLanes..<rightCount { found.take(Double(row[right]) - Double(v[right])) }
            guard let leftOfRight, found.least < .infinity else { return found }
            let least = SIMD4<Lane>(repeating: Lane(found.least)), second = SIMD4<Lane>(repeating: Lane(found.second))
            for block in 0..<rightCount / 4 {
                let right = block &* 4, reduced = reduced(at: right)
                let hit = (reduced .== least) .| (reduced .== second)
                guard Lane.hasSetLane(hit) else { continue }
                for lane in 0..<4 where hit[lane] { found.locate(right + lane, reduced: Double(reduced[lane]), leftOfRight: leftOfRight) }
                if found.isLocated { return found }
            }
            for right in wholeLanes..<rightCount {
                found.locate(right, reduced: Double(row[right]) - Double(v[right]), leftOfRight: leftOfRight)
            }
            return found
        }
    }

    /// Row by row, four rights at a time (each lane a right); in `Float` lanes on small whole
    /// costs, with fewer than 2^24 lefts.
    func columnMinima() -> (cost: [Double], left: [Int]) {
        hasSmallWholeCosts && leftCount <= 1 << 24 ? columnMinima(in: Float.self) : columnMinima(in: Double.self)
    }

    private func columnMinima<Lane: LevelLane>(in _: Lane.Type) -> (cost: [Double], left: [Int]) {
        var least = [Lane](repeating: .infinity, count: rightCount)
        // Lefts as `Lane`, to be chosen by the same masks as the costs.
        var leftOfLeast = [Lane](repeating: -1, count: rightCount)
        costs.withUnsafeBufferPointer { costs in
            least.withUnsafeMutableBufferPointer { least in
                leftOfLeast.withUnsafeMutableBufferPointer { leftOfLeast in
                    for left in 0..<leftCount {
                        let row = costs.baseAddress! + left * rightCount, thisLeft = SIMD4<Lane>(repeating: Lane(left))
                        for block in 0..<rightCount / 4 {
                            let right = block &* 4
                            let cost = Lane.four(from: row + right)
                            var leastCost: SIMD4<Lane> = loadFour(least.baseAddress! + right)
                            let below = cost .< leastCost
                            guard Lane.hasSetLane(below) else { continue }
                            leastCost.replace(with: cost, where: below)
                            storeFour(leastCost, least.baseAddress! + right)
                            var leftLane: SIMD4<Lane> = loadFour(leftOfLeast.baseAddress! + right)
                            leftLane.replace(with: thisLeft, where: below)
                            storeFour(leftLane, leftOfLeast.baseAddress! + right)
                        }
                        for right in rightCount - rightCount % 4..<rightCount where Lane(row[right]) < least[right] {
                            least[right] = Lane(row[right])
                            leftOfLeast[right] = Lane(left)
                        }
                    }
                }
            }
        }
        return (least.map { Double($0) }, leftOfLeast.map { Int($0) })
    }
}
