import Foundation
import ZIPFoundation

/// A numpy archive (`.npz`) open for reading: a zip file with one `NAME.npy` member per array,
/// stored or deflate-compressed, as `np.savez`, `np.savez_compressed` and `scipy.sparse.save_npz`
/// write it.
struct NumpyArchive {
    private let archive: Archive
    /// The arrays by name (the member name without `.npy`).
    let names: [String]

    /// The most bytes of values any one array may hold: the machine's memory.
    private static let memory = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    /// Bytes handed to the decoder at a time.
    private static let chunkSize = 1 << 20

    init(url: URL) throws(NumpyError) {
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw NumpyError(exists ? "is not a numpy archive (a zip file of .npy arrays)" : "no such file")
        }
        names = try Self.arrayNames(of: archive)
    }

    private static func arrayNames(of archive: Archive) throws(NumpyError) -> [String] {
        var names: [String] = []
        for entry in archive where entry.type == .file {
            guard entry.path.hasSuffix(".npy") else { throw NumpyError("holds '\(entry.path)', which is not a numpy array (.npy)") }
            names.append(String(entry.path.dropLast(4)))
        }
        return names
    }

    func contains(_ name: String) -> Bool { names.contains(name) }

    /// Array `name`'s values as `Element`, decoded as they are extracted; each holds at most
    /// `limit` values (and at most what fits in memory).
    ///
    /// - Throws: when the array is missing, is not a number array, does not match its header, or
    ///   holds a value out of `Element`'s range.
    func values<Element: NumpyElement>(of name: String, as _: Element.Type, limit: Int = .max) throws(NumpyError) -> (values: [Element], shape: [Int], isFortranOrder: Bool) {
        guard let entry = archive["\(name).npy"] else { throw NumpyError("has no array '\(name)'") }
        var decoder = NumpyDecoder<Element>(name: name, limit: min(limit, Self.memory / MemoryLayout<Element>.stride), memberSize: entry.uncompressedSize)
        var failure: NumpyError?
        do {
            let checksum = try archive.extract(entry, bufferSize: Self.chunkSize) { chunk in
                do throws(NumpyError) {
                    try decoder.consume(chunk)
                } catch {
                    failure = error
                    throw error
                }
            }
            guard checksum == entry.checksum else { throw NumpyError("array '\(name)' is damaged: its checksum does not match the archive's") }
        } catch {
            throw failure ?? (error as? NumpyError) ?? NumpyError("array '\(name)' cannot be extracted: the archive is damaged (\(error))")
        }
        let values = try decoder.finished()
        return (values, decoder.header!.shape, decoder.header!.isFortranOrder)
    }

    /// The text of a 0-d or one-value text array, such as scipy's `format` (`b'csr'`).
    func text(of name: String) throws(NumpyError) -> String {
        guard let entry = archive["\(name).npy"] else { throw NumpyError("has no array '\(name)'") }
        guard entry.uncompressedSize <= 4096 else { throw NumpyError("array '\(name)' is longer than a word") }
        var bytes: [UInt8] = []
        do {
            let checksum = try archive.extract(entry) { bytes += $0 }
            guard checksum == entry.checksum else { throw NumpyError("array '\(name)' is damaged: its checksum does not match the archive's") }
        } catch let error as NumpyError {
            throw error
        } catch {
            throw NumpyError("array '\(name)' cannot be extracted: the archive is damaged (\(error))")
        }
        let header: NumpyHeader?
        do throws(NumpyError) { header = try NumpyHeader.parse(bytes) } catch { throw NumpyError("array '\(name)' \(error.text)") }
        guard let header, header.count == 1, [.bytes, .unicode].contains(header.kind),
            bytes.count == header.valueOffset + header.itemSize
        else { throw NumpyError("array '\(name)' is not one word of text") }
        let value = bytes[header.valueOffset...]
        if header.kind == .bytes { return String(decoding: value.prefix { $0 != 0 }, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for offset in stride(from: value.startIndex, to: value.endIndex, by: 4) {
            let word = value[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let code = header.isBigEndian ? word.byteSwapped : word
            guard code != 0 else { break }
            guard let scalar = Unicode.Scalar(code) else { throw NumpyError("array '\(name)' is not valid text") }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
