/// The relative tolerance of every comparison of floating-point sums in the package: two values
/// agree, or a value is whole, within 10^-9 of their magnitude (plus 1), which absorbs the
/// rounding of sums of up to millions of scores and potentials while far below any difference
/// of scores that a problem can express in its digits.
package let relativeTolerance = 1e-9

/// `values` scaled by the least 10^k, k = 0...6, that makes them all whole numbers (within a
/// relative 10^-9) of magnitude at most `limit`, and rounded; `nil` if no such k exists.
///
/// - Complexity: O(*v*) per k tried, for *v* values.
package func wholeNumbers(_ values: [Double], limit: Double) -> (values: [Double], scale: Double)? {
    var scale = 1.0
    for _ in 0...6 {
        let scaled = values.map { $0 * scale }
        if scaled.allSatisfy({ abs($0 - $0.rounded()) <= relativeTolerance * max(1, abs($0)) && abs($0) <= limit }) {
            return (scaled.map { $0.rounded() }, scale)
        }
        scale *= 10
    }
    return nil
}
