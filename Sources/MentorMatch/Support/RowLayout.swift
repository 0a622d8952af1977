/// Where the items of compressed rows go, by counting sort: count each row's items, then place
/// every item at the next free position of its row. Items of a row keep the order in which they
/// are placed (the sort is stable).
package struct RowLayout {
    /// Row `r` holds positions `start[r]..<start[r + 1]`; `start.last` is the number of items.
    package let start: [Int]
    private var next: [Int]

    /// The rows of `counts[r]` items each.
    ///
    /// - Complexity: O(rows).
    package init(counts: [Int]) {
        var start = [Int](repeating: 0, count: counts.count + 1)
        for (row, count) in counts.enumerated() { start[row + 1] = start[row] + count }
        self.start = start
        next = start
    }

    package var itemCount: Int { start[start.count - 1] }

    /// The position of the next item placed in `row`.
    ///
    /// - Precondition: fewer items placed in `row` than it counts.
    @inline(__always)
    package mutating func place(inRow row: Int) -> Int {
        defer { next[row] += 1 }
        return next[row]
    }
}
