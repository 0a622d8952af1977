import Foundation
import MentorMatch
import MentorMatchRoster

/// A benchmark instance on disk, readable by this harness and by `Benchmarks/reference.py`:
/// a folder with `meta.json` and raw little-endian arrays.
///
/// - dense: `costs.f64`, rows x columns float64, row-major; NaN marks a pair that is not allowed.
/// - sparse: `mentee.i32`, `mentor.i32` (0-based) and `score.f64`, one entry per allowed pair.
/// - orlib: `meta.json` names an OR-Library file and its format; nothing else is copied.
struct InstanceMeta: Codable {
    var name: String
    var family: String
    var size: Int
    var kind: String  // "dense", "sparse" or "orlib"
    var rows: Int
    var columns: Int
    var sense: String
    /// Mentor capacities; all 1 when absent.
    var capacity: [Int]?
    /// Side constraints (sparse instances of the `side` family): mentee demands and mentor
    /// minimums (0 when absent), each mentee's organisation (-1 for none) and how many mentees
    /// of one organisation a mentor may take.
    var demand: [Int]?
    var minimum: [Int]?
    var organisation: [Int]?
    var organisationLimit: Int?
    /// Square, unit capacities, and a perfect matching exists: the sparse assignment references
    /// (LAPJVsp, lap.lapmod, OR-Tools' LinearSumAssignment) apply.
    var perfectMatching: Bool?
    var edges: Int?
    /// For "orlib": the file and its format.
    var file: String?
    var format: String?
}

enum Instances {
    static func write(_ array: [some BitwiseCopyable], to url: URL) throws {
        try array.withUnsafeBytes { try Data($0).write(to: url) }
    }

    /// The file's values, read straight into the array (no intermediate buffer, so that the
    /// peak memory of a cell is the problem's own).
    static func read<T: BitwiseCopyable>(_ type: T.Type, from url: URL) throws -> [T] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let bytes = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        guard bytes % MemoryLayout<T>.stride == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
        return try [T](unsafeUninitializedCapacity: bytes / MemoryLayout<T>.stride) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < bytes {
                let got = Foundation.read(handle.fileDescriptor, raw.baseAddress! + done, bytes - done)
                guard got > 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
                done += got
            }
            count = buffer.count
        }
    }

    static func meta(in folder: URL) throws -> InstanceMeta {
        try JSONDecoder().decode(InstanceMeta.self, from: Data(contentsOf: folder.appendingPathComponent("meta.json")))
    }

    /// Loads an instance as a problem (ids are the 0-based indices as text).
    static func problem(in folder: URL) throws -> Problem {
        let meta = try meta(in: folder)
        if meta.kind == "orlib" {
            return try Problem(data: Data(contentsOf: URL(fileURLWithPath: meta.file!)), format: ProblemFormat(rawValue: meta.format!)!)
        }
        let mentees = (0..<meta.rows).map { Problem.Mentee(id: String($0), demand: meta.demand?[$0] ?? 1) }
        let capacity = meta.capacity ?? Array(repeating: 1, count: meta.columns)
        let mentors = (0..<meta.columns).map { Problem.Mentor(id: String($0), capacity: capacity[$0], minimum: meta.minimum?[$0] ?? 0) }
        var groups: [Problem.Group] = []
        if let organisation = meta.organisation, let limit = meta.organisationLimit {
            var members = [[String]](repeating: [], count: (organisation.max() ?? -1) + 1)
            for (mentee, organisation) in organisation.enumerated() where organisation >= 0 { members[organisation].append(String(mentee)) }
            groups = members.enumerated().map { Problem.Group(id: "org\($0)", mentees: $1, maxPerMentor: limit) }
        }
        let sense = Problem.Sense(rawValue: meta.sense)!
        if meta.kind == "dense" {
            let costs = try read(Double.self, from: folder.appendingPathComponent("costs.f64"))
            let allowed = costs.contains(where: \.isNaN) ? costs.map { !$0.isNaN } : nil
            return try Problem(
                sense: sense, mentees: mentees, mentors: mentors,
                scores: .matrix(ScoreMatrix(rowCount: meta.rows, columnCount: meta.columns, values: costs, allowed: allowed)))
        }
        // The instances list pairs by mentee: compressed rows, 12 bytes per pair, kept by the
        // problem without a copy.
        var rowStart = [Int](repeating: 0, count: meta.rows + 1), previous = 0
        for mentee in try read(Int32.self, from: folder.appendingPathComponent("mentee.i32")).lazy.map(Int.init) {
            guard mentee >= previous, mentee < meta.rows else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(folder.path): pairs not listed by mentee"])
            }
            rowStart[mentee + 1] += 1
            previous = mentee
        }
        for row in 0..<meta.rows { rowStart[row + 1] += rowStart[row] }
        return try Problem(
            sense: sense, mentees: mentees, mentors: mentors,
            scores: .compressedRows(
                rowStart: rowStart, mentors: read(Int32.self, from: folder.appendingPathComponent("mentor.i32")),
                scores: read(Double.self, from: folder.appendingPathComponent("score.f64"))),
            groups: groups)
    }

    /// Writes a dense instance: `values` row-major, NaN for "not allowed".
    static func writeDense(_ meta: InstanceMeta, values: [Double], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(values, to: folder.appendingPathComponent("costs.f64"))
        try JSONEncoder().encode(meta).write(to: folder.appendingPathComponent("meta.json"))
    }

    static func writeSparse(_ meta: InstanceMeta, mentees: [Int32], mentors: [Int32], scores: [Double], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(mentees, to: folder.appendingPathComponent("mentee.i32"))
        try write(mentors, to: folder.appendingPathComponent("mentor.i32"))
        try write(scores, to: folder.appendingPathComponent("score.f64"))
        var meta = meta
        meta.edges = scores.count
        try JSONEncoder().encode(meta).write(to: folder.appendingPathComponent("meta.json"))
    }
}

