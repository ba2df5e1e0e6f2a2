import FolioLang
import FolioRuntime
import XCTest

/// Cooperative interruption and the recursion limit.
final class InterruptTests: XCTestCase {
    func testInterruptStopsAnEndlessLoopQuicklyAndKeepsTheSession() throws {
        let session = Session()
        let host = RecordingHost()
        _ = session.execute("var count = 0", cellNumber: 1, host: host)
        let requested = DispatchSemaphore(value: 0)
        var requestTime = DispatchTime.now()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            requestTime = DispatchTime.now()
            session.interruptFlag.request()
            requested.signal()
        }
        let outcome = session.execute("while true { count += 1 }", cellNumber: 2, host: host)
        let finished = DispatchTime.now()
        requested.wait()
        let report = try XCTUnwrap(outcome.errorReport)
        XCTAssertEqual(report.kind, "Interrupted")
        XCTAssertEqual(report.message, "execution was interrupted")
        let elapsed = Double(finished.uptimeNanoseconds - requestTime.uptimeNanoseconds) / 1e9
        XCTAssertLessThan(elapsed, 0.1)
        // The session is usable and kept the loop's partial work.
        let after = session.execute("count > 0", cellNumber: 3, host: host)
        XCTAssertEqual(after.plainValue, "true")
    }

    func testInterruptStopsARecursionInsideCalls() throws {
        let session = Session()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.1)
            session.interruptFlag.request()
        }
        let outcome = onLargeStack {
            session.execute("func spin(n) { n > 50 ? 0 : spin(n + 1) }\nwhile true { spin(0) }",
                            cellNumber: 1, host: RecordingHost())
        }
        XCTAssertEqual(outcome.errorReport?.kind, "Interrupted")
    }

    func testDeepRecursionIsARecursionErrorNotACrash() throws {
        let session = Session()
        let outcome = onLargeStack {
            session.execute("func down(n) { return down(n + 1) }\ndown(0)", cellNumber: 1, host: RecordingHost())
        }
        let report = try XCTUnwrap(outcome.errorReport)
        XCTAssertEqual(report.kind, "RecursionError")
        XCTAssertLessThan(report.traceback.count, 50, "identical frames collapse")
        let again = onLargeStack { session.execute("func sum(n) { n == 0 ? 0 : n + sum(n - 1) }\nsum(9000)", cellNumber: 2,
                                                    host: RecordingHost()) }
        XCTAssertEqual(again.plainValue, "40504500")
    }

    func testRecursionOnASmallStackIsStillCaught() throws {
        // The XCTest main thread has only 8 MiB: the native stack guard must stop the recursion first.
        let outcome = Session().execute("func down(n) { return down(n + 1) }\ndown(0)", cellNumber: 1, host: RecordingHost())
        XCTAssertEqual(outcome.errorReport?.kind, "RecursionError")
    }
}
