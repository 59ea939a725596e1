import Foundation
import Testing

/// The real public data in `../shared/data` beside the repository (absent in a clone elsewhere).
public enum SharedData {
    /// The package root, found from this file's location.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` from the package root.
    public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: folder + "/README.md") }

    /// Why a real-data test is skipped.
    public static let absence: Comment = "needs the real data folder \(folder) (../shared/data); absent here"

    /// Absolute path of a file under `../shared/data`.
    public static func path(_ relative: String) -> String { folder + "/" + relative }
}


/// Inputs made for the tests, in the repository's `Fixtures/` folder.
public enum Fixtures {
    public static func path(_ relative: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Fixtures/" + relative).path
    }
}

/// Python peers installed by `make peers` into `.venv` at the package root.
public enum PythonPeers {
    public static let python = SharedData.packageRoot.appendingPathComponent(".venv/bin/python").path
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
    public static let absence: Comment = "needs the Python peers in .venv (run 'make peers' or 'make test')"

    /// A peer script in `Tests/Peers/`.
    public static func script(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Peers/" + name).path
    }
}
