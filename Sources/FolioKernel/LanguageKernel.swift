import Foundation

/// A MIME bundle: `text/plain` and richer representations of one value.
public typealias MimeData = [String: JSONValue]

/// What a language tells `kernel_info_reply`.
public struct LanguageInfo: Sendable {
    public var name: String
    public var version: String
    public var mimetype: String
    public var fileExtension: String
    public var pygmentsLexer: String
    public var codemirrorMode: String
    public var nbconvertExporter: String

    public init(name: String, version: String, mimetype: String, fileExtension: String,
                pygmentsLexer: String, codemirrorMode: String, nbconvertExporter: String) {
        self.name = name
        self.version = version
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.nbconvertExporter = nbconvertExporter
    }
}

public struct HelpLink: Codable, Sendable {
    public var text: String
    public var url: String
    public init(text: String, url: String) { self.text = text; self.url = url }
}

public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var language: LanguageInfo
    public var banner: String
    public var helpLinks: [HelpLink]

    public init(implementation: String, implementationVersion: String, language: LanguageInfo, banner: String,
                helpLinks: [HelpLink]) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.language = language
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

public enum StreamName: String, Sendable { case stdout, stderr }

/// Why reading input failed.
public enum InputError: Error, Equatable, Sendable {
    /// The frontend does not accept input requests (`allow_stdin` was false).
    case notAllowed
    /// An interrupt arrived while waiting for the reply.
    case interrupted
    /// The transport is shutting down.
    case closed
}

/// What a language uses while one execution runs: outputs go to iopub with the request as parent.
public protocol ExecutionContext: AnyObject {
    /// The `In[n]` number of this execution.
    var executionCount: Int { get }
    var isSilent: Bool { get }
    var allowsStdin: Bool { get }
    func stream(_ name: StreamName, _ text: String)
    func display(_ data: MimeData, metadata: [String: JSONValue], displayID: String?)
    func updateDisplay(_ data: MimeData, metadata: [String: JSONValue], displayID: String)
    func clearOutput(wait: Bool)
    /// Asks the frontend for a line of input on the stdin channel and waits for it.
    func input(prompt: String, password: Bool) throws(InputError) -> String
}

/// A payload of an execute reply; `page` is how `help(x)` shows documentation (as IPython's `?`).
public enum ExecutePayload: Sendable {
    case page(MimeData, start: Int)
}

public struct ExecutionError: Error, Sendable {
    public var name: String
    public var value: String
    public var traceback: [String]
    public init(name: String, value: String, traceback: [String]) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }
}

public enum ExecutionOutcome: Sendable {
    /// The cell ran; `result` is its value to show as `execute_result` (nil shows nothing).
    case success(result: MimeData?, payloads: [ExecutePayload])
    case failure(ExecutionError)
}

public struct CompletionResult: Sendable {
    public var matches: [String]
    /// Code-point offsets of the text the matches replace.
    public var cursorStart: Int
    public var cursorEnd: Int
    public var metadata: [String: JSONValue]
    public init(matches: [String], cursorStart: Int, cursorEnd: Int, metadata: [String: JSONValue] = [:]) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
        self.metadata = metadata
    }
}

public struct InspectionResult: Sendable {
    public var data: MimeData
    public var metadata: [String: JSONValue]
    public init(data: MimeData, metadata: [String: JSONValue] = [:]) {
        self.data = data
        self.metadata = metadata
    }
}

public enum CompletenessStatus: Sendable, Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
    case unknown
}

/// The whole interface between the protocol core and a language, as small as xeus's interpreter.
/// `execute`, `complete`, `inspect` and `isComplete` are called on the shell thread only;
/// `interrupt` may be called from any thread (control channel, signal handler).
public protocol LanguageKernel: AnyObject {
    var info: KernelInfo { get }
    func execute(code: String, context: ExecutionContext) -> ExecutionOutcome
    /// `cursorPosition` counts Unicode code points, as protocol 5.2+ says.
    func complete(code: String, cursorPosition: Int) -> CompletionResult
    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult?
    func isComplete(code: String) -> CompletenessStatus
    func interrupt()
    func shutdown(restart: Bool)
}
