import ArgumentParser
import Foundation
import Terrain

/// Runs `body`; bad input becomes one `phusong: error: FILE: fault` line on stderr and exit code `exitCode`.
func reportingInputErrors<T>(exitCode: Int32 = 1, _ body: () throws(InputError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandle.standardError.write(Data("phusong: error: \(error.description)\n".utf8))
        throw ExitCode(exitCode)
    }
}
