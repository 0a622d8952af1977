import Foundation

/// The header of one `.npy` array: what numpy's `np.save` writes before the raw values (format
/// versions 1 to 3): the magic string `\x93NUMPY`, the version, the header's length and a Python
/// dictionary literal with `descr`, `fortran_order` and `shape`.
struct NumpyHeader: Equatable {
    enum Kind: Equatable {
        case signed, unsigned, float, bool, bytes, unicode
    }

    var kind: Kind
    /// Bytes per value (per character times length for text).
    var itemSize: Int
    var isBigEndian: Bool
    /// Whether a 2-D array is stored column by column.
    var isFortranOrder: Bool
    var shape: [Int]
    /// The number of values: the product of the shape (1 for a 0-d array).
    var count: Int
    /// Where the values start: after the magic string, version, length and header.
    var valueOffset: Int

    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// A header longer than this is not one numpy writes.
    private static let longestHeader = 1 << 20

    /// The type as numpy names it (`int64`, `float32`, `bool`, `S3`, `U8`), for messages.
    var typeName: String {
        switch kind {
        case .signed: "int\(itemSize * 8)"
        case .unsigned: "uint\(itemSize * 8)"
        case .float: "float\(itemSize * 8)"
        case .bool: "bool"
        case .bytes: "S\(itemSize)"
        case .unicode: "U\(itemSize / 4)"
        }
    }

    /// The header at the start of `bytes`; `nil` while `bytes` is too short to hold it.
    ///
    /// - Throws: a message naming what is wrong (not a numpy array, an unknown version, a header
    ///   that does not parse, a type that is not a plain number, bool or text, a shape whose size
    ///   overflows).
    static func parse(_ bytes: [UInt8]) throws(NumpyError) -> NumpyHeader? {
        guard bytes.count >= 10 else {
            if !bytes.elementsEqual(magic.prefix(bytes.count)) { throw NumpyError("is not a numpy array (.npy)") }
            return nil
        }
        guard bytes.prefix(6).elementsEqual(magic) else { throw NumpyError("is not a numpy array (.npy)") }
        let major = bytes[6]
        let lengthStart = 8
        let lengthSize: Int
        switch major {
        case 1: lengthSize = 2
        case 2, 3: lengthSize = 4
        default: throw NumpyError("is a numpy array of format version \(major), which is not 1, 2 or 3")
        }
        guard bytes.count >= lengthStart + lengthSize else { return nil }
        var length = 0
        for offset in (0..<lengthSize).reversed() { length = length << 8 | Int(bytes[lengthStart + offset]) }
        guard length <= longestHeader else { throw NumpyError("has a header of \(length) bytes, more than numpy writes") }
        let start = lengthStart + lengthSize
        guard bytes.count >= start + length else { return nil }
        guard let text = String(bytes: bytes[start..<start + length], encoding: major == 3 ? .utf8 : .ascii) else {
            throw NumpyError("has a header that is not \(major == 3 ? "UTF-8" : "ASCII") text")
        }
        var reader = HeaderText(text)
        var header = try reader.dictionary()
        header.valueOffset = start + length
        return header
    }

