import Foundation
import MentorMatch

/// How a program turns profiles into allowed pairs and scores: hard rules that exclude a pair,
/// and weighted soft rules whose points add up to the pair's score (higher is better).
///
/// Read from JSON (every field optional, unknown fields rejected):
/// ```json
/// {"title": "Spring cohort", "sameState": true, "differentOrganisation": false, "minimumScore": 10,
///  "forbidden": [{"mentee": "e1", "mentor": "m2"}], "locked": [{"mentee": "e3", "mentor": "m1"}],
///  "maxPerMentor": {"organisation": 1}, "enforceMinimums": true,
///  "weights": {"domainFit": 1, "domains": {"communication": 2}, "sharedLanguage": 5,
///              "sameSetting": 3, "sameAttribute": {"county": 2}}}
/// ```
public struct ScoringRules: Sendable, Hashable {
    /// The program's name, the heading of the printed report. Not a rule: it changes no pair.
    public var title: String?
    /// Hard rule: mentee and mentor in the same state or region. Default on.
    public var sameState = true
    /// Hard rule: mentee and mentor from different organisations. Default off.
    public var differentOrganisation = false
    /// Hard rule: pairs scoring below this are not allowed. Default none.
    public var minimumScore: Double?
    /// Hard rule: pairs never to make.
    public var forbidden: [Problem.Pair] = []
    /// Pairs that must be made; each must pass the other hard rules.
    public var locked: [Problem.Pair] = []
    /// Hard rule: per column, the most mentees with the same (non-empty) value in that column one
    /// mentor may take, for example `["organisation": 1]`: one group per value, groups of one
    /// column disjoint. Columns: `organisation`, `setting`, `state`, or an attribute column.
    public var maxPerMentor: [String: Int] = [:]
    /// Whether the mentors' `minimum` column is enforced. Default on; off to compare with the
    /// stable solvers, which cannot honour minimum loads (a warning says so).
    public var enforceMinimums = true
    /// Soft rule: weight of the domain fit, the sum over domains of
    /// domain weight x mentee need x mentor strength (0-150 with unit weights). Default 1.
    public var domainFitWeight = 1.0
    /// Per-domain weights inside the domain fit; a missing domain weighs 1.
    public var domainWeights: [PreventionDomain: Double] = [:]
    /// Soft rule: points when mentee and mentor share a language. Default 0.
    public var sharedLanguageWeight = 0.0
    /// Soft rule: points when mentee and mentor work in the same setting. Default 0.
    public var sameSettingWeight = 0.0
    /// Soft rules: points when mentee and mentor have the same value of an attribute column.
    public var sameAttributeWeights: [String: Double] = [:]

    public init() {}

    /// One rule's contribution to a pair's score.
    public struct Part: Sendable, Hashable, Codable {
        public var rule: String
        public var points: Double
    }

    /// What the rules say about one pair.
    public struct Evaluation: Sendable, Hashable {
        /// The first hard rule that excludes the pair, or `nil` if it is allowed.
        public var excludedBy: String?
        /// The soft rules' points, in a fixed order; they add up to ``score``.
        public var parts: [Part]
        public var score: Double
    }

    /// Applies the rules to a pair.
    ///
    /// ``RosterMatch`` scores a whole roster the same way, with every person's values
    /// normalised once; this is the same reading of the rules for one pair.
    ///
    /// - Complexity: O(size of the two profiles).
    public func evaluate(mentee: Profile, mentor: Profile) -> Evaluation {
        NormalisedRoster(roster: Roster(mentors: [mentor], mentees: [mentee]), rules: self).evaluation(mentee: 0, mentor: 0)
    }
}

