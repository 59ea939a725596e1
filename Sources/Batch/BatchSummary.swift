import Foundation
import Terrain
import Workflows

/// The batch's results in one place: `batch.json` (every job's status, figures and outputs), `batch.csv`
/// (a row per job) and `index.html` (links to every output, the figures and each job's map).
enum BatchSummary {
    /// `timeLimit`: why jobs were stopped, when the run's time limit stopped some (marks the batch partial).
    static func write(_ manifest: Manifest, records: [JobRecord], timeLimit: String? = nil) throws(InputError) {
        let output = manifest.output
        try replace(output + "/batch.json", with: json(manifest, records: records, timeLimit: timeLimit))
        try replace(output + "/batch.csv", with: csv(records))
        try replace(output + "/index.html", with: html(manifest, records: records, timeLimit: timeLimit))
    }

    private static func json(_ manifest: Manifest, records: [JobRecord], timeLimit: String?) throws(InputError) -> String {
        struct Document: Encodable {
            let name: String
            let manifest: String
            let engine: String
            let done: Int
            let failed: Int
            /// Present only when the time limit stopped jobs: the batch is partial.
            let partial: String?
            let jobs: [JobRecord]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            name: manifest.name, manifest: URL(fileURLWithPath: manifest.path).lastPathComponent, engine: engineVersion,
            done: records.filter { $0.status == "done" }.count, failed: records.filter { $0.status == "failed" }.count, partial: timeLimit,
            jobs: records
        )
        guard let data = try? encoder.encode(document) else { throw InputError(path: manifest.output + "/batch.json", reason: "cannot encode") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// id, type, status, then every figure any job has (columns in name order), then the error.
    private static func csv(_ records: [JobRecord]) -> String {
        let names = Set(records.flatMap(\.figures.keys)).sorted()
        func quoted(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [(["id", "type", "status"] + names + ["error"]).joined(separator: ",")]
        for record in records {
            let cells = [record.id, record.type, record.status] + names.map { record.figures[$0]?.description ?? "" } + [record.error ?? ""]
            lines.append(cells.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func html(_ manifest: Manifest, records: [JobRecord], timeLimit: String?) -> String {
        var rows = ""
        for record in records {
            let figures = record.figures.keys.sorted().map { "\(xmlEscaped($0)) <b>\(xmlEscaped(record.figures[$0]!.description))</b>" }
                .joined(separator: "<br>")
            let links = record.outputs.map { "<a href=\"jobs/\(xmlEscaped(record.id))/\(xmlEscaped($0))\">\(xmlEscaped($0))</a>" }.joined(separator: " ")
            let map = record.outputs.first { $0 == "map.png" || $0 == "after/map.png" || $0 == "computed/map.png" }
                .map { "<a href=\"jobs/\(xmlEscaped(record.id))/\($0)\"><img src=\"jobs/\(xmlEscaped(record.id))/\($0)\" width=\"240\"></a>" } ?? ""
            rows += """
                <tr class="\(record.status.replacingOccurrences(of: " ", with: "-"))"><td><b>\(xmlEscaped(record.id))</b><br>\(record.type)<br>\(record.status)</td>\
                <td>\(figures)\(record.error.map { "<br><span class=\"error\">\(xmlEscaped($0))</span>" } ?? "")</td>\
                <td>\(map)</td><td class="files">\(links)</td></tr>

                """
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(xmlEscaped(manifest.name))</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td{border:1px solid #ccc;padding:6px;vertical-align:top}\
            tr.failed{background:#fdd}tr.partial,tr.not-run{background:#ffd}.partial{font-weight:bold;color:#a60}.error{color:#a00}.files{font-size:small;max-width:40em}</style></head>
            <body><h1>\(xmlEscaped(manifest.name))</h1>\(timeLimit.map { "<p class=\"partial\">PARTIAL: \(xmlEscaped($0)); jobs marked partial or not run are redone by the next run</p>" } ?? "")
            <p>\(records.filter { $0.status == "done" }.count) jobs done, \(records.filter { $0.status == "failed" }.count) failed\(timeLimit == nil ? "" : ", \(records.filter(\.wasStopped).count) stopped by the time limit") · \(engineVersion) · \
            <a href="batch.json">batch.json</a> · <a href="batch.csv">batch.csv</a></p>
            <table><tr><th>job</th><th>figures</th><th>map</th><th>outputs</th></tr>
            \(rows)</table></body></html>

            """
    }

    /// Writes `text` atomically (a temporary file renamed over `path`): a killed run leaves the old file or the new.
    static func replace(_ path: String, with text: String) throws(InputError) {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw InputError(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
