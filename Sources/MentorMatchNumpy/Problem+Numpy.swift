import Foundation
import MentorMatch
import ZIPFoundation

extension Problem {
    /// The arrays a problem archive may hold (see ``init(npz:sense:)``).
    static let numpyArrayNames: Set<String> = ["format", "shape", "indptr", "indices", "data", "row", "col", "scores", "capacity", "demand", "minimum"]

    /// Reads a problem from a numpy archive, as Python users write one:
    ///
    /// - `scipy.sparse.save_npz(path, matrix)` of a CSR, CSC or COO matrix (arrays `format`,
    ///   `shape`, `data`, and `indptr`/`indices` or `row`/`col`): only the stored entries are
    ///   allowed pairs;
    /// - `np.savez(path, indptr=..., indices=..., data=..., shape=...)` (compressed rows) or
    ///   `np.savez(path, row=..., col=..., data=..., shape=...)` (coordinates);
    /// - `np.savez(path, scores=matrix)`: a dense 2-D array, NaN where a pair is not allowed.
    ///
    /// Rows are mentees `0..<n` and columns mentors `0..<m`, named by their index ("0", "1", ...).
    /// Optional arrays: `capacity` and `minimum` (one per mentor; default 1 and 0) and `demand`
    /// (one per mentee; default 1). `shape` may be left out of an `np.savez` archive that has
    /// `capacity` (the columns) and `indptr` (the rows). Indices may be any integer type, scores
    /// any integer or floating type; archives may be compressed or not. Each array is decoded
    /// straight into the problem's compressed rows (12 bytes per pair), with no object per pair.
    ///
    /// - Throws: `MatchingError.malformedFile` naming the array at fault (a
    ///   missing, unknown or mistyped array, a wrong length, an index out of range, a NaN or
    ///   infinite score in a sparse matrix, a decreasing `indptr`, an array larger than memory),
    ///   or a validation error of the problem.
    /// - Complexity: O(*n* + *m* + *e* log *d*) for *e* stored entries and *d* the longest row
    ///   (rows arrive sorted from scipy; a row that does not is sorted).
    public init(npz url: URL, sense: Sense = .maximize) throws {
        do {
            self = try ProblemArrays(archive: try NumpyArchive(url: url)).problem(sense: sense)
        } catch let error as NumpyError {
            throw MatchingError.malformedFile(error.text)
        }
    }
}

/// The arrays of a problem archive turned into a problem.
private struct ProblemArrays {
    let archive: NumpyArchive
    /// The per-person arrays present (`capacity`, `minimum`, `demand`), decoded once: their
    /// lengths give the shape when `shape` is absent.
    private let perPersonValues: [String: [Int]]

    init(archive: NumpyArchive) throws(NumpyError) {
        self.archive = archive
        var values: [String: [Int]] = [:]
        for name in ["capacity", "minimum", "demand"] where archive.contains(name) { values[name] = try archive.values(of: name, as: Int.self).values }
        perPersonValues = values
    }

    func problem(sense: Problem.Sense) throws -> Problem {
        if let unknown = archive.names.first(where: { !Problem.numpyArrayNames.contains($0) }) {
            throw NumpyError(
                "has an array '\(unknown)', which a problem archive does not hold (it holds "
                    + Problem.numpyArrayNames.sorted().joined(separator: ", ") + ")")
        }
        let format = archive.contains("format") ? try archive.text(of: "format") : nil
        let scores: Problem.Scores
        let rows: Int, columns: Int
        if archive.contains("scores") {
            guard format == nil, !archive.contains("data") else { throw NumpyError("has both a dense 'scores' array and a sparse matrix: keep one") }
            (scores, rows, columns) = try dense()
        } else if let format, !["csr", "csc", "coo"].contains(format) {
            throw NumpyError("holds a sparse matrix of format '\(format)': save it as CSR, CSC or COO (matrix.tocsr())")
        } else if format == "csc" {
            (scores, rows, columns) = try compressed(byRows: false)
        } else if format == "coo" || (format == nil && archive.contains("row")) {
            (scores, rows, columns) = try coordinates()
        } else if archive.contains("indptr") {
            (scores, rows, columns) = try compressed(byRows: true)
        } else {
            throw NumpyError("holds no scores: give a dense 'scores' array, or a sparse matrix as 'indptr', 'indices' and 'data' (or 'row', 'col' and 'data')")
        }
        let capacity = try perPerson("capacity", count: columns, side: "mentor", default: 1)
        let minimum = try perPerson("minimum", count: columns, side: "mentor", default: 0)
        let demand = try perPerson("demand", count: rows, side: "mentee", default: 1)
        do {
            return try Problem(
                sense: sense, mentees: (0..<rows).map { .init(id: String($0), demand: demand[$0]) },
                mentors: (0..<columns).map { .init(id: String($0), capacity: capacity[$0], minimum: minimum[$0]) }, scores: scores)
        } catch MatchingError.duplicatePair(let mentee, let mentor, _) {
            throw NumpyError(
                "holds the pair (row \(mentee), column \(mentor)) twice; scipy adds duplicates up: call matrix.sum_duplicates() before saving")
        }
    }

