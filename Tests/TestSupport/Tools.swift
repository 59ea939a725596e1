import Foundation
import Terrain

/// Result of running an external program.
public struct ProgramOutput: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `executable` with `arguments` (found on PATH unless absolute), feeding `input` to stdin.
public func runProgram(_ executable: String, _ arguments: [String], input: String? = nil) throws -> ProgramOutput {
    let process = Process()
    if executable.hasPrefix("/") {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
    }
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Both pipes at once (a child filling one while we wait on the other would block for ever), with reads that
    // resume after a signal such as another test's child exiting.
    let errors = ErrorOutput()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errors.data = readToEnd(err.fileHandleForReading.fileDescriptor) ?? Data() }
    let outData = readToEnd(out.fileHandleForReading.fileDescriptor) ?? Data()
    group.wait()
    process.waitUntilExit()
    return ProgramOutput(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errors.data, as: UTF8.self)
    )
}

private final class ErrorOutput: @unchecked Sendable {
    var data = Data()
}

/// A fresh temporary folder, unique per call.
public func temporaryFolder(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "phusong-test-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The built `phusong` executable, next to the test bundle in the build products folder.
public var phusongExecutable: String {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
    ]
    for folder in candidates {
        let path = folder.appendingPathComponent("phusong").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return candidates[0].appendingPathComponent("phusong").path
}
