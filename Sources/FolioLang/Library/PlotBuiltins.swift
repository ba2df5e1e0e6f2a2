import FolioRuntime

enum PlotBuiltins {
    static let all: [BuiltinFunction] = []
}
