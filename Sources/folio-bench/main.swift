// folio-bench: the Swift side of `make bench` (tensor engine and training-step timings).
import Foundation

FileHandle.standardError.write(Data("folio-bench: no benchmarks registered yet\n".utf8))
exit(2)
