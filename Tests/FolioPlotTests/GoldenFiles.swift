import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Golden SVG files: read from the test bundle, re-recorded into the source tree on purpose
/// with `FOLIO_RECORD_GOLDEN=1 swift test --filter FolioPlotTests`.
enum GoldenFiles {
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["FOLIO_RECORD_GOLDEN"] == "1"
    }

    /// The source folder, for recording (the bundle copy is read-only build output).
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func read(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: "Golden/" + name, withExtension: "svg")
            ?? Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    static func record(_ name: String, _ svg: String) throws {
        let url = sourceDirectory.appendingPathComponent(name + ".svg")
        try Data(svg.utf8).write(to: url)
    }
}

/// Checks a document is well-formed XML with an `svg` root in the SVG namespace.
final class SVGValidator: NSObject, XMLParserDelegate {
    private(set) var rootName: String?
    private(set) var rootNamespace: String?
    private(set) var elementCount = 0

    /// Nil when valid, else the parser's error.
    static func check(_ svg: String) -> String? {
        let validator = SVGValidator()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = validator
        guard parser.parse() else {
            return "XML error at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown")"
        }
        guard validator.rootName == "svg", validator.rootNamespace == "http://www.w3.org/2000/svg" else {
            return "root is \(validator.rootName ?? "nothing") in \(validator.rootNamespace ?? "no namespace")"
        }
        return nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementCount == 0 {
            rootName = elementName
            rootNamespace = namespaceURI
        }
        elementCount += 1
    }
}

/// Rasterises SVG with Debian's `rsvg-convert` (librsvg), a real renderer independent of ours.
enum Rasterizer {
    /// PNG bytes, or a failure message (including when the tool is not installed).
    static func render(_ svg: String) -> Result<Data, RasterError> {
        guard let tool = locate("rsvg-convert") else {
            return .failure(RasterError(message: "rsvg-convert is not installed: apt-get install -y librsvg2-bin"))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-plot-" + UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let input = directory.appendingPathComponent("figure.svg")
            let output = directory.appendingPathComponent("figure.png")
            try Data(svg.utf8).write(to: input)
            let process = Process()
            process.executableURL = tool
            process.arguments = ["--format=png", "--output=" + output.path, input.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            guard process.terminationStatus == 0 else {
                return .failure(RasterError(message: "rsvg-convert exited \(process.terminationStatus): \(message)"))
            }
            return .success(try Data(contentsOf: output))
        } catch {
            return .failure(RasterError(message: "could not run rsvg-convert: \(error)"))
        }
    }

    static func locate(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

struct RasterError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
