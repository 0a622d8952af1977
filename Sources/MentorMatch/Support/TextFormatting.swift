import Foundation

/// A score for people to read: no trailing ".0" when whole, else up to 12 significant digits.
package func formatScore(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.12g", value)
}

/// A change in score for people to read: "+3", "-2.5", "0".
package func formatSignedScore(_ value: Double) -> String {
    (value > 0 ? "+" : "") + formatScore(value)
}

/// Rows of cells as lines with left-aligned columns two spaces apart, without trailing spaces.
package func alignedColumns(_ rows: [[String]]) -> [String] {
    guard let first = rows.first else { return [] }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        let padded = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        return String(padded.reversed().drop(while: { $0 == " " }).reversed())
    }
}
