import FolioKernel
import XCTest

/// A kernel wired to an in-memory transport and a scripted language, fresh for every test.
class KernelTestCase: XCTestCase {
    var transport: InMemoryTransport!
    var language: ScriptedLanguage!
    var kernel: Kernel!

    override func setUp() {
        transport = InMemoryTransport()
        language = ScriptedLanguage()
        kernel = Kernel(language: language, transport: transport, sessionID: "kernel-session")
    }
}
