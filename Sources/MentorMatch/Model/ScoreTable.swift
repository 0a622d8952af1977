/// The allowed pairs of a validated problem, with forbidden pairs already removed.
///
/// Invariants: dense storage holds `mentees × mentors` scores row-major with `.nan` for a pair that
/// is not allowed (input NaN is rejected, so `.nan` is free to mean "absent"); sparse storage is
/// compressed rows (CSR) with mentors strictly increasing within a row, 12 bytes per pair (an
/// `Int32` mentor and a `Double` score). A score matrix is stored dense when at least a quarter
/// of its pairs are allowed (``Plan/storesMatrix(arcCount:leftCount:rightCount:)``), as compressed
/// rows otherwise; pairs always as compressed rows. Every stored score is finite with magnitude at
/// most ``Problem/maximumScoreMagnitude``.
struct ScoreTable: Sendable {
    enum Storage: Sendable {
        case dense(columnCount: Int, scores: [Double])
        case sparse(rowStart: [Int], mentors: [Int32], scores: [Double])
    }

    private(set) var storage: Storage

    /// A score matrix, checked, in the storage ``Plan/storesMatrix(arcCount:leftCount:rightCount:)``
    /// chooses for its allowed pairs: the matrix (the input's own array when every pair is
    /// allowed: no copy), or compressed rows.
    ///
    /// - Complexity: two passes over the matrix.
    init(matrix: ScoreMatrix, mentees: [Problem.Mentee], mentors: [Problem.Mentor]) throws {
        let columnCount = mentors.count
        switch matrix.layout {
        case .rows(let rows):
            guard rows.count == mentees.count else {
                throw MatchingError.shapeMismatch("\(rows.count) rows for \(mentees.count) mentees")
            }
            var scores: [Double] = [], allowedCount = 0
            scores.reserveCapacity(mentees.count * columnCount)
            for (row, mentee) in zip(rows, mentees) {
                guard row.count == columnCount else {
                    throw MatchingError.shapeMismatch("row of mentee '\(mentee.id)' has \(row.count) entries for \(columnCount) mentors")
                }
                for (score, mentor) in zip(row, mentors) {
                    guard let score else {
                        scores.append(.nan)
                        continue
                    }
                    try Self.check(score, mentee: mentee, mentor: mentor)
                    scores.append(score)
                    allowedCount += 1
                }
            }
            self.init(scores: scores, allowed: nil, allowedCount: allowedCount, rowCount: rows.count, columnCount: columnCount)
        case .flat(let rowCount, let columnCount, let values, let allowed):
            guard rowCount == mentees.count, columnCount == mentors.count,
                rowCount.multipliedReportingOverflow(by: columnCount) == (values.count, false),
                allowed == nil || allowed?.count == values.count
            else {
                throw MatchingError.shapeMismatch(
                    "\(rowCount) x \(columnCount) matrix with \(values.count) values\(allowed.map { " and \($0.count) allowed flags" } ?? "") for "
                        + "\(mentees.count) mentees and \(mentors.count) mentors")
            }
            // Through raw buffers.
            var allowedCount = values.count, firstInvalid: Int?
            values.withUnsafeBufferPointer { values in
                guard let allowed else {
                    firstInvalid = values.firstIndex { !Self.isValid($0) }
                    return
                }
                allowedCount = 0
                allowed.withUnsafeBufferPointer { allowed in
                    for index in values.indices where allowed[index] {
                        allowedCount += 1
                        if !Self.isValid(values[index]), firstInvalid == nil { firstInvalid = index }
                    }
                }
            }
            if let bad = firstInvalid {
                throw MatchingError.invalidScore(mentee: mentees[bad / columnCount].id, mentor: mentors[bad % columnCount].id, score: values[bad])
            }
            self.init(scores: values, allowed: allowed, allowedCount: allowedCount, rowCount: rowCount, columnCount: columnCount)
        }
    }

    /// Checked row-major `scores`, a pair not allowed where `allowed` says so or, without
    /// `allowed`, where the score is NaN: a matrix when ``Plan`` stores `allowedCount` such pairs
    /// as one (or when there are too many mentors for the `Int32` of compressed rows), else
    /// compressed rows.
    private init(scores: [Double], allowed: [Bool]?, allowedCount: Int, rowCount: Int, columnCount: Int) {
        if Plan.storesMatrix(arcCount: allowedCount, leftCount: rowCount, rightCount: columnCount) || columnCount > Int(Int32.max) {
            storage = .dense(columnCount: columnCount, scores: Self.matrix(scores, allowed: allowed, allowedCount: allowedCount))
        } else {
            storage = Self.compressedRows(scores, allowed: allowed, allowedCount: allowedCount, rowCount: rowCount, columnCount: columnCount)
        }
    }