extension Instances {
    /// A shortlist instance: `size` mentees and `mentorCount` mentors with capacities 1-5; each
    /// mentee has `candidates` distinct random mentors, integer scores 0-100, maximize.
    static func writeShortlist(name: String, size: Int, mentorCount: Int, candidates: Int, to folder: URL) throws {
        var random = SplitMix64(seed: UInt64(size) &* 31 &+ UInt64(candidates))
        let capacity = (0..<mentorCount).map { _ in Int.random(in: 1...5, using: &random) }
        var mentees: [Int32] = [], mentors: [Int32] = [], scores: [Double] = []
        mentees.reserveCapacity(size * candidates)
        mentors.reserveCapacity(size * candidates)
        scores.reserveCapacity(size * candidates)
        var chosen: [Int] = []
        for mentee in 0..<size {
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < candidates {
                let mentor = Int.random(in: 0..<mentorCount, using: &random)
                if !chosen.contains(mentor) { chosen.append(mentor) }
            }
            for mentor in chosen.sorted() {
                mentees.append(Int32(mentee))
                mentors.append(Int32(mentor))
                scores.append(Double(Int.random(in: 0...100, using: &random)))
            }
        }
        let meta = InstanceMeta(
            name: "\(name)-\(size)", family: name, size: size, kind: "sparse", rows: size, columns: mentorCount, sense: "maximize", capacity: capacity)
        try writeSparse(meta, mentees: mentees, mentors: mentors, scores: scores, to: folder)
    }
}

/// The instance families the harness sweeps, each with its sizes and how to make one instance.
struct Family {
    var name: String
    var sizes: [Int]
    var solvers: [String]
    /// The number of allowed pairs of the instance of a size (expected, for generated rosters).
    var pairs: (_ size: Int) -> Int = { $0 * $0 }
    /// Writes the instance of `size` into `folder`.
    var make: (_ size: Int, _ folder: URL) throws -> Void

