import Foundation
import MentorMatch
import SwiftCSV

/// Roster CSV files: `mentors.csv` and `mentees.csv`, one person per row, with a header row.
///
/// | column | required | meaning |
/// |---|---|---|
/// | `id` | yes | unique within the file |
/// | `name`, `organisation`, `setting` | no | free text |
/// | `state` | yes | state or region (a US state name reads as its postal code) |
/// | `languages` | no | separated by `;` |
/// | `capacity` | mentors | whole number 0-1,000,000 |
/// | `minimum` | no (mentors) | whole number 0-1,000,000, the fewest mentees the mentor must take; default 0 |
/// | `demand` | no (mentees) | whole number 0-1,000,000, how many different mentors the mentee wants; default 1 |
/// | `preferences` | no | the person's ranking of the other side, most preferred first: ids or names separated by `;` (see `Problem/Preferences`); empty for no list |
/// | one column per ``PreventionDomain`` raw value | all six or none | whole number 0-5 (`4.0` reads as 4): mentor strength, mentee need |
/// | any other column | no | kept as an attribute, for attribute rules |
///
/// **Reading what people write.** Column names match ignoring case, surrounding spaces and the
/// difference between space, `_` and `-`, and common variants are aliases (`Organization`,
/// `org` and `agency` for `organisation`; `language` for `languages`; `region` and
/// `jurisdiction` for `state`; `full name` for `name`). A name within one edit of a known
/// column (two for names of seven or more letters) is an error that says "did you mean"; any
/// other is an attribute. The delimiter
/// (comma, semicolon or tab) is detected from the header; a UTF-8 byte-order mark is skipped;
/// a file that is not UTF-8 is read as Windows-1252. Every such reading is said in
/// ``RosterFile/notes``, never silent: one line for the aliases, one for the attributes, one
/// for the state names read as postal codes.
///
/// Rows are parsed by SwiftCSV (RFC 4180 quoting); every row must have as many fields as the
/// header (more or fewer is an error naming the line, never a shift of values). Errors name the
/// file, the line and the column.
public enum RosterCSV {
    /// Whether a file lists mentors or mentees.
    public enum Role: String, Sendable {
        case mentor, mentee
    }

    /// The largest capacity, minimum or demand a roster file may give: far beyond any program,
    /// and small enough that no sum of them can overflow.
    static let largestCount = 1_000_000

    static let standardColumns = ["id", "name", "state", "organisation", "setting", "languages", "capacity", "minimum", "demand", "preferences"]
        + PreventionDomain.allCases.map(\.rawValue)

    /// Column-name aliases (as ``RosterText/columnKey(_:)`` gives them) and the column each means.
    static let aliases: [String: String] = [
        "organization": "organisation", "org": "organisation", "agency": "organisation",
        "language": "languages", "region": "state", "jurisdiction": "state", "full_name": "name",
        "settings": "setting", "max_mentees": "capacity", "min_mentees": "minimum", "mentors_wanted": "demand",
        "preference": "preferences", "ranking": "preferences", "choices": "preferences",
    ]

    /// The prevention domain a header names, the words people add to the column names left out
    /// ("and", "&", "of", "the", "prevention"): "Prevention Education and Service Delivery" and
    /// "Public Policy & Environmental Change" are domains as IC&RC writes them.
    static func domain(named header: String) -> String? {
        domainKeys.firstIndex(of: domainKey(header)).map { PreventionDomain.allCases[$0].rawValue }
    }

    static func domainKey(_ text: String) -> String {
        RosterText.columnKey(text).replacingOccurrences(of: "&", with: "_").split(separator: "_")
            .filter { !["and", "of", "the", "prevention"].contains($0) }.joined(separator: "_")
    }

    static let domainKeys = PreventionDomain.allCases.map { domainKey($0.rawValue) }

    /// What reading a roster file gave: the people, and how the file was read, in words.
    public struct RosterFile: Sendable {
        public var profiles: [Profile]
        /// How the file was read where it differs from the standard form: the delimiter, the
        /// encoding, the columns read under an alias or as attributes, state names read as codes.
        /// None of these changes what the file says.
        public var notes: [String]
    }

