import Foundation

/// The file formats a ``Problem`` can be read from.
public enum ProblemFormat: String, CaseIterable, Sendable {
    /// MentorMatch problem JSON, version 1 (see the README).
    case json
    /// OR-Library dense assignment file (`assignN.txt`): *n*, then *n* x *n* costs; minimized.
    case orlib
    /// OR-Library sparse assignment file (`assignpN.txt`): *n*, then triples `i j cost`
    /// (1-based); absent pairs are not allowed; minimized.
    case orlibSparse = "orlib-sparse"
}

extension Problem {
    /// Reads a problem from file contents.
    ///
    /// OR-Library problems name mentees and mentors "1" to "*n*", every mentor with capacity 1.
    ///
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the line or field at fault, or any
    ///   validation error of ``init(sense:mentees:mentors:scores:locked:forbidden:)``.
    /// - Complexity: O(file size + validation).
    public init(data: Data, format: ProblemFormat) throws {
        switch format {
        case .json: self = try ProblemDocument.decode(data).problem()
        case .orlib:
            var reader = ORLibraryReader(data)
            self = try reader.denseProblem()
        case .orlibSparse:
            var reader = ORLibraryReader(data)
            self = try reader.sparseProblem()
        }
    }
}

/// Problem JSON, version 1. Unknown keys are rejected so that a misspelt field is never ignored.
struct ProblemDocument: Decodable {
    struct MentorEntry: Decodable {
        var id: String
        var capacity: Int?
        var minimum: Int?
        init(id: String, capacity: Int?, minimum: Int?) {
            (self.id, self.capacity, self.minimum) = (id, capacity, minimum)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "capacity", "minimum"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            capacity = try container.decodeWholeNumberIfPresent(forKey: .capacity)
            minimum = try container.decodeWholeNumberIfPresent(forKey: .minimum)
        }
        enum CodingKeys: String, CodingKey { case id, capacity, minimum }
    }

    struct MenteeEntry: Decodable {
        var id: String
        var demand: Int?
        init(id: String, demand: Int?) {
            (self.id, self.demand) = (id, demand)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "demand"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            demand = try container.decodeWholeNumberIfPresent(forKey: .demand)
        }
        enum CodingKeys: String, CodingKey { case id, demand }
    }

    struct GroupEntry: Decodable {
        var id: String
        var mentees: [String]
        var maxPerMentor: Int
        init(id: String, mentees: [String], maxPerMentor: Int) {
            (self.id, self.mentees, self.maxPerMentor) = (id, mentees, maxPerMentor)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "mentees", "maxPerMentor"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            mentees = try container.decode([String].self, forKey: .mentees)
            maxPerMentor = try container.decodeWholeNumberIfPresent(forKey: .maxPerMentor) ?? { throw DecodingError.keyNotFound(CodingKeys.maxPerMentor, .init(codingPath: container.codingPath, debugDescription: "")) }()
        }
        enum CodingKeys: String, CodingKey { case id, mentees, maxPerMentor }
    }

