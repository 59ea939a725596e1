import Foundation

/// An input that cannot be used, naming the file and what is wrong with it.
/// Every layer reports bad input this way, so the command line can print one clear line.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder the fault is in (as the user gave it).
    public let path: String
    /// What is wrong, in words an engineer can act on.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// The contents of a text input file: UTF-8, or UTF-16 with its byte-order mark (what a spreadsheet saves as
/// "Unicode Text"); a missing, unreadable or other file is an `InputError`.
public func readTextInput(_ path: String) throws(InputError) -> String {
    guard let data = readFileBytes(path) else {
        throw InputError(path: path, reason: "no such file or not readable")
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
        guard let text = utf16Text(Array(data)) else {
            throw InputError(path: path, reason: "not UTF-16 text, though it begins with UTF-16's byte-order mark")
        }
        return text
    }
    guard let text = String(data: data, encoding: .utf8) else {
        let (line, byte) = firstNonUTF8(data)
        throw InputError(
            path: path, reason: "not UTF-8 text (line \(line), byte \(byte)): save it as UTF-8 — in a spreadsheet, as \"CSV UTF-8\""
        )
    }
    return text
}

/// `bytes` after their UTF-16 byte-order mark as text, in the order the mark gives; nil unless whole, valid UTF-16.
private func utf16Text(_ bytes: [UInt8]) -> String? {
    guard bytes.count % 2 == 0 else { return nil }
    let (high, low) = bytes[0] == 0xFE ? (0, 1) : (1, 0)
    let units = stride(from: 2, to: bytes.count, by: 2).map { index -> UInt16 in
        UInt16(bytes[index + high]) << 8 | UInt16(bytes[index + low])
    }
    return String(validating: units, as: UTF16.self)
}

/// The line and byte (both from 1) where `data` stops being UTF-8; the end when it never does.
private func firstNonUTF8(_ data: Data) -> (line: Int, byte: Int) {
    var parser = Unicode.UTF8.ForwardParser(), bytes = data.makeIterator()
    var line = 1, offset = 0
    while case let .valid(scalar) = parser.parseScalar(from: &bytes) {
        if scalar.count == 1, scalar.first == UInt8(ascii: "\n") { line += 1 }
        offset += scalar.count
    }
    return (line, offset + 1)
}

/// A whole file's bytes by POSIX reads, nil when it cannot be opened or read. (Foundation's
/// `FileManager.contents(atPath:)` leaks a 4 KiB buffer per small file on Linux, as the fuzzer's leak check found.)
public func readFileBytes(_ path: String) -> Data? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return readToEnd(descriptor)
}

/// Everything from an open descriptor until end of file, by POSIX reads that resume after a signal (Foundation's
/// `FileHandle.readDataToEndOfFile` traps on EINTR); nil on a read error.
public func readToEnd(_ descriptor: Int32) -> Data? {
    var bytes = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            bytes.append(contentsOf: buffer[0..<count])
        } else if count == 0 {
            return bytes
        } else if errno != EINTR {
            return nil
        }
    }
}