extension ScoringRules {
    /// The groups of ``maxPerMentor``: per column (sorted) and per distinct non-empty value (by
    /// ``RosterText/key(_:)``, in order of first appearance), the mentees with that value, with
    /// id `column=value` as first written.
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` for a column no mentee has.
    /// - Complexity: O(*c* × *n*), where *c* is the number of limited columns and *n* of mentees.
    public func groups(of mentees: [Profile]) throws -> [Problem.Group] {
        var groups: [Problem.Group] = []
        for (column, limit) in maxPerMentor.sorted(by: { $0.key < $1.key }) {
            let value: (Profile) -> String? =
                switch column {
                case "organisation": { $0.organisation }
                case "setting": { $0.setting }
                case "state": { $0.region }
                default: { $0.attributes[column] }
                }
            guard mentees.contains(where: { value($0) != nil }) else {
                let columns = Set(mentees.flatMap(\.attributes.keys)).sorted() + ["organisation", "setting", "state"]
                throw MatchingError.malformedFile(
                    "maxPerMentor names the column '\(column)', which the mentee file does not have"
                        + (RosterText.suggestion(for: column, among: columns).map { "; did you mean '\($0)'?" } ?? ""))
            }
            var members: [String: [String]] = [:]
            var order: [(key: String, written: String)] = []
            for mentee in mentees {
                guard let written = value(mentee), !written.isEmpty else { continue }
                let key = RosterText.key(written)
                if members[key] == nil { order.append((key, written)) }
                members[key, default: []].append(mentee.id)
            }
            groups += order.map { Problem.Group(id: "\(column)=\($0.written)", mentees: members[$0.key, default: []], maxPerMentor: limit) }
        }
        return groups
    }

    /// Reads rules from JSON.
    ///
    /// - Throws: `MatchingError/malformedFile(_:)` naming the field at fault.
    public init(json data: Data) throws {
        do {
            self = try JSONDecoder().decode(RulesDocument.self, from: data).rules
        } catch let error as DecodingError {
            throw MatchingError.malformedFile(describeDecodingError(error, in: data))
        }
    }
}

private struct RulesDocument: Decodable {
    var rules = ScoringRules()

    struct Weights: Decodable {
        var domainFit: Double?
        var domains: [String: Double]?
        var sharedLanguage: Double?
        var sameSetting: Double?
        var sameAttribute: [String: Double]?
    }

    enum Keys: String, CodingKey, CaseIterable {
        case title, sameState, differentOrganisation, minimumScore, forbidden, locked, maxPerMentor, enforceMinimums, weights
    }
    enum WeightKeys: String, CodingKey, CaseIterable {
        case domainFit, domains, sharedLanguage, sameSetting, sameAttribute
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: Set(Keys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: Keys.self)
        rules.title = try container.decodeIfPresent(String.self, forKey: .title)
        rules.sameState = try container.decodeIfPresent(Bool.self, forKey: .sameState) ?? true
        rules.differentOrganisation = try container.decodeIfPresent(Bool.self, forKey: .differentOrganisation) ?? false
        rules.minimumScore = try container.decodeIfPresent(Double.self, forKey: .minimumScore)
        rules.forbidden = try container.decodeIfPresent([Problem.Pair].self, forKey: .forbidden) ?? []
        rules.locked = try container.decodeIfPresent([Problem.Pair].self, forKey: .locked) ?? []
        rules.maxPerMentor = try container.decodeIfPresent([String: Int].self, forKey: .maxPerMentor) ?? [:]
        rules.enforceMinimums = try container.decodeIfPresent(Bool.self, forKey: .enforceMinimums) ?? true
        if let (column, limit) = rules.maxPerMentor.first(where: { $0.value < 0 }) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: container.codingPath, debugDescription: "maxPerMentor for '\(column)' is \(limit); it must be 0 or more"))
        }
        guard container.contains(.weights) else { return }
        let weightsDecoder = try container.superDecoder(forKey: .weights)
        try rejectUnknownKeys(in: weightsDecoder, allowed: Set(WeightKeys.allCases.map(\.rawValue)))
        let weights = try Weights(from: weightsDecoder)
        rules.domainFitWeight = weights.domainFit ?? 1
        for (name, weight) in weights.domains ?? [:] {
            guard let domain = PreventionDomain(rawValue: name) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: weightsDecoder.codingPath, debugDescription: "unknown domain '\(name)' in `domains`"))
            }
            rules.domainWeights[domain] = weight
        }
        rules.sharedLanguageWeight = weights.sharedLanguage ?? 0
        rules.sameSettingWeight = weights.sameSetting ?? 0
        rules.sameAttributeWeights = weights.sameAttribute ?? [:]
        let all = [rules.domainFitWeight, rules.sharedLanguageWeight, rules.sameSettingWeight] + rules.domainWeights.values
            + rules.sameAttributeWeights.values + [rules.minimumScore ?? 0]
        guard all.allSatisfy({ $0.isFinite && abs($0) <= 1e9 }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: weightsDecoder.codingPath, debugDescription: "weights must be finite, at most 1e9"))
        }
    }
}
