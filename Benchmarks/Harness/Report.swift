import Foundation

/// One cell: a solver on one instance.
struct Row: Codable {
    var family: String
    var size: Int
    var solver: String
    var status = "ok"
    var seconds: [Double] = []
    var median: Double?
    /// One run from the instance files: read, build, solve.
    var endToEnd: Double?
    var objective: Double?
    var assigned: Int?
    var verdict: String?
    var method: String?
    var peakMB: Double?
    /// The `match` family: median seconds per stage, and the allowed pairs.
    var stages: [String: Double]?
    var pairs: Int?

    mutating func fill(from result: CellResult) {
        seconds = result.seconds ?? []
        median = Report.median(seconds)
        endToEnd = result.endToEndSeconds
        objective = result.objective
        assigned = result.assigned
        verdict = result.verdict
        method = result.method
        peakMB = result.maxrssKB.map { Double($0) / 1024 }
        stages = result.stages
        pairs = result.pairs
    }

    func csvLine() -> String {
        func text(_ value: (some CustomStringConvertible)?) -> String { value.map { "\($0)" } ?? "" }
        let peak: String = peakMB.map { String(format: "%.1f", $0) } ?? ""
        var fields: [String] = [family, "\(size)", solver, status, text(median), "\(seconds.count)", text(endToEnd)]
        fields += [text(objective), text(assigned), verdict ?? "", method ?? "", peak]
        return fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
    }

    /// Compares every solved row of one instance with the Hungarian solver's answer (or the first
    /// one): the same number assigned and the same objective. A disagreement marks the rows wrong.
    static func crossCheck(_ rows: inout [Row]) -> [String] {
        // maxmin optimises another objective (its answer is verified on its own).
        let solved = rows.indices.filter { rows[$0].status == "ok" && rows[$0].objective != nil && rows[$0].solver != "maxmin" }
        guard let reference = solved.first(where: { rows[$0].solver == "hungarian" }) ?? solved.first else { return [] }
        var failures: [String] = []
        for index in solved where index != reference {
            let a = rows[reference], b = rows[index]
            let agree = a.assigned == b.assigned && abs(a.objective! - b.objective!) <= 1e-6 * (1 + abs(a.objective!))
            if !agree {
                rows[index].status = "WRONG"
                failures.append(
                    "\(b.family) n=\(b.size): \(b.solver) gives \(b.assigned ?? -1) assigned, objective \(b.objective!); "
                        + "\(a.solver) gives \(a.assigned ?? -1), \(a.objective!)")
            }
        }
        return failures
    }
}

/// Writes results.csv, results.json, results.md and one log-log SVG plot per family.
struct Report {
    var rows: [Row]
    var machine: String
    var budget: Double
    var runs: Int

    static let solvers = ["hungarian", "glpk", "glpk-asn", "scipy", "lapjv", "lapjvsp", "lapmod", "ortools"]
    /// The coordinator's questions of the `cycle` family (Instances.cycle), in their own table.
    static let questions = ["maxmin", "alternatives", "best10"]
    /// The command-line pipelines of the `match` family (RosterMatchCell) and of the `scale`
    /// family (ScaleCell), each in its own table.
    static let pipelines = ["match", "npz"]
    /// What runs in a `cell` child of this harness rather than in Python.
    static let swiftSolvers = Set(["hungarian", "glpk", "glpk-asn"] + questions + pipelines)

    /// The median (the mean of the two middle values for an even count); `nil` for none.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        return sorted.isEmpty ? nil : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }
    static let colors = [
        "hungarian": "#1b6ac9", "glpk": "#c0392b", "glpk-asn": "#7f8c8d", "scipy": "#27ae60", "lapjv": "#8e44ad", "ortools": "#e67e22",
        "lapjvsp": "#16a085", "lapmod": "#d35400", "maxmin": "#2c3e50", "alternatives": "#f1c40f", "best10": "#95a5a6", "match": "#34495e",
        "npz": "#1b6ac9",
    ]

