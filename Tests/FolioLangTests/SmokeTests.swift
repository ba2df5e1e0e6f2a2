import FolioLang
import FolioRuntime
import XCTest

final class SmokeTests: XCTestCase {
    func testPrintsAndValues() {
        let session = Session()
        let host = RecordingHost()
        let outcome = session.execute("""
        let x = 7 / 2
        var n = 3
        n += 4
        print("x is \\(x)", n, 2 ** 10, -7 % 3)
        n * 2
        """, cellNumber: 1, host: host)
        XCTAssertEqual(host.stdout, "x is 3.5 7 1024 2\n")
        XCTAssertEqual(outcome.plainValue, "14")
    }
}
