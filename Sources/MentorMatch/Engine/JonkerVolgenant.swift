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
    /// Whether the Jonker-Volgenant start applies: square, every pair an arc, unit demands and
    /// capacities.
    func admitsJonkerVolgenantStart(demand: [Int], capacity: [Int]) -> Bool {
        isComplete && isUnitSquare(demand: demand, capacity: capacity)
    }
}

extension DenseCostGraph {
    /// Jonker and Volgenant's augmentation for the graphs their start applies to (every right
    /// with one slot): Dijkstra by levels. All unvisited rights at the least distance form a
    /// level; the search stops at a right with room in it (the lowest index), else settles the
    /// level's rights one by one, relaxing from each one's mentee only the rights not yet in a
    /// level, and a right that reaches the level's distance joins it at once (and ends the search
    /// if it has room). One comparison per right and step, and one minimum search per level
    /// rather than per step: on problems with many ties (costs below 1000 at n = 4000) most
    /// rights settle at a few distances.
    ///
    /// Keeps the invariants of ShortestAugmentingPaths.swift: the rights it settles, and the
    /// lefts behind them, are exactly those `finish` updates.
    func searchAugmentingPathByLevels(from start: Int, in state: inout AugmentingPathState) throws -> (sink: Int, length: Double) {
        state.begin(at: start)
        var order = Array(0..<rightCount)
        let n = rightCount
        return try withSearch(&state) { search, state in
            try order.withUnsafeMutableBufferPointer { order in
                let costs = search.costs, v = search.v, room = search.room
                let distance = search.distance, predecessor = search.predecessor
                var row = costs + start * n
                var offset = -state.u[start]
                for right in 0..<n {
                    distance[right] = offset + Double(row[right]) - v[right]
                    predecessor[right] = start
                }
                // order[..<settled]: settled; order[settled..<level]: in the level, to settle.
                var settled = 0, level = 0, length = 0.0
                while true {
                    if settled == level {
                        length = .infinity
                        for position in level..<n { length = min(length, distance[order[position]]) }
                        guard length < .infinity else {
                            throw MatchingError.internalError("no augmenting path from left node \(start)")
                        }
                        var sink = -1
                        for position in level..<n where distance[order[position]] == length {
                            let right = order[position]
                            order.swapAt(position, level)
                            level += 1
                            if room[right], sink < 0 || right < sink { sink = right }
                        }
                        if sink >= 0 {
                            state.poppedRights.append(sink)
                            return (sink, length)
                        }
                    }
                    let right = order[settled]
                    settled += 1
                    state.poppedRights.append(right)
                    state.reachLefts(through: right, at: length)
                    let left = state.scannedLefts[state.scannedLefts.count - 1]
                    row = costs + left * n
                    offset = length - state.u[left]
                    for position in level..<n {
                        let candidate = order[position]
                        let reached = offset + Double(row[candidate]) - v[candidate]
                        guard reached < distance[candidate] else { continue }
                        distance[candidate] = reached
                        predecessor[candidate] = left
                        guard reached == length else { continue }
                        if room[candidate] {
                            state.poppedRights.append(candidate)
                            return (candidate, length)
                        }
                        order.swapAt(position, level)
                        level += 1
                    }
                }
            }
        }
    }
}

extension SparseCostGraph {
    func admitsJonkerVolgenantStart(demand: [Int], capacity: [Int]) -> Bool {
        isUnitSquare(demand: demand, capacity: capacity)
    }
}

extension CostGraph {
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
        // Column reduction: v[c] = least cost in column c; its row (the lowest of least cost)
        // takes c unless it has a column.
        var v = [Double](repeating: .infinity, count: n)
        var columnArgmin = [Int](repeating: -1, count: n)
        for row in 0..<n {
            forEachArc(of: row) { column, cost in
                if cost < v[column] {
                    v[column] = cost
                    columnArgmin[column] = row
                }
            }
        }
        var columnsWon = [Int](repeating: 0, count: n)
        for column in 0..<n {
            let row = columnArgmin[column]
            guard row >= 0 else {
                v[column] = 0
                continue
            }
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
                let own = columnOfRow[row]
                var least = Double.infinity
                forEachArc(of: row) { column, cost in
                    if column != own { least = min(least, cost - v[column]) }
                }
                if least < .infinity { v[own] -= least }
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
                let found = v.withUnsafeBufferPointer { v in
                    rowOfColumn.withUnsafeBufferPointer { leastReducedCosts(of: row, v: v.baseAddress!, leftOfRight: $0.baseAddress!) }
                }
                guard found.least < .infinity else { continue }
                let least = found.least, secondLeast = found.second
                let leastColumn = found.leastRight, secondColumn = found.secondRight, freeLeastColumn = found.freeLeastRight
                var column = leastColumn
                let lowered = least < secondLeast && secondLeast < .infinity
                if lowered {
                    v[column] -= secondLeast - least
                } else if freeLeastColumn >= 0 {
                    column = freeLeastColumn
                } else if secondColumn >= 0, least == secondLeast {
                    column = secondColumn
                }
                let displaced = rowOfColumn[column]
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
        // (potentials only fall, so other columns only get dearer for it).
        for row in 0..<n {
            var least = Double.infinity
            forEachArc(of: row) { column, cost in least = min(least, cost - v[column]) }
            state.u[row] = least < .infinity ? least : 0
        }
        state.v = v
        for row in 0..<n where columnOfRow[row] >= 0 { state.slots.place(row, on: columnOfRow[row]) }
        return columnOfRow.map { $0 >= 0 }
    }
}
