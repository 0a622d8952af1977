// Cost scaling for sparse assignment problems with integer costs and capacities on the right:
// the push-relabel algorithm of
//   A. V. Goldberg, R. Kennedy, "An efficient cost scaling algorithm for the assignment problem",
//   Mathematical Programming 71, 1995, pp. 153-177, doi:10.1007/BF01585996
// in its "double push" form with prices on right places only (the left prices stay implicit), the
// form OR-Tools' LinearSumAssignment runs, extended to capacities. It serves both parts of
// HungarianSolver's split: every left served once, rights with room to spare (the default); or
// every place of every right filled, some lefts left out (`fillingEveryRight`). There the
// searches of ShortestAugmentingPaths each settle a large share of the graph (n = 100,000 with 10
// arcs per row: 170 searches after the start, 24,000 rights popped per search; shortlists with
// capacities leave far more), while cost scaling does O(sqrt(n) x e log(n C)) work in theory and
// a few passes over the arcs per phase in practice.
//
// The assignment problem it solves. Right r is expanded into its places (slots, as in Slots.swift:
// min(capacity, arcs into r) of them), each with its own price; a left's arc to r reaches every
// place of r at the same cost, so a left only ever looks at r's highest price (the places of a
// right form a max-heap by price). When the places outnumber the lefts, *spare units* fill the
// rest: D = places - lefts identical extra lefts with an arc of cost 0 to every place, which make
// the problem square and perfect. A place held by a spare unit is room left on its right. (The
// expansion is implicit: a spare unit finds the place of highest price among all rights through a
// lazy max-heap of rights, see `refine`.) When every place must be filled instead, an *outside*
// right with lefts - places places and an arc of cost 0 from every left (appended to its row)
// takes the lefts left out. Square problems with unit capacities have neither, and one place per
// right: Goldberg and Kennedy's algorithm unchanged.
//
// Method. Costs are multiplied by K = places + 1, so that an assignment that is epsilon-optimal for
// epsilon < K / places, in particular for epsilon = 1, is optimal (integer costs; Goldberg and
// Kennedy, Theorem 2.1, on the expanded problem). Epsilon starts at the largest scaled cost
// magnitude and is divided by alpha before each phase (`epsilons`). A phase (refine) unassigns
// every unit and then, until all are assigned, takes an unassigned unit (last unassigned first,
// through a short first-in-first-out window in which its arcs are fetched into cache ahead), finds
// its place of least partial reduced cost c(l, r) - price(place) and the gap to its second least
// (on another right, or the next place of the same right), assigns it there (the place's former
// unit becomes unassigned) and lowers the place's price by gap + epsilon. The phase keeps
// epsilon-optimality: every assigned unit's place is within epsilon of its best. A left with a
// single arc to a right with a single place has no second least; its gap is capped at the bound on
// price changes in one phase (Goldberg and Kennedy, Lemma 5.3), as OR-Tools does; a price falling
// below the total of those bounds proves that no complete assignment exists, which the callers have
// ruled out (MaximumAssignment), so it is an internal error. Where rows are long, a left finds its
// least and second least arcs through Goldberg and Kennedy's quick minima (CSA-Q): the 6 least arcs
// of its last full scan and a bound below which no other arc has been since (partial costs only
// rise, as prices only fall); only when the cached second least exceeds the bound does it scan its
// row again.
//
// Early stop. Scaling to epsilon = 1 is what the theory needs; in practice the assignment is
// often optimal long before (on the shortlists of the benchmark, once epsilon is about 1/30 of a
// cost unit). So after a phase with 8 epsilon <= K (a negative cycle would then need at least 8
// lefts) that took at least 4 pushes per unit (price wars among near-equal scores: 10-20 on the
// shortlists, against 1.3-2.5 in the cheap last phases of square problems, where finishing the
// scaling costs less than a proof), the exact duals below are attempted, with a budget of as many
// arc relaxations as the phase read arcs: if they come out, the assignment is proven optimal and
// the scaling stops; if the budget runs out first, the attempt is dropped (the phase's prices are
// untouched). The budget counts operations, not time, so the answer stays a deterministic
// function of the costs.
//
// Exact duals. The prices after a phase are epsilon-optimal in scaled units, not a certificate.
// Every unit on a place of r is within epsilon of r's highest place (it has an arc to it at the
// same cost), so the places of one right differ by at most epsilon in price; give r the price
// P(r) of its lowest place.
// With the assignment fixed, the optimality conditions on these prices read
//   P(k) <= P(r) + K c(l, k) - K c(l, r)   for l assigned to r and every arc (l, k), and
//   P(k) <= P(Z) <= P(r)                   for every right k and every right r with room,
// where Z stands for the spare units (cost 0 to everything): a system of difference constraints
// whose graph has no negative cycle exactly when the assignment is optimal. Label correcting
// (Bellman-Ford by passes, most lowered node first within a pass, Z one more node) from these
// prices satisfies it in a few passes' worth of relaxations, since every constraint is violated by
// at most about 2 epsilon. Then v(r) = floor(P(r) / K) - floor(P(top) / K), with
// P(top) = P(Z) when there is room and the largest P otherwise, and u(l) = c(l, r) - v(r) are
// integer potentials with c - u - v >= 0 on every arc, = 0 on the assigned ones, v <= 0, and
// v = 0 on every right with room (floor(a) - floor(b) < a - b + 1 <= c + 1 for a - b <= c
// integer). Rights without places (capacity 0) take v(r) = min(0, c(l, r) - u(l)) over their
// arcs. With an outside right, P(top) = P(outside), so that v(outside) = 0 and every left's
// u <= 0, = 0 for the lefts left out (the sign convention of the mentors' side, which that part
// is searched from otherwise). More than nodes + 1 passes would mean a negative cycle, that is an
// assignment not optimal: after the last phase an internal error, in an early attempt no proof.
//
// Applies when every cost is an integer and the prices provably fit in Int64 (see `init`);
// otherwise ShortestAugmentingPaths runs its searches. Ties: each unit takes the first arc (in
// row order on a scan, in cache order otherwise) among its least partial reduced costs, so the
// result is a deterministic function of the costs (another optimum than the searches would give).