    /// Reads a roster file's bytes (see the type's documentation for what is normalised).
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` naming the file, the line and the column.
    /// - Complexity: O(size of the file).
    public static func read(_ data: Data, role: Role, file: String) throws -> RosterFile {
        let (text, note) = try RosterText.decode(data, file: file)
        var result = try read(text, role: role, file: file)
        if let note { result.notes.insert(note, at: 0) }
        return result
    }

    /// Reads a roster file's text (see the type's documentation for what is normalised).
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` naming the file, the line and the column.
    /// - Complexity: O(size of the text).
    public static func read(_ text: String, role: Role, file: String) throws -> RosterFile {
        func fail(_ line: Int, _ message: String) -> MatchingError { .malformedFile("\(file) line \(line): \(message)") }
        var notes: [String] = []
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let delimiter = CSVDelimiter.guessed(string: text)
        if delimiter != .comma { notes.append("\(file): read as \(delimiter == .tab ? "tab" : "semicolon")-separated") }
        let (header, rows) = try parse(text, delimiter: delimiter, file: file)
        guard !header.isEmpty, header != [""] else { throw fail(1, "empty file: expected a header row") }

        // Column names: exact, normalised, aliased, "did you mean", or a free attribute.
        var column: [String: Int] = [:]
        var attributes: [(name: String, index: Int)] = []
        var aliased: [String] = []
        let known = standardColumns + aliases.keys.sorted()
        for (index, name) in header.enumerated() where !name.isEmpty {
            let key = RosterText.columnKey(name)
            if let standard = standardColumns.first(where: { $0 == key }) ?? aliases[key] {
                if column.updateValue(index, forKey: standard) != nil { throw fail(1, "column '\(standard)' appears twice (as '\(name)')") }
                if key != standard { aliased.append("'\(name)' as \(standard)") }
            } else if let domain = Self.domain(named: name) {
                if column.updateValue(index, forKey: domain) != nil { throw fail(1, "column '\(domain)' appears twice (as '\(name)')") }
                aliased.append("'\(name)' as \(domain)")
            } else if let near = RosterText.suggestion(for: name, among: known) ?? RosterText.suggestion(for: Self.domainKey(name), among: Self.domainKeys) {
                let meant = aliases[near] ?? Self.domain(named: near) ?? near
                throw fail(1, "unknown column '\(name)'; did you mean '\(meant)'?")
            } else {
                if let earlier = attributes.first(where: { $0.name == name }) {
                    throw fail(1, "column '\(name)' appears twice (columns \(earlier.index + 1) and \(index + 1))")
                }
                attributes.append((name, index))
            }
        }
        if !aliased.isEmpty { notes.append("\(file): columns read \(aliased.joined(separator: ", "))") }
        if !attributes.isEmpty {
            notes.append("\(file): columns kept as attributes for sameAttribute and maxPerMentor rules: " + attributes.map { "'\($0.name)'" }.joined(separator: ", "))
        }
        let required = ["id", "state"] + (role == .mentor ? ["capacity"] : [])
        if let missing = required.first(where: { column[$0] == nil }) {
            throw fail(1, "missing column '\(missing)'; the columns are " + header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", "))
        }
        let domainNames = PreventionDomain.allCases.map(\.rawValue)
        let presentDomains = domainNames.filter { column[$0] != nil }
        if !presentDomains.isEmpty, presentDomains.count < domainNames.count {
            throw fail(1, "the prevention-domain columns come all six or none; missing " + domainNames.filter { column[$0] == nil }.map { "'\($0)'" }.joined(separator: ", "))
        }

