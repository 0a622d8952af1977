/// The six IC&RC Prevention Specialist performance domains, in the order of the IC&RC job
/// analysis. Mentors rate their strength in each (0-5) and mentees their need for support (0-5).
public enum PreventionDomain: String, CaseIterable, Sendable, Codable {
    case planningAndEvaluation = "planning_evaluation"
    case educationAndServiceDelivery = "education_service_delivery"
    case communication
    case communityOrganization = "community_organization"
    case publicPolicyAndEnvironmentalChange = "public_policy_environmental_change"
    case professionalGrowthAndResponsibility = "professional_growth_responsibility"

    /// The domain's name as IC&RC writes it.
    public var title: String {
        switch self {
        case .planningAndEvaluation: "Planning and Evaluation"
        case .educationAndServiceDelivery: "Prevention Education and Service Delivery"
        case .communication: "Communication"
        case .communityOrganization: "Community Organization"
        case .publicPolicyAndEnvironmentalChange: "Public Policy and Environmental Change"
        case .professionalGrowthAndResponsibility: "Professional Growth and Responsibility"
        }
    }
}

/// A rating from 0 to 5 for each prevention domain.
public struct DomainRatings: Sendable, Hashable, Codable {
    private var values: [Int]

    /// All ratings 0.
    public init() { values = Array(repeating: 0, count: PreventionDomain.allCases.count) }

    /// The rating of each domain from `rating`.
    public init(_ rating: (PreventionDomain) -> Int) {
        values = PreventionDomain.allCases.map(rating)
    }

    public subscript(domain: PreventionDomain) -> Int {
        get { values[PreventionDomain.allCases.firstIndex(of: domain)!] }
        set { values[PreventionDomain.allCases.firstIndex(of: domain)!] = newValue }
    }

    /// Encoded as an object keyed by the domains' raw values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DomainKey.self)
        for domain in PreventionDomain.allCases { try container.encode(self[domain], forKey: DomainKey(domain)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DomainKey.self)
        self.init()
        for domain in PreventionDomain.allCases {
            let rating = try container.decodeIfPresent(Int.self, forKey: DomainKey(domain)) ?? 0
            guard (0...5).contains(rating) else {
                throw DecodingError.dataCorruptedError(forKey: DomainKey(domain), in: container, debugDescription: "rating must be 0 to 5")
            }
            self[domain] = rating
        }
    }

    private struct DomainKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ domain: PreventionDomain) { stringValue = domain.rawValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A mentor or mentee as program staff describe them.
public struct Profile: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The state or region; the "same state" rule compares it exactly.
    public var region: String
    public var organisation: String
    /// For example "diversion", "child welfare" or "school".
    public var setting: String
    public var languages: [String]
    /// Mentors: strength per domain. Mentees: need for support per domain.
    public var ratings: DomainRatings
    /// Mentors: the most mentees they take (default 1). Ignored for mentees.
    public var capacity: Int
    /// Mentors: the fewest mentees they must take (default 0). Ignored for mentees.
    public var minimum: Int
    /// Mentees: how many different mentors they want (default 1), for example a new site's team
    /// that several experienced sites mentor. Ignored for mentors.
    public var demand: Int
    /// Who this person would like on the other side, most preferred first, by id or name as
    /// written; empty for no list (see `Problem/Preferences`).
    public var preferences: [String]
    /// Further columns of the roster, by column name.
    public var attributes: [String: String]

    public init(
        id: String, name: String = "", region: String = "", organisation: String = "", setting: String = "",
        languages: [String] = [], ratings: DomainRatings = DomainRatings(), capacity: Int = 1, minimum: Int = 0, demand: Int = 1,
        preferences: [String] = [], attributes: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.organisation = organisation
        self.setting = setting
        self.languages = languages
        self.ratings = ratings
        self.capacity = capacity
        self.minimum = minimum
        self.demand = demand
        self.preferences = preferences
        self.attributes = attributes
    }
}

/// The people of one matching round.
public struct Roster: Sendable, Hashable, Codable {
    public var mentors: [Profile]
    public var mentees: [Profile]

    public init(mentors: [Profile], mentees: [Profile]) {
        self.mentors = mentors
        self.mentees = mentees
    }
}
