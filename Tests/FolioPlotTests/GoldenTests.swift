import Foundation
import XCTest
@testable import FolioPlot

/// Every gallery figure: byte-identical to its golden, well-formed XML, drawable by librsvg,
/// and the same bytes when rendered twice.
final class GoldenTests: XCTestCase {
    func testFiguresMatchGoldenFiles() throws {
        for entry in Gallery.entries {
            let svg = try entry.make().svg()
            if GoldenFiles.isRecording {
                try GoldenFiles.record(entry.name, svg)
                continue
            }
            guard let golden = GoldenFiles.read(entry.name) else {
                XCTFail("\(entry.name): no golden file; record with FOLIO_RECORD_GOLDEN=1")
                continue
            }
            XCTAssertTrue(svg == golden, "\(entry.name): output differs from Golden/\(entry.name).svg (\(svg.utf8.count) vs \(golden.utf8.count) bytes); re-record on purpose with FOLIO_RECORD_GOLDEN=1 and review the images")
        }
    }

    func testEveryGoldenIsWellFormedSVG() throws {
        for entry in Gallery.entries {
            let svg = try GoldenFiles.read(entry.name) ?? entry.make().svg()
            XCTAssertNil(SVGValidator.check(svg), "\(entry.name)")
            XCTAssertTrue(svg.contains("viewBox=\"0 0 "), "\(entry.name): no viewBox")
        }
    }

    func testEveryGoldenRasterisesWithLibrsvg() throws {
        for entry in Gallery.entries {
            let svg = try GoldenFiles.read(entry.name) ?? entry.make().svg()
            switch Rasterizer.render(svg) {
            case .success(let png):
                XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(entry.name): not a PNG")
                XCTAssertGreaterThan(png.count, 1_000, "\(entry.name): suspiciously small raster")
            case .failure(let error):
                XCTFail("\(entry.name): \(error)")
            }
        }
    }

    func testRenderingTwiceGivesIdenticalBytes() throws {
        for entry in Gallery.entries {
            let first = try entry.make().svg()
            let second = try entry.make().svg()
            XCTAssertTrue(first == second, "\(entry.name): two renders differ")
        }
    }
}