        var profiles: [Profile] = []
        profiles.reserveCapacity(rows.count)
        var lineOfId: [String: Int] = [:]
        var renamedStates: [String: (code: String, rows: Int)] = [:]
        var codeOfState: [String: String?] = [:]  // each state as written, looked up once
        var line = 2  // the header is line 1
        for fields in rows {
            let rowLine = line
            line += 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            if fields.allSatisfy({ Self.trimmed($0).isEmpty }) { continue }  // blank line
            guard fields.count == header.count else {
                throw fail(rowLine, "\(fields.count) fields but the header has \(header.count) (check the quoting and the delimiter)")
            }
            func value(_ name: String) -> String {
                column[name].map { Self.trimmed(fields[$0]) } ?? ""
            }
            func wholeNumber(_ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws -> Int {
                if let fallback, column[name] == nil { return fallback }
                guard let number = Double(value(name)), number == number.rounded(), number >= Double(range.lowerBound),
                    number <= Double(range.upperBound)
                else {
                    // The column as the sheet heads it, and ours where that differs: `'Max Mentees' (capacity)`.
                    let written = column[name].map { header[$0] } ?? name
                    let label = RosterText.columnKey(written) == name ? "'\(written)'" : "'\(written)' (\(name))"
                    throw fail(rowLine, "column \(label): '\(value(name))' is not a whole number \(range.lowerBound)-\(range.upperBound)")
                }
                return Int(number)
            }
            let id = value("id")
            guard !id.isEmpty else { throw fail(rowLine, "empty id") }
            if let first = lineOfId.updateValue(rowLine, forKey: id) { throw fail(rowLine, "duplicate id '\(id)' (first on line \(first))") }
            var region = value("state")
            guard !region.isEmpty else { throw fail(rowLine, "empty state for '\(id)'") }
            if codeOfState[region] == nil { codeOfState[region] = .some(RosterText.postalCode(of: region)) }
            if let code = codeOfState[region]!, code != region {
                renamedStates[region, default: (code, 0)].rows += 1
                region = code
            }
            var ratings = DomainRatings()
            if !presentDomains.isEmpty {
                for domain in PreventionDomain.allCases { ratings[domain] = try wholeNumber(domain.rawValue, in: 0...5) }
            }
            profiles.append(
                Profile(
                    id: id, name: value("name"), region: region, organisation: value("organisation"), setting: value("setting"),
                    languages: value("languages").split(separator: ";").map { Self.trimmed(String($0)) }.filter { !$0.isEmpty },
                    ratings: ratings, capacity: role == .mentor ? try wholeNumber("capacity", in: 0...Self.largestCount) : 1,
                    minimum: role == .mentor ? try wholeNumber("minimum", in: 0...Self.largestCount, default: 0) : 0,
                    demand: role == .mentee ? try wholeNumber("demand", in: 0...Self.largestCount, default: 1) : 1,
                    preferences: value("preferences").split(separator: ";").map { Self.trimmed(String($0)) }.filter { !$0.isEmpty },
                    attributes: Dictionary(uniqueKeysWithValues: attributes.map { ($0.name, Self.trimmed(fields[$0.index])) })))
        }
        if !renamedStates.isEmpty {
            notes.append(
                "\(file): states read as postal codes: " + renamedStates.sorted(by: { $0.key < $1.key })
                    .map { "'\($0.key)' as \($0.value.code) (\($0.value.rows) row\($0.value.rows == 1 ? "" : "s"))" }.joined(separator: ", "))
        }
        return RosterFile(profiles: profiles, notes: notes)
    }

