import Foundation

/// A one-pass reader for well-formed problem JSON (version 1): numbers are parsed in place and
/// the score matrix is stored flat, with no intermediate tree. Foundation's decoders spent about
/// 0.8 µs per number here (12.6 s for a 4000 x 4000 matrix, ten times the solve).
///
/// It reads the documents people write and returns `nil` for anything else: a syntax or type
/// error, an unknown or repeated key, an escape sequence in a string, a matrix whose rows do not
/// match the mentee and mentor lists. ``ProblemDocument/decode(_:)`` then reads the file with
/// `JSONDecoder`, which accepts or words the error exactly as before, so this reader changes
/// speed only, never an answer or a message.
struct ProblemJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// Thrown for anything this reader leaves to `JSONDecoder`.
    private struct Unsupported: Error {}

    static func document(_ data: Data) -> ProblemDocument? {
        data.withUnsafeBytes { raw in
            var reader = ProblemJSONReader(bytes: raw.bindMemory(to: UInt8.self))
            return try? reader.readDocument()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func readDocument() throws -> ProblemDocument {
        var document = ProblemDocument()
        var mentors: [ProblemDocument.MentorEntry]?, mentees: [ProblemDocument.MenteeEntry]?
        var rows: (count: Int, columns: Int, values: [Double], allowed: [Bool])?
        let keys: [StaticString] = ["version", "sense", "mentors", "mentees", "scores", "edges", "locked", "forbidden", "groups"]
        try readObject(keys: keys) { reader, key in
            switch key {
            case 0: document.version = try reader.readOptional { try $0.readWholeNumber() }
            case 1:
                document.sense = try reader.readOptional { reader in
                    guard let sense = Problem.Sense(rawValue: try reader.readString()) else { throw Unsupported() }
                    return sense
                }
            case 2: mentors = try reader.readArray { try $0.readMentor() }
            case 3: mentees = try reader.readArray { try $0.readMentee() }
            case 4: rows = try reader.readOptional { try $0.readMatrix() }
            case 5: document.edges = try reader.readOptional { try $0.readArray { try $0.readEdge() } }
            case 6: document.locked = try reader.readOptional { try $0.readArray { try $0.readPair() } }
            case 7: document.forbidden = try reader.readOptional { try $0.readArray { try $0.readPair() } }
            default: document.groups = try reader.readOptional { try $0.readArray { try $0.readGroup() } }
            }
        }
        skipSpace()
        guard position == bytes.count, let mentors, let mentees else { throw Unsupported() }
        document.mentors = mentors
        document.mentees = mentees
        if let rows {
            // Only the shape the problem expects; anything else gets the decoder's own message.
            guard rows.count == mentees.count, rows.count == 0 || rows.columns == mentors.count else { throw Unsupported() }
            document.scores = ScoreMatrix(
                rowCount: rows.count, columnCount: mentors.count, values: rows.values,
                allowed: rows.allowed.contains(false) ? rows.allowed : nil)
        }
        return document
    }

    // MARK: The document's parts

    private mutating func readMentor() throws -> ProblemDocument.MentorEntry {
        var id: String?, capacity: Int?, minimum: Int?
        try readObject(keys: ["id", "capacity", "minimum"]) { reader, key in
            switch key {
            case 0: id = try reader.readString()
            case 1: capacity = try reader.readOptional { try $0.readWholeNumber() }
            default: minimum = try reader.readOptional { try $0.readWholeNumber() }
            }
        }
        guard let id else { throw Unsupported() }
        return .init(id: id, capacity: capacity, minimum: minimum)
    }

    private mutating func readMentee() throws -> ProblemDocument.MenteeEntry {
        var id: String?, demand: Int?
        try readObject(keys: ["id", "demand"]) { reader, key in
            if key == 0 {
                id = try reader.readString()
            } else {
                demand = try reader.readOptional { try $0.readWholeNumber() }
            }
        }
        guard let id else { throw Unsupported() }
        return .init(id: id, demand: demand)
    }

    private mutating func readGroup() throws -> ProblemDocument.GroupEntry {
        var id: String?, members: [String]?, limit: Int?
        try readObject(keys: ["id", "mentees", "maxPerMentor"]) { reader, key in
            switch key {
            case 0: id = try reader.readString()
            case 1: members = try reader.readArray { try $0.readString() }
            default: limit = try reader.readOptional { try $0.readWholeNumber() }
            }
        }
        guard let id, let members, let limit else { throw Unsupported() }
        return .init(id: id, mentees: members, maxPerMentor: limit)
    }

    private mutating func readPair() throws -> Problem.Pair {
        var mentee: String?, mentor: String?
        try readObject(keys: ["mentee", "mentor"]) { reader, key in
            if key == 0 {
                mentee = try reader.readString()
            } else {
                mentor = try reader.readString()
            }
        }
        guard let mentee, let mentor else { throw Unsupported() }
        return .init(mentee: mentee, mentor: mentor)
    }

    private mutating func readEdge() throws -> Problem.Edge {
        var mentee: String?, mentor: String?, score: Double?
        try readObject(keys: ["mentee", "mentor", "score"]) { reader, key in
            switch key {
            case 0: mentee = try reader.readString()
            case 1: mentor = try reader.readString()
            default: score = try reader.readNumber()
            }
        }
        guard let mentee, let mentor, let score else { throw Unsupported() }
        return .init(mentee: mentee, mentor: mentor, score: score)
    }

    /// Rows of numbers or nulls, all of one length, stored flat.
    private mutating func readMatrix() throws -> (count: Int, columns: Int, values: [Double], allowed: [Bool]) {
        var values: [Double] = [], allowed: [Bool] = []
        var rowCount = 0, columns = -1
        try readArray { reader in
            let before = values.count
            try reader.readArray { reader in
                if reader.peek() == UInt8(ascii: "n") {
                    try reader.readLiteral("null")
                    values.append(0)
                    allowed.append(false)
                } else {
                    values.append(try reader.readNumber())
                    allowed.append(true)
                }
            }
            let length = values.count - before
            if columns < 0 { columns = length }
            guard length == columns else { throw Unsupported() }
            rowCount += 1
        }
        return (rowCount, max(columns, 0), values, allowed)
    }

    // MARK: JSON

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard peek() == byte else { throw Unsupported() }
        position += 1
    }

    private mutating func readLiteral(_ literal: StaticString) throws {
        let length = literal.utf8CodeUnitCount
        guard position + length <= bytes.count else { throw Unsupported() }
        for offset in 0..<length where bytes[position + offset] != literal.utf8Start[offset] { throw Unsupported() }
        position += length
    }

    /// `null` as `nil`, as `JSONDecoder.decodeIfPresent` reads it, or the value.
    private mutating func readOptional<T>(_ read: (inout ProblemJSONReader) throws -> T) throws -> T? {
        skipSpace()
        if peek() == UInt8(ascii: "n") {
            try readLiteral("null")
            return nil
        }
        return try read(&self)
    }

    /// Calls `body` with the position in `keys` of each key, the reader at its value. An unknown
    /// or repeated key is unsupported. Keys are compared as bytes, without making strings.
    private mutating func readObject(keys: [StaticString], _ body: (inout ProblemJSONReader, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        var seen: UInt32 = 0
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            try expect(UInt8(ascii: "\""))
            guard let index = keys.firstIndex(where: { matches($0) }), seen & (1 << index) == 0 else { throw Unsupported() }
            seen |= 1 << index
            position += keys[index].utf8CodeUnitCount + 1
            try expect(UInt8(ascii: ":"))
            try body(&self, index)
            skipSpace()
            guard let next = peek() else { throw Unsupported() }
            position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Unsupported() }
        }
    }

    /// Whether the bytes at the reader are `key` and a closing quote.
    private func matches(_ key: StaticString) -> Bool {
        let length = key.utf8CodeUnitCount
        guard position + length < bytes.count, bytes[position + length] == UInt8(ascii: "\"") else { return false }
        for offset in 0..<length where bytes[position + offset] != key.utf8Start[offset] { return false }
        return true
    }

    private mutating func readArray<T>(_ element: (inout ProblemJSONReader) throws -> T) throws -> [T] {
        var elements: [T] = []
        try readArray { elements.append(try element(&$0)) }
        return elements
    }

    private mutating func readArray(_ element: (inout ProblemJSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard let next = peek() else { throw Unsupported() }
            position += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Unsupported() }
        }
    }

    /// A string without escapes (those are left to the decoder), as valid UTF-8.
    private mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        var isASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if isASCII { return String(decoding: text, as: UTF8.self) }
                guard let string = String(validating: text, as: UTF8.self) else { throw Unsupported() }
                return string
            }
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { throw Unsupported() }
            isASCII = isASCII && byte < 0x80
            position += 1
        }
        throw Unsupported()
    }

    /// A JSON number (RFC 8259 grammar), finite as a `Double`. Up to 15 digits without fraction
    /// or exponent are exact integers read directly; anything else goes through `strtod`, which
    /// rounds correctly.
    private mutating func readNumber() throws -> Double {
        skipSpace()
        let start = position
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let digitsStart = position
        var integer: Int64 = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            integer = integer &* 10 &+ Int64(byte - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - digitsStart
        guard digits > 0, !(digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { throw Unsupported() }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try skipDigits()
        }
        if isInteger, digits <= 15 { return negative ? -Double(integer) : Double(integer) }
        guard position - start < 64 else { throw Unsupported() }
        var text = [CChar](repeating: 0, count: position - start + 1)
        for offset in 0..<(position - start) { text[offset] = CChar(bitPattern: bytes[start + offset]) }
        let value = strtod(text, nil)
        guard value.isFinite else { throw Unsupported() }
        return value
    }

    private mutating func skipDigits() throws {
        let start = position
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        guard position > start else { throw Unsupported() }
    }

    /// A whole number of magnitude at most 2^53, as `decodeWholeNumberIfPresent` accepts.
    private mutating func readWholeNumber() throws -> Int {
        guard let whole = wholeNumber(try readNumber()) else { throw Unsupported() }
        return whole
    }
}
