import Foundation
import MentorMatch

extension MatchReport {
    /// The names of the soft rules, in the order they first appear.
    var ruleNames: [String] {
        var names: [String] = []
        for part in matches.flatMap(\.parts) where !names.contains(part.rule) { names.append(part.rule) }
        return names
    }

    /// One CSV row per mentee: `mentee,mentee_name,state,mentor,mentor_name,score`, one column of
    /// points per soft rule, `previous` when compared with a previous match ("kept", "new",
    /// "new (was m3: why)", or on an unmatched row "dropped m3: why"), and `explanation` (the
    /// points in words, or why the mentee has no mentor).
    /// Assigned mentees first, in mentee order, then the unassigned.
    ///
    /// - Complexity: O(rows x rules).
    public func csv() -> String {
        let rules = ruleNames
        let compared = previous != nil
        var text = CSVLine.format(["mentee", "mentee_name", "state", "mentor", "mentor_name", "score"] + rules + (compared ? ["previous"] : []) + ["explanation"])
        for match in matches {
            let points = rules.map { rule in match.parts.first { $0.rule == rule }.map { formatScore($0.points) } ?? "" }
            text += CSVLine.format(
                [match.mentee, match.menteeName, match.region, match.mentor, match.mentorName, formatScore(match.score)] + points
                    + (compared ? [match.previous ?? ""] : []) + [Self.explanation(of: match)])
        }
        for left in unmatched {
            text += CSVLine.format([left.mentee, left.menteeName, left.region, "", "", ""] + rules.map { _ in "" } + (compared ? [left.previous ?? ""] : []) + [left.reason])
        }
        return text
    }

    /// The report as JSON, keys sorted and indented, so equal reports give equal bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A readable table: a summary, each match with its explanation, the unassigned mentees with
    /// their reasons, and the fill of each state.
    public func table() -> String {
        var lines = [
            "\(solver) (\(status.inWords)): \(matches.count) matched, \(unmatched.count) unmatched"
                + (meanScore.map { String(format: ", mean score %.1f", $0) } ?? "")
                + (lowestScore.map { ", lowest \(formatScore($0))" } ?? ""),
            "",
        ]
        // With a previous match, each pair says whether it was kept, is new, or moved its mentee.
        let moved = Set((previous?.dropped ?? []).map(\.mentee)).intersection(matches.map(\.mentee))
        func change(_ match: Match) -> [String] {
            guard previous != nil else { return [] }
            return [match.previous == "kept" ? "kept" : moved.contains(match.mentee) ? "moved" : "new"]
        }
        let rows = [["mentee", "state", "mentor", "score"] + (previous != nil ? ["previous"] : []) + ["why"]]
            + matches.map {
                [Self.person($0.mentee, $0.menteeName), $0.region, Self.person($0.mentor, $0.mentorName), formatScore($0.score)] + change($0)
                    + [Self.explanation(of: $0)]
            }
        lines += alignedColumns(rows)
        if !unmatched.isEmpty {
            lines += ["", "unmatched:"] + unmatched.map { "  \(Self.person($0.mentee, $0.menteeName)) (\($0.region)): \($0.reason)" }
        }
        lines += ["", "by state: " + regions.map { "\($0.region) \($0.assigned)/\($0.mentees) matched, \($0.places) places" }.joined(separator: "; ")]
        if let previous {
            let total = matches.reduce(0) { $0 + $1.score }
            let movedFrom = Dictionary(grouping: previous.dropped.filter { moved.contains($0.mentee) }, by: \.mentee)
            let newPairs = matches.filter { $0.previous != "kept" && !moved.contains($0.mentee) }
            let droppedPairs = previous.dropped.filter { !moved.contains($0.mentee) }
            lines += [
                "",
                "against the previous match\(previous.keep ? " (its pairs kept where possible)" : ""): \(previous.kept) kept, "
                    + "\(moved.count) moved, \(newPairs.count) new, \(droppedPairs.count) dropped",
                "total score \(formatScore(previous.previousScore)) -> \(formatScore(total)) (\(formatSignedScore(total - previous.previousScore))); "
                    + "the previous total counts its pairs that still stand, scored by the current rules",
            ]
            for match in matches where moved.contains(match.mentee) && match.previous != "kept" {
                for was in movedFrom[match.mentee] ?? [] {
                    lines.append(
                        "  moved: \(Self.person(match.mentee, match.menteeName)): \(Self.person(was.mentor, was.mentorName)) -> "
                            + "\(Self.person(match.mentor, match.mentorName)) (\(was.reason))")
                }
            }
            lines += newPairs.map { "  new: \(Self.person($0.mentee, $0.menteeName)) -> \(Self.person($0.mentor, $0.mentorName))" }
            lines += droppedPairs.map { "  dropped: \(Self.person($0.mentee, $0.menteeName)) - \(Self.person($0.mentor, $0.mentorName)): \($0.reason)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "domain fit 42 + same setting 5".
    static func explanation(of match: Match) -> String {
        let nonZero = match.parts.filter { $0.points != 0 }
        return nonZero.isEmpty ? "no points" : nonZero.map { "\($0.rule) \(formatScore($0.points))" }.joined(separator: " + ")
    }

    /// A person as a coordinator reads them, everywhere the tool names one: `Name [id]`, or the
    /// id alone for a person without a name.
    package static func person(_ id: String, _ name: String) -> String { name.isEmpty ? id : "\(name) [\(id)]" }
}

extension Solution.Status {
    /// The status as a coordinator reads it on the report.
    var inWords: String {
        switch self {
        case .optimal: "the best possible"
        case .timeLimit: "the best found in the time limit"
        case .heuristic: "not proven the best"
        case .ranked: "ranked"
        }
    }
}
