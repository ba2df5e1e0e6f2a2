@testable import FolioLang
import FolioAutograd
import FolioNN
import FolioRuntime
import FolioTensor
import XCTest

/// The nn library in the language: every builtin documented with a running example, the model
/// summary, fit's progress display and interrupt, and the entry point for model declarations.
final class LibraryNNTests: XCTestCase {
    func testEveryNNBuiltinHasSummaryAndExample() {
        for function in NNBuiltins.all {
            XCTAssertFalse(function.doc?.summary.isEmpty ?? true, "\(function.name) has no summary")
            XCTAssertFalse(function.doc?.example.isEmpty ?? true, "\(function.name) has no example")
        }
    }

    func testEveryNNExampleRuns() {
        let failures = onLargeStack { () -> [String] in
            NNBuiltins.all.compactMap { function in
                let example = function.doc?.example ?? ""
                let report = Session().execute(example, cellNumber: 1, host: RecordingHost()).errorReport
                return report.map { "\(function.name): \($0.kind): \($0.message)\n\(example)" }
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n\n"))
    }

    func testEveryModuleMemberExampleRuns() throws {
        let layer = ModuleObject(try Linear(2, 1, seed: 0))
        let failures = try ModuleObject.methodNames.compactMap { name -> String? in
            guard case .function(let method)? = try layer.member(named: name), let example = method.doc?.example, !example.isEmpty else {
                return "\(name): no example"
            }
            return Session().execute(example, cellNumber: 1, host: RecordingHost()).errorReport.map { "\(name): \($0.message)" }
        }
        XCTAssertEqual(failures, [])
    }

    func testSummaryTableCountsEveryLayerAndTheTotal() throws {
        let session = Session()
        let outcome = session.execute("Sequential([Linear(2, 8), ReLU(), Linear(8, 3)])", cellNumber: 1, host: RecordingHost())
        guard case .value(let bundle?, _) = outcome else { return XCTFail("no value: \(outcome)") }
        let html = try XCTUnwrap(bundle.data["text/html"])
        // 2·8 + 8 = 24 and 8·3 + 3 = 27, independently of the code under test.
        XCTAssertTrue(html.contains("<td>Linear(in: 2, out: 8)</td><td>24</td>"), html)
        XCTAssertTrue(html.contains("<td>Linear(in: 8, out: 3)</td><td>27</td>"), html)
        XCTAssertTrue(html.contains("<th colspan=\"2\">total</th><th>51</th>"), html)
        let text = try XCTUnwrap(bundle.plainText)
        XCTAssertTrue(text.hasSuffix("total: 51 parameters (51 trainable)"), text)
    }

    private let fitProgram = """
        let d = moons(64, noise: 0.1, seed: 0)
        let net = Sequential([Linear(2, 8, seed: 0), ReLU(), Linear(8, 2, seed: 1)])
        let h = fit(net, d.x, d.y, loss: cross_entropy, opt: Adam(net.params, lr: 1e-2), epochs: 3, batch: 16)
        """

    func testFitShowsOneDisplayUpdatedInPlace() throws {
        let host = RecordingHost()
        let outcome = Session().execute(fitProgram + "\nh.epochs", cellNumber: 1, host: host)
        XCTAssertEqual(outcome.plainValue, "3")
        XCTAssertEqual(host.displays.count, 1)
        let id = try XCTUnwrap(host.displays.first?.id)
        XCTAssertFalse(host.updates.isEmpty)
        XCTAssertTrue(host.updates.allSatisfy { $0.id == id })
        let last = try XCTUnwrap(host.updates.last?.bundle)
        XCTAssertTrue(last.plainText?.contains("epoch 3/3  batch 4/4") ?? false, last.plainText ?? "")
        XCTAssertTrue(last.data["text/html"]?.contains("<progress value=\"100\"") ?? false)
    }

    func testInterruptStopsFitAndKeepsTheModel() {
        let session = Session()
        let host = InterruptingHost { session.interruptFlag.request() }
        let outcome = session.execute(fitProgram + "\n[h.interrupted, h.epochs]", cellNumber: 1, host: host)
        XCTAssertEqual(outcome.plainValue, "[true, 0]")
        XCTAssertTrue(host.shown.last?.contains("interrupted") ?? false, host.shown.joined(separator: "\n"))
        // The session goes on, and the model still computes with the weights it had.
        XCTAssertEqual(session.execute("net(d.x).shape", cellNumber: 2, host: host).plainValue, "[64, 2]")
    }

    func testDeclaredModelEntryPointCollectsLayersAndParameters() throws {
        let context = DirectContext()
        let layer = ModuleObject(try Linear(2, 1, seed: 0), typeName: "Linear")
        let shift = TensorObject(Variable(try Tensor([0.5], shape: [1]), requiresGrad: true))
        var fields: [String: Value] = ["body": .native(layer), "shift": .native(shift), "label": .string("m")]
        let forward = BuiltinFunction("forward", [FolioRuntime.Parameter("x")], doc: DocEntry("")) { arguments, _ in
            let input = try arguments.variable(0)
            return TensorConversion.wrap(try layer.forward(input) + shift.variable)
        }
        let declared = ["body", "shift", "label"].map { name in
            DeclaredField(name: name, get: { fields[name] ?? .none }, set: { fields[name] = $0 })
        }
        let model = ModuleObject(declaredName: "Shifted", fields: declared, forward: forward, context: context)
        XCTAssertEqual(model.module.namedParameters.map(\.name), ["shift", "body.weight", "body.bias"])
        XCTAssertEqual(model.parameterValues.count, 3)
        if case .native(let handle)? = model.parameterValues.first { XCTAssertTrue(handle === shift) } else { XCTFail("no handle") }
        XCTAssertEqual(try model.member(named: "label"), .string("m"))
        // A native caller (here the module itself) reaches forward through the context: w·(1, 1) + b + 0.5.
        let weight = try XCTUnwrap(layer.module.parameter(named: "weight")).value.toArray().reduce(0, +)
        let bias = try XCTUnwrap(layer.module.parameter(named: "bias")).value.item().doubleValue
        let output = try model.module(Variable(try Tensor([1.0, 1.0], shape: [1, 2]))).value.item().doubleValue
        XCTAssertEqual(output, weight + bias + 0.5, accuracy: 1e-5)
    }
}

/// A host that runs `onDisplay` when the first display appears (fit's first progress report).
private final class InterruptingHost: SessionHost {
    let onDisplay: () -> Void
    var shown: [String] = []

    init(onDisplay: @escaping () -> Void) { self.onDisplay = onDisplay }

    func write(_ text: String, to stream: OutputStreamName) {}
    func display(_ bundle: MimeBundle, displayID: String?) {
        shown.append(bundle.plainText ?? "")
        onDisplay()
    }
    func updateDisplay(_ bundle: MimeBundle, displayID: String) { shown.append(bundle.plainText ?? "") }
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String { "" }
}

/// A call context that calls builtin functions directly, for the entry-point test.
private final class DirectContext: CallContext {
    let host: SessionHost = RecordingHost()
    let interruptFlag = InterruptFlag()
    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        guard case .function(let callee) = function else { throw FolioError(.TypeError, "not a function") }
        return try callee.call(Arguments(positional: arguments), context: self)
    }
    func page(_ bundle: MimeBundle) {}
}
