/// What a running cell can do to the outside world: the kernel adapter (or `folio run`, or a test)
/// implements it, so the language never knows about Jupyter messages or sockets.
public protocol SessionHost: AnyObject {
    func write(_ text: String, to stream: OutputStreamName)
    func display(_ bundle: MimeBundle, displayID: String?)
    func updateDisplay(_ bundle: MimeBundle, displayID: String)
    func clearOutput(wait: Bool)
    /// Throws a FolioError: kind RuntimeError with a clear message when the frontend does not accept input;
    /// kind Interrupted when interrupted.
    func readLine(prompt: String, password: Bool) throws -> String
}
