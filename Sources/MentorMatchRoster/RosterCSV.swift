import Foundation
import MentorMatch
import SwiftCSV

/// Roster CSV files: `mentors.csv` and `mentees.csv`, one person per row, with a header row.
///
/// | column | required | meaning |
/// |---|---|---|
/// | `id` | yes | unique within the file |
/// | `name`, `organisation`, `setting` | no | free text |
/// | `state` | yes | state or region; the same-state rule compares it exactly |
/// | `languages` | no | separated by `;` |
/// | `capacity` | mentors | whole number >= 0 |
/// | `minimum` | no (mentors) | whole number >= 0, the fewest mentees the mentor must take; default 0 |
/// | `demand` | no (mentees) | whole number >= 0, how many different mentors the mentee wants; default 1 |
/// | one column per ``PreventionDomain`` raw value | yes | whole number 0-5: mentor strength, mentee need |
/// | any other column | no | kept as an attribute, for attribute rules |
///
/// Parsing uses SwiftCSV (RFC 4180 quoting); every row must have as many fields as the header,
/// which also catches broken quoting. Errors name the file and line.
public enum RosterCSV {
    /// Whether a file lists mentors or mentees.
    public enum Role: String, Sendable {
        case mentor, mentee
    }

    /// The largest capacity, minimum or demand a roster file may give: far beyond any program,
    /// and small enough that no sum of them can overflow.
    static let largestCount = 1_000_000

    static let standardColumns = ["id", "name", "state", "organisation", "setting", "languages", "capacity", "minimum", "demand"]
        + PreventionDomain.allCases.map(\.rawValue)

    /// Reads profiles from CSV text.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - role: Mentors need a `capacity` column.
    ///   - file: The file name, for error messages.
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the file, the line and the column.
    /// - Complexity: O(size of the text).
    public static func profiles(from text: String, role: Role, file: String) throws -> [Profile] {
        func fail(_ line: Int, _ message: String) -> MatchingError { .malformedFile("\(file) line \(line): \(message)") }
        let (header, rows) = try parse(text, file: file)
        guard !header.isEmpty, header != [""] else { throw fail(1, "empty file: expected a header row") }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() where column.updateValue(index, forKey: name) != nil {
            throw fail(1, "column '\(name)' appears twice")
        }
        let required = ["id", "state"] + (role == .mentor ? ["capacity"] : []) + PreventionDomain.allCases.map(\.rawValue)
        if let missing = required.first(where: { column[$0] == nil }) { throw fail(1, "missing column '\(missing)'") }
        let extraColumns = header.filter { !standardColumns.contains($0) && !$0.isEmpty }

        var profiles: [Profile] = []
        var lineOfId: [String: Int] = [:]
        var line = 2  // the header is line 1
        for fields in rows {
            let rowLine = line
            line += 1 + fields.reduce(0) { $0 + $1.filter(\.isNewline).count }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }  // blank line
            guard fields.count == header.count else {
                throw fail(rowLine, "\(fields.count) fields but the header has \(header.count) (check the quoting)")
            }
            func value(_ name: String) -> String {
                column[name].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            func wholeNumber(_ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws -> Int {
                if let fallback, column[name] == nil { return fallback }
                guard let number = Int(value(name)), range.contains(number) else {
                    let bound = "\(range.lowerBound)-\(range.upperBound)"
                    throw fail(rowLine, "column '\(name)': '\(value(name))' is not a whole number \(bound)")
                }
                return number
            }
            let id = value("id")
            guard !id.isEmpty else { throw fail(rowLine, "empty id") }
            if let first = lineOfId.updateValue(rowLine, forKey: id) { throw fail(rowLine, "duplicate id '\(id)' (first on line \(first))") }
            guard !value("state").isEmpty else { throw fail(rowLine, "empty state for '\(id)'") }
            var ratings = DomainRatings()
            for domain in PreventionDomain.allCases { ratings[domain] = try wholeNumber(domain.rawValue, in: 0...5) }
            profiles.append(
                Profile(
                    id: id, name: value("name"), region: value("state"), organisation: value("organisation"), setting: value("setting"),
                    languages: value("languages").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    ratings: ratings, capacity: role == .mentor ? try wholeNumber("capacity", in: 0...Self.largestCount) : 1,
                    minimum: role == .mentor ? try wholeNumber("minimum", in: 0...Self.largestCount, default: 0) : 0,
                    demand: role == .mentee ? try wholeNumber("demand", in: 0...Self.largestCount, default: 1) : 1,
                    attributes: Dictionary(uniqueKeysWithValues: extraColumns.map { ($0, value($0)) })))
        }
        return profiles
    }

    /// Reads the pairs of a matches CSV, as written by ``MatchReport/csv()``: the columns
    /// `mentee` and `mentor`; rows with an empty mentor are unmatched mentees and give no pair.
    ///
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the file and line.
    public static func pairs(fromMatches text: String, file: String) throws -> [Problem.Pair] {
        let (header, rows) = try parse(text, file: file)
        guard let menteeColumn = header.firstIndex(of: "mentee"), let mentorColumn = header.firstIndex(of: "mentor") else {
            throw MatchingError.malformedFile("\(file) line 1: a matches file needs the columns 'mentee' and 'mentor'")
        }
        var pairs: [Problem.Pair] = []
        for (offset, fields) in rows.enumerated() where fields.count > 1 || fields.first?.isEmpty == false {
            guard fields.count == header.count else {
                throw MatchingError.malformedFile("\(file) line \(offset + 2): \(fields.count) fields but the header has \(header.count)")
            }
            let mentor = fields[mentorColumn].trimmingCharacters(in: .whitespaces)
            if !mentor.isEmpty { pairs.append(.init(mentee: fields[menteeColumn].trimmingCharacters(in: .whitespaces), mentor: mentor)) }
        }
        return pairs
    }

    /// The trimmed header and the rows of CSV text, parsed by SwiftCSV.
    private static func parse(_ text: String, file: String) throws -> (header: [String], rows: [[String]]) {
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            return (csv.header.map { $0.trimmingCharacters(in: .whitespaces) }, csv.rows)
        } catch {
            throw MatchingError.malformedFile("\(file): broken quoting (\(error))")
        }
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
            return inert.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + inert.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : inert
        }.joined(separator: ",") + "\r\n"
    }

    /// `field` with a single quote in front if a spreadsheet could read it as a formula.
    public static func inertForSpreadsheets(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil else { return field }
        return "'" + field
    }
}
