import Foundation
import MentorMatch
import Plot

extension MatchReport {
    /// The report as one self-contained HTML page to read on screen or print: a summary, the fill
    /// of each state as an SVG bar chart, each mentor with their mentees, every pair's points rule
    /// by rule, the unmatched mentees with their reasons, the comparison with a previous match
    /// (kept, new, dropped) and the warnings from reading the files.
    ///
    /// **Safe to open.** No script, no network, no external file: styles are inline and the chart
    /// is inline SVG. Everything that comes from the input (names, ids, states, reasons) is
    /// written as escaped text (Plot escapes `<`, `>` and `&` in text), never into an attribute
    /// or the markup, so a name such as `<script>` prints as itself.
    ///
    /// - Parameters:
    ///   - title: The page's heading, for example the program's name.
    ///   - inputs: The files the match was made from, named under the heading.
    ///   - date: The day the match was made, under the heading (ISO 8601, UTC).
    /// - Complexity: O(matches x rules + mentors + states).
    public func html(title: String = "Mentor match report", inputs: [String] = [], date: Date? = nil) -> String {
        let rules = ruleNames
        let total = matches.reduce(0) { $0 + $1.score }
        let origin = [inputs.isEmpty ? nil : "From " + inputs.joined(separator: ", "), date.map { "matched on " + $0.formatted(Date.ISO8601FormatStyle().year().month().day()) }]
        let source: String? = origin.allSatisfy { $0 == nil } ? nil : origin.compactMap { $0 }.joined(separator: "; ") + "."
        let byMentor = Dictionary(grouping: matches, by: \.mentor)
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                // Not Plot's `.title`, which also copies the text into meta attributes, unescaped.
                .element(named: "title", text: title),
                .style(Self.css)
            ),
            .body(
                .h1(.text(title)),
                .unwrap(source) { .p(.class("source"), .text($0)) },
                .p(.text(
                    "\(matches.count) pairs, \(unmatched.count) mentees unmatched; total score \(formatScore(total))"
                        + (meanScore.map { String(format: ", mean %.1f", $0) } ?? "")
                        + (lowestScore.map { ", lowest \(formatScore($0))" } ?? "")
                        + ". Solver: \(solver) (\(status.inWords)).")),
                .unwrap(previous) { previous in
                    .p(.text(
                        "Against the previous match\(previous.keep ? " (previous pairs kept where possible)" : ""): "
                            + "\(previous.kept) kept, \(previous.new) new, \(previous.dropped.count) dropped."))
                },
                .h2("Fill by state"),
                Self.fillChart(regions),
                .h2("Mentors and their mentees"),
                .forEach(loads) { load in
                    .section(
                        .class("mentor"),
                        .h3(.text("\(Self.person(load.mentor, load.mentorName)), \(load.region): \(load.load) of \(load.capacity) places")),
                        .if(
                            byMentor[load.mentor]?.isEmpty == false,
                            .ul(.forEach(byMentor[load.mentor] ?? []) { match in
                                .li(.text(
                                    "\(Self.person(match.mentee, match.menteeName)): score \(formatScore(match.score)) (\(Self.explanation(of: match)))"
                                        + (match.previous.map { ", \($0)" } ?? "")))
                            }),
                            else: .p(.class("quiet"), "No mentees.")
                        )
                    )
                },
                .h2("Every pair, rule by rule"),
                .table(
                    .thead(.tr(.forEach(["mentee", "mentor", "state"] + rules + ["score"] + (previous == nil ? [] : ["previous"])) { .th(.text($0)) })),
                    .tbody(.forEach(matches) { match in
                        .tr(
                            .td(.text(Self.person(match.mentee, match.menteeName))),
                            .td(.text(Self.person(match.mentor, match.mentorName))),
                            .td(.text(match.region)),
                            .forEach(rules) { rule in
                                .td(.class("number"), .text(match.parts.first { $0.rule == rule }.map { formatScore($0.points) } ?? ""))
                            },
                            .td(.class("number"), .text(formatScore(match.score))),
                            .if(previous != nil, .td(.text(match.previous ?? "")))
                        )
                    })
                ),
                .h2("Unmatched mentees"),
                .if(
                    unmatched.isEmpty,
                    .p(.class("quiet"), "Every mentee has a mentor."),
                    else: .ul(.forEach(unmatched) { left in
                        .li(.text("\(Self.person(left.mentee, left.menteeName)), \(left.region): \(left.reason)"))
                    })
                ),
                .unwrap(previous) { previous in
                    .group(
                        .h2("Previous pairs dropped"),
                        .if(
                            previous.dropped.isEmpty,
                            .p(.class("quiet"), "None."),
                            else: .ul(.forEach(previous.dropped) { dropped in
                                .li(.text("\(MatchReport.person(dropped.mentee, dropped.menteeName)) - \(MatchReport.person(dropped.mentor, dropped.mentorName)): \(dropped.reason)"))
                            })
                        )
                    )
                },
                .h2("Warnings from reading the files"),
                .if(
                    warnings.isEmpty,
                    .p(.class("quiet"), "None."),
                    else: .ul(.forEach(warnings) { .li(.text($0)) })
                )
            )
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }

    /// Assigned over mentees per state, one bar each, with the numbers written beside the bars
    /// (so the chart reads without colour, on paper).
    private static func fillChart(_ regions: [RegionFill]) -> Node<HTML.BodyContext> {
        let rowHeight = 22, labelWidth = 140, barWidth = 300, width = labelWidth + barWidth + 260
        let height = max(1, regions.count) * rowHeight + 8
        func number(_ value: Int) -> String { String(value) }
        let rows: [Node<HTML.BodyContext>] = regions.enumerated().map { index, region in
            let y = 4 + index * rowHeight
            let filled = region.mentees == 0 ? 0 : barWidth * region.assigned / region.mentees
            return .group(
                .element(named: "text", nodes: [
                    .attribute(named: "x", value: number(labelWidth - 8)), .attribute(named: "y", value: number(y + 15)),
                    .attribute(named: "text-anchor", value: "end"), .text(region.region),
                ]),
                .element(named: "rect", nodes: [
                    .attribute(named: "x", value: number(labelWidth)), .attribute(named: "y", value: number(y + 2)),
                    .attribute(named: "width", value: number(barWidth)), .attribute(named: "height", value: number(rowHeight - 6)),
                    .attribute(named: "class", value: "track"),
                ]),
                .element(named: "rect", nodes: [
                    .attribute(named: "x", value: number(labelWidth)), .attribute(named: "y", value: number(y + 2)),
                    .attribute(named: "width", value: number(filled)), .attribute(named: "height", value: number(rowHeight - 6)),
                    .attribute(named: "class", value: "bar"),
                ]),
                .element(named: "text", nodes: [
                    .attribute(named: "x", value: number(labelWidth + barWidth + 8)), .attribute(named: "y", value: number(y + 15)),
                    .text("\(region.assigned) of \(region.mentees) matched, \(region.places) places"),
                ])
            )
        }
        return .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "width", value: number(width)), .attribute(named: "height", value: number(height)),
            .attribute(named: "viewBox", value: "0 0 \(width) \(height)"),
            .attribute(named: "role", value: "img"),
            .element(named: "title", nodes: [Node<HTML.BodyContext>.text("Mentees matched per state")]),
            .group(rows),
        ])
    }

    private static let css = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 11pt; color: #111; margin: 2em; max-width: 60em; }
        h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 0.8em 0 0.2em; }
        table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; }
        td.number { text-align: right; } .quiet { color: #555; }
        svg text { font-size: 11px; fill: #111; } svg .track { fill: #e6e6e6; } svg .bar { fill: #3a6ea5; }
        section.mentor, tr { break-inside: avoid; page-break-inside: avoid; }
        @media print { body { margin: 0; } h2 { break-after: avoid; page-break-after: avoid; } }
        """
}
