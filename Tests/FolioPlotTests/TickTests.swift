import XCTest
@testable import FolioPlot

/// Tick placement and label formatting against hand-computed expectations.
final class TickTests: XCTestCase {
    func testUnitIntervalGetsQuarterSteps() {
        let ticks = TickLocator.linear(Interval(0, 1), target: 5)
        XCTAssertEqual(ticks.values, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(TickFormatter.labels(ticks.values, step: ticks.step), ["0", "0.25", "0.5", "0.75", "1"])
    }

    func testSymmetricDomainGetsHalfSteps() {
        let ticks = TickLocator.linear(Interval(-1.1, 1.1), target: 5)
        XCTAssertEqual(ticks.values, [-1, -0.5, 0, 0.5, 1])
    }

    func testTicksStayInsideTheDomainAndAreExactMultiples() {
        let ticks = TickLocator.linear(Interval(0.13, 0.71), target: 6)
        XCTAssertEqual(ticks.step, 0.1, accuracy: 1e-15)
        XCTAssertEqual(ticks.values.count, 6)
        XCTAssertEqual(TickFormatter.labels(ticks.values, step: ticks.step), ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    func testIntegerTicksSkipFractionalSteps() {
        let ticks = TickLocator.linear(Interval(-0.5, 9.5), target: 6, integers: true)
        XCTAssertTrue(ticks.values.allSatisfy { $0 == $0.rounded() })
        XCTAssertEqual(ticks.values, [0, 2, 4, 6, 8])
    }

    func testDegenerateDomainsDoNotTrap() {
        XCTAssertEqual(TickLocator.linear(Interval(3, 3), target: 5).values, [3])
        XCTAssertFalse(TickLocator.linear(Interval(0, 1e-300), target: 5).values.isEmpty)
    }

    func testLogTicksAreDecades() {
        let ticks = TickLocator.log(Interval(1e-3, 1e3), target: 8)
        XCTAssertEqual(ticks.major, [1e-3, 1e-2, 1e-1, 1, 10, 100, 1000])
        XCTAssertEqual(ticks.labels, ["1e-3", "0.01", "0.1", "1", "10", "100", "1k"])
        XCTAssertTrue(ticks.minor.contains(20) && ticks.minor.contains(0.005))
    }

    func testNarrowLogDomainLabelsOneTwoFive() {
        let ticks = TickLocator.log(Interval(0.8, 70), target: 6)
        XCTAssertEqual(ticks.major, [1, 2, 5, 10, 20, 50])
    }

    func testThousandsTakeSuffixes() {
        XCTAssertEqual(TickFormatter.labels([0, 1000, 2000, 3000], step: 1000), ["0", "1k", "2k", "3k"])
        XCTAssertEqual(TickFormatter.labels([0, 500, 1000, 1500], step: 500), ["0", "0.5k", "1k", "1.5k"])
        XCTAssertEqual(TickFormatter.labels([0, 1.5e6, 3e6], step: 1.5e6), ["0", "1.5M", "3M"])
        XCTAssertEqual(TickFormatter.labels([2e9, 4e9], step: 2e9), ["2G", "4G"])
    }

    func testSmallValuesUseScientificNotation() {
        XCTAssertEqual(TickFormatter.labels([0, 0.001, 0.002], step: 0.001), ["0", "1e-3", "2e-3"])
        XCTAssertEqual(TickFormatter.scientific(2.5e-4), "2.5e-4")
        XCTAssertEqual(TickFormatter.scientific(-1e15), "\u{2212}1e15")
        XCTAssertEqual(TickFormatter.scientific(9.999e-5), "1e-4")
    }

    func testNegativeLabelsUseTheMinusSign() {
        XCTAssertEqual(TickFormatter.labels([-1, 0, 1], step: 1), ["\u{2212}1", "0", "1"])
    }

    func testFloatNoiseDoesNotReachLabels() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
        XCTAssertEqual(TickFormatter.labels([0.1 + 0.2], step: 0.1), ["0.3"])
        XCTAssertEqual(NumberText.format(0.1 + 0.2), "0.3")
        XCTAssertEqual(NumberText.format(-0.004), "0")
        XCTAssertEqual(NumberText.format(-12.5), "-12.5")
        XCTAssertEqual(NumberText.format(3.05, decimals: 1), "3.1")
        XCTAssertEqual(NumberText.format(.nan), "0")
    }

    func testPaddingRespectsStickyBaselines() {
        let padded = AxisScale.padded(Interval(0, 10), kind: .linear, fraction: 0.05, sticky: [0])
        XCTAssertEqual(padded, Interval(0, 10.5))
        let logPadded = AxisScale.padded(Interval(1, 100), kind: .log, fraction: 0.05, sticky: [])
        XCTAssertEqual(log10(logPadded.lower), -0.1, accuracy: 1e-12)
    }

    func testLogScaleDropsNonPositiveValues() {
        let scale = AxisScale(kind: .log, domain: Interval(1, 100), rangeStart: 0, rangeEnd: 200)
        XCTAssertNil(scale.map(0))
        XCTAssertNil(scale.map(-3))
        XCTAssertEqual(scale.map(10) ?? -1, 100, accuracy: 1e-9)
        XCTAssertEqual(scale.invert(100), 10, accuracy: 1e-9)
    }
}