    /// The rows of an earlier results.json in `folder`.
    static func rows(in folder: URL) throws -> [Row] {
        struct Document: Decodable { var rows: [Row] }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: folder.appendingPathComponent("results.json"))).rows
    }

    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "family,size,solver,status,median_seconds,runs,end_to_end_seconds,objective,assigned,verdict,method,peak_mb\n"
        for row in rows { csv += row.csvLine() }
        try csv.write(to: folder.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Document: Encodable {
            var machine: String
            var budgetSeconds: Double
            var runs: Int
            var exponents: [String: [String: Double]]
            var rows: [Row]
        }
        try encoder.encode(Document(machine: machine, budgetSeconds: budget, runs: runs, exponents: exponents(), rows: rows))
            .write(to: folder.appendingPathComponent("results.json"))
        try markdown().write(to: folder.appendingPathComponent("results.md"), atomically: true, encoding: .utf8)
        for family in families {
            try svg(family).write(to: folder.appendingPathComponent("plot-\(family).svg"), atomically: true, encoding: .utf8)
        }
    }

    var families: [String] {
        var names: [String] = []
        for row in rows where !names.contains(row.family) { names.append(row.family) }
        return names
    }

    func row(_ family: String, _ size: Int, _ solver: String) -> Row? {
        rows.first { $0.family == family && $0.size == size && $0.solver == solver }
    }

    /// Per family and solver: the slope of log(time) against log(size), by least squares over
    /// the sizes it solved (at least two).
    func exponents() -> [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        for family in families {
            for solver in Self.solvers + Self.questions + Self.pipelines {
                let points = rows.filter { $0.family == family && $0.solver == solver && $0.status == "ok" && ($0.median ?? 0) > 0 }
                    .map { (log(Double($0.size)), log($0.median!)) }
                guard points.count >= 2 else { continue }
                let meanX = points.map(\.0).reduce(0, +) / Double(points.count)
                let meanY = points.map(\.1).reduce(0, +) / Double(points.count)
                let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
                guard sxx > 0 else { continue }
                let sxy = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
                result[family, default: [:]][solver] = sxy / sxx
            }
        }
        return result
    }

    func cellText(_ row: Row?) -> String {
        guard let row else { return "" }
        switch row.status {
        case "ok": return row.median.map { String(format: "%.4g", $0) } ?? "?"
        case "skipped (over budget)", "over budget (stopped)": return "> budget"
        case "skipped (not installed)": return "n/a"
        case let status where status.hasPrefix("skipped (over") && status.hasSuffix("pairs)"): return "too big"
        default: return row.status
        }
    }

    /// `solver`'s median time (with `\.endToEnd`, its end-to-end time) over the fastest of
    /// `references` that solved the instance, by the same measure.
    func ratioValue(
        _ family: String, _ size: Int, _ references: [String], solver: String = "hungarian", by measure: KeyPath<Row, Double?> = \.median
    ) -> Double? {
        guard let ours = row(family, size, solver), ours.status == "ok", let time = ours[keyPath: measure] else { return nil }
        let best = references.compactMap { row(family, size, $0) }.filter { $0.status == "ok" }.compactMap { $0[keyPath: measure] }.filter { $0 > 0 }.min()
        return best.map { time / $0 }
    }

    /// ``ratioValue(_:_:_:solver:by:)`` with two decimals, or empty.
    func ratio(
        _ family: String, _ size: Int, _ references: String..., solver: String = "hungarian", by measure: KeyPath<Row, Double?> = \.median
    ) -> String {
        ratioValue(family, size, references, solver: solver, by: measure).map { String(format: "%.2f", $0) } ?? ""
    }

    /// A performance target: the Hungarian solver's time over the fastest of `references` at most
    /// `limit` on every instance of `families` where both ran.
    struct Target {
        var name: String
        var families: [String]
        var references: [String]
        var limit: Double
    }

    static let targets = [
        Target(name: "dense assignment at most lap.lapjv's time", families: ["dense-square-1e3", "dense-square-1e6", "dense-rectangular", "orlib-dense"],
               references: ["lapjv"], limit: 1),
        Target(name: "sparse square assignment at most the best of LAPJVsp, lap.lapmod and OR-Tools", families: ["sparse-k10", "sparse-k100", "orlib-sparse"],
               references: ["lapjvsp", "lapmod", "ortools"], limit: 1),
        Target(name: "capacitated rosters at most OR-Tools' min-cost flow", families: ["roster", "roster-dense", "generated-roster"],
               references: ["ortools"], limit: 1),
        Target(name: "capacitated shortlists at most 0.5x OR-Tools' min-cost flow", families: ["shortlist-k10", "shortlist-k40"],
               references: ["ortools"], limit: 0.5),
        Target(name: "side constraints at most OR-Tools on the same network", families: ["side-org1", "side-org2"], references: ["ortools"], limit: 1),
    ]

    /// Each target's ratios on the cells both solved, solve only and end to end: the range, how
    /// many cells meet the limit, and the worst cell.
    func targetLines() -> [String] {
        var lines = [
            "| target | cells | solve only: ratio range | at or under the limit | worst cell | end to end: ratio range | at or under the limit |",
            "|---|---|---|---|---|---|---|",
        ]
        for target in Self.targets {
            func cells(_ measure: KeyPath<Row, Double?>) -> [(cell: String, ratio: Double)] {
                target.families.flatMap { family in
                    Array(Set(rows.filter { $0.family == family }.map(\.size))).sorted().compactMap { size in
                        ratioValue(family, size, target.references, by: measure).map { ("\(family) \(size)", $0) }
                    }
                }
            }
            let solve = cells(\.median), endToEnd = cells(\.endToEnd)
            guard let worst = solve.max(by: { $0.ratio < $1.ratio }) else { continue }
            func range(_ cells: [(cell: String, ratio: Double)]) -> String {
                guard let low = cells.map(\.ratio).min(), let high = cells.map(\.ratio).max() else { return "" }
                return String(format: "%.2f-%.2fx", low, high)
            }
            func meeting(_ cells: [(cell: String, ratio: Double)]) -> String { "\(cells.filter { $0.ratio <= target.limit }.count) of \(cells.count)" }
            lines.append(
                "| \(target.name) | \(solve.count) | \(range(solve)) | \(meeting(solve)) | \(worst.cell) (\(String(format: "%.2fx", worst.ratio))) | "
                    + "\(range(endToEnd)) | \(endToEnd.isEmpty ? "" : meeting(endToEnd)) |")
        }
        return lines
    }

    /// `lines` between the markers that `Benchmarks/tables.py` copies into the docs.
    func marked(_ name: String, _ lines: [String]) -> [String] { ["<!-- table:\(name) -->"] + lines + ["<!-- /table:\(name) -->"] }

    func markdown() -> String {
        var table: [String] = []
        var lines = [
            "Machine: \(machine). Median of each cell's runs (their count is the `runs` column of results.csv: as many as the sweep that "
                + "measured the cell asked, \(Run.defaultRuns) by default; when the first takes under \(Cell.quickSeconds) s, as many as "
                + "take about \(Cell.quickTotalSeconds) s, at least \(Cell.quickRuns), at most \(Cell.quickMaxRuns); fewer when a run exceeds the sweep's "
                + "budget, \(Int(Run.defaultBudget)) s by default), solve time only, on input already "
                + "in each solver's own format (no file reading, no conversion); \"end to end\" is the median over the same runs of a run from the instance "
                + "files (read, build, solve; each run reads its own input), against the fastest reference by the same measure. Each cell's first answer verified in full (certificate included), later runs "
                + "checked to return the same assignment; objectives cross-checked between solvers. "
                + "\"best sparse\" is the fastest of lapjvsp, lapmod and ortools.",
            "",
        ]
        table = [
            "| family | n | " + Self.solvers.map { "\($0) s" }.joined(separator: " | ")
                + " | hungarian / scipy | hungarian / lapjv | hungarian / best sparse | hungarian / ortools | glpk / ortools "
                + "| glpk / glpk-asn | hungarian end to end s | hungarian / fastest, end to end | hungarian peak MB |",
            "|---|---|" + String(repeating: "---|", count: Self.solvers.count + 9),
        ]
        for family in families where !rows.contains(where: { $0.family == family && (Self.questions + Self.pipelines).contains($0.solver) }) {
            let sizes = Array(Set(rows.filter { $0.family == family }.map(\.size))).sorted()
            for size in sizes {
                let cells = Self.solvers.map { cellText(row(family, size, $0)) }
                let peak = row(family, size, "hungarian")?.peakMB.map { String(format: "%.0f", $0) } ?? ""
                let ratios = [
                    ratio(family, size, "scipy"), ratio(family, size, "lapjv"),
                    row(family, size, "lapmod") == nil && row(family, size, "lapjvsp") == nil ? "" : ratio(family, size, "lapjvsp", "lapmod", "ortools"),
                    ratio(family, size, "ortools"), ratio(family, size, "ortools", solver: "glpk"), ratio(family, size, "glpk-asn", solver: "glpk"),
                    row(family, size, "hungarian")?.endToEnd.map { String(format: "%.4g", $0) } ?? "",
                    ratio(family, size, "scipy", "lapjv", "lapjvsp", "lapmod", "ortools", by: \.endToEnd),
                ]
                table.append("| \(family) | \(size) | " + (cells + ratios).joined(separator: " | ") + " | \(peak) |")
            }
        }
        lines += marked("results", table)
        lines += ["", "Performance targets, from the table above (a ratio is the Hungarian solver's time over the fastest reference named):", ""]
        lines += marked("targets", targetLines())
        let questionFamilies = families.filter { family in rows.contains { $0.family == family && Self.questions.contains($0.solver) } }
        if !questionFamilies.isEmpty {
            lines += ["", "The coordinator's questions on the roster instances (seconds, median; each includes the solve; ratio to the plain solve):", ""]
            var table = [
                "| family | n | plain solve s | maxmin s | alternatives (5, one mentee) s | best 10 s | maxmin / plain | alternatives / plain | best 10 / plain |",
                "|---|---|---|---|---|---|---|---|---|",
            ]
            for family in questionFamilies {
                for size in Array(Set(rows.filter { $0.family == family }.map(\.size))).sorted() {
                    let cells = (["hungarian"] + Self.questions).map { cellText(row(family, size, $0)) }
                    let ratios = Self.questions.map { ratio(family, size, "hungarian", solver: $0) }
                    table.append("| \(family) | \(size) | " + (cells + ratios).joined(separator: " | ") + " |")
                }
            }
            lines += marked("questions", table)
        }
        let pipelineRows = rows.filter { $0.solver == "match" }
        if !pipelineRows.isEmpty {
            lines += ["", "`match --out` end to end on generated rosters (seconds, median; each stage's share of the whole; peak memory of the process):", ""]
            var table = [
                "| mentees | allowed pairs | end to end s | " + RosterMatchCell.stages.joined(separator: " | ") + " | peak MB | bytes per pair |",
                "|---|---|---|" + String(repeating: "---|", count: RosterMatchCell.stages.count + 2),
            ]
            for row in pipelineRows.sorted(by: { ($0.family, $0.size) < ($1.family, $1.size) }) {
                let shares = RosterMatchCell.stages.map { stage in
                    guard let seconds = row.stages?[stage], let total = row.median, total > 0 else { return "" }
                    return String(format: "%.0f%%", 100 * seconds / total)
                }
                var perPair = ""
                if let peak = row.peakMB, let pairs = row.pairs, pairs > 0 { perPair = String(format: "%.1f", peak * 1_048_576 / Double(pairs)) }
                table.append(
                    "| \(row.size) | \(row.pairs.map(String.init) ?? "") | \(cellText(row)) | " + shares.joined(separator: " | ")
                        + " | \(row.peakMB.map { String(format: "%.0f", $0) } ?? "") | \(perPair) |")
            }
            lines += marked("match", table)
        }
        let scaleRows = rows.filter { $0.solver == "npz" }
        if !scaleRows.isEmpty {
            lines += [
                "", "`solve problem.npz --out solution.npz` end to end on shortlists of 10 candidates (seconds, median; each stage's share; "
                    + "peak memory of the process), beside OR-Tools' min-cost flow on the same instance (end to end: load, build, solve; and the solve alone):", "",
            ]
            var table = [
                "| mentees | allowed pairs | end to end s | " + ScaleCell.stages.joined(separator: " | ")
                    + " | peak MB | bytes per pair | OR-Tools end to end s | OR-Tools solve s | OR-Tools peak MB |",
                "|---|---|---|" + String(repeating: "---|", count: ScaleCell.stages.count + 5),
            ]
            for row in scaleRows.sorted(by: { $0.size < $1.size }) {
                let shares = ScaleCell.stages.map { stage in
                    guard let seconds = row.stages?[stage], let total = row.median, total > 0 else { return "" }
                    return String(format: "%.0f%%", 100 * seconds / total)
                }
                var perPair = ""
                if let peak = row.peakMB, let pairs = row.pairs, pairs > 0 { perPair = String(format: "%.1f", peak * 1_048_576 / Double(pairs)) }
                let reference = rows.first { $0.family == row.family && $0.size == row.size && $0.solver == "ortools" }
                let referenceCells = [
                    reference?.endToEnd.map { String(format: "%.2f", $0) } ?? reference?.status ?? "",
                    reference.map(cellText) ?? "", reference?.peakMB.map { String(format: "%.0f", $0) } ?? "",
                ]
                table.append(
                    "| \(row.size) | \(row.pairs.map(String.init) ?? "") | \(cellText(row)) | " + shares.joined(separator: " | ")
                        + " | \(row.peakMB.map { String(format: "%.0f", $0) } ?? "") | \(perPair) | " + referenceCells.joined(separator: " | ") + " |")
            }
            lines += marked("scale", table)
        }
        lines += ["", "Fitted scaling exponents (slope of log time against log n):", ""]
        for (family, bySolver) in exponents().sorted(by: { $0.key < $1.key }) {
            lines.append("- \(family): " + bySolver.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A log-log plot of median time against size, one line per solver, exponents in the legend.
    func svg(_ family: String) -> String {
        let points = rows.filter { $0.family == family && $0.status == "ok" && ($0.median ?? 0) > 0 }
        let width = 640.0, height = 420.0, left = 70.0, right = 170.0, top = 40.0, bottom = 50.0
        let xs = points.map { log10(Double($0.size)) }, ys = points.map { log10($0.median!) }
        let minX = floor(xs.min() ?? 0), maxX = max(ceil(xs.max() ?? 1), floor(xs.min() ?? 0) + 1)
        let minY = floor(ys.min() ?? -3), maxY = max(ceil(ys.max() ?? 0), floor(ys.min() ?? -3) + 1)
        func x(_ value: Double) -> Double { left + (value - minX) / (maxX - minX) * (width - left - right) }
        func y(_ value: Double) -> Double { height - bottom - (value - minY) / (maxY - minY) * (height - top - bottom) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="24" font-size="14">\(family): median solve time (log-log)</text>

            """
        for decade in Int(minX)...Int(maxX) {
            svg += "<line x1=\"\(x(Double(decade)))\" y1=\"\(top)\" x2=\"\(x(Double(decade)))\" y2=\"\(height - bottom)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x(Double(decade)))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">1e\(decade)</text>\n"
        }
        for decade in Int(minY)...Int(maxY) {
            svg += "<line x1=\"\(left)\" y1=\"\(y(Double(decade)))\" x2=\"\(width - right)\" y2=\"\(y(Double(decade)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(Double(decade)) + 4)\" text-anchor=\"end\">1e\(decade) s</text>\n"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">n (mentees)</text>\n"
        let exponents = exponents()[family] ?? [:]
        var legendRow = 0
        for solver in Self.solvers + Self.questions + Self.pipelines {
            let line = points.filter { $0.solver == solver }.sorted { $0.size < $1.size }
            guard !line.isEmpty else { continue }
            legendRow += 1
            let color = Self.colors[solver]!
            let path = line.map { "\(x(log10(Double($0.size)))),\(y(log10($0.median!)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            for point in line {
                svg += "<circle cx=\"\(x(log10(Double(point.size))))\" cy=\"\(y(log10(point.median!)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            let label = exponents[solver].map { "\(solver) (slope \(String(format: "%.2f", $0)))" } ?? solver
            svg += "<text x=\"\(width - right + 12)\" y=\"\(top + 18 * Double(legendRow))\" fill=\"\(color)\">\(label)</text>\n"
        }
        return svg + "</svg>\n"
    }
}
