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
