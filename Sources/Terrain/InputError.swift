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

/// The contents of a UTF-8 text input file; a missing, unreadable or non-UTF-8 file is an `InputError`.
public func readTextInput(_ path: String) throws(InputError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(path: path, reason: "no such file or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw InputError(path: path, reason: "not UTF-8 text") }
    return text
}
