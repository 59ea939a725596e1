import Foundation
import Terrain
import Testing

/// Writes `text` as `input.csv` in `folder`, reads it with `read`, expects a refusal naming that file, and gives its
/// reason.
public func refusalReason(of text: String, in folder: String, _ read: (String) throws(InputError) -> Void) throws -> String {
    let path = folder + "/input.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let error = try #require(throws: InputError.self) { try read(path) }
    #expect(error.path == path)
    return error.reason
}
