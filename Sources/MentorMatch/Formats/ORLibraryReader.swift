import Foundation

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
