/// The two text streams a cell writes to; the kernel maps them onto Jupyter `stream` messages.
public enum OutputStreamName: Sendable {
    case stdout
    case stderr
}