    static let dense = ["hungarian", "glpk", "scipy", "lapjv", "ortools"]
    /// Square complete problems also time GLPK's assignment routine alone.
    static let square = dense + ["glpk-asn"]
    static let sparse = ["hungarian", "glpk", "scipy", "ortools"]
    /// Sparse square problems with a perfect matching: the sparse assignment references.
    static let sparseSquare = ["hungarian", "glpk", "lapjvsp", "lapmod", "ortools"]
    /// The coordinator's questions, each timed beside the plain solve: the fair objective, a
    /// mentee's five best alternatives, the ten best assignments.
    static let cycle = ["hungarian", "maxmin", "alternatives", "best10"]

    static func all(quick: Bool, sharedDatasets: URL?) -> [Family] {
        var families = [
            uniformSquare(name: "dense-square-1e3", range: 1000, sizes: quick ? [50, 100] : [250, 500, 1000, 2000, 4000, 8000]),
            uniformSquare(name: "dense-square-1e6", range: 1_000_000, sizes: quick ? [50, 100] : [250, 500, 1000, 2000, 4000, 8000]),
            Family(name: "dense-rectangular", sizes: quick ? [40] : [1000], solvers: dense, pairs: { 4 * $0 * $0 }) { size, folder in
                var random = SplitMix64(seed: 7)
                let values = (0..<(size * size * 4)).map { _ in Double(Int.random(in: 0..<1000, using: &random)) }
                try Instances.writeDense(
                    InstanceMeta(name: "rect-\(size)x\(4 * size)", family: "dense-rectangular", size: size, kind: "dense", rows: size, columns: 4 * size, sense: "minimize"),
                    values: values, to: folder)
            },
            roster(name: "roster", dense: false, sizes: quick ? [300, 900] : [1000, 10_000, 50_000, 200_000]),
            roster(name: "roster-dense", dense: true, sizes: quick ? [300] : [1000]),
            roster(name: "cycle", dense: false, sizes: quick ? [300] : [1000, 10_000, 50_000], solvers: cycle),
            sparseSquare(arcsPerRow: 10, sizes: quick ? [500] : [5000, 20_000, 100_000]),
            sparseSquare(arcsPerRow: 100, sizes: quick ? [] : [5000, 20_000, 100_000]),
            side(limit: 1, sizes: quick ? [200] : [2000, 20_000, 200_000]),
            side(limit: 2, sizes: quick ? [] : [2000, 20_000, 200_000]),
            shortlist(candidates: 10, sizes: quick ? [300] : [10_000, 50_000, 200_000]),
            shortlist(candidates: 40, sizes: quick ? [] : [10_000, 50_000, 200_000]),
            Family(name: "generated-roster", sizes: quick ? [60] : [600, 6000, 30_000], solvers: sparse, pairs: { $0 * $0 / 50 }) { size, folder in
                let roster = SyntheticRoster.generate(
                    mentees: size, mentors: size * 2 / 5, regions: (1...20).map { "R\($0)" }, capacity: 1...3, seed: 42)
                let problem = try RosterMatch(roster: roster, rules: ScoringRules()).problem
                var mentees: [Int32] = [], mentors: [Int32] = [], scores: [Double] = []
                problem.forEachAllowedPair { mentee, mentor, score in
                    mentees.append(Int32(mentee))
                    mentors.append(Int32(mentor))
                    scores.append(score)
                }
                try Instances.writeSparse(
                    InstanceMeta(
                        name: "generated-\(size)", family: "generated-roster", size: size, kind: "sparse", rows: problem.mentees.count,
                        columns: problem.mentors.count, sense: "maximize", capacity: problem.mentors.map(\.capacity)),
                    mentees: mentees, mentors: mentors, scores: scores, to: folder)
            },
        ]
        families.append(RosterMatchCell.family(sizes: quick ? [300] : [10_000, 20_000, 50_000, 200_000]))
        families.append(ScaleCell.family(sizes: quick ? [300] : [100_000, 1_000_000, 10_000_000]))
        if let orlib = sharedDatasets?.appendingPathComponent("orlib"), !quick {
            let dense = [100, 200, 300, 400, 500, 600, 700, 800], sparse = [800, 1500, 3000, 5000]
            families.append(orLibrary(name: "orlib-dense", sizes: dense, folder: orlib, prefix: "assign", format: "orlib", solvers: Self.square))
            families.append(
                orLibrary(name: "orlib-sparse", sizes: sparse, folder: orlib, prefix: "assignp", format: "orlib-sparse", solvers: Self.sparseSquare))
        }
        return families
    }