    /// The `.npy` bytes before the values of an array of this header: version 1.0, padded with
    /// spaces so that the values start at a multiple of 64 bytes.
    func encoded() -> [UInt8] {
        let order = isBigEndian ? ">" : (itemSize == 1 || kind == .bytes ? "|" : "<")
        let code: String
        switch kind {
        case .signed: code = "i\(itemSize)"
        case .unsigned: code = "u\(itemSize)"
        case .float: code = "f\(itemSize)"
        case .bool: code = "b1"
        case .bytes: code = "S\(itemSize)"
        case .unicode: code = "U\(itemSize / 4)"
        }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(order)\(code)', 'fortran_order': \(isFortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        let unpadded = Self.magic.count + 4 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = text.utf8.count
        return Self.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8)
    }

    /// A reader of the dictionary literal numpy writes: `{'descr': '<f8', 'fortran_order': False,
    /// 'shape': (3, 4), }`.
    private struct HeaderText {
        private let characters: [Character]
        private var position = 0

        init(_ text: String) { characters = Array(text) }

        mutating func dictionary() throws(NumpyError) -> NumpyHeader {
            var descr: String?, fortran: Bool?, shape: [Int]?
            try expect("{")
            while true {
                skipSpace()
                if peek == "}" { break }
                let key = try quoted()
                try expect(":")
                switch key {
                case "descr":
                    skipSpace()
                    guard peek == "'" || peek == "\"" else {
                        throw NumpyError("has a structured type (fields or sub-arrays); save a plain numeric array")
                    }
                    descr = try quoted()
                case "fortran_order": fortran = try boolean()
                case "shape": shape = try tuple()
                default: throw NumpyError("has an unknown header key '\(key)'")
                }
                skipSpace()
                if peek == "," { position += 1 } else { skipSpace() }
            }
            guard let descr, let fortran, let shape else { throw NumpyError("has a header without descr, fortran_order or shape") }
            return try NumpyHeader(descr: descr, fortranOrder: fortran, shape: shape)
        }

        private var peek: Character? { position < characters.count ? characters[position] : nil }

        private mutating func skipSpace() {
            while let character = peek, character.isWhitespace { position += 1 }
        }

        private mutating func expect(_ character: Character) throws(NumpyError) {
            skipSpace()
            guard peek == character else { throw NumpyError("has a header that does not parse (expected '\(character)' at character \(position + 1))") }
            position += 1
        }

        private mutating func quoted() throws(NumpyError) -> String {
            skipSpace()
            guard let quote = peek, quote == "'" || quote == "\"" else { throw NumpyError("has a header that does not parse (expected a quoted key)") }
            position += 1
            let start = position
            while let character = peek, character != quote { position += 1 }
            guard peek == quote else { throw NumpyError("has a header with an unterminated string") }
            position += 1
            return String(characters[start..<position - 1])
        }

        private mutating func boolean() throws(NumpyError) -> Bool {
            skipSpace()
            for (word, value) in [("True", true), ("False", false)] where characters[position...].starts(with: word) {
                position += word.count
                return value
            }
            throw NumpyError("has a fortran_order that is neither True nor False")
        }

        private mutating func tuple() throws(NumpyError) -> [Int] {
            try expect("(")
            var values: [Int] = []
            while true {
                skipSpace()
                if peek == ")" {
                    position += 1
                    return values
                }
                let start = position
                while let character = peek, character.isNumber { position += 1 }
                guard let value = Int(String(characters[start..<position])) else { throw NumpyError("has a shape that is not a tuple of whole numbers") }
                values.append(value)
                skipSpace()
                if peek == "," { position += 1 }
            }
        }
    }

    /// A header of a plain array: `descr` such as `<i8`, `|b1`, `>f4`, `|S3`, `<U5`.
    init(descr: String, fortranOrder: Bool, shape: [Int]) throws(NumpyError) {
        let characters = Array(descr)
        guard characters.count >= 2, "<>|=".contains(characters[0]), let size = Int(String(characters[2...])) else {
            throw NumpyError("has the type '\(descr)', which is not a plain number, bool or text type")
        }
        let kind: Kind
        switch characters[1] {
        case "i" where [1, 2, 4, 8].contains(size): kind = .signed
        case "u" where [1, 2, 4, 8].contains(size): kind = .unsigned
        case "f" where [4, 8].contains(size): kind = .float
        case "b" where size == 1: kind = .bool
        case "S": kind = .bytes
        case "U": kind = .unicode
        default: throw NumpyError("has the type '\(descr)', which is not a plain number, bool or text type")
        }
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw NumpyError("has a shape \(shape) whose size overflows") }
            count = product
        }
        self.init(kind: kind, itemSize: kind == .unicode ? size * 4 : size, shape: shape, isBigEndian: characters[0] == ">", isFortranOrder: fortranOrder)
    }

    /// A header of `shape` (whose size does not overflow).
    init(kind: Kind, itemSize: Int, shape: [Int], isBigEndian: Bool, isFortranOrder: Bool) {
        self.kind = kind
        self.itemSize = itemSize
        self.isBigEndian = isBigEndian
        self.isFortranOrder = isFortranOrder
        self.shape = shape
        count = shape.reduce(1, *)
        valueOffset = 0
    }
}

/// What is wrong with an array or archive, in words that follow its name.
struct NumpyError: Error {
    var text: String
    init(_ text: String) { self.text = text }
}

