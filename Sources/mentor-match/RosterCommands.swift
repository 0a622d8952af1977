import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK
import MentorMatchDatasets
import MentorMatchRoster

/// The roster files and scoring rules a roster command reads.
struct RosterOptions: ParsableArguments {
    @Option(help: "The mentors CSV file.")
    var mentors: String

    @Option(help: "The mentees CSV file.")
    var mentees: String

    @Option(help: "The scoring rules JSON file (default: same state required, domain fit weight 1).")
    var config: String?

    @Option(help: "The solver: \(SolverName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var solver: SolverName = .hungarian

    @Option(help: "What to optimise after the most pairs: total (the best total score) or maxmin (first the best worst pair, then the total).")
    var objective: Objective = .total

    @Flag(help: "Treat every warning (a state only one side has, a mentee without an allowed mentor, a ranking read by a guess) as an error; notes on how the files were read are not warnings.")
    var strict = false

    @Option(help: ArgumentHelp("Keep the pairs of this previous match where they still stand (the CSV that match --out writes, or any CSV with mentee and mentor columns): most pairs first, then the most previous pairs, then the best score.", valueName: "previous.csv"))
    var keep: String?

    @Option(help: ArgumentHelp("Lock a pair, each side by id or name: it must be in the match (repeatable).", valueName: "MENTEE=MENTOR"))
    var lock: [String] = []

    @Option(help: ArgumentHelp("Forbid a pair, each side by id or name: it must not be in the match (repeatable).", valueName: "MENTEE=MENTOR"))
    var forbid: [String] = []

    func validate() throws {
        for value in lock + forbid where Self.pair(value) == nil {
            throw ValidationError("'\(value)' is not MENTEE=MENTOR (an id or a name on both sides of '=')")
        }
    }

    static func pair(_ value: String) -> Problem.Pair? {
        let parts = value.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return Problem.Pair(mentee: parts[0], mentor: parts[1])
    }

    /// The pair that a --lock or --forbid value names, each side by id or name
    /// (`PersonLookup`); a side written another way than the roster writes it is read with a
    /// warning in `guesses`.
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` in the option's words: "--lock e1=m99: no
    ///   mentor 'm99'; did you mean 'm9'?".
    static func resolve(
        _ value: String, option: String, in lookups: (mentees: PersonLookup, mentors: PersonLookup), guesses: inout [String]
    ) throws -> Problem.Pair {
        let written = pair(value)!  // validate() refused any other form
        let context = "\(option) \(value)"
        return Problem.Pair(
            mentee: try lookups.mentees.id(of: written.mentee, side: "mentee", context: context) { guesses.append($0) },
            mentor: try lookups.mentors.id(of: written.mentor, side: "mentor", context: context) { guesses.append($0) })
    }

    /// The files read: the roster, the rules and a previous match.
    var inputs: [String] { [mentors, mentees] + [config, keep].compactMap { $0 } }

    /// Reads the files; errors name the file. Warnings (what may change the result) are printed
    /// once on standard error, first, then notes (how the files were read); with --strict a
    /// warning is an error. Both are kept in the match's report. `previous` (for --diff) is
    /// compared with; --keep's file is compared with and kept.
    func load(comparingWith previous: String? = nil) throws -> (match: RosterMatch, warnings: [String]) {
        let read = InputFile.read
        let mentorFile = try RosterCSV.read(read(mentors), role: .mentor, file: mentors)
        let menteeFile = try RosterCSV.read(read(mentees), role: .mentee, file: mentees)
        let roster = Roster(mentors: mentorFile.profiles, mentees: menteeFile.profiles)
        var rules = ScoringRules()
        if let config {
            do { rules = try ScoringRules(json: read(config)) } catch let error as MatchingError {
                throw MatchingError.malformedFile("\(config): \(error)")
            }
        }
        var guesses: [String] = []
        let lookups = (mentees: PersonLookup(roster.mentees), mentors: PersonLookup(roster.mentors))
        if let config {
            // The config's own pairs, by id or name as the options take them, errors naming the entry.
            func resolved(_ pairs: [Problem.Pair], field: String) throws -> [Problem.Pair] {
                try pairs.enumerated().map { index, pair in
                    let context = "\(config): \(field) pair \(index + 1) ('\(pair.mentee)' - '\(pair.mentor)')"
                    return Problem.Pair(
                        mentee: try lookups.mentees.id(of: pair.mentee, side: "mentee", context: context) { guesses.append($0) },
                        mentor: try lookups.mentors.id(of: pair.mentor, side: "mentor", context: context) { guesses.append($0) })
                }
            }
            rules.locked = try resolved(rules.locked, field: "locked")
            rules.forbidden = try resolved(rules.forbidden, field: "forbidden")
        }
        rules.locked += try lock.map { try Self.resolve($0, option: "--lock", in: lookups, guesses: &guesses) }
        rules.forbidden += try forbid.map { try Self.resolve($0, option: "--forbid", in: lookups, guesses: &guesses) }
        if keep != nil, previous != nil, keep != previous { throw MatchingError.malformedFile("--keep and --diff name different files; give one") }
        let previousFile = try (keep ?? previous).map { try PreviousMatches.read(read($0), file: $0) }
        if let previousFile, let path = keep ?? previous {
            // A file whose pairs mostly name no one is the wrong file, or the wrong columns.
            func names(_ written: String, in lookup: PersonLookup) -> Bool {
                if case .unknown = lookup.match(written) { return false }
                return true
            }
            let strangers = previousFile.pairs.filter { !names($0.mentee, in: lookups.mentees) || !names($0.mentor, in: lookups.mentors) }
            if strangers.count * 2 > previousFile.pairs.count {
                throw MatchingError.malformedFile(
                    "\(path): \(strangers.count) of \(previousFile.pairs.count) pairs name no one in the roster (first: '\(strangers[0].mentee)' - '\(strangers[0].mentor)'), "
                        + "read from the columns '\(previousFile.columns.mentee)' and '\(previousFile.columns.mentor)'; is it the right file?")
            }
        }
        let match: RosterMatch
        do {
            match = try RosterMatch(roster: roster, rules: rules, previous: previousFile?.pairs ?? [], keep: keep != nil)
        } catch let error as MatchingError {
            // The roster's own checks (survey rankings, locked pairs against the rules, groups):
            // the files and options they come from, none blamed alone.
            let sources = [mentors, mentees] + (config.map { [$0] } ?? []) + (lock.isEmpty ? [] : ["--lock"]) + (forbid.isEmpty ? [] : ["--forbid"])
            throw MatchingError.malformedFile("\(sources.joined(separator: ", ")): \(error)")
        }
        let warnings = match.warnings + guesses + (previousFile?.warnings ?? []), notes = mentorFile.notes + menteeFile.notes + (previousFile?.notes ?? [])
        if strict, let first = warnings.first {
            throw MatchingError.malformedFile("\(first) (--strict: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") in all)")
        }
        for warning in warnings { FileHandle.standardError.write(Data("mentor-match: warning: \(warning)\n".utf8)) }
        for note in notes { FileHandle.standardError.write(Data("mentor-match: note: \(note)\n".utf8)) }
        return (match, warnings + notes)
    }

    /// Loads, solves with the chosen solver part by part and explains, warnings included in the
    /// report.
    func report(comparingWith previous: String? = nil) throws -> (match: RosterMatch, report: MatchReport) {
        let (match, warnings) = try load(comparingWith: previous)
        var report = try match.run(with: solver.solver(seconds: nil, objective: objective))
        report.warnings = warnings
        return (match, report)
    }
}

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match a roster of mentors and mentees and print the explained result.",
        discussion: """
            Warnings (a column read under another name, a state name read as its code, a state only one side has) \
            go to standard error; --strict turns them into errors. --out never writes over an input file.

            Example:
              mentor-match match --mentors mentors.csv --mentees mentees.csv \\
                  --config config.json --out matches.csv
              mentor-match match --mentors mentors.csv --mentees mentees.csv \\
                  --keep matches.csv --report report.html
            """)

    @OptionGroup var roster: RosterOptions

    @Option(help: "Also write the result to this file: CSV if it ends in .csv, JSON if it ends in .json.")
    var out: String?

    @Option(help: "The heading of the --report page (default: the config's title, else Mentor match report).")
    var title: String?

    @Flag(help: "Start the CSV with a UTF-8 byte-order mark, so that Excel shows accented names right when the file is double-clicked.")
    var excel = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report to print or read (no scripts, no network): summary, fill per state, each mentor's mentees, every pair's points, the unmatched, kept and dropped pairs, warnings.", valueName: "report.html"))
    var report: String?

    @Option(help: ArgumentHelp("Compare with this previous match and print what moved and the change in score (the match itself is not steered; --keep steers it).", valueName: "previous.csv"))
    var diff: String?

    @Option(help: ArgumentHelp("Also list the K best matches, best first, each with what differs from the best (Murty's ranking; Hungarian solver, total objective).", valueName: "K"))
    var best: Int?

    func validate() throws {
        if let out, !out.lowercased().hasSuffix(".csv"), !out.lowercased().hasSuffix(".json") {
            throw ValidationError("--out \(out): the result is written as CSV (name ending in .csv, which Excel opens) or JSON (.json); a workbook (.xlsx) is not written")
        }
        if let report, !report.lowercased().hasSuffix(".html"), !report.lowercased().hasSuffix(".htm") {
            throw ValidationError("--report \(report): the report is an HTML page; give a name ending in .html")
        }
        if let best, !(1...1000).contains(best) { throw ValidationError("--best must be 1 to 1000") }
        if best != nil, roster.solver != .hungarian || roster.objective != .total || roster.keep != nil {
            throw ValidationError("--best ranks with the Hungarian solver: use --solver hungarian, --objective total and no --keep")
        }
    }

    func run() throws {
        try reportingErrors(context: "match") {
            let (match, result) = try roster.report(comparingWith: diff)
            let inputs = roster.inputs + (diff.map { [$0] } ?? [])
            if let out {
                let data = out.lowercased().hasSuffix(".json") ? try result.jsonData() : Data(((excel ? "\u{FEFF}" : "") + result.csv()).utf8)
                try OutputFile.write(data, to: out, inputs: inputs, replacing: true)
            }
            if let report {
                let page = result.html(title: title ?? match.rules.title ?? "Mentor match report", inputs: inputs, date: Date())
                try OutputFile.write(Data(page.utf8), to: report, inputs: inputs + (out.map { [$0] } ?? []), replacing: true)
            }
            var text = result.table()
            if let best {
                let problem = try match.problem
                text += RankingText.lines(try HungarianSolver().bestAssignments(of: problem, count: best), of: problem, names: PeopleNames(match.roster))
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// People as a coordinator reads them: `Name [id]`, or the id alone for a person without a name.
struct PeopleNames {
    private let mentees: [String: String], mentors: [String: String]

    init(_ roster: Roster) {
        func names(_ people: [Profile]) -> [String: String] {
            Dictionary(people.map { ($0.id, MatchReport.person($0.id, $0.name)) }, uniquingKeysWith: { first, _ in first })
        }
        mentees = names(roster.mentees)
        mentors = names(roster.mentors)
    }

    func mentee(_ id: String) -> String { mentees[id] ?? id }
    func mentor(_ id: String) -> String { mentors[id] ?? id }

    /// "Ana Lima [e1]: Kim Lee [m1] -> Ray Diaz [m9], Jo Park [m3]": a mentee's mentors before and
    /// after a change.
    func move(mentee: String, before: [String], after: [String]) -> String {
        func list(_ ids: [String]) -> String { ids.isEmpty ? "unmatched" : ids.map(mentor).joined(separator: ", ") }
        return "\(self.mentee(mentee)): \(list(before)) -> \(list(after))"
    }
}

/// The k best matches in words: each one's total, and each mentee placed otherwise than in the
/// best on a line of its own.
enum RankingText {
    static func lines(_ ranked: [Solution], of problem: Problem, names: PeopleNames) -> String {
        guard let first = ranked.first else { return "" }
        func mentors(_ solution: Solution) -> [String: [String]] {
            Dictionary(grouping: solution.assignments, by: \.mentee).mapValues { $0.map(\.mentor) }
        }
        let best = mentors(first)
        var lines = ["", "the \(ranked.count) best matches (most pairs, then total score):", "  1: total \(formatScore(first.objective))"]
        for (index, solution) in ranked.enumerated().dropFirst() {
            let these = mentors(solution)
            let moves = problem.mentees.map(\.id).compactMap { mentee -> String? in
                let before = best[mentee] ?? [], after = these[mentee] ?? []
                guard before != after else { return nil }
                return names.move(mentee: mentee, before: before, after: after)
            }
            lines.append("  \(index + 1): total \(formatScore(solution.objective)) (\(formatSignedScore(solution.objective - first.objective)))")
            lines += moves.map { "    moves: " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one mentee's match: the chosen mentor's points, and every other mentor considered.",
        discussion: """
            Example:
              mentor-match explain --mentors mentors.csv --mentees mentees.csv \\
                  --config config.json --mentee e1
            """)

    @OptionGroup var roster: RosterOptions

    @Option(help: "The mentee, by id or name.")
    var mentee: String

    @Option(help: ArgumentHelp("Also list the K best other mentors for the mentee: for each, the exact change in the total score if that pair were locked, and who else would move (Hungarian solver, total objective).", valueName: "K"))
    var alternatives: Int?

    func validate() throws {
        if let alternatives, alternatives < 1 { throw ValidationError("--alternatives must be at least 1") }
        if alternatives != nil, roster.solver != .hungarian || roster.objective != .total || roster.keep != nil {
            throw ValidationError("--alternatives prices changes from the Hungarian solver's certificate: use --solver hungarian, --objective total and no --keep")
        }
    }

    func run() throws {
        try reportingErrors(context: "explain") {
            let (match, report) = try roster.report()
            let mentee = try PersonLookup(match.roster.mentees).id(of: self.mentee, side: "mentee", context: "--mentee \(self.mentee)") { note in
                FileHandle.standardError.write(Data("mentor-match: note: \(note)\n".utf8))
            }
            var text = try match.explanation(ofMentee: mentee, in: report)
            if let alternatives {
                let problem = try match.problem
                let whatIf = try WhatIf(problem, optimal: HungarianSolver().solve(problem))
                let outcomes = try whatIf.alternatives(forMentee: mentee, count: alternatives)
                for outcome in outcomes { try problem.verify(outcome.solution) }
                text += AlternativesText.lines(outcomes, mentee: mentee, of: whatIf, names: PeopleNames(match.roster))
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// A mentee's alternatives in words.
enum AlternativesText {
    static func lines(_ outcomes: [WhatIf.Outcome], mentee: String, of whatIf: WhatIf, names: PeopleNames) -> String {
        guard !outcomes.isEmpty else { return "no other mentor can be locked to \(names.mentee(mentee)) under the rules\n" }
        var lines = ["alternatives for \(names.mentee(mentee)), each locked in turn (total now \(formatScore(whatIf.solution.objective))):"]
        for outcome in outcomes {
            let pairs = outcome.pairChange == 0 ? "" : ", \(-outcome.pairChange) mentee\(outcome.pairChange == -1 ? "" : "s") fewer matched"
            lines.append("  \(names.mentor(outcome.pair.mentor)): total \(formatScore(outcome.solution.objective)) (\(formatSignedScore(outcome.scoreChange))\(pairs))")
            for move in outcome.moves where move.mentee != mentee {
                lines.append("    moves: " + names.move(mentee: move.mentee, before: move.before, after: move.after))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match a bundled roster end to end and print the explained result.",
        discussion: """
            The datasets travel with the tool (\(BundledDatasets.names.joined(separator: ", "))); \
            --dataset also takes any folder with mentors.csv, mentees.csv and config.json.

            Example:
              mentor-match demo --dataset peer-recovery-sites
            """)

    @Option(help: "A bundled dataset (\(BundledDatasets.names.joined(separator: ", "))) or a folder with mentors.csv, mentees.csv and config.json.")
    var dataset = "new-england-prevention"

    func run() throws {
        try reportingErrors(context: "demo") {
            let folder: String
            if let bundled = BundledDatasets.folder(dataset) {
                folder = bundled.path
            } else {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dataset, isDirectory: &isFolder), isFolder.boolValue else {
                    throw MatchingError.malformedFile(
                        "--dataset \(dataset): neither a bundled dataset (\(BundledDatasets.names.joined(separator: ", "))) nor a folder")
                }
                folder = dataset
            }
            var options = try RosterOptions.parse([
                "--mentors", folder + "/mentors.csv", "--mentees", folder + "/mentees.csv", "--config", folder + "/config.json",
            ])
            options.solver = .hungarian
            let report = try options.report().report
            FileHandle.standardOutput.write(Data(("\(dataset) (synthetic)\n\n" + report.table()).utf8))
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a seeded synthetic roster (mentors.csv and mentees.csv) of any size.",
        discussion: """
            Example:
              mentor-match generate --mentees 200 --mentors 60 --regions CT,MA,RI \\
                  --capacity 1-4 --out test-roster
            """)

    @Option(help: "How many mentees.") var mentees: Int
    @Option(help: "How many mentors.") var mentors: Int
    @Option(help: "Comma-separated states or regions.") var regions = "CT,ME,MA,NH,RI,VT"
    @Option(help: "Comma-separated states or regions of the mentors (default: --regions).") var mentorRegions: String?
    @Option(help: "Mentor capacity range, as LOW-HIGH.") var capacity = "1-3"
    @Option(help: "Comma-separated settings (default: prevention settings).") var settings: String?
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "The folder to write to (created if missing).") var out: String
    @Flag(help: "Replace mentors.csv and mentees.csv in --out if they exist.") var force = false

    func validate() throws {
        for (option, size) in [("--mentees", mentees), ("--mentors", mentors)] where !(0...10_000_000).contains(size) {
            throw ValidationError("\(option) must be 0 to 10,000,000, not \(size)")
        }
        guard capacityRange != nil else { throw ValidationError("--capacity must look like 1-3") }
    }

    var capacityRange: ClosedRange<Int>? {
        let bounds = capacity.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1] else { return nil }
        return bounds[0]...bounds[1]
    }

    func run() throws {
        try reportingErrors(context: out) {
            let roster = SyntheticRoster.generate(
                mentees: mentees, mentors: mentors, regions: regions.split(separator: ",").map(String.init),
                mentorRegions: mentorRegions.map { $0.split(separator: ",").map(String.init) },
                capacity: capacityRange ?? 1...3, settings: settings.map { $0.split(separator: ",").map(String.init) }
                    ?? ["school", "community coalition", "health department", "tribal program", "college campus"],
                seed: seed)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw MatchingError.malformedFile("\(out): cannot create the folder (\(error.localizedDescription))")
            }
            let files = [(out + "/mentors.csv", RosterCSV.text(of: roster.mentors, role: .mentor)), (out + "/mentees.csv", RosterCSV.text(of: roster.mentees, role: .mentee))]
            // Check both before writing either, so that a refusal leaves nothing half done.
            if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.0) }) {
                throw MatchingError.malformedFile("\(existing.0): the file exists; give --force to replace it")
            }
            for (path, text) in files { try OutputFile.write(Data(text.utf8), to: path, inputs: [], replacing: true) }
            print("wrote \(out)/mentors.csv (\(mentors) mentors) and \(out)/mentees.csv (\(mentees) mentees)")
        }
    }
}

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write mentors.csv and mentees.csv with every column and an example row, and config.json with every rule.",
        discussion: """
            Start a new program from these files: open the CSV files in a spreadsheet, replace the example rows, \
            and change the rules in config.json (every rule is there at its default).

            Example:
              mentor-match template --out my-program
              mentor-match match --mentors my-program/mentors.csv \\
                  --mentees my-program/mentees.csv --config my-program/config.json
            """)

    @Option(help: "The folder to write to (created if missing).") var out: String
    @Flag(help: "Replace the files in --out if they exist.") var force = false

    static let config = """
        {
          "title": "Mentor match report",
          "sameState": true,
          "differentOrganisation": false,
          "minimumScore": null,
          "forbidden": [],
          "locked": [],
          "maxPerMentor": {},
          "weights": {
            "domainFit": 1,
            "domains": {\(PreventionDomain.allCases.map { "\"\($0.rawValue)\": 1" }.joined(separator: ", "))},
            "sharedLanguage": 0,
            "sameSetting": 0,
            "sameAttribute": {}
          }
        }

        """

    func run() throws {
        try reportingErrors(context: "template") {
            let ratings = DomainRatings { _ in 3 }
            let mentor = Profile(
                id: "m1", name: "Ana Example", region: "MA", organisation: "Example Coalition", setting: "school", languages: ["English", "Spanish"],
                ratings: ratings, capacity: 2, minimum: 0)
            let mentee = Profile(
                id: "e1", name: "Bo Example", region: "MA", organisation: "Example Youth Center", setting: "school", languages: ["English"],
                ratings: ratings, demand: 1)
            let files = [
                ("mentors.csv", RosterCSV.text(of: [mentor], role: .mentor)), ("mentees.csv", RosterCSV.text(of: [mentee], role: .mentee)),
                ("config.json", Self.config),
            ].map { (out + "/" + $0.0, $0.1) }
            if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.0) }) {
                throw MatchingError.malformedFile("\(existing.0): the file exists; give --force to replace it")
            }
            do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                throw MatchingError.malformedFile("\(out): cannot create the folder (\(error.localizedDescription))")
            }
            for (path, text) in files { try OutputFile.write(Data(text.utf8), to: path, inputs: [], replacing: true) }
        }
    }
}
