import Foundation

/// The bundled example rosters as package resources, so that a built `mentor-match` finds them
/// from any folder (the resource bundle SwiftPM writes beside the binary travels with it).
public enum BundledDatasets {
    /// The datasets by folder name.
    public static let names = ["new-england-prevention", "peer-recovery-sites"]

    /// The folder of dataset `name` (mentors.csv, mentees.csv, config.json), `nil` for another name.
    public static func folder(_ name: String) -> URL? {
        guard names.contains(name) else { return nil }
        return Bundle.module.url(forResource: name, withExtension: nil)
    }
}
