import HeapModule

/// The bookkeeping of Dijkstra's algorithm with a binary heap and lazy deletion, shared by the
/// engine's searches over sparse graphs (the shortest augmenting paths on compressed rows,
/// MinimumCostFlow.swift, ResidualCycles.swift): each node's tentative length, whether it is
/// settled, and the heap. Generic over the length and a tie rule among equal
/// lengths (`Tie`, then the lower node). The caller relaxes the arcs of each node it settles,
/// keeps its own predecessors, and decides when to stop.
///
/// Labels are stamped with the search that set them (`search` when reached, `search + 1` when
/// settled: one array), so a new search starts in O(1) instead of resetting every node.
/// The searches over matrices scan every right instead (ShortestAugmentingPaths.swift,
/// JonkerVolgenant.swift): no heap.
struct Dijkstra<Length: Comparable, Tie: Comparable> {
    private var length: [Length]
    private var stamp: [Int32]
    /// Even; 2 more per search.
    private var search: Int32 = 0
    private var heap = Heap<Entry>()

    fileprivate struct Entry: Comparable {
        var length: Length
        var tie: Tie
        var node: Int32
        static func < (a: Entry, b: Entry) -> Bool { (a.length, a.tie, a.node) < (b.length, b.tie, b.node) }
    }

    /// Labels for nodes `0..<nodeCount`, all unreached; `placeholder` fills the lengths of unreached nodes.
    init(nodeCount: Int, placeholder: Length) {
        length = [Length](repeating: placeholder, count: nodeCount)
        stamp = [Int32](repeating: 0, count: nodeCount)
    }

    /// Starts a new search: every node unreached, the heap empty.
    mutating func begin() {
        search += 2
        heap = Heap()
    }

    func isSettled(_ node: Int) -> Bool { stamp[node] == search + 1 }

    /// The length of a reached node.
    func length(of node: Int) -> Length { length[node] }

    /// Lowers the label of `node` to `newLength` if it is unreached, or reached (not settled) at
    /// a longer length; returns whether it did. `tie` is evaluated only then.
    @inline(__always)
    mutating func reach(_ node: Int, at newLength: Length, tie: @autoclosure () -> Tie) -> Bool {
        guard stamp[node] < search || (stamp[node] == search && newLength < length[node]) else { return false }
        stamp[node] = search
        length[node] = newLength
        heap.insert(Entry(length: newLength, tie: tie(), node: Int32(node)))
        return true
    }

    /// Settles `node` at its current length without waiting for its turn (a caller that knows
    /// nothing can come shorter).
    mutating func settle(_ node: Int) { stamp[node] = search + 1 }

    /// Settles the closest reached node (ties by `Tie`, then the lower index) and returns it, or
    /// `nil` when none is left.
    @inline(__always)
    mutating func settleNext() -> (node: Int, length: Length)? {
        while let entry = heap.popMin() {
            let node = Int(entry.node)
            guard stamp[node] != search + 1, entry.length == length[node] else { continue }
            stamp[node] = search + 1
            return (node, entry.length)
        }
        return nil
    }
}

/// The tie rule of a search without one: equal lengths go by node alone.
struct NoTie: Comparable {
    static func < (_: NoTie, _: NoTie) -> Bool { false }
}

extension Dijkstra: Sendable where Length: Sendable, Tie: Sendable {}

extension Dijkstra.Entry: Sendable where Length: Sendable, Tie: Sendable {}