import CPrefetch
import HeapModule

struct CostScalingAssignment {
    private let leftCount: Int
    private let rightCount: Int
    /// Compressed rows: the arcs of left l are at `arcStart[l]..<arcStart[l + 1]`; arcs into
    /// rights without places are left out.
    private let arcStart: [Int]
    private let arcRight: [Int32]
    /// The arcs' costs, unscaled: 4 bytes an arc instead of 8. The scaled cost, `cost * scale`, is
    /// formed where an arc is read: on the 10^7-arc `scale` cell the solve took 15.6-18.3 s this
    /// way against 17.3-17.6 s with 8-byte scaled costs, the same within the runs' spread.
    private let cost: [Int32]
    /// The places of right r are `placeStart[r]..<placeStart[r + 1]`.
    private let placeStart: [Int]
    /// Places minus lefts: the spare units.
    private let spareUnits: Int
    /// The right that holds the lefts left out, when every other place must be filled.
    private let outsideRight: Int?
    /// The arcs into rights of capacity 0, left out of the scaled problem, in original units.
    private let closedArcs: [(left: Int, right: Int, cost: Int64)]
    private let scale: Int64
    /// Epsilon at the start (the largest scaled cost magnitude, at least 2), then after each phase
    /// down to 1, each the one before divided by alpha (rounded down): alpha is 25 with at most
    /// one place per right (sparse square problems: 15-25% fewer instructions than 5 at n = 20,000
    /// with 10 arcs per row), 5 with capacities (capacitated shortlists: 20 s against 32 s at
    /// 200,000 mentees with 10 candidates). A solve runs `epsilons.count - 1` phases, fewer when
    /// it stops early.
    let epsilons: [Int64]
    /// Whether right r has exactly place r (square problems): a push then skips the places'
    /// own arrays.
    private let onePlacePerRight: Bool
    /// How many arcs each left caches (quick minima). CSA-Q keeps 4; 6 rescans a third less
    /// often on OR-Library's assignp800 (125 arcs per row, costs 1-100, many ties near the
    /// least): 10.6% fewer instructions in the solve there, 3.3% on sparse-k100 at n = 5,000,
    /// the same at assignp5000; 8 is no better.
    private static let quickCount = 6
    /// How many units wait between the stack and their push (a power of 2), and how many pushes
    /// ahead a unit's arcs are fetched into cache. A push is otherwise a chain of cache misses
    /// (row start, row, prices) at a random left: shortlist-k10 at 50,000 mentees 0.82-1.10 s
    /// without the window, 0.46-0.51 s with it (4 / 2: 0.53-0.68 s; 32 / 16 or 64 / 32: no better).
    private static let windowSize = 16
    private static let arcLead = 8
    /// Whether rows average over 16 arcs: quick minima pay there (sparse-k100 at n = 20,000: 0.44-0.58 s
    /// against 0.60-0.65 s), while with 10 arcs per row one scan is as fast or faster.
    private let usesQuickMinima: Bool
    private static let noQuickMinima = Int64.min
    /// Above every partial cost: the bound of a left whose arcs are all cached.
    private static let unbounded = Int64.max / 2
    /// Below every price a right with places can reach (see `init`): the price of "no place".
    private static let noPlace = Int64.min / 4

    /// Builds the scaled problem, or returns `nil` when cost scaling does not apply: a left without
    /// arcs, too few places (or, filling every right, too many), a cost that is not an integer or
    /// exceeds Int32 in magnitude, or prices that could leave Int64 (about 4 P^2 C must fit with room
    /// to spare, for P places and the largest cost magnitude C: beyond about 5,800 places that
    /// bound is below 2^31 anyway).
    ///
    /// - Parameters:
    ///   - capacity: Per right, its capacity; its places are at most its arcs.
    ///   - fillingEveryRight: Whether every place must be filled and some lefts stay out, instead
    ///     of every left served: the lefts then also have an arc of cost 0 to an *outside* right
    ///     (index `graph.rightCount`) with as many places as lefts stay out.
    init?(_ graph: some ArcRows, capacity: [Int], fillingEveryRight: Bool = false) {
        leftCount = graph.leftCount
        guard leftCount > 1, capacity.count == graph.rightCount else { return nil }
        let arcsInto = graph.arcsIntoEachRight()
        var placeStart = Slots.starts(capacity: capacity, arcsInto: arcsInto)
        let inside = placeStart[graph.rightCount]
        if fillingEveryRight {
            guard inside < leftCount else { return nil }
            placeStart.append(leftCount)
        } else {
            guard inside >= leftCount else { return nil }
        }
        rightCount = placeStart.count - 1
        let places = placeStart[rightCount]
        guard let rows = Self.wholeRows(of: graph, capacity: capacity, arcsInto: arcsInto, outsideRight: fillingEveryRight ? graph.rightCount : nil)
        else { return nil }
        let (arcStart, arcRight, costs, closedArcs, largest) = rows
        // Prices fall by at most 2 (P - 1)(epsilon_old + epsilon_new) per phase (Lemma 5.3) through
        // pushes with a true second best; a capped gap can add to that (a left forced onto a place
        // that another left prefers by more than the cap pushes twice), so the floor allows
        // (2 P + 1)(epsilon_old + epsilon_new) per phase, which sums to under 4 P K C over all
        // phases; keep that a factor 8 inside Int64 (and above `noPlace`).
        let scale = Double(places + 1)
        guard 4 * Double(places) * scale * Double(max(largest, 1)) * 8 < Double(Int64.max) / 4 else { return nil }
        self.scale = Int64(places + 1)
        self.placeStart = placeStart
        self.arcStart = arcStart
        self.arcRight = arcRight
        outsideRight = fillingEveryRight ? graph.rightCount : nil
        self.closedArcs = closedArcs
        usesQuickMinima = arcRight.count > 16 * leftCount
        let alpha: Int64 = (0..<rightCount).allSatisfy { placeStart[$0 + 1] - placeStart[$0] <= 1 } ? 25 : 5
        onePlacePerRight = placeStart.indices.allSatisfy { placeStart[$0] == $0 }
        spareUnits = places - leftCount
        cost = costs
        var epsilons = [max(Int64(largest) * self.scale, 2)]
        while epsilons.last! > 1 { epsilons.append(max(epsilons.last! / alpha, 1)) }
        self.epsilons = epsilons
    }

