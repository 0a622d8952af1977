import MentorMatch

/// Seeded synthetic rosters, for demos, datasets and benchmarks: made-up people, never real ones.
public enum SyntheticRoster {
    /// Makes a roster. The same arguments always give the same roster.
    ///
    /// Mentees and mentors are spread over `regions` in turn; each person gets an organisation of
    /// their region (six per region), a setting, languages (mostly English, some bilingual, a few
    /// Spanish or Portuguese only), and domain ratings 0-5 (mentors lean strong, mentees needy).
    ///
    /// - Parameters:
    ///   - mentees: How many mentees.
    ///   - mentors: How many mentors.
    ///   - regions: State or region codes; at least one.
    ///   - mentorRegions: The mentors' regions, when they differ from `regions` (for example to
    ///     leave a state without mentors).
    ///   - capacity: The range mentor capacities are drawn from.
    ///   - settings: The settings people work in.
    ///   - seed: The random seed.
    /// - Complexity: O(mentees + mentors).
    public static func generate(
        mentees: Int, mentors: Int, regions: [String], mentorRegions: [String]? = nil, capacity: ClosedRange<Int>,
        settings: [String] = ["school", "community coalition", "health department", "tribal program", "college campus"],
        seed: UInt64
    ) -> Roster {
        var random = SplitMix64(seed: seed)
        let menteeRegions = regions.isEmpty ? ["all"] : regions
        let mentorRegions = mentorRegions.flatMap { $0.isEmpty ? nil : $0 } ?? menteeRegions
        func person(_ index: Int, prefix: String, strong: Bool) -> Profile {
            let regions = strong ? mentorRegions : menteeRegions
            let region = regions[index % regions.count]
            var ratings = DomainRatings()
            for domain in PreventionDomain.allCases {
                let base = Int.random(in: 0...5, using: &random)
                ratings[domain] = strong ? max(base, Int.random(in: 0...5, using: &random)) : min(base, Int.random(in: 0...5, using: &random))
            }
            let languages = languageMixes[Int.random(in: 0..<languageMixes.count, using: &random)]
            let given = givenNames.randomElement(using: &random)!, family = familyNames.randomElement(using: &random)!
            return Profile(
                id: "\(prefix)\(index + 1)", name: "\(given) \(family)", region: region,
                organisation: "\(region) \(organisationKinds[Int.random(in: 0..<organisationKinds.count, using: &random)])",
                setting: settings.randomElement(using: &random) ?? "", languages: languages, ratings: ratings,
                capacity: strong ? Int.random(in: capacity, using: &random) : 1)
        }
        let mentorList = (0..<mentors).map { person($0, prefix: "mentor-", strong: true) }
        let menteeList = (0..<mentees).map { person($0, prefix: "mentee-", strong: false) }
        return Roster(mentors: mentorList, mentees: menteeList)
    }

    private static let givenNames = [
        "Ada", "Ben", "Carla", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jo", "Kofi", "Lena", "Mateo", "Nia", "Omar",
        "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen", "Yusuf", "Zoe",
    ]
    private static let familyNames = [
        "Abbott", "Baptiste", "Costa", "Duarte", "Ellis", "Fontaine", "Garcia", "Hale", "Iqbal", "Jensen", "Kowalski", "Lopes",
        "Moreau", "Nguyen", "Okafor", "Pereira", "Quist", "Rivera", "Silva", "Tran", "Underwood", "Vance", "Walsh", "Young",
    ]
    private static let organisationKinds = [
        "Prevention Coalition", "Health Department", "Youth Services", "Recovery Network", "School District", "Community Partnership",
    ]
    /// Mostly English; some bilingual; a few Spanish or Portuguese only.
    private static let languageMixes = [["English"], ["English"], ["English"], ["English"], ["English"], ["English"],
        ["English", "Spanish"], ["English", "Spanish"], ["English", "Portuguese"], ["Spanish"], ["Portuguese"]]
}
