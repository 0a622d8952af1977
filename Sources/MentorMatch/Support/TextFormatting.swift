import Foundation

/// A score for people to read: no trailing ".0" when whole, else up to 12 significant digits.
package func formatScore(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.12g", value)
}

/// A change in score for people to read: "+3", "-2.5", "0".
package func formatSignedScore(_ value: Double) -> String {
    (value > 0 ? "+" : "") + formatScore(value)
}

/// Rows of cells as lines with left-aligned columns two spaces apart, without trailing spaces,
/// at most `width` characters wide where the columns allow: the last column's text (a sentence,
/// such as an explanation) wraps at spaces onto lines of its own, indented to where it starts.
package func alignedColumns(_ rows: [[String]], width: Int = 120) -> [String] {
    guard let first = rows.first else { return [] }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    let lastStart = widths.dropLast().reduce(0) { $0 + $1 + 2 }
    let indent = lastStart <= width - 30 ? lastStart : 4  // a narrow last column would wrap a word a line
    return rows.flatMap { row in
        let head = zip(row.dropLast(), widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) + "  " }.joined()
        var lines: [String] = []
        var line = head
        for (index, word) in (row.last ?? "").split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                line += word
            } else if line.count + 1 + word.count > width, !word.isEmpty {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }
}
