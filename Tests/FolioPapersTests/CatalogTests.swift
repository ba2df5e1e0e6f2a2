import FolioAutograd
import FolioNN
import FolioPapers
import FolioRuntime
import FolioTensor
import Foundation
import XCTest

/// The catalog's own rules, checked over every paper so a new paper cannot skip them.
final class CatalogTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testKeysNumbersAndCitationsAreWellFormed() throws {
        let keys = PaperCatalog.all.map(\.key)
        XCTAssertEqual(Set(keys).count, keys.count, "duplicate paper keys")
        let numbers = PaperCatalog.all.map(\.number)
        XCTAssertEqual(numbers, numbers.sorted(), "the catalog lists papers in specification order")
        XCTAssertEqual(Set(numbers).count, numbers.count, "duplicate paper numbers")
        let arXiv = try NSRegularExpression(pattern: #"^\d{4}\.\d{4,5}$"#)
        for paper in PaperCatalog.all {
            XCTAssertTrue(paper.key.allSatisfy { $0.isLowercase || $0.isNumber }, "\(paper.key): keys are lowercase")
            let id = paper.citation.arXiv
            XCTAssertNotNil(arXiv.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)), "\(paper.key): arXiv id \(id)")
            XCTAssertFalse(paper.citation.authors.isEmpty, "\(paper.key): authors")
            XCTAssertTrue((1990...2030).contains(paper.citation.year), "\(paper.key): year")
            XCTAssertFalse(paper.summary.isEmpty, "\(paper.key): summary")
            XCTAssertTrue(paper.citation.bibtex.contains("eprint = {\(id)}"), "\(paper.key): BibTeX")
        }
    }

    func testEveryPrimitiveIsNamespacedAndDocumented() {
        for paper in PaperCatalog.all {
            XCTAssertFalse(paper.primitives.isEmpty, "\(paper.key) has no primitives")
            let members = paper.primitives.map { paper.memberName(of: $0) }
            XCTAssertEqual(Set(members).count, members.count, "\(paper.key): duplicate primitive names")
            for function in paper.functions {
                XCTAssertTrue(function.name.hasPrefix(paper.key + "."), "\(function.name) is not in namespace \(paper.key)")
                XCTAssertTrue(paper.memberName(of: function).first?.isLowercase ?? false, "\(function.name): functions are snake_case")
            }
            for layer in paper.layers + paper.optimizers {
                XCTAssertTrue(layer.name.hasPrefix(paper.key + "."), "\(layer.name) is not in namespace \(paper.key)")
                XCTAssertTrue(paper.memberName(of: layer).first?.isUppercase ?? false, "\(layer.name): layers are CamelCase")
            }
            for primitive in paper.primitives {
                let doc = primitive.doc
                XCTAssertFalse(doc?.summary.isEmpty ?? true, "\(primitive.name): summary")
                XCTAssertFalse(doc?.example.isEmpty ?? true, "\(primitive.name): example")
                XCTAssertTrue(doc?.source.contains(paper.citation.arXiv) ?? false, "\(primitive.name): source")
            }
        }
    }

    /// Every example in every doc entry runs in a fresh session (as a user would paste it).
    func testEveryExampleRuns() {
        for paper in PaperCatalog.all {
            for primitive in paper.primitives {
                guard let example = primitive.doc?.example, !example.isEmpty else { continue }
                PaperSession().run(example)
            }
        }
    }

    /// Every layer's parameters receive a finite, non-zero gradient from a loss on its output.
    func testEveryLayerTrainsAllItsParameters() throws {
        for paper in PaperCatalog.all {
            XCTAssertEqual(Set(paper.layerSamples.map(\.name)), Set(paper.layers.map(\.name)),
                           "\(paper.key): every layer needs one sample for this test")
            for sample in paper.layerSamples {
                let (module, input) = try sample.make()
                module.zeroGrad()
                let output = try module(Variable(input.cast(to: .f64)))
                let weights = try Tensor(PaperPrimitive.sampleValues(count: output.value.count, offset: 0.5), shape: output.shape)
                try (output * Variable(weights)).sum().backward()
                XCTAssertFalse(module.namedParameters.isEmpty, "\(sample.name) has no parameters")
                for (name, parameter) in module.namedParameters {
                    let grad = try XCTUnwrap(parameter.grad, "\(sample.name).\(name) got no gradient").toArray()
                    XCTAssertTrue(grad.allSatisfy(\.isFinite), "\(sample.name).\(name): gradient not finite")
                    XCTAssertTrue(grad.contains { $0 != 0 }, "\(sample.name).\(name): gradient is all zero")
                }
            }
        }
    }

    func testEveryPaperHasItsNotebook() {
        for paper in PaperCatalog.all {
            let path = repository.appendingPathComponent(paper.notebook).path
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(paper.key): missing \(paper.notebook)")
        }
    }

    /// docs/papers.md is generated from the catalog; regenerate with `folio papers --markdown > docs/papers.md`.
    func testPapersPageIsCurrent() throws {
        let page = try String(contentsOf: repository.appendingPathComponent("docs/papers.md"), encoding: .utf8)
        XCTAssertEqual(page, PaperCatalog.markdownIndex + "\n",
                       "docs/papers.md is stale: run `.build/debug/folio papers --markdown > docs/papers.md`")
    }
}