    static func uniformSquare(name: String, range: Int, sizes: [Int]) -> Family {
        Family(name: name, sizes: sizes, solvers: square) { size, folder in
            var random = SplitMix64(seed: UInt64(size) &* 31 &+ UInt64(range))
            let values = (0..<(size * size)).map { _ in Double(Int.random(in: 0..<range, using: &random)) }
            try Instances.writeDense(
                InstanceMeta(name: "\(name)-\(size)", family: name, size: size, kind: "dense", rows: size, columns: size, sense: "minimize"),
                values: values, to: folder)
        }
    }

    /// Mentees n, mentors n/3 with capacities 1-5, integer scores 0-100, maximize, each mentee
    /// allowed only the mentors of its own one of 50 regions.
    static func roster(name: String, dense: Bool, sizes: [Int], solvers: [String] = sparse) -> Family {
        Family(name: name, sizes: sizes, solvers: solvers, pairs: { $0 * $0 / 150 }) { size, folder in
            var random = SplitMix64(seed: UInt64(size) &+ 99)
            let mentorCount = size / 3
            let capacity = (0..<mentorCount).map { _ in Int.random(in: 1...5, using: &random) }
            let mentorRegion = (0..<mentorCount).map { _ in Int.random(in: 0..<50, using: &random) }
            var mentorsOfRegion = [[Int32]](repeating: [], count: 50)
            for (mentor, region) in mentorRegion.enumerated() { mentorsOfRegion[region].append(Int32(mentor)) }
            let meta = InstanceMeta(
                name: "\(name)-\(size)", family: name, size: size, kind: dense ? "dense" : "sparse", rows: size, columns: mentorCount,
                sense: "maximize", capacity: capacity)
            var mentees: [Int32] = [], mentors: [Int32] = [], scores: [Double] = []
            for mentee in 0..<size {
                for mentor in mentorsOfRegion[Int.random(in: 0..<50, using: &random)] {
                    mentees.append(Int32(mentee))
                    mentors.append(mentor)
                    scores.append(Double(Int.random(in: 0...100, using: &random)))
                }
            }
            if dense {
                var values = [Double](repeating: .nan, count: size * mentorCount)
                for edge in scores.indices { values[Int(mentees[edge]) * mentorCount + Int(mentors[edge])] = scores[edge] }
                try Instances.writeDense(meta, values: values, to: folder)
            } else {
                try Instances.writeSparse(meta, mentees: mentees, mentors: mentors, scores: scores, to: folder)
            }
        }
    }

    /// Sparse square assignment (issue 14): n x n, `arcsPerRow` random distinct columns per row
    /// plus a hidden perfect matching (so a full assignment exists), costs 0-999,999, minimize.
    static func sparseSquare(arcsPerRow: Int, sizes: [Int]) -> Family {
        let name = "sparse-k\(arcsPerRow)"
        return Family(name: name, sizes: sizes, solvers: Self.sparseSquare, pairs: { $0 * (arcsPerRow + 1) }) { size, folder in
            var random = SplitMix64(seed: UInt64(size) &* 7 &+ UInt64(arcsPerRow))
            let hidden = Array(0..<size).shuffled(using: &random)
            var mentees: [Int32] = [], mentors: [Int32] = [], scores: [Double] = []
            for row in 0..<size {
                var columns = Set<Int>([hidden[row]])
                while columns.count < min(size, arcsPerRow + 1) { columns.insert(Int.random(in: 0..<size, using: &random)) }
                for column in columns.sorted() {
                    mentees.append(Int32(row))
                    mentors.append(Int32(column))
                    scores.append(Double(Int.random(in: 0..<1_000_000, using: &random)))
                }
            }
            var meta = InstanceMeta(name: "\(name)-\(size)", family: name, size: size, kind: "sparse", rows: size, columns: size, sense: "minimize")
            meta.perfectMatching = true
            try Instances.writeSparse(meta, mentees: mentees, mentors: mentors, scores: scores, to: folder)
        }
    }

