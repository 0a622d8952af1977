import Foundation

/// A decodable object whose keys are all known, so that an unknown one can be refused.
protocol ClosedKeys: Decodable {
    static var keys: Set<String> { get }
}

extension Problem.Edge: ClosedKeys {
    static var keys: Set<String> { ["mentee", "mentor", "score"] }
}

extension Problem.Pair: ClosedKeys {
    static var keys: Set<String> { ["mentee", "mentor"] }
}

/// `value` as an `Int` if it is a whole number of magnitude at most 2^53 (exact as Double): the
/// counts and limits of problem JSON.
func wholeNumber(_ value: Double) -> Int? {
    value == value.rounded() && abs(value) <= 9_007_199_254_740_992 ? Int(value) : nil
}

extension KeyedDecodingContainer {
    /// A whole number, read as any JSON number so that 2.5 or 1e20 gets an error naming the field
    /// instead of a bare "not valid JSON"; magnitudes up to 2^53 (exact as Double).
    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard let whole = wholeNumber(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(value) is not a whole number of at most 2^53")
        }
        return whole
    }
}

/// A one-line description of a JSON decoding error: the field path, or for a syntax error the line.
package func describeDecodingError(_ error: DecodingError, in data: Data) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "missing field `\(path(context.codingPath + [key]))`"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "field `\(path(context.codingPath))`: \(context.debugDescription)"
    case .dataCorrupted(let context) where !context.codingPath.isEmpty:
        return "field `\(path(context.codingPath))`: \(context.debugDescription)"
    case .dataCorrupted(let context):
        let location = syntaxErrorLocation(in: data)
        return "not valid JSON" + (location.isEmpty ? ": \(context.debugDescription)" : location)
    @unknown default:
        return "not valid JSON" + syntaxErrorLocation(in: data)
    }
}

/// ", line L" for a JSON syntax error, taken from JSONSerialization's character offset.
private func syntaxErrorLocation(in data: Data) -> String {
    do {
        _ = try JSONSerialization.jsonObject(with: data)
    } catch {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let range = text.range(of: #"character \d+"#, options: .regularExpression),
            let offset = Int(text[range].dropFirst("character ".count))
        {
            let line = data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return ", line \(line): \(text)"
        }
        return ": \(text)"
    }
    return ""
}

/// Throws if the keyed container at `decoder` has a key outside `allowed`: the readers of every
/// JSON format in this package reject unknown fields, so that a misspelt field is never ignored.
package func rejectUnknownKeys(in decoder: any Decoder, allowed: Set<String>) throws {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    let container = try decoder.container(keyedBy: AnyKey.self)
    if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)], debugDescription: "unknown field"))
    }
}
