import Foundation
import MentorMatch
import SwiftCSV

/// The pairs of an earlier match (for `match --keep`, `match --diff` and `compare --previous`),
/// read from a CSV file with a `mentee` and a `mentor` column: the
/// file `mentor-match match --out` writes, or any spreadsheet with those two columns (aliases
/// `mentee_id` and `mentor_id`; names match as roster columns do). Other columns are ignored. A
/// row with an empty mentor (a mentee left unmatched) holds no pair.
///
/// Read with the roster files' care: delimiter, byte-order mark and encoding as in ``RosterCSV``;
/// an id written inert for spreadsheets (`'=x`, see ``CSVLine``) is read back without its quote:
/// each such reading is a note. A pair listed twice is read once, with a warning.
public struct PreviousMatches: Sendable {
    public var pairs: [Problem.Pair]
    /// What may be a mistake in the file: a pair listed twice.
    public var warnings: [String]
    /// How the file was read where it differs from the standard form, as ``RosterCSV/RosterFile/notes``.
    public var notes: [String]
    /// The headers of the columns read as the mentee and the mentor, as the file writes them.
    public var columns: (mentee: String, mentor: String)

    public init(pairs: [Problem.Pair], warnings: [String] = [], notes: [String] = [], columns: (mentee: String, mentor: String) = ("mentee", "mentor")) {
        self.pairs = pairs
        self.warnings = warnings
        self.notes = notes
        self.columns = columns
    }

    /// Reads the file's bytes.
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` naming the file, and the line where it applies:
    ///   no `mentee` or `mentor` column, a row with a mentor but no mentee, a row of the wrong width.
    /// - Complexity: O(size of the file).
    public static func read(_ data: Data, file: String) throws -> PreviousMatches {
        func fail(_ line: Int, _ message: String) -> MatchingError { .malformedFile("\(file) line \(line): \(message)") }
        var (text, note) = try RosterText.decode(data, file: file)
        var warnings: [String] = [], notes = note.map { [$0] } ?? []
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let delimiter = CSVDelimiter.guessed(string: text)
        if delimiter != .comma { notes.append("\(file): read as \(delimiter == .tab ? "tab" : "semicolon")-separated") }
        let (header, rows) = try RosterCSV.parse(text, delimiter: delimiter, file: file)
        var column: [String: Int] = [:]
        var aliased: [String] = []
        for (index, name) in header.enumerated() {
            let key = RosterText.columnKey(name)
            guard let role = ["mentee": "mentee", "mentor": "mentor", "mentee_id": "mentee", "mentor_id": "mentor"][key], column[role] == nil else { continue }
            column[role] = index
            if key != role { aliased.append("'\(name)' as \(role)") }
        }
        if !aliased.isEmpty { notes.append("\(file): columns read \(aliased.joined(separator: ", "))") }
        guard let menteeColumn = column["mentee"], let mentorColumn = column["mentor"] else {
            throw fail(1, "missing column '\(column["mentee"] == nil ? "mentee" : "mentor")' (a previous match needs mentee and mentor ids)")
        }
        var pairs: [Problem.Pair] = []
        var seen = Set<Problem.Pair>()
        var line = 2
        for fields in rows {
            let rowLine = line
            line += 1 + fields.reduce(0) { $0 + RosterCSV.lineBreaks(in: $1) }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == header.count else {
                throw fail(rowLine, "\(fields.count) fields but the header has \(header.count) (check the quoting and the delimiter)")
            }
            func id(_ index: Int) -> String {
                let raw = fields[index].trimmingCharacters(in: .whitespaces)
                guard raw.hasPrefix("'"), CSVLine.inertForSpreadsheets(String(raw.dropFirst())) == raw else { return raw }
                notes.append("\(file) line \(rowLine): '\(raw)' read as '\(raw.dropFirst())' (the quote that keeps spreadsheets from running it)")
                return String(raw.dropFirst())
            }
            let mentee = id(menteeColumn), mentor = id(mentorColumn)
            if mentor.isEmpty { continue }
            if mentee.isEmpty { throw fail(rowLine, "mentor '\(mentor)' with no mentee") }
            let pair = Problem.Pair(mentee: mentee, mentor: mentor)
            guard seen.insert(pair).inserted else {
                warnings.append("\(file) line \(rowLine): pair '\(mentee)'-'\(mentor)' listed again, read once")
                continue
            }
            pairs.append(pair)
        }
        return PreviousMatches(pairs: pairs, warnings: warnings, notes: notes, columns: (header[menteeColumn], header[mentorColumn]))
    }
}
