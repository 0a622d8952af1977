/// Where each id stands in a list of people. A list whose ids are the positions written in
/// decimal ("0", "1", ..., as numpy archives and the benchmark instances name people) needs no
/// table: the id is its own position, and 10^7 people save the 0.8 GB of a dictionary.
package struct IdIndex: Sendable {
    /// `nil` when the ids are their positions.
    private let positions: [String: Int]?
    private let count: Int

    /// The index of `ids`, or `duplicate(id)` thrown for the first id listed twice.
    ///
    /// - Complexity: O(*n*) for *n* ids.
    init(_ ids: some Collection<String>, duplicate: (String) -> any Error) throws {
        count = ids.count
        if ids.enumerated().allSatisfy({ $0.element == String($0.offset) }) {
            positions = nil
            return
        }
        var positions = [String: Int](minimumCapacity: ids.count)
        for (index, id) in ids.enumerated() where positions.updateValue(index, forKey: id) != nil { throw duplicate(id) }
        self.positions = positions
    }

    /// The position of `id`, `nil` when no one has it.
    ///
    /// - Complexity: O(1) on average.
    package subscript(id: String) -> Int? {
        guard let positions else {
            guard let position = Int(id), (0..<count).contains(position), String(position) == id else { return nil }
            return position
        }
        return positions[id]
    }
}