    /// `scores` with NaN where a pair is not allowed: `scores` itself, no copy, when every pair
    /// is allowed or `allowed` is not given.
    private static func matrix(_ scores: [Double], allowed: [Bool]?, allowedCount: Int) -> [Double] {
        guard let allowed, allowedCount < scores.count else { return scores }
        return [Double](unsafeUninitializedCapacity: scores.count) { withNaN, count in
            scores.withUnsafeBufferPointer { scores in
                allowed.withUnsafeBufferPointer { allowed in
                    for index in scores.indices { withNaN[index] = allowed[index] ? scores[index] : .nan }
                }
            }
            count = scores.count
        }
    }

    /// The allowed pairs of the row-major `scores` (see `init(scores:allowed:...)`), row by row,
    /// mentors increasing, into arrays of their final size.
    private static func compressedRows(_ scores: [Double], allowed: [Bool]?, allowedCount: Int, rowCount: Int, columnCount: Int) -> Storage {
        var rowStart = [Int](repeating: 0, count: rowCount + 1)
        var mentors = [Int32](repeating: 0, count: allowedCount), rowScores = [Double](repeating: 0, count: allowedCount)
        scores.withUnsafeBufferPointer { scores in
            mentors.withUnsafeMutableBufferPointer { mentors in
                rowScores.withUnsafeMutableBufferPointer { rowScores in
                    var written = 0
                    func take(row: Int, isAllowed: (Int) -> Bool) {
                        let first = row * columnCount
                        for column in 0..<columnCount where isAllowed(first + column) {
                            mentors[written] = Int32(column)
                            rowScores[written] = scores[first + column]
                            written += 1
                        }
                        rowStart[row + 1] = written
                    }
                    if let allowed {
                        allowed.withUnsafeBufferPointer { allowed in
                            for row in 0..<rowCount { take(row: row) { allowed[$0] } }
                        }
                    } else {
                        for row in 0..<rowCount { take(row: row) { !scores[$0].isNaN } }
                    }
                }
            }
        }
        return .sparse(rowStart: rowStart, mentors: mentors, scores: rowScores)
    }

    init(
        edges: [Problem.Edge], mentees: [Problem.Mentee], mentors: [Problem.Mentor],
        menteeIndex: IdIndex, mentorIndex: IdIndex
    ) throws {
        var menteeOf = [Int](), mentorOf = [Int]()
        menteeOf.reserveCapacity(edges.count)
        mentorOf.reserveCapacity(edges.count)
        for edge in edges {
            guard let mentee = menteeIndex[edge.mentee] else { throw MatchingError.unknownMentee(edge.mentee, context: "edge") }
            guard let mentor = mentorIndex[edge.mentor] else { throw MatchingError.unknownMentor(edge.mentor, context: "edge") }
            menteeOf.append(mentee)
            mentorOf.append(mentor)
        }
        try self.init(menteeOf: menteeOf, mentorOf: mentorOf, scores: edges.map(\.score), mentees: mentees, mentors: mentors)
    }

    /// Edges given by indices, as parallel arrays, in any order: sorted into compressed rows.
    init(menteeOf: [Int], mentorOf: [Int], scores edgeScores: [Double], mentees: [Problem.Mentee], mentors: [Problem.Mentor]) throws {
        guard menteeOf.count == mentorOf.count, mentorOf.count == edgeScores.count else {
            throw MatchingError.shapeMismatch("\(menteeOf.count) mentee, \(mentorOf.count) mentor and \(edgeScores.count) score entries")
        }
        try Self.checkMentorCount(mentors)
        var edgesOfMentee = [Int](repeating: 0, count: mentees.count)
        for (mentee, mentor) in zip(menteeOf, mentorOf) {
            guard mentees.indices.contains(mentee) else { throw MatchingError.unknownMentee("#\(mentee)", context: "edge") }
            guard mentors.indices.contains(mentor) else { throw MatchingError.unknownMentor("#\(mentor)", context: "edge") }
            edgesOfMentee[mentee] += 1
        }
        // Counting sort by mentee; rows are sorted by mentor and checked below.
        var rows = RowLayout(counts: edgesOfMentee)
        var sortedMentors = [Int32](repeating: 0, count: edgeScores.count)
        var sortedScores = [Double](repeating: 0, count: edgeScores.count)
        for (edge, mentee) in menteeOf.enumerated() {
            let position = rows.place(inRow: mentee)
            sortedMentors[position] = Int32(mentorOf[edge])
            sortedScores[position] = edgeScores[edge]
        }
        try self.init(rowStart: rows.start, rowMentors: sortedMentors, rowScores: sortedScores, mentees: mentees, mentors: mentors)
    }

