/// Records and arrays of records shown as HTML tables (DESIGN.md §5): one row per record, one
/// column per field. An array qualifies when every element is a record with the same fields;
/// long arrays show their first and last rows with a count of the ones left out.
enum RecordTable {
    static let maximumRows = 60
    static let maximumCellCharacters = 80

    /// The table for `value`, or nil when it is not a record or a uniform array of records.
    static func html(for value: Value) -> String? {
        switch value {
        case .record(let record):
            let rows = zip(record.fields, record.values).map { [escape($0), cell($1)] }
            return table(header: ["field", "value"], rows: rows, omitted: 0, caption: nil)
        case .array(let elements):
            guard case .record(let first)? = elements.first else { return nil }
            var records: [Record] = []
            for element in elements {
                guard case .record(let record) = element, record.fields == first.fields else { return nil }
                records.append(record)
            }
            let shown = records.count <= maximumRows ? records
                : Array(records.prefix(maximumRows / 2)) + Array(records.suffix(maximumRows / 2))
            let rows = shown.map { $0.values.map(cell) }
            return table(header: first.fields.map(escape), rows: rows, omitted: records.count - shown.count,
                         caption: "\(records.count) record\(records.count == 1 ? "" : "s")")
        default:
            return nil
        }
    }

    private static func table(header: [String], rows: [[String]], omitted: Int, caption: String?) -> String {
        let head = "<thead><tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr></thead>"
        var body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        if omitted > 0 {
            let gap = "<tr><td colspan=\"\(header.count)\">… \(omitted) more rows …</td></tr>"
            body.insert(gap, at: rows.count / 2)
        }
        let title = caption.map { "<caption>\($0)</caption>" } ?? ""
        return "<table>\(title)\(head)<tbody>\(body.joined())</tbody></table>"
    }

    private static func cell(_ value: Value) -> String {
        var text: String
        if case .string(let string) = value { text = string } else { text = value.repr }
        if text.count > maximumCellCharacters { text = String(text.prefix(maximumCellCharacters - 1)) + "…" }
        return escape(text)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
