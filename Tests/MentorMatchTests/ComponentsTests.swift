import Testing
@testable import MentorMatch

/// Components.of against a breadth-first search of the same graph. The graphs are random, with
/// rows long enough that the rows read early join every right into one set (from there each
/// row's first arc is read, the rest are not), and with lefts and rights without arcs before and
/// after that point, which stay components of their own or in none.
@Suite struct ComponentsTests {
    /// Each component with a left, as a breadth-first search from each unvisited left finds it:
    /// lefts and rights in increasing order, components by their smallest left.
    private func searchedComponents(_ rows: [[Int]], rightCount: Int) -> [(lefts: [Int], rights: [Int])] {
        var lefts = [[Int]](repeating: [], count: rightCount)
        for (left, row) in rows.enumerated() { for right in row { lefts[right].append(left) } }
        var leftSeen = [Bool](repeating: false, count: rows.count), rightSeen = [Bool](repeating: false, count: rightCount)
        var components: [(lefts: [Int], rights: [Int])] = []
        for start in rows.indices where !leftSeen[start] {
            var queue = [start], component: (lefts: [Int], rights: [Int]) = ([], [])
            leftSeen[start] = true
            while let left = queue.popLast() {
                component.lefts.append(left)
                for right in rows[left] where !rightSeen[right] {
                    rightSeen[right] = true
                    component.rights.append(right)
                    for next in lefts[right] where !leftSeen[next] {
                        leftSeen[next] = true
                        queue.append(next)
                    }
                }
            }
            components.append((component.lefts.sorted(), component.rights.sorted()))
        }
        return components
    }

    @Test(arguments: 0..<40) func componentsMatchABreadthFirstSearch(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let leftCount = Int.random(in: 1...60, using: &random), rightCount = Int.random(in: 1...40, using: &random)
        // Long rows join everything early; an empty row or an unused right now and then.
        let rowLength = Int.random(in: 1...max(1, rightCount / 2), using: &random)
        let unusedRight = Int.random(in: 0..<rightCount, using: &random)
        let rows = (0..<leftCount).map { _ -> [Int] in
            guard Int.random(in: 0..<8, using: &random) > 0 else { return [] }
            let chosen = (0..<rightCount).filter { $0 != unusedRight }.shuffled(using: &random).prefix(Int.random(in: 1...rowLength, using: &random))
            return chosen.sorted()
        }
        var arcsOf: [Range<Int>] = [], arcRight: [Int32] = []
        for row in rows {
            arcsOf.append(arcRight.count..<(arcRight.count + row.count))
            arcRight += row.map(Int32.init)
        }
        let graph = SparseCostGraph(
            leftCount: leftCount, rightCount: rightCount, arcsOf: arcsOf, arcRight: arcRight,
            arcValue: Array(repeating: 1, count: arcRight.count), costPerValue: 1)
        let found = Components.of(graph), expected = searchedComponents(rows, rightCount: rightCount)
        #expect(found.map(\.lefts) == expected.map(\.lefts))
        #expect(found.map(\.rights) == expected.map(\.rights))
    }

    /// The shortcut's case exactly: the first rows join every right, later lefts each join through
    /// their first arc, and a later left without arcs stays a component of its own.
    @Test func laterRowsJoinThroughTheirFirstArc() {
        let rows = [[0, 1, 2], [2, 3], [3], [], [1, 3]]
        var arcsOf: [Range<Int>] = [], arcRight: [Int32] = []
        for row in rows {
            arcsOf.append(arcRight.count..<(arcRight.count + row.count))
            arcRight += row.map(Int32.init)
        }
        let graph = SparseCostGraph(
            leftCount: rows.count, rightCount: 4, arcsOf: arcsOf, arcRight: arcRight, arcValue: Array(repeating: 1, count: arcRight.count),
            costPerValue: 1)
        let components = Components.of(graph)
        #expect(components.map(\.lefts) == [[0, 1, 2, 4], [3]])
        #expect(components.map(\.rights) == [[0, 1, 2, 3], []])
    }
}