/// A type an array can be read into.
protocol NumpyElement {
    static var zero: Self { get }
    /// The value of a whole number, `nil` when out of this type's range.
    init?(whole: Int64)
    init?(unsignedWhole: UInt64)
    /// `nil` for a type of whole numbers.
    init?(real: Double)
}

extension Int: NumpyElement {
    static var zero: Int { 0 }
    init?(whole: Int64) { self.init(exactly: whole) }
    init?(unsignedWhole: UInt64) { self.init(exactly: unsignedWhole) }
    init?(real: Double) { nil }
}

extension Double: NumpyElement {
    static var zero: Double { 0 }
    init?(whole: Int64) { self.init(whole) }
    init?(unsignedWhole: UInt64) { self.init(unsignedWhole) }
    init?(real: Double) { self = real }
}

/// Decodes one array's values as they stream in, straight into an array of the final type.
struct NumpyDecoder<Element: NumpyElement> {
    /// The array's name, for messages.
    let name: String
    /// The most values accepted (memory, or what the caller expects).
    let limit: Int
    /// The size of the `.npy` member as its archive declares it: a header that claims more
    /// values than it holds is refused before anything is allocated.
    let memberSize: UInt64
    private var prefix: [UInt8] = []
    private(set) var header: NumpyHeader?
    private(set) var values: [Element] = []
    private var filled = 0
    /// The bytes of a value split between two chunks.
    private var carry: [UInt8] = []

    init(name: String, limit: Int, memberSize: UInt64) {
        self.name = name
        self.limit = limit
        self.memberSize = memberSize
    }

    /// Takes the next bytes of the `.npy` member.
    mutating func consume(_ chunk: Data) throws(NumpyError) {
        guard let header else {
            prefix += chunk
            let parsed: NumpyHeader?
            do throws(NumpyError) { parsed = try NumpyHeader.parse(prefix) } catch { throw NumpyError("array '\(name)' \(error.text)") }
            guard let parsed else { return }
            try accept(parsed)
            let rest = Data(prefix[parsed.valueOffset...])
            prefix = []
            try consume(rest)
            return
        }
        var bytes = chunk
        if !carry.isEmpty {
            let needed = header.itemSize - carry.count
            carry += bytes.prefix(needed)
            bytes = bytes.dropFirst(needed)
            guard carry.count == header.itemSize else { return }
            let whole = carry
            carry = []
            try store(Data(whole), header: header)
        }
        let usable = bytes.count - bytes.count % header.itemSize
        try store(bytes.prefix(usable), header: header)
        carry = Array(bytes.dropFirst(usable))
    }

    /// The values, once every byte was consumed.
    func finished() throws(NumpyError) -> [Element] {
        guard let header else { throw NumpyError("array '\(name)' ends inside its header") }
        guard filled == header.count, carry.isEmpty else {
            throw NumpyError("array '\(name)' (\(header.typeName), shape \(header.shape)) ends after \(filled) of its \(header.count) values")
        }
        return values
    }

    private mutating func accept(_ header: NumpyHeader) throws(NumpyError) {
        switch header.kind {
        case .bytes, .unicode, .bool:
            throw NumpyError("array '\(name)' holds \(header.kind == .bool ? "bools" : "text") (\(header.typeName)), not numbers")
        case .float where Element(real: 0) == nil:
            throw NumpyError("array '\(name)' holds \(header.typeName) values where whole numbers are needed: save it with .astype(np.int64)")
        default: break
        }
        guard header.count <= limit else {
            throw NumpyError("array '\(name)' holds \(header.count) values (shape \(header.shape)), more than \(limit)")
        }
        let (bytes, overflow) = header.count.multipliedReportingOverflow(by: header.itemSize)
        guard !overflow, UInt64(header.valueOffset) + UInt64(bytes) <= memberSize else {
            throw NumpyError("array '\(name)' claims \(header.count) values (shape \(header.shape)) but its member holds \(memberSize) bytes")
        }
        self.header = header
        values = [Element](repeating: .zero, count: header.count)
    }