    /// The shape: `shape` when present (two whole numbers), else rows and columns from the arrays.
    private func shape(rows: Int?, columns: Int?) throws(NumpyError) -> (rows: Int, columns: Int) {
        if archive.contains("shape") {
            let shape = try archive.values(of: "shape", as: Int.self, limit: 2).values
            guard shape.count == 2, shape.allSatisfy({ $0 >= 0 }) else { throw NumpyError("array 'shape' is not two sizes (rows, columns): \(shape)") }
            if let rows, rows != shape[0] { throw NumpyError("array 'shape' says \(shape[0]) rows where 'indptr' gives \(rows)") }
            if let columns, columns != shape[1] { throw NumpyError("array 'shape' says \(shape[1]) columns where 'capacity' gives \(columns)") }
            return try checked((shape[0], shape[1]))
        }
        guard let rows, let columns else { throw NumpyError("has no array 'shape' (rows, columns)") }
        return try checked((rows, columns))
    }

    /// A shape whose people fit: indices below 2^31 (mentors are `Int32` in compressed rows).
    private func checked(_ shape: (rows: Int, columns: Int)) throws(NumpyError) -> (rows: Int, columns: Int) {
        guard shape.rows <= Int(Int32.max), shape.columns <= Int(Int32.max) else {
            throw NumpyError("has the shape (\(shape.rows), \(shape.columns)): at most 2^31 - 1 mentees and mentors")
        }
        return shape
    }

    /// The length of optional array `name` when present.
    private func length(of name: String) -> Int? {
        perPersonValues[name]?.count
    }

    /// Compressed rows (`byRows`, CSR) or columns (CSC): `indptr`, `indices`, `data`.
    private func compressed(byRows: Bool) throws(NumpyError) -> (Problem.Scores, Int, Int) {
        let pointers = try archive.values(of: "indptr", as: Int.self).values
        guard !pointers.isEmpty else { throw NumpyError("array 'indptr' is empty: it holds one start per row plus the end") }
        let shape = try shape(rows: byRows ? pointers.count - 1 : nil, columns: length(of: "capacity"))
        let lines = byRows ? shape.rows : shape.columns, across = byRows ? shape.columns : shape.rows
        guard pointers.count == lines + 1 else {
            throw NumpyError("array 'indptr' holds \(pointers.count) values where \(lines) \(byRows ? "rows" : "columns") need \(lines + 1)")
        }
        let indices = try archive.values(of: "indices", as: Int.self).values
        guard pointers[0] == 0, pointers.last == indices.count else {
            throw NumpyError("array 'indptr' runs from \(pointers[0]) to \(pointers.last!) where 'indices' holds \(indices.count) values: it must run from 0 to \(indices.count)")
        }
        if let drop = pointers.indices.dropFirst().first(where: { pointers[$0] < pointers[$0 - 1] }) {
            throw NumpyError("array 'indptr' decreases at position \(drop) (\(pointers[drop - 1]) then \(pointers[drop]))")
        }
        try checkRange(indices, name: "indices", below: across, what: byRows ? "column" : "row")
        let data = try scores(count: indices.count)
        if byRows {
            let mentors = indices.map { Int32($0) }
            return (.compressedRows(rowStart: pointers, mentors: mentors, scores: data), shape.rows, shape.columns)
        }
        var mentorOf = [Int](repeating: 0, count: indices.count)
        for column in 0..<lines {
            for position in pointers[column]..<pointers[column + 1] { mentorOf[position] = column }
        }
        return (.indexedEdges(mentees: indices, mentors: mentorOf, scores: data), shape.rows, shape.columns)
    }

    /// Coordinates: `row`, `col`, `data`.
    private func coordinates() throws(NumpyError) -> (Problem.Scores, Int, Int) {
        let rows = try archive.values(of: "row", as: Int.self).values
        let columns = try archive.values(of: "col", as: Int.self).values
        guard rows.count == columns.count else { throw NumpyError("arrays 'row' and 'col' hold \(rows.count) and \(columns.count) values: they must be as long") }
        let shape = try shape(rows: length(of: "demand"), columns: length(of: "capacity"))
        try checkRange(rows, name: "row", below: shape.rows, what: "row")
        try checkRange(columns, name: "col", below: shape.columns, what: "column")
        return (.indexedEdges(mentees: rows, mentors: columns, scores: try scores(count: rows.count)), shape.rows, shape.columns)
    }