    var version: Int?
    var sense: Problem.Sense?
    var mentors: [MentorEntry] = []
    var mentees: [MenteeEntry] = []
    var scores: ScoreMatrix?
    var edges: [Problem.Edge]?
    var locked: [Problem.Pair]?
    var forbidden: [Problem.Pair]?
    var groups: [GroupEntry]?
    var preferences: Problem.Preferences?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, sense, mentors, mentees, scores, edges, locked, forbidden, groups, preferences
    }

    /// `{"mentees": {id: [ids]}, "mentors": {id: [ids]}}`, both optional, nothing else.
    struct PreferencesEntry: Decodable {
        var value: Problem.Preferences
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["mentees", "mentors"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = Problem.Preferences(
                mentees: try container.decodeIfPresent([String: [String]].self, forKey: .mentees) ?? [:],
                mentors: try container.decodeIfPresent([String: [String]].self, forKey: .mentors) ?? [:])
        }
        enum CodingKeys: String, CodingKey { case mentees, mentors }
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeWholeNumberIfPresent(forKey: .version)
        sense = try container.decodeIfPresent(Problem.Sense.self, forKey: .sense)
        mentors = try container.decode([MentorEntry].self, forKey: .mentors)
        mentees = try container.decode([MenteeEntry].self, forKey: .mentees)
        scores = try container.decodeIfPresent([[Double?]].self, forKey: .scores).map(ScoreMatrix.init)
        edges = try container.decodeIfPresent([Strict<Problem.Edge>].self, forKey: .edges)?.map(\.value)
        locked = try container.decodeIfPresent([Strict<Problem.Pair>].self, forKey: .locked)?.map(\.value)
        forbidden = try container.decodeIfPresent([Strict<Problem.Pair>].self, forKey: .forbidden)?.map(\.value)
        groups = try container.decodeIfPresent([GroupEntry].self, forKey: .groups)
        preferences = try container.decodeIfPresent(PreferencesEntry.self, forKey: .preferences)?.value
    }

    init() {}

    /// An edge or pair object read with its own keys only, like every other object of the format.
    struct Strict<Value: ClosedKeys>: Decodable {
        var value: Value
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: Value.keys)
            value = try Value(from: decoder)
        }
    }

    /// The document in `data`: by the fast reader when it can, else by `JSONDecoder`, whose
    /// errors become ``MatchingError/malformedFile(_:)`` naming the field or line.
    static func decode(_ data: Data) throws -> ProblemDocument {
        if let document = ProblemJSONReader.document(data) { return document }
        do {
            return try JSONDecoder().decode(ProblemDocument.self, from: data)
        } catch let error as DecodingError {
            throw MatchingError.malformedFile(describeDecodingError(error, in: data))
        }
    }

    func problem() throws -> Problem {
        if let version, version != 1 {
            throw MatchingError.malformedFile("field `version`: unsupported version \(version); this reader knows version 1")
        }
        let scoreInput: Problem.Scores
        switch (scores, edges) {
        case (let scores?, nil): scoreInput = .matrix(scores)
        case (nil, let edges?): scoreInput = .edges(edges)
        case (nil, nil): throw MatchingError.malformedFile("missing field: give either `scores` or `edges`")
        case (_?, _?): throw MatchingError.malformedFile("fields `scores` and `edges` are exclusive: give only one")
        }
        return try Problem(
            sense: sense ?? .maximize,
            mentees: mentees.map { Problem.Mentee(id: $0.id, demand: $0.demand ?? 1) },
            mentors: mentors.map { Problem.Mentor(id: $0.id, capacity: $0.capacity ?? 1, minimum: $0.minimum ?? 0) },
            scores: scoreInput, locked: locked ?? [], forbidden: forbidden ?? [],
            groups: (groups ?? []).map { Problem.Group(id: $0.id, mentees: $0.mentees, maxPerMentor: $0.maxPerMentor) },
            preferences: preferences ?? Problem.Preferences())
    }

}

/// A decodable object whose keys are all known, so that an unknown one can be refused.
protocol ClosedKeys: Decodable {
    static var keys: Set<String> { get }
}

extension Problem.Edge: ClosedKeys {
    static var keys: Set<String> { ["mentee", "mentor", "score"] }
}

extension Problem.Pair: ClosedKeys {
    static var keys: Set<String> { ["mentee", "mentor"] }
}

/// `value` as an `Int` if it is a whole number of magnitude at most 2^53 (exact as Double): the
/// counts and limits of problem JSON.
func wholeNumber(_ value: Double) -> Int? {
    value == value.rounded() && abs(value) <= 9_007_199_254_740_992 ? Int(value) : nil
}

extension KeyedDecodingContainer {
    /// A whole number, read as any JSON number so that 2.5 or 1e20 gets an error naming the field
    /// instead of a bare "not valid JSON"; magnitudes up to 2^53 (exact as Double).
    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard let whole = wholeNumber(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(value) is not a whole number of at most 2^53")
        }
        return whole
    }
}

/// A one-line description of a JSON decoding error: the field path, or for a syntax error the line.
package func describeDecodingError(_ error: DecodingError, in data: Data) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "missing field `\(path(context.codingPath + [key]))`"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "field `\(path(context.codingPath))`: \(context.debugDescription)"
    case .dataCorrupted(let context) where !context.codingPath.isEmpty:
        return "field `\(path(context.codingPath))`: \(context.debugDescription)"
    case .dataCorrupted(let context):
        let location = syntaxErrorLocation(in: data)
        return "not valid JSON" + (location.isEmpty ? ": \(context.debugDescription)" : location)
    @unknown default:
        return "not valid JSON" + syntaxErrorLocation(in: data)
    }
}