    /// The rows of `graph` as cost scaling reads them: arcs into rights with places, costs as
    /// `Int32` (each row ending with an arc of cost 0 to `outsideRight`, if given), the arcs into
    /// rights of capacity 0 apart, and the largest cost magnitude; `nil` when a cost is not whole
    /// or exceeds ±(2^31 - 1), or a left has no arc at all or only arcs into rights of capacity
    /// 0 (and no outside right). One pass through raw buffers, the arcs into rights of capacity
    /// 0 counted there and collected by a second pass only when there are any.
    private static func wholeRows(of graph: some ArcRows, capacity: [Int], arcsInto: [Int], outsideRight: Int?) -> (
        arcStart: [Int], arcRight: [Int32], cost: [Int32], closedArcs: [(left: Int, right: Int, cost: Int64)], largest: UInt32
    )? {
        // `arcsInto` counts the arcs into rights of capacity 0 too: `arcCount` bounds the rows.
        let arcCount = arcsInto.reduce(0, +) + (outsideRight == nil ? 0 : graph.leftCount)
        var arcStart = [Int](repeating: 0, count: graph.leftCount + 1)
        var arcRight = [Int32](repeating: 0, count: arcCount), cost = [Int32](repeating: 0, count: arcCount)
        let copied = arcStart.withUnsafeMutableBufferPointer { arcStart in
            arcRight.withUnsafeMutableBufferPointer { arcRight in
                cost.withUnsafeMutableBufferPointer { cost in
                    capacity.withUnsafeBufferPointer { capacity -> (written: Int, largest: UInt32, closed: Int)? in
                        var written = 0, largest: UInt32 = 0, closed = 0
                        for left in 0..<graph.leftCount {
                            let rowStart = written, closedBefore = closed
                            var isWhole = true
                            graph.forEachArc(of: left) { right, value in
                                // Whole and within ±(2^31 - 1) (false for NaN), without the call
                                // to libm's trunc that `Int32(exactly:)` makes.
                                guard isWhole, abs(value) <= Double(Int32.max), Double(Int32(value)) == value else {
                                    isWhole = false
                                    return
                                }
                                guard capacity[right] > 0 else {
                                    closed += 1
                                    return
                                }
                                let whole = Int32(value)
                                largest = max(largest, whole.magnitude)
                                arcRight[written] = Int32(right)
                                cost[written] = whole
                                written += 1
                            }
                            let hasArcs = written > rowStart || closed > closedBefore
                            if let outsideRight {
                                arcRight[written] = Int32(outsideRight)
                                cost[written] = 0
                                written += 1
                            }
                            guard isWhole, hasArcs, written > rowStart else { return nil }
                            arcStart[left + 1] = written
                        }
                        return (written, largest, closed)
                    }
                }
            }
        }
        guard let copied else { return nil }
        arcRight.removeLast(arcCount - copied.written)
        cost.removeLast(arcCount - copied.written)
        var closedArcs: [(left: Int, right: Int, cost: Int64)] = []
        if copied.closed > 0 {
            for left in 0..<graph.leftCount {
                graph.forEachArc(of: left) { right, value in
                    if capacity[right] == 0 { closedArcs.append((left, right, Int64(value))) }
                }
            }
        }
        return (arcStart, arcRight, cost, closedArcs, copied.largest)
    }

    /// Per left, its right (-1: left out, on the outside right); per right, whether it ends with
    /// room.
    struct Assignment {
        var rightOf: [Int]
        var hasRoom: [Bool]
    }

