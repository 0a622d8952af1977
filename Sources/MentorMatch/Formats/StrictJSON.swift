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
    case .typeMismatch(let type, let context):
        let found = jsonValue(at: context.codingPath, in: data).map(describeJSONValue) ?? "another kind of value"
        return "field `\(path(context.codingPath))` must be \(describeExpected(type)), found \(found)"
    case .valueNotFound(let type, let context):
        return "field `\(path(context.codingPath))` must be \(describeExpected(type)), found null"
    case .dataCorrupted(let context) where !context.codingPath.isEmpty:
        return "field `\(path(context.codingPath))`: \(context.debugDescription)"
    case .dataCorrupted(let context):
        let location = syntaxErrorLocation(in: data)
        return "not valid JSON" + (location.isEmpty ? ": \(context.debugDescription)" : location)
    @unknown default:
        return "not valid JSON" + syntaxErrorLocation(in: data)
    }
}

/// What a decoder expected, as a person would say it: "a number", "true or false", "a list".
private func describeExpected(_ type: Any.Type) -> String {
    switch type {
    case is Bool.Type: return "true or false"
    case is Int.Type, is Int32.Type, is Int64.Type: return "a whole number"
    case is Double.Type, is Float.Type: return "a number"
    case is String.Type: return "text in quotes"
    default:
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "a list" }
        return name.hasPrefix("Dictionary") ? "an object" : "a \(name)"
    }
}

/// The JSON value at `codingPath` in `data`, if the document parses and the path leads somewhere.
private func jsonValue(at codingPath: [any CodingKey], in data: Data) -> Any? {
    guard var value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
    for key in codingPath {
        if let index = key.intValue, let array = value as? [Any], array.indices.contains(index) {
            value = array[index]
        } else if let object = value as? [String: Any], let next = object[key.stringValue] {
            value = next
        } else {
            return nil
        }
    }
    return value
}

/// A JSON value as its writer would recognise it: `"ten"`, `true`, `12`, a list, an object.
private func describeJSONValue(_ value: Any) -> String {
    switch value {
    case let text as String: return "\"\(text)\""
    case let number as NSNumber:
        // A JSON true or false is a number of type "c" (char), as Foundation stores a Bool.
        return String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : "\(number)"
    case is NSNull: return "null"
    case is [Any]: return "a list"
    default: return "an object"
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
