import Foundation
import MentorMatch

/// The one rule by which every roster rule compares text, and what reading a spreadsheet may
/// normalise: column names, US states, and bytes that are not UTF-8.
///
/// **Comparison.** Two values are equal when their ``key(_:)`` is: surrounding white space
/// removed, inner runs of white space as one space, case and width folded (`" Boston  Area"`,
/// `"boston area"` and `"BOSTON AREA"` are one value). The same-state, different-organisation,
/// shared-language, same-setting, same-attribute and `maxPerMentor` rules all compare this way.
/// **States.** A US state, district or territory name equals its postal code
/// (`Massachusetts`, `massachusetts`, `ma` and `MA` are all read as `MA`), and reading says so in
/// a note.
public enum RosterText {
    /// The comparison key of a value: trimmed, white space collapsed, case and width folded.
    ///
    /// - Complexity: O(length of `text`).
    public static func key(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// The postal code of a US state, district or territory named by its code or its name in
    /// any case, or `nil` for anything else.
    public static func postalCode(of region: String) -> String? {
        let key = key(region)
        if key.count == 2, let code = statesByCode[key.uppercased()] { return code.code }
        return statesByName[key]
    }

    private static let states: [(code: String, name: String)] = [
        ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"), ("CO", "Colorado"),
        ("CT", "Connecticut"), ("DE", "Delaware"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"),
        ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
        ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
        ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
        ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"),
        ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
        ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
        ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
        ("WI", "Wisconsin"), ("WY", "Wyoming"), ("DC", "District of Columbia"), ("PR", "Puerto Rico"), ("GU", "Guam"),
        ("VI", "U.S. Virgin Islands"), ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
    ]
    private static let statesByCode = Dictionary(uniqueKeysWithValues: states.map { ($0.code, $0) })
    private static let statesByName = Dictionary(uniqueKeysWithValues: states.map { (key($0.name), $0.code) })

    /// The state among `candidates` (states as the roster writes them) that `region` most likely
    /// means, for "did you mean": the one whose code or name starts with the letters of `region`
    /// (three or more, as in `Mass.` for `MA`), else the one within one edit of it (two for seven
    /// letters or more); `nil` unless exactly one fits, and for a state written right (`VT` is
    /// Vermont, not a typo for `CT`).
    static func likelyState(for region: String, among candidates: [String]) -> String? {
        guard statesByCode[region.trimmingCharacters(in: .whitespaces).uppercased()] == nil, statesByName[key(region)] == nil else { return nil }
        let letters = key(region).filter(\.isLetter)
        func names(_ candidate: String) -> [String] {
            [key(candidate)] + (statesByCode[candidate.uppercased()].map { [key($0.name)] } ?? [])
        }
        let byPrefix = letters.count >= 3 ? candidates.filter { names($0).contains { $0.filter(\.isLetter).hasPrefix(letters) } } : []
        if byPrefix.count == 1 { return byPrefix[0] }
        let allowed = key(region).count >= 7 ? 2 : 1
        let near = candidates.filter { candidate in names(candidate).contains { editDistance(key(region), $0) <= allowed } }
        return near.count == 1 ? near[0] : nil
    }

    /// A column name as compared: trimmed, lowercased, spaces and hyphens as `_`.
    static func columnKey(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// The number of single-character edits between two strings: insertions, deletions,
    /// substitutions, and swaps of two neighbouring characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        // Rows i - 1 and i of the table (optimal string alignment: Levenshtein's, plus a swap of
        // two neighbours as one edit, the most common typo: "stabel" for "stable").
        var beforePrevious: [Int] = [], previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                if i > 0, j > 0, x == b[j - 1], a[i - 1] == y { current[j + 1] = min(current[j + 1], beforePrevious[j - 1] + 1) }
            }
            (beforePrevious, previous) = (previous, current)
        }
        return previous[b.count]
    }

    /// The closest of `candidates` to `name`, for "did you mean": within one edit, or two for
    /// names of seven or more characters (so that `note` is not taken for `name`), compared as
    /// column names are (case, spaces, `_` and `-` aside).
    ///
    /// - Complexity: O(candidates x length²).
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let key = columnKey(name)
        let allowed = key.count >= 7 ? 2 : 1
        // Names whose lengths differ by more than `allowed` cannot be that close: skip them unmeasured.
        return candidates.map(columnKey).enumerated().filter { abs($0.element.count - key.count) <= allowed }
            .map { (candidates[$0.offset], editDistance(key, $0.element)) }.filter { $0.1 > 0 && $0.1 <= allowed }.min { $0.1 < $1.1 }?.0
    }

    /// Text from a file's bytes: UTF-8 (a byte-order mark skipped), or, when the bytes are not
    /// UTF-8, Windows-1252 with a note naming the line of the first byte that is not.
    static func decode(_ data: Data, file: String) throws -> (text: String, note: String?) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return (text, nil) }
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = 0, line = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                offset += String(scalar).utf8.count
            case .emptyInput, .error: break decoding
            }
        }
        guard let text = String(data: bytes, encoding: .windowsCP1252) else {
            throw MatchingError.malformedFile("\(file) line \(line): not UTF-8 text (the first byte that is not is at byte \(offset + 1))")
        }
        return (text, "\(file): not UTF-8 (first at line \(line)); read as Windows-1252. Save as \"CSV UTF-8\" to be sure of accented names")
    }
}