    /// Compressed rows, adopted without a copy when the caller holds no other reference to the
    /// arrays: mentee *i*'s pairs are at positions `rowStart[i]..<rowStart[i + 1]`. A row whose
    /// mentors are not increasing is sorted in place (rows usually arrive sorted).
    init(rowStart: [Int], rowMentors: [Int32], rowScores: [Double], mentees: [Problem.Mentee], mentors: [Problem.Mentor]) throws {
        guard rowStart.count == mentees.count + 1, rowStart.first == 0, rowStart.last == rowMentors.count,
            rowMentors.count == rowScores.count, zip(rowStart, rowStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else {
            throw MatchingError.shapeMismatch(
                "compressed rows: \(rowStart.count) row starts (need \(mentees.count + 1), from 0, increasing, ending at the pair count) "
                    + "for \(rowMentors.count) mentors and \(rowScores.count) scores")
        }
        try Self.checkMentorCount(mentors)
        var rowMentors = rowMentors, rowScores = rowScores
        for row in 0..<mentees.count {
            let positions = rowStart[row]..<rowStart[row + 1]
            for position in positions {
                let mentor = Int(rowMentors[position])
                guard mentors.indices.contains(mentor) else { throw MatchingError.unknownMentor("#\(mentor)", context: "edge") }
                try Self.check(rowScores[position], mentee: mentees[row], mentor: mentors[mentor])
            }
            if !zip(positions.dropFirst(), positions).allSatisfy({ rowMentors[$0] > rowMentors[$1] }) {
                let order = positions.sorted { rowMentors[$0] < rowMentors[$1] }
                let mentorsOfRow = order.map { rowMentors[$0] }, scoresOfRow = order.map { rowScores[$0] }
                rowMentors.replaceSubrange(positions, with: mentorsOfRow)
                rowScores.replaceSubrange(positions, with: scoresOfRow)
            }
            for position in positions.dropFirst() where rowMentors[position - 1] == rowMentors[position] {
                throw MatchingError.duplicatePair(mentee: mentees[row].id, mentor: mentors[Int(rowMentors[position])].id, context: "edges")
            }
        }
        storage = .sparse(rowStart: rowStart, mentors: rowMentors, scores: rowScores)
    }

    /// Sparse storage keeps mentors as `Int32`.
    private static func checkMentorCount(_ mentors: [Problem.Mentor]) throws {
        guard mentors.count <= Int(Int32.max) else {
            throw MatchingError.shapeMismatch("\(mentors.count) mentors: edge input takes at most 2^31 - 1")
        }
    }

    /// Whether `score` is finite with magnitude at most ``Problem/maximumScoreMagnitude``: one
    /// comparison, false for NaN and the infinities.
    @inline(__always)
    private static func isValid(_ score: Double) -> Bool {
        abs(score) <= Problem.maximumScoreMagnitude
    }

    private static func check(_ score: Double, mentee: Problem.Mentee, mentor: Problem.Mentor) throws {
        guard isValid(score) else {
            throw MatchingError.invalidScore(mentee: mentee.id, mentor: mentor.id, score: score)
        }
    }

    /// Removes the given pairs; pairs that are not allowed anyway are ignored.
    mutating func remove(_ pairs: [PairKey]) {
        guard !pairs.isEmpty else { return }
        switch storage {
        case .dense(let columnCount, var scores):
            storage = .dense(columnCount: 0, scores: [])  // release the buffer so the edit is in place
            for pair in pairs { scores[pair.mentee * columnCount + pair.mentor] = .nan }
            storage = .dense(columnCount: columnCount, scores: scores)
        case .sparse(let rowStart, let mentors, let scores):
            let removed = Set(pairs)
            var newStart = [0], newMentors = [Int32](), newScores = [Double]()
            for row in 0..<(rowStart.count - 1) {
                for position in rowStart[row]..<rowStart[row + 1]
                where !removed.contains(PairKey(mentee: row, mentor: Int(mentors[position]))) {
                    newMentors.append(mentors[position])
                    newScores.append(scores[position])
                }
                newStart.append(newMentors.count)
            }
            storage = .sparse(rowStart: newStart, mentors: newMentors, scores: newScores)
        }
    }

    func score(mentee: Int, mentor: Int) -> Double? {
        switch storage {
        case .dense(let columnCount, let scores):
            let score = scores[mentee * columnCount + mentor]
            return score.isNaN ? nil : score
        case .sparse(let rowStart, let mentors, let scores):
            let row = mentors[rowStart[mentee]..<rowStart[mentee + 1]]
            var low = row.startIndex, high = row.endIndex
            while low < high {
                let middle = (low + high) / 2
                if Int(row[middle]) < mentor { low = middle + 1 } else { high = middle }
            }
            return low < row.endIndex && Int(row[low]) == mentor ? scores[low] : nil
        }
    }

    /// How many allowed pairs each mentee that `counted` names has (0 for the others), and how
    /// many of those pairs each mentor is in. Dense rows four pairs at a time.
    ///
    /// - Complexity: O(allowed pairs of the counted mentees), O(their rows x mentors) for dense
    ///   storage.
    func allowedPairCounts(ofMentees counted: [Bool], mentorCount: Int) -> (ofMentee: [Int], ofMentor: [Int]) {
        var ofMentee = [Int](repeating: 0, count: counted.count), ofMentor = [Int](repeating: 0, count: mentorCount)
        ofMentor.withUnsafeMutableBufferPointer { ofMentor in
            switch storage {
            case .dense(let columnCount, let scores):
                scores.withUnsafeBufferPointer { scores in
                    for mentee in counted.indices where counted[mentee] {
                        let row = scores.baseAddress! + mentee * columnCount
                        // Lanes count down: an allowed score compares equal to itself, a mask lane -1.
                        var inRow = SIMD4<Int64>()
                        for block in 0..<columnCount / 4 {
                            let mentor = block &* 4, four: SIMD4<Double> = loadFour(row + mentor)
                            let allowed = unsafeBitCast(four .== four, to: SIMD4<Int64>.self)
                            inRow &+= allowed
                            storeFour(loadFour(ofMentor.baseAddress! + mentor, as: SIMD4<Int64>.self) &- allowed, ofMentor.baseAddress! + mentor)
                        }
                        var count = -Int(inRow.wrappedSum())
                        for mentor in columnCount - columnCount % 4..<columnCount where !row[mentor].isNaN {
                            count += 1
                            ofMentor[mentor] += 1
                        }
                        ofMentee[mentee] = count
                    }
                }
            case .sparse(let rowStart, let mentors, _):
                for mentee in counted.indices where counted[mentee] {
                    ofMentee[mentee] = rowStart[mentee + 1] - rowStart[mentee]
                    for position in rowStart[mentee]..<rowStart[mentee + 1] { ofMentor[Int(mentors[position])] += 1 }
                }
            }
        }
        return (ofMentee, ofMentor)
    }

    func forEachPair(ofMentee mentee: Int, _ body: (_ mentor: Int, _ score: Double) throws -> Void) rethrows {
        switch storage {
        case .dense(let columnCount, let scores):
            let base = mentee * columnCount
            for mentor in 0..<columnCount where !scores[base + mentor].isNaN {
                try body(mentor, scores[base + mentor])
            }
        case .sparse(let rowStart, let mentors, let scores):
            for position in rowStart[mentee]..<rowStart[mentee + 1] {
                try body(Int(mentors[position]), scores[position])
            }
        }
    }
}

/// A pair of indices usable as a set element, ordered by mentee, then mentor.
struct PairKey: Hashable, Comparable {
    var mentee: Int
    var mentor: Int

    static func < (a: PairKey, b: PairKey) -> Bool { (a.mentee, a.mentor) < (b.mentee, b.mentor) }
}

extension PairKey {
    init(_ pair: (mentee: Int, mentor: Int)) {
        self.init(mentee: pair.mentee, mentor: pair.mentor)
    }
}