    /// Side constraints (issue 13): mentees n, mentors 0.3 n with capacities 2-6, one region of
    /// 30 mentors per 100 mentees (every pair within a region allowed, integer scores 0-100,
    /// maximize), 20% of mentees want 2 mentors, 10% of mentors must take at least 1, and n / 10
    /// organisations of which a mentor takes at most `limit` mentees.
    static func side(limit: Int, sizes: [Int]) -> Family {
        let name = "side-org\(limit)"
        return Family(name: name, sizes: sizes, solvers: ["hungarian", "glpk", "ortools"], pairs: { $0 * 30 }) { size, folder in
            var random = SplitMix64(seed: UInt64(size) &+ 1313)
            let regions = max(1, size / 100), mentorCount = regions * 30
            let capacity = (0..<mentorCount).map { _ in Int.random(in: 2...6, using: &random) }
            let minimum = (0..<mentorCount).map { _ in Double.random(in: 0..<1, using: &random) < 0.1 ? 1 : 0 }
            let demand = (0..<size).map { _ in Double.random(in: 0..<1, using: &random) < 0.2 ? 2 : 1 }
            let organisation = (0..<size).map { _ in Int.random(in: 0..<max(1, size / 10), using: &random) }
            var mentees: [Int32] = [], mentors: [Int32] = [], scores: [Double] = []
            for mentee in 0..<size {
                let region = Int.random(in: 0..<regions, using: &random)
                for mentor in (region * 30)..<(region * 30 + 30) {
                    mentees.append(Int32(mentee))
                    mentors.append(Int32(mentor))
                    scores.append(Double(Int.random(in: 0...100, using: &random)))
                }
            }
            let meta = InstanceMeta(
                name: "\(name)-\(size)", family: name, size: size, kind: "sparse", rows: size, columns: mentorCount, sense: "maximize",
                capacity: capacity, demand: demand, minimum: minimum, organisation: organisation, organisationLimit: limit)
            try Instances.writeSparse(meta, mentees: mentees, mentors: mentors, scores: scores, to: folder)
        }
    }

    /// Capacitated shortlists (issue 14): n mentees and n / 3 mentors with capacities 1-5; each
    /// mentee has `candidates` distinct random mentors (what a pre-filter or an embedding's nearest
    /// neighbours leave), integer scores 0-100, maximize.
    static func shortlist(candidates: Int, sizes: [Int]) -> Family {
        let name = "shortlist-k\(candidates)"
        return Family(name: name, sizes: sizes, solvers: ["hungarian", "glpk", "ortools"], pairs: { $0 * candidates }) { size, folder in
            try Instances.writeShortlist(name: name, size: size, mentorCount: max(candidates, size / 3), candidates: candidates, to: folder)
        }
    }

    static func orLibrary(name: String, sizes: [Int], folder: URL, prefix: String, format: String, solvers: [String]) -> Family {
        Family(name: name, sizes: sizes, solvers: solvers) { size, instance in
            try FileManager.default.createDirectory(at: instance, withIntermediateDirectories: true)
            var meta = InstanceMeta(
                name: "\(prefix)\(size)", family: name, size: size, kind: "orlib", rows: size, columns: size, sense: "minimize",
                file: folder.appendingPathComponent("\(prefix)\(size).txt").path, format: format)
            meta.perfectMatching = format == "orlib-sparse" ? true : nil
            try JSONEncoder().encode(meta).write(to: instance.appendingPathComponent("meta.json"))
        }
    }
}