    /// The optimal assignment and integer potentials u (left) and v (right) with
    /// c(l, r) - u(l) - v(r) >= 0 on every arc, = 0 on the assigned ones, and: v <= 0, with v = 0
    /// on every right with room; or, when filling every right, u <= 0, with u = 0 on every left
    /// left out (`rightOf` -1).
    ///
    /// - Precondition: some assignment serves every left (or fills every place) within the
    ///   capacities.
    /// - Throws: what `stop` throws (checked before each phase and every 2^16 pushes), and
    ///   ``MatchingError/internalError(_:)`` if no such assignment turns up.
    /// - Complexity: O(sqrt(P) e log(P C)) pushes' worth of arc scans (Goldberg and Kennedy), for P
    ///   places, e arcs and largest cost magnitude C, plus O(log R) per push of a spare unit, for R
    ///   rights; O(P + e) memory.
    func solve(stop: StopCheck) throws -> (assignment: Assignment, u: [Double], v: [Double]) {
        var state = PhaseState(placeCount: placeStart[rightCount], leftCount: leftCount, rightCount: rightCount, quickMinima: usesQuickMinima)
        for right in 0..<rightCount where placeStart[right] == placeStart[right + 1] { state.topPrice[right] = Self.noPlace }
        for right in 0..<rightCount where placeStart[right] < placeStart[right + 1] { state.rightsByTopPrice.insert(.init(price: 0, right: right)) }
        var priceFloor: Int64 = 0
        var earlyPotentials: [Int64]?
        for phase in 1..<epsilons.count {
            try stop.check()
            let previous = epsilons[phase - 1], epsilon = epsilons[phase]
            let phaseBound = Int64(max(1, placeStart[rightCount] - 1)) * (previous + epsilon)
            priceFloor -= Int64(2 * placeStart[rightCount] + 1) * (previous + epsilon)
            let pushes = try refine(epsilon: epsilon, largestGap: phaseBound - epsilon, priceFloor: priceFloor, state: &state, stop: stop)
            #if DEBUG
                checkEpsilonOptimality(epsilon: epsilon, state: state)
            #endif
            // Well below one cost unit the assignment is often optimal already: after a phase that
            // cost several passes over the arcs, try to prove it, with a budget of that phase's
            // arc reads, and stop when the proof succeeds.
            if epsilon > 1, 8 * epsilon <= scale, pushes >= 4 * (leftCount + spareUnits),
                let potentials = try exactRightPotentials(
                    state: state, hasRoom: hasRoom(state), relaxationBudget: Int(Double(pushes) * Double(arcRight.count) / Double(leftCount)))
            {
                earlyPotentials = potentials
                break
            }
        }
        let realRights = outsideRight ?? rightCount
        var assignment = Assignment(rightOf: [Int](repeating: -1, count: leftCount), hasRoom: hasRoom(state))
        guard let v = try earlyPotentials ?? exactRightPotentials(state: state, hasRoom: assignment.hasRoom, relaxationBudget: nil) else {
            throw MatchingError.internalError("cost scaling found no exact potentials")
        }
        var u = [Double](repeating: 0, count: leftCount)
        for left in 0..<leftCount {
            let arc = state.assignedArc[left], right = Int(arcRight[arc])
            u[left] = Double(Int64(cost[arc]) - v[right])
            if right != outsideRight { assignment.rightOf[left] = right }
        }
        var realV = v.prefix(realRights).map(Double.init)
        for arc in closedArcs { realV[arc.right] = min(realV[arc.right], Double(arc.cost) - u[arc.left]) }
        return (assignment, u, realV)
    }

    /// Per right (outside right excluded), whether a spare unit holds one of its places.
    private func hasRoom(_ state: PhaseState) -> [Bool] {
        (0..<(outsideRight ?? rightCount)).map { right in
            (placeStart[right]..<placeStart[right + 1]).contains { state.unitOn[$0] == Self.spareUnit }
        }
    }

    /// A unit on a place, or waiting for one: a left's index, or one of these.
    private static let spareUnit: Int32 = -1
    private static let nobody: Int32 = -2

    /// What the phases carry over and work on.
    private struct PhaseState {
        /// Per place: its price, and the unit on it. The places of each right form a max-heap by
        /// price, so the first is the highest.
        var price: [Int64]
        var unitOn: [Int32]
        /// Per right: the price of its first (highest) place, or `noPlace`.
        var topPrice: [Int64]
        /// Per left: the arc it is assigned along.
        var assignedArc: [Int]
        /// Per left, Goldberg and Kennedy's quick minima: up to `quickCount` arcs of least partial
        /// cost when last scanned (-1 past the end), and a bound below which no other arc's
        /// partial cost has been since (partial costs only rise, as prices only fall), or
        /// `noQuickMinima` before the first scan.
        var quickArcs: [Int32]
        var quickBound: [Int64]
        /// Every right with places exactly once, at a price at least its top price (prices only
        /// fall, so an entry goes stale only by being too high): a lazy max-heap, which finds the
        /// highest place of all for a spare unit without an update on every push.
        var rightsByTopPrice = Heap<RightEntry>()

        /// Without `quickMinima` the caches stay empty (20 bytes per left saved).
        init(placeCount: Int, leftCount: Int, rightCount: Int, quickMinima: Bool) {
            price = [Int64](repeating: 0, count: placeCount)
            unitOn = [Int32](repeating: CostScalingAssignment.nobody, count: placeCount)
            topPrice = [Int64](repeating: 0, count: rightCount)
            assignedArc = [Int](repeating: -1, count: leftCount)
            quickArcs = [Int32](repeating: -1, count: quickMinima ? CostScalingAssignment.quickCount * leftCount : 0)
            quickBound = [Int64](repeating: CostScalingAssignment.noQuickMinima, count: quickMinima ? leftCount : 0)
        }
    }