/// ", line L" for a JSON syntax error, taken from JSONSerialization's character offset.
private func syntaxErrorLocation(in data: Data) -> String {
    do {
        _ = try JSONSerialization.jsonObject(with: data)
    } catch {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let range = text.range(of: #"character \d+"#, options: .regularExpression),
            let offset = Int(text[range].dropFirst("character ".count))
        {
            let line = data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return ", line \(line): \(text)"
        }
        return ": \(text)"
    }
    return ""
}

/// Throws if the keyed container at `decoder` has a key outside `allowed`: the readers of every
/// JSON format in this package reject unknown fields, so that a misspelt field is never ignored.
package func rejectUnknownKeys(in decoder: any Decoder, allowed: Set<String>) throws {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    let container = try decoder.container(keyedBy: AnyKey.self)
    if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)], debugDescription: "unknown field"))
    }
}

/// Reads OR-Library assignment files: whitespace-separated numbers, with line numbers for errors.
struct ORLibraryReader {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    init(_ data: Data) { bytes = [UInt8](data) }

    /// The next number and its line, or `nil` at the end of the file.
    private mutating func next() throws -> (value: Double, line: Int)? {
        while position < bytes.count, Self.isSpace(bytes[position]) {
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let start = position
        // Fast path for whole numbers of up to 15 digits, which are exact as Double.
        var negative = false
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        var whole: Int64 = 0, digits = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]), digits < 15 {
            whole = whole * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        if digits > 0, position == bytes.count || Self.isSpace(bytes[position]) {
            return (Double(negative ? -whole : whole), line)
        }
        while position < bytes.count, !Self.isSpace(bytes[position]) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(token), value.isFinite else {
            throw MatchingError.malformedFile("line \(line): '\(token.prefix(40))' is not a number")
        }
        return (value, line)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Reads the size header *n* and checks that the file is large enough to hold the
    /// `numbersNeeded(n)` numbers that must follow it.
    private mutating func size(numbersNeeded: (Int) -> Int) throws -> Int {
        guard let (value, line) = try next() else { throw MatchingError.malformedFile("empty file: expected the size n") }
        guard let n = Int(exactly: value), n >= 0 else {
            throw MatchingError.malformedFile("line \(line): size \(value) is not a non-negative whole number")
        }
        // Each number takes at least two bytes (a digit and a separator): refuse before allocating
        // (and before n x n can overflow).
        guard n <= bytes.count else {
            throw MatchingError.malformedFile("line \(line): size n = \(n) is larger than the whole file (\(bytes.count) bytes)")
        }
        guard numbersNeeded(n) <= bytes.count / 2 + 1 else {
            throw MatchingError.malformedFile(
                "line \(line): size n = \(n) needs at least \(numbersNeeded(n)) more numbers, but the file has only \(bytes.count) bytes")
        }
        return n
    }

    private static func ids(_ n: Int) -> [String] { (0..<n).map { String($0 + 1) } }

    mutating func denseProblem() throws -> Problem {
        let n = try size { $0 * $0 }
        var costs = [Double]()
        costs.reserveCapacity(n * n)
        while costs.count < n * n {
            guard let (value, _) = try next() else {
                throw MatchingError.malformedFile("line \(line): expected \(n * n) costs for n = \(n), found \(costs.count)")
            }
            costs.append(value)
        }
        if let (_, extraLine) = try next() {
            throw MatchingError.malformedFile("line \(extraLine): more than the \(n * n) costs expected for n = \(n)")
        }
        let ids = Self.ids(n)
        return try Problem(
            sense: .minimize, mentees: ids.map { .init(id: $0) }, mentors: ids.map { .init(id: $0) },
            scores: .matrix(ScoreMatrix(rowCount: n, columnCount: n, values: costs)))
    }

    mutating func sparseProblem() throws -> Problem {
        let n = try size { _ in 0 }
        let ids = Self.ids(n)
        var edges: [Problem.Edge] = []
        while let (first, tripleLine) = try next() {
            guard let (second, _) = try next(), let (cost, _) = try next() else {
                throw MatchingError.malformedFile("line \(tripleLine): incomplete triple 'i j cost' at the end of the file")
            }
            guard n > 0, let i = Int(exactly: first), let j = Int(exactly: second), (1...n).contains(i), (1...n).contains(j) else {
                throw MatchingError.malformedFile("line \(tripleLine): pair \(first) \(second) is outside 1...\(n)")
            }
            edges.append(.init(mentee: ids[i - 1], mentor: ids[j - 1], score: cost))
        }
        return try Problem(
            sense: .minimize, mentees: ids.map { .init(id: $0) }, mentors: ids.map { .init(id: $0) }, scores: .edges(edges))
    }
}