    /// Converts whole values at the front of `bytes` into the next slots.
    private mutating func store(_ bytes: Data, header: NumpyHeader) throws(NumpyError) {
        let count = bytes.count / header.itemSize
        guard count <= header.count - filled else {
            throw NumpyError("array '\(name)' (\(header.typeName), shape \(header.shape)) has more bytes than its \(header.count) values")
        }
        let start = filled
        let name = self.name
        let failure: NumpyError? = bytes.withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { slots in
                func put(_ value: Element?, _ index: Int) -> NumpyError? {
                    guard let value else { return NumpyError("array '\(name)': value \(start + index) is out of range") }
                    slots[start + index] = value
                    return nil
                }
                let swap = header.isBigEndian
                for index in 0..<count {
                    let at = index * header.itemSize
                    let value: Element?
                    switch (header.kind, header.itemSize) {
                    case (.signed, 1): value = Element(whole: Int64(raw.load(fromByteOffset: at, as: Int8.self)))
                    case (.signed, 2): value = Element(whole: Int64(Int16(bitPattern: Self.word(raw, at, UInt16.self, swap))))
                    case (.signed, 4): value = Element(whole: Int64(Int32(bitPattern: Self.word(raw, at, UInt32.self, swap))))
                    case (.signed, _): value = Element(whole: Int64(bitPattern: Self.word(raw, at, UInt64.self, swap)))
                    case (.unsigned, 1): value = Element(unsignedWhole: UInt64(raw.load(fromByteOffset: at, as: UInt8.self)))
                    case (.unsigned, 2): value = Element(unsignedWhole: UInt64(Self.word(raw, at, UInt16.self, swap)))
                    case (.unsigned, 4): value = Element(unsignedWhole: UInt64(Self.word(raw, at, UInt32.self, swap)))
                    case (.unsigned, _): value = Element(unsignedWhole: Self.word(raw, at, UInt64.self, swap))
                    case (.float, 4): value = Element(real: Double(Float(bitPattern: Self.word(raw, at, UInt32.self, swap))))
                    default: value = Element(real: Double(bitPattern: Self.word(raw, at, UInt64.self, swap)))
                    }
                    if let failure = put(value, index) { return failure }
                }
                return nil
            }
        }
        if let failure { throw failure }
        filled += count
    }

    private static func word<Word: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ offset: Int, _: Word.Type, _ swap: Bool) -> Word {
        let value = raw.loadUnaligned(fromByteOffset: offset, as: Word.self)
        return swap ? value.byteSwapped : Word(littleEndian: value)
    }
}

/// Encodes arrays as `.npy` members, little-endian.
enum NumpyEncoder {
    static func integers(_ values: [Int], shape: [Int]? = nil) -> Data {
        var data = Data(NumpyHeader.plain(.signed, size: 8, shape: shape ?? [values.count]).encoded())
        for value in values { withUnsafeBytes(of: Int64(value).littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func reals(_ values: [Double], shape: [Int]? = nil) -> Data {
        var data = Data(NumpyHeader.plain(.float, size: 8, shape: shape ?? [values.count]).encoded())
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func bools(_ values: [Bool]) -> Data {
        Data(NumpyHeader.plain(.bool, size: 1, shape: [values.count]).encoded()) + values.map { $0 ? 1 : 0 }
    }

    /// A 0-d unicode array, as `np.array("text")` saves it (read back as a Python `str`).
    static func text(_ value: String) -> Data {
        unicode([value], shape: [])
    }

    /// A 1-d unicode array, as `np.array(["a", "bc"])` saves it: every item padded with zeros
    /// to the longest one (at least one character).
    static func texts(_ values: [String]) -> Data {
        unicode(values, shape: [values.count])
    }

    private static func unicode(_ values: [String], shape: [Int]) -> Data {
        let items = values.map { $0.unicodeScalars.map(\.value) }
        let width = max(1, items.map(\.count).max() ?? 0)
        var data = Data(NumpyHeader.plain(.unicode, size: 4 * width, shape: shape).encoded())
        for item in items {
            for scalar in item + Array(repeating: 0, count: width - item.count) { withUnsafeBytes(of: scalar.littleEndian) { data.append(contentsOf: $0) } }
        }
        return data
    }
}

extension NumpyHeader {
    /// The header of a little-endian array in C order.
    static func plain(_ kind: Kind, size: Int, shape: [Int]) -> NumpyHeader {
        NumpyHeader(kind: kind, itemSize: size, shape: shape, isBigEndian: false, isFortranOrder: false)
    }
}