    /// `field` without surrounding spaces and tabs; the field itself when it has none (most do).
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard blank(first) || blank(last) || first >= 0x80 || last >= 0x80 else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// The line breaks inside a field (a quoted field may hold some), for the line numbers of errors.
    static func lineBreaks(in field: String) -> Int {
        guard field.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 >= 0x80 }) else { return 0 }
        return field.filter(\.isNewline).count
    }

    /// The trimmed header and the rows of CSV text as written (no padding of short rows),
    /// parsed by SwiftCSV.
    static func parse(_ text: String, delimiter: CSVDelimiter = .comma, file: String) throws -> (header: [String], rows: [[String]]) {
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: delimiter, loadColumns: false)
            var rows: [[String]] = []
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { rows.append($0) }
            return (csv.header.map { $0.trimmingCharacters(in: .whitespaces) }, rows)
        } catch {
            throw MatchingError.malformedFile("\(file): " + (quotingProblem(in: text, delimiter: delimiter.rawValue) ?? "broken quoting"))
        }
    }

    /// Where the text breaks RFC 4180's quoting, in words: a quotation mark inside a field that
    /// does not start with one, text after a closing quotation mark, or a quotation mark never
    /// closed; with the line and the column (by the header's name). `nil` when the quoting holds.
    ///
    /// - Complexity: O(size of the text).
    static func quotingProblem(in text: String, delimiter: Character) -> String? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        let header = (text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .split(separator: delimiter, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t\r\u{FEFF}")) }
        func place(line: Int, field: Int) -> String {
            "line \(line), column " + (field < header.count && !header[field].isEmpty ? "'\(header[field])'" : "\(field + 1)")
        }
        var line = 1, field = 0, fieldStart = true, quoted = false, closed = false, opened = (line: 1, field: 0)
        var bytes = text.utf8.makeIterator(), pending: UInt8? = nil
        while let byte = pending ?? bytes.next() {
            pending = nil
            if quoted {
                if byte == newline { line += 1 }
                guard byte == quote else { continue }
                let next = bytes.next()
                if next == quote { continue }  // a doubled quotation mark stands for one
                quoted = false
                closed = true
                pending = next
                continue
            }
            switch byte {
            case separator:
                (field, fieldStart, closed) = (field + 1, true, false)
            case newline:
                (line, field, fieldStart, closed) = (line + 1, 0, true, false)
            case carriageReturn:
                continue
            case quote where fieldStart:
                (quoted, fieldStart, opened) = (true, false, (line, field))
            case quote:
                return "\(place(line: line, field: field)): a quotation mark inside a field that does not start with one "
                    + "(put the whole field in quotation marks and double each one inside: \"say \"\"hi\"\"\")"
            default:
                if closed {
                    return "\(place(line: line, field: field)): text after the closing quotation mark "
                        + "(put the whole field in quotation marks and double each one inside)"
                }
                if byte != 0x20 && byte != 0x09 { fieldStart = false }
            }
        }
        return quoted ? "\(place(line: opened.line, field: opened.field)): a quotation mark that is never closed" : nil
    }

    /// Writes profiles as CSV with the standard columns of the role (`capacity` and `minimum`
    /// for mentors, `demand` for mentees) followed by
    /// every attribute name in sorted order; reading the result gives the same profiles.
    ///
    /// - Complexity: O(total size of the profiles).
    public static func text(of profiles: [Profile], role: Role) -> String {
        let attributeNames = Set(profiles.flatMap(\.attributes.keys)).sorted()
        let roleColumns: Set<String> = role == .mentor ? ["capacity", "minimum"] : ["demand"]
        let columns = standardColumns.filter { !["capacity", "minimum", "demand"].contains($0) || roleColumns.contains($0) } + attributeNames
        var lines = [CSVLine.format(columns)]
        for profile in profiles {
            let fields = columns.map { name -> String in
                switch name {
                case "id": profile.id
                case "name": profile.name
                case "state": profile.region
                case "organisation": profile.organisation
                case "setting": profile.setting
                case "languages": profile.languages.joined(separator: ";")
                case "capacity": String(profile.capacity)
                case "minimum": String(profile.minimum)
                case "demand": String(profile.demand)
                case "preferences": profile.preferences.joined(separator: ";")
                default:
                    PreventionDomain(rawValue: name).map { String(profile.ratings[$0]) } ?? profile.attributes[name, default: ""]
                }
            }
            lines.append(CSVLine.format(fields))
        }
        return lines.joined()
    }
}

/// Formats one CSV record (RFC 4180): a field is quoted when it holds a comma, a quote or a line
/// break, with quotes doubled; the record ends with CRLF.
///
/// Fields are made inert for spreadsheets (OWASP's rule against CSV injection): a field that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain number, gets a
/// single quote in front, so that Excel or Sheets shows it as text instead of running it as a
/// formula. Numbers such as `-3.5` stay numbers.
public enum CSVLine {
    public static func format(_ fields: [String]) -> String {
        fields.map { field in
            let inert = inertForSpreadsheets(field)
            // Bytes first: only a field with a comma, a quote, a control byte of a line break or
            // a byte beyond ASCII can need quotes.
            let mayNeedQuotes = inert.utf8.contains { $0 == 0x2C || $0 == 0x22 || (0x0A...0x0D).contains($0) || $0 >= 0x80 }
            return mayNeedQuotes && inert.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + inert.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : inert
        }.joined(separator: ",") + "\r\n"
    }

    /// `field` with a single quote in front if a spreadsheet could read it as a formula.
    public static func inertForSpreadsheets(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil else { return field }
        return "'" + field
    }
}
