import Foundation
import Testing
@testable import Workflows

@Suite("Report JSON")
struct ReportJSONTests {
    struct Figures: Encodable {
        let share: Double
        let area: Double
        let label: String
    }

    @Test("A number that is not finite is written as null and the rest as usual (the encoder used to fail and leave the report empty)")
    func nonFiniteNumbersAsNull() throws {
        let text = reportJSON([Figures(share: .nan, area: 12.5, label: "a"), Figures(share: .infinity, area: -.infinity, label: "b")])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)")
        #expect(parsed[0]["share"] is NSNull && parsed[0]["area"] as? Double == 12.5 && parsed[0]["label"] as? String == "a")
        #expect(parsed[1]["share"] is NSNull && parsed[1]["area"] is NSNull && parsed[1]["label"] as? String == "b")
    }
}