    /// A dense 2-D `scores` array, NaN for a pair that is not allowed.
    private func dense() throws(NumpyError) -> (Problem.Scores, Int, Int) {
        let (values, shape, isFortranOrder) = try archive.values(of: "scores", as: Double.self)
        guard shape.count == 2 else { throw NumpyError("array 'scores' has shape \(shape): it must be 2-D (mentees, mentors)") }
        let (rows, columns) = (shape[0], shape[1])
        var rowMajor = values
        if isFortranOrder {
            for row in 0..<rows {
                for column in 0..<columns { rowMajor[row * columns + column] = values[column * rows + row] }
            }
        }
        if let bad = rowMajor.firstIndex(where: { $0.isInfinite }) {
            throw NumpyError("array 'scores' holds \(rowMajor[bad]) at (row \(bad / columns), column \(bad % columns)): use NaN for a pair that is not allowed")
        }
        let allowed = rowMajor.map { !$0.isNaN }
        for index in rowMajor.indices where !allowed[index] { rowMajor[index] = 0 }
        return (.matrix(ScoreMatrix(rowCount: rows, columnCount: columns, values: rowMajor, allowed: allowed)), rows, columns)
    }

    /// `data`: `count` finite scores.
    private func scores(count: Int) throws(NumpyError) -> [Double] {
        let data = try archive.values(of: "data", as: Double.self, limit: count).values
        guard data.count == count else { throw NumpyError("array 'data' holds \(data.count) scores for \(count) pairs") }
        if let bad = data.firstIndex(where: { !$0.isFinite }) {
            throw NumpyError("array 'data' holds \(data[bad]) at position \(bad): a sparse matrix forbids a pair by leaving it out, and every stored score must be finite")
        }
        return data
    }

    private func checkRange(_ values: [Int], name: String, below bound: Int, what: String) throws(NumpyError) {
        if let bad = values.firstIndex(where: { !(0..<bound).contains($0) }) {
            throw NumpyError("array '\(name)' holds \(values[bad]) at position \(bad), which is not a \(what) (0 to \(bound - 1))")
        }
    }

    /// Optional per-person array `name`: `count` whole numbers from 0, or `default` for everyone.
    private func perPerson(_ name: String, count: Int, side: String, default value: Int) throws(NumpyError) -> [Int] {
        guard let values = perPersonValues[name] else { return Array(repeating: value, count: count) }
        guard values.count == count else { throw NumpyError("array '\(name)' holds \(values.count) values for \(count) \(side)s") }
        if let bad = values.firstIndex(where: { $0 < 0 }) { throw NumpyError("array '\(name)' holds \(values[bad]) for \(side) \(bad): it must be 0 or more") }
        return values
    }
}

extension Solution {
    /// The solution as a numpy archive (stored, uncompressed), for `np.load`: one entry per pair in
    /// `mentee`, `mentor` (indices into the problem's mentees and mentors) and `score`;
    /// `unassigned` (mentees short of their demand), `load` (per mentor), `objective`, `status`,
    /// `solver` and `methods` (the raw values of `Solution.Method`); `gap` and `lp_bound` where the solver gave them; and, with a
    /// certificate, `mentee_potential`, `mentor_potential`, `mentee_source_side`,
    /// `mentor_source_side`, `source_potential` and `sink_potential`.
    ///
    /// - Complexity: O(*n* + *m* + pairs).
    public func numpyArchive(for problem: Problem) throws -> Data {
        var arrays: [(String, Data)] = [
            ("mentee", NumpyEncoder.integers(assignments.map { problem.menteeIndex[$0.mentee]! })),
            ("mentor", NumpyEncoder.integers(assignments.map { problem.mentorIndex[$0.mentor]! })),
            ("score", NumpyEncoder.reals(assignments.map(\.score))),
            ("unassigned", NumpyEncoder.integers(unassigned.map { problem.menteeIndex[$0]! })),
            ("load", NumpyEncoder.integers(loads)),
            ("objective", NumpyEncoder.reals([objective], shape: [])),
            ("status", NumpyEncoder.text(status.rawValue)),
            ("solver", NumpyEncoder.text(solver)),
            ("methods", NumpyEncoder.texts(methods.map(\.rawValue))),
        ]
        if let gap { arrays.append(("gap", NumpyEncoder.reals([gap], shape: []))) }
        if let lpBound { arrays.append(("lp_bound", NumpyEncoder.reals([lpBound], shape: []))) }
        if let certificate {
            arrays += [
                ("mentee_potential", NumpyEncoder.reals(certificate.mentees.map(\.potential))),
                ("mentor_potential", NumpyEncoder.reals(certificate.mentors.map(\.potential))),
                ("mentee_source_side", NumpyEncoder.bools(certificate.mentees.map(\.sourceSide))),
                ("mentor_source_side", NumpyEncoder.bools(certificate.mentors.map(\.sourceSide))),
                ("source_potential", NumpyEncoder.reals([certificate.source.potential], shape: [])),
                ("sink_potential", NumpyEncoder.reals([certificate.sink.potential], shape: [])),
            ]
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in arrays {
            try archive.addEntry(with: "\(name).npy", type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 315_532_800)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }
}
