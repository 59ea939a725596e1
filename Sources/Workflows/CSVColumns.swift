import Coverage
import Foundation

extension CSV {
    /// The header, lower-cased and trimmed.
    var header: [String] {
        rows.first?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
    }

    /// The index of each of `names` in the header; nil when one is missing.
    func columns(_ names: [String]) -> [Int]? {
        let header = header, found = names.compactMap { header.firstIndex(of: $0) }
        return found.count == names.count ? found : nil
    }

    /// The rows after the header, with their line numbers, leaving out empty lines.
    var dataRows: [(line: Int, fields: [String])] {
        rows.enumerated().dropFirst().filter { $0.element.count > 1 || $0.element.first?.isEmpty == false }.map { ($0.offset + 1, $0.element) }
    }
}

/// The whole numbers of a list such as "1-12" or "1,3,5,60-64", in the order given; nil for a malformed list or a
/// number listed twice.
func numberRanges(_ text: String) -> [Int]? {
    var numbers: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
        let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(ends.count), let first = ends.first ?? nil, let last = ends.last ?? nil, first <= last else { return nil }
        numbers += Array(first...last)
    }
    return Set(numbers).count == numbers.count ? numbers : nil
}

/// The numbers of such a list, nil also when one lies outside `range`.
func numbers(_ text: String, within range: ClosedRange<Int>) -> [Int]? {
    numberRanges(text).flatMap { numbers in numbers.allSatisfy(range.contains) ? numbers : nil }
}
