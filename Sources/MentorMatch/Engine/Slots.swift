/// Who is assigned to each right node, stored without copying a right node once per unit of
/// capacity: right *r* owns the slots `start[r]..<start[r+1]`, of which the first `load[r]` hold
/// left nodes and the rest hold -1.
///
/// A right node gets min(capacity, number of arcs into it) slots, so memory is
/// O(right nodes + arcs) even when capacities are huge.
struct Slots: Sendable {
    let start: [Int]
    private(set) var left: [Int]
    private(set) var load: [Int]
    /// Per right node: whether it has a free slot (kept in step with `load`, for the hot loops).
    private(set) var hasRoom: [Bool]

    /// - Parameters:
    ///   - capacity: Per right node.
    ///   - arcsInto: Per right node, its arcs (``CostGraph/arcsIntoEachRight()``), which bound
    ///     the slots it can ever fill.
    init(capacity: [Int], arcsInto: [Int]) {
        self.init(start: Self.starts(capacity: capacity, arcsInto: arcsInto))
    }

    /// Empty slots in the layout `start` (as ``starts(capacity:arcsInto:)`` gives it).
    init(start: [Int]) {
        self.start = start
        left = [Int](repeating: -1, count: start[start.count - 1])
        load = [Int](repeating: 0, count: start.count - 1)
        hasRoom = (0..<(start.count - 1)).map { start[$0 + 1] > start[$0] }
    }

    /// Where each right node's slots start, min(capacity, arcs into it) of them, then their
    /// total: the layout of `start`, which cost scaling's places share.
    static func starts(capacity: [Int], arcsInto: [Int]) -> [Int] {
        var start = [0]
        start.reserveCapacity(arcsInto.count + 2)
        for right in arcsInto.indices { start.append(start[right] + min(capacity[right], arcsInto[right])) }
        return start
    }

    func isFull(_ right: Int) -> Bool { !hasRoom[right] }

    /// Puts `left` into the next free slot of `right`. Precondition: `right` has room.
    mutating func place(_ left: Int, on right: Int) {
        self.left[start[right] + load[right]] = left
        load[right] += 1
        hasRoom[right] = start[right] + load[right] < start[right + 1]
    }

    /// The filled slots of `right`.
    func filled(_ right: Int) -> Range<Int> { start[right]..<(start[right] + load[right]) }

    /// Applies an augmenting path found by a search: the path runs from `source` (a left node)
    /// through alternating arcs to `sink`, a right node with a free slot. Every left node on the
    /// path moves to the next right node; the source gains one assignment.
    ///
    /// - Parameters:
    ///   - predecessor: Per right node, the left node the path reaches it from.
    ///   - arrivalSlot: Per left node on the path (except `source`), the slot it leaves.
    ///   - arrivalRight: Per left node on the path (except `source`), the right node owning that slot.
    /// - Complexity: O(path length).
    mutating func augment(from source: Int, to sink: Int, predecessor: [Int], arrivalSlot: [Int], arrivalRight: [Int]) {
        var right = sink
        var slot = start[sink] + load[sink]
        load[sink] += 1
        hasRoom[sink] = start[sink] + load[sink] < start[sink + 1]
        while true {
            let moving = predecessor[right]
            left[slot] = moving
            if moving == source { return }
            slot = arrivalSlot[moving]
            right = arrivalRight[moving]
        }
    }
}
