import ArgumentParser
import Foundation
import Terrain

/// Runs `body`; bad input becomes one `phusong: error: FILE: fault` line on stderr and exit code 1.
func reportingInputErrors<T>(_ body: () throws(InputError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandle.standardError.write(Data("phusong: error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}
