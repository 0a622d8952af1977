/// A dense score matrix: rows are mentees and columns mentors, in the order the problem lists them.
///
/// Build it from nested rows, where `nil` means "not allowed", or from a flat row-major array
/// where every pair is allowed (the compact form for large dense problems). The shape is checked
/// against the mentee and mentor lists when the ``Problem`` is created.
public struct ScoreMatrix: Sendable {
    enum Layout: Sendable {
        case rows([[Double?]])
        case flat(rowCount: Int, columnCount: Int, values: [Double], allowed: [Bool]?)
    }

    let layout: Layout

    /// Creates a matrix from rows of optional scores; `nil` marks a pair that is not allowed.
    ///
    /// - Complexity: O(1); the rows are checked when the problem is created.
    public init(_ rows: [[Double?]]) {
        layout = .rows(rows)
    }

    /// Creates a matrix from `rowCount × columnCount` scores in row-major order; `allowed`, if
    /// given, marks the allowed pairs in the same order (the scores of the others are ignored).
    ///
    /// - Complexity: O(1); the counts are checked when the problem is created.
    public init(rowCount: Int, columnCount: Int, values: [Double], allowed: [Bool]? = nil) {
        layout = .flat(rowCount: rowCount, columnCount: columnCount, values: values, allowed: allowed)
    }
}