    private struct RightEntry: Comparable {
        var price: Int64
        var right: Int
        /// Higher price first, then the lower index.
        static func < (a: RightEntry, b: RightEntry) -> Bool { (a.price, b.right) < (b.price, a.right) }
    }

    /// One phase: assigns every unit afresh, keeping the prices epsilon-optimal. Returns the
    /// number of pushes.
    private func refine(epsilon: Int64, largestGap: Int64, priceFloor: Int64, state: inout PhaseState, stop: StopCheck) throws -> Int {
        for place in state.unitOn.indices { state.unitOn[place] = Self.nobody }
        var unassigned = [Int32](repeating: Self.spareUnit, count: spareUnits)
        unassigned += (0..<Int32(leftCount)).reversed()
        var rights = state.rightsByTopPrice
        state.rightsByTopPrice = Heap()
        defer { state.rightsByTopPrice = rights }
        var pushes = 0
        // The hot loop reads through raw buffers: one bounds check per arc costs about a tenth.
        try arcStart.withUnsafeBufferPointer { arcStart in
        try arcRight.withUnsafeBufferPointer { arcRight in
        try cost.withUnsafeBufferPointer { cost in
        try placeStart.withUnsafeBufferPointer { placeStart in
        try state.price.withUnsafeMutableBufferPointer { price in
        try state.unitOn.withUnsafeMutableBufferPointer { unitOn in
        try state.topPrice.withUnsafeMutableBufferPointer { topPrice in
        try state.assignedArc.withUnsafeMutableBufferPointer { assignedArc in
        try state.quickArcs.withUnsafeMutableBufferPointer { quickArcs in
        try state.quickBound.withUnsafeMutableBufferPointer { quickBound in
        try withUnsafeTemporaryAllocation(of: Int64.self, capacity: Self.quickCount) { quickPartial in
            let phase = Phase(
                arcStart: arcStart, arcRight: arcRight, cost: cost, placeStart: placeStart, price: price, unitOn: unitOn, topPrice: topPrice,
                assignedArc: assignedArc, quickArcs: quickArcs, quickBound: quickBound, quickPartial: quickPartial, scale: scale,
                epsilon: epsilon, largestGap: largestGap, priceFloor: priceFloor, usesQuickMinima: usesQuickMinima,
                onePlacePerRight: onePlacePerRight)
            // Units leave the stack through a window of `windowSize`, first in, first out, so that
            // what a push reads first is fetched ahead: a unit's row start as it enters, its arcs
            // `arcLead` pushes before its turn.
            var window = [Int32](repeating: 0, count: Self.windowSize), windowStart = 0, windowCount = 0
            while true {
                while windowCount < Self.windowSize, let next = unassigned.popLast() {
                    window[(windowStart + windowCount) & (Self.windowSize - 1)] = next
                    windowCount += 1
                    phase.prefetchRowStart(of: next)
                }
                guard windowCount > 0 else { break }
                let unit = window[windowStart]
                windowStart = (windowStart + 1) & (Self.windowSize - 1)
                windowCount -= 1
                if Self.arcLead < windowCount { phase.prefetchArcs(of: window[(windowStart + Self.arcLead) & (Self.windowSize - 1)]) }
                pushes &+= 1
                if pushes & 0xFFFF == 0 { try stop.check() }
                let (right, gap) = unit == Self.spareUnit ? phase.bestPlaceForSpareUnit(rights: &rights) : phase.bestPlace(forLeft: Int(unit))
                let displaced = try phase.push(unit, onto: right, gap: gap)
                if displaced != Self.nobody { unassigned.append(displaced) }
                if unit == Self.spareUnit { rights.insert(.init(price: topPrice[right], right: right)) }
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        if onePlacePerRight { state.price = state.topPrice }
        return pushes
    }

    /// The steps of one phase, over the buffers of the problem and of `PhaseState`; valid only
    /// inside `refine`. Every step is inlined into its loop.
    private struct Phase {
        let arcStart: UnsafeBufferPointer<Int>
        let arcRight: UnsafeBufferPointer<Int32>
        let cost: UnsafeBufferPointer<Int32>
        let placeStart: UnsafeBufferPointer<Int>
        let price: UnsafeMutableBufferPointer<Int64>
        let unitOn: UnsafeMutableBufferPointer<Int32>
        let topPrice: UnsafeMutableBufferPointer<Int64>
        let assignedArc: UnsafeMutableBufferPointer<Int>
        let quickArcs: UnsafeMutableBufferPointer<Int32>
        let quickBound: UnsafeMutableBufferPointer<Int64>
        /// The partial costs of the arcs being cached in a rescan.
        let quickPartial: UnsafeMutableBufferPointer<Int64>
        let scale: Int64
        let epsilon: Int64
        let largestGap: Int64
        let priceFloor: Int64
        let usesQuickMinima: Bool
        let onePlacePerRight: Bool

        /// The partial reduced cost of `arc`: its scaled cost minus its right's top price.
        @inline(__always)
        private func partialCost(of arc: Int) -> Int64 {
            Int64(cost[arc]) &* scale &- topPrice[Int(arcRight[arc])]
        }

        /// The second highest place price of `right`, or `noPlace` if it has a single place.
        @inline(__always)
        private func secondPrice(of right: Int) -> Int64 {
            guard !onePlacePerRight else { return CostScalingAssignment.noPlace }
            let first = placeStart[right], count = placeStart[right + 1] - first
            guard count > 1 else { return CostScalingAssignment.noPlace }
            return count > 2 ? max(price[first + 1], price[first + 2]) : price[first + 1]
        }

        /// Fetches into cache the row start (and quick minima) of `unit`, as it enters the window.
        @inline(__always)
        func prefetchRowStart(of unit: Int32) {
            guard unit >= 0 else { return }
            mentor_match_prefetch(arcStart.baseAddress! + Int(unit))
            if usesQuickMinima {
                mentor_match_prefetch(quickArcs.baseAddress! + CostScalingAssignment.quickCount * Int(unit))
                mentor_match_prefetch(quickBound.baseAddress! + Int(unit))
            }
        }

        /// Fetches into cache what the push of `unit` will read first: its cached arcs (quick
        /// minima), or its row (up to 16 arcs).
        @inline(__always)
        func prefetchArcs(of unit: Int32) {
            guard unit >= 0 else { return }
            let left = Int(unit)
            if usesQuickMinima, quickBound[left] != CostScalingAssignment.noQuickMinima {
                let first = CostScalingAssignment.quickCount * left
                for arc in quickArcs[first..<(first + CostScalingAssignment.quickCount)] where arc >= 0 {
                    mentor_match_prefetch(arcRight.baseAddress! + Int(arc))
                    mentor_match_prefetch(cost.baseAddress! + Int(arc))
                }
            } else {
                let start = arcStart[left], count = min(arcStart[left + 1] - start, 16)
                mentor_match_prefetch(arcRight.baseAddress! + start)
                mentor_match_prefetch(arcRight.baseAddress! + start + count - 1)
                for offset in stride(from: 0, to: count, by: 8) { mentor_match_prefetch(cost.baseAddress! + start + offset) }
                mentor_match_prefetch(cost.baseAddress! + start + count - 1)
            }
        }

        /// A spare unit's place (cost 0 to every place): the highest price of all, from the lazy
        /// heap `rights`, whose top is made current before it is read (stale entries are only too
        /// high); that right leaves the heap until the push is done. The gap is to the next
        /// highest place, on the same right or another.
        @inline(__always)
        func bestPlaceForSpareUnit(rights: inout Heap<RightEntry>) -> (right: Int, gap: Int64) {
            func refreshTop() {
                while let top = rights.max, top.price != topPrice[top.right] {
                    rights.replaceMax(with: .init(price: topPrice[top.right], right: top.right))
                }
            }
            refreshTop()
            let right = rights.removeMax().right
            refreshTop()
            return (right, topPrice[right] - max(secondPrice(of: right), rights.max?.price ?? CostScalingAssignment.noPlace))
        }

        /// A left's place: its arc of least partial cost (recorded as its assigned arc) and the
        /// gap to its second least, on another right or the next place of the same right; capped
        /// at the largest gap of a phase (a left with a single arc has no second).
        @inline(__always)
        func bestPlace(forLeft left: Int) -> (right: Int, gap: Int64) {
            var (best, least, secondLeast) = usesQuickMinima ? leastTwoByQuickMinima(of: left) : leastTwoByScan(of: left)
            secondLeast = min(secondLeast, least + largestGap)
            let right = Int(arcRight[best])
            let sameRight = secondPrice(of: right)
            if sameRight > CostScalingAssignment.noPlace { secondLeast = min(secondLeast, Int64(cost[best]) &* scale - sameRight) }
            assignedArc[left] = best
            return (right, secondLeast - least)
        }

        /// Short rows: one scan for the least and second least partial costs.
        @inline(__always)
        private func leastTwoByScan(of left: Int) -> (best: Int, least: Int64, second: Int64) {
            var best = arcStart[left], least = partialCost(of: best), secondLeast = Int64.max
            for arc in (best + 1)..<arcStart[left + 1] {
                let partial = partialCost(of: arc)
                guard partial < secondLeast else { continue }
                if partial < least {
                    secondLeast = least
                    least = partial
                    best = arc
                } else {
                    secondLeast = partial
                }
            }
            return (best, least, secondLeast)
        }

        /// Quick minima: the cached arcs give the least and second least exactly when the second
        /// is at most the bound on every other arc's partial cost; else the row is scanned again.
        @inline(__always)
        private func leastTwoByQuickMinima(of left: Int) -> (best: Int, least: Int64, second: Int64) {
            var best = -1, least = Int64.max, secondLeast = Int64.max
            let cache = quickArcs.baseAddress! + CostScalingAssignment.quickCount * left
            if quickBound[left] != CostScalingAssignment.noQuickMinima {
                for slot in 0..<CostScalingAssignment.quickCount {
                    let arc = Int(cache[slot])
                    guard arc >= 0 else { break }
                    let partial = partialCost(of: arc)
                    if partial < least {
                        secondLeast = least
                        least = partial
                        best = arc
                    } else if partial < secondLeast {
                        secondLeast = partial
                    }
                }
            }
            guard best < 0 || secondLeast > quickBound[left] else { return (best, least, secondLeast) }
            return rescan(left, into: cache)
        }

        /// Scans the row of `left`, keeps its `quickCount` least arcs in `cache` (in order of
        /// partial cost) and bounds the rest by the next least.
        private func rescan(_ left: Int, into cache: UnsafeMutablePointer<Int32>) -> (best: Int, least: Int64, second: Int64) {
            let quickCount = CostScalingAssignment.quickCount
            var kept = 0
            var bound = CostScalingAssignment.unbounded
            // What an arc must be below to be kept: the last kept partial cost once the cache is
            // full (held in a register, not read back through the buffer on every arc).
            var keepBelow = Int64.max
            func consider(_ arc: Int, _ partial: Int64) {
                guard partial < keepBelow else {
                    bound = min(bound, partial)
                    return
                }
                if kept == quickCount { bound = min(bound, keepBelow) } else { kept += 1 }
                var slot = kept - 1
                while slot > 0, quickPartial[slot - 1] > partial {
                    quickPartial[slot] = quickPartial[slot - 1]
                    cache[slot] = cache[slot - 1]
                    slot -= 1
                }
                quickPartial[slot] = partial
                cache[slot] = Int32(arc)
                if kept == quickCount { keepBelow = quickPartial[quickCount - 1] }
            }
            // Two arcs at a time: most pairs have neither below `keepBelow`, one test for both.
            var arc = arcStart[left]
            let end = arcStart[left + 1]
            while arc + 1 < end {
                let first = partialCost(of: arc), second = partialCost(of: arc + 1)
                if min(first, second) < keepBelow {
                    consider(arc, first)
                    consider(arc + 1, second)
                } else {
                    bound = min(bound, min(first, second))
                }
                arc += 2
            }
            if arc < end { consider(arc, partialCost(of: arc)) }
            for slot in kept..<quickCount { cache[slot] = -1 }
            quickBound[left] = bound
            return (Int(cache[0]), quickPartial[0], kept > 1 ? quickPartial[1] : CostScalingAssignment.unbounded)
        }

        /// Puts `unit` on the first (highest) place of `right`, lowers that place's price by the
        /// capped gap plus epsilon and restores the right's max-heap of places; returns the unit it
        /// displaced (or `nobody`). With one place per right, place r is right r and its price is
        /// the right's top price (copied to `price` after the phase): no place array is read.
        @inline(__always)
        func push(_ unit: Int32, onto right: Int, gap: Int64) throws -> Int32 {
            let base = onePlacePerRight ? right : placeStart[right]
            let count = onePlacePerRight ? 1 : placeStart[right + 1] - base
            let placePrice = onePlacePerRight ? topPrice : price
            let displaced = unitOn[base]
            unitOn[base] = unit
            placePrice[base] -= min(gap, largestGap) + epsilon
            guard placePrice[base] >= priceFloor else {
                throw MatchingError.internalError("cost scaling found no complete assignment")
            }
            var index = 0
            while true {
                var child = 2 * index + 1
                guard child < count else { break }
                if child + 1 < count, placePrice[base + child + 1] > placePrice[base + child] { child += 1 }
                guard placePrice[base + child] > placePrice[base + index] else { break }
                placePrice.swapAt(base + child, base + index)
                unitOn.swapAt(base + child, base + index)
                index = child
            }
            topPrice[right] = placePrice[base]
            return displaced
        }
    }

    #if DEBUG
        /// What a phase ends with, in debug builds only: every place held by one unit, every left on
        /// a place of its assigned arc's right, and every unit within epsilon of its best place.
        /// O(places + arcs).
        private func checkEpsilonOptimality(epsilon: Int64, state: PhaseState) {
            var placesOfLeft = [Int](repeating: 0, count: leftCount)
            let highest = state.topPrice.max() ?? 0
            for right in 0..<rightCount {
                for place in placeStart[right]..<placeStart[right + 1] {
                    let unit = state.unitOn[place]
                    assert(unit != Self.nobody, "place \(place) is empty after a phase")
                    if unit == Self.spareUnit {
                        assert(-state.price[place] <= -highest + epsilon, "a spare unit is not epsilon-optimal")
                        continue
                    }
                    let left = Int(unit)
                    placesOfLeft[left] += 1
                    assert(Int(arcRight[state.assignedArc[left]]) == right, "left \(left) sits on another right's place")
                    let best = (arcStart[left]..<arcStart[left + 1]).map { Int64(cost[$0]) * scale - state.topPrice[Int(arcRight[$0])] }.min()!
                    assert(Int64(cost[state.assignedArc[left]]) * scale - state.price[place] <= best + epsilon, "left \(left) is not epsilon-optimal")
                }
            }
            assert(placesOfLeft.allSatisfy { $0 == 1 }, "a left holds no place or several")
        }
    #endif

    /// Right potentials in original units, exact: label correcting from the final prices (see
    /// this file's header), then floor division by the scale. With a budget of arc relaxations,
    /// `nil` when it runs out or a negative cycle shows (the assignment is not optimal yet);
    /// without one (after the last phase, whose assignment is optimal), an internal error then.
    private func exactRightPotentials(state: PhaseState, hasRoom: [Bool], relaxationBudget: Int?) throws -> [Int64]? {
        // Node rightCount is Z, the spare units, when there are any.
        let spare = rightCount
        var price = [Int64](repeating: 0, count: rightCount + 1)
        for right in 0..<rightCount {
            let places = placeStart[right]..<placeStart[right + 1]
            price[right] = places.isEmpty ? 0 : places.reduce(Int64.max) { min($0, state.price[$1]) }
        }
        let roomy = hasRoom.indices.filter { hasRoom[$0] }
        price[spare] = roomy.map { price[$0] }.min() ?? 0
        var search = LabelCorrecting(price: price, nodeCount: roomy.isEmpty ? rightCount : rightCount + 1)
        var budget = relaxationBudget ?? Int.max
        var lowered: [Int] = []
        while budget >= 0, let node = search.nextNode() {
            guard search.passes <= search.nodeCount + 1 else {
                guard relaxationBudget == nil else { return nil }
                throw MatchingError.internalError("cost scaling ended on an assignment that is not optimal")
            }
            if node == spare {
                budget -= rightCount
                for right in 0..<rightCount where placeStart[right] < placeStart[right + 1] { search.lower(right, to: search.price[spare]) }
                continue
            }
            if node < hasRoom.count, hasRoom[node] { search.lower(spare, to: search.price[node]) }
            // The arcs of the node's lefts through raw buffers (the hot loop); the nodes they
            // lower are queued after.
            search.price.withUnsafeMutableBufferPointer { price in
                arcRight.withUnsafeBufferPointer { arcRight in
                    cost.withUnsafeBufferPointer { cost in
                        for place in placeStart[node]..<placeStart[node + 1] where state.unitOn[place] >= 0 {
                            let left = Int(state.unitOn[place])
                            let base = price[node] - Int64(cost[state.assignedArc[left]]) &* scale
                            let arcs = arcStart[left]..<arcStart[left + 1]
                            budget -= arcs.count
                            for arc in arcs {
                                let right = Int(arcRight[arc]), bound = base + Int64(cost[arc]) &* scale
                                if bound < price[right] {
                                    price[right] = bound
                                    lowered.append(right)
                                }
                            }
                        }
                    }
                }
            }
            for right in lowered { search.queue(right) }
            lowered.removeAll(keepingCapacity: true)
        }
        guard budget >= 0 else { return nil }
        func floorDivision(_ value: Int64) -> Int64 { value >= 0 ? value / scale : -((-value + scale - 1) / scale) }
        let withPlaces = (0..<rightCount).filter { placeStart[$0] < placeStart[$0 + 1] }
        price = search.price  // the constraints hold now
        let top = floorDivision(outsideRight.map { price[$0] } ?? (roomy.isEmpty ? withPlaces.map { price[$0] }.max() ?? 0 : price[spare]))
        // Rights without places get 0 here; `solve` lowers them as far as their arcs need.
        return (0..<rightCount).map { placeStart[$0] < placeStart[$0 + 1] ? floorDivision(price[$0]) - top : 0 }
    }

    /// Bellman-Ford by passes on node prices (difference constraints): each pass processes the
    /// nodes lowered since their last turn, most lowered first (so that a lowering travels far
    /// within one pass; 2-5x fewer relaxations than first in, first out on the shortlists), and a
    /// node lowered after its turn waits for the next pass. Without a negative cycle at most
    /// nodes + 1 passes change anything.
    private struct LabelCorrecting {
        var price: [Int64]
        let initial: [Int64]
        let nodeCount: Int
        private(set) var passes = 0
        private var pass: Heap<LoweredNode>
        private var nextPass: [LoweredNode] = []
        /// Per node: 1 while waiting in this pass, 2 while waiting for the next, 0 otherwise.
        private var waiting: [UInt8]

        /// Every node starts queued in the first pass.
        init(price: [Int64], nodeCount: Int) {
            self.price = price
            initial = price
            self.nodeCount = nodeCount
            pass = Heap((0..<nodeCount).map { LoweredNode(lowering: 0, node: $0) })
            waiting = [UInt8](repeating: 1, count: price.count)
        }

        /// Lowers `node` to `bound` if that is lower, and queues it.
        mutating func lower(_ node: Int, to bound: Int64) {
            guard bound < price[node] else { return }
            price[node] = bound
            queue(node)
        }

        /// Queues a node whose price fell: into this pass if it has not had its turn yet.
        mutating func queue(_ node: Int) {
            switch waiting[node] {
            case 1: pass.insert(.init(lowering: price[node] - initial[node], node: node))
            case 2: break
            default:
                waiting[node] = 2
                nextPass.append(.init(lowering: 0, node: node))
            }
        }

        /// The next node to process, starting the next pass when this one is done; `nil` when
        /// nothing is queued.
        mutating func nextNode() -> Int? {
            while true {
                guard let entry = pass.popMin() else {
                    guard !nextPass.isEmpty else { return nil }
                    passes += 1
                    for index in nextPass.indices {
                        nextPass[index].lowering = price[nextPass[index].node] - initial[nextPass[index].node]
                        waiting[nextPass[index].node] = 1
                    }
                    pass = Heap(nextPass)
                    nextPass.removeAll(keepingCapacity: true)
                    continue
                }
                // Skip an entry made stale by a later lowering (its node was queued again).
                guard waiting[entry.node] == 1, entry.lowering == price[entry.node] - initial[entry.node] else { continue }
                waiting[entry.node] = 0
                return entry.node
            }
        }
    }

    /// A node of `LabelCorrecting`, keyed by how far it has been lowered.
    private struct LoweredNode: Comparable {
        var lowering: Int64
        var node: Int
        /// Most lowered first, then the lower index.
        static func < (a: LoweredNode, b: LoweredNode) -> Bool { (a.lowering, a.node) < (b.lowering, b.node) }
    }
}

extension CostScalingAssignment {
    /// The solve of `graph` (the graph this was built from, with unit demands, every left served)
    /// as the final state of the searches would be: its slots are the places, every left placed,
    /// `u` and `v` the exact potentials.
    func solvedState(of graph: some CostGraph, stop: StopCheck) throws -> AugmentingPathState {
        precondition(outsideRight == nil, "a solved state serves every left")
        let (assignment, u, v) = try solve(stop: stop)
        var state = AugmentingPathState(graph: graph, slots: Slots(start: placeStart))
        for left in 0..<graph.leftCount { state.slots.place(left, on: assignment.rightOf[left]) }
        state.u = u
        state.v = v
        return state
    }
}
