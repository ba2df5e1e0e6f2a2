import FolioRuntime

/// The methods of arrays: in-place ones (`append`, `pop`, ...) and the ones returning a new value.
enum ArrayMethods {
    static func mutate(_ method: String, _ elements: inout [Value], _ arguments: [Value], interpreter: Interpreter) throws -> Value {
        switch (method, arguments.count) {
        case ("append", 1):
            elements.append(arguments[0])
        case ("extend", 1):
            guard case .array(let more) = arguments[0] else { throw expected("extend", "an Array", arguments[0]) }
            elements += more
        case ("insert", 2):
            guard case .int(let index) = arguments[1] else { throw expected("insert", "an Int position (insert(value, at))", arguments[1]) }
            let position = index < 0 ? max(0, index &+ elements.count) : min(index, elements.count)
            elements.insert(arguments[0], at: position)
        case ("pop", 0):
            guard let last = elements.popLast() else { throw FolioError(.IndexError, "pop() from an empty Array") }
            return last
        case ("pop", 1):
            guard case .int(let index) = arguments[0] else { throw expected("pop", "an Int index", arguments[0]) }
            return elements.remove(at: try SubscriptIndex.resolve(index, count: elements.count, typeName: "Array"))
        case ("remove", 1):
            guard let index = elements.firstIndex(of: arguments[0]) else {
                throw FolioError(.ValueError, "remove(): \(arguments[0].repr) is not in the Array")
            }
            elements.remove(at: index)
        case ("sort", 0):
            elements = try Sorting.sorted(elements)
        case ("reverse", 0):
            elements.reverse()
        case ("clear", 0):
            elements.removeAll()
        default:
            throw FolioError(.TypeError, "Array.\(method)() does not take \(arguments.count) argument\(arguments.count == 1 ? "" : "s")")
        }
        return .none
    }

    static func expected(_ method: String, _ what: String, _ got: Value) -> FolioError {
        FolioError(.TypeError, "\(method)() expects \(what), got \(got.typeName)")
    }
}

/// Ordering arrays for `sort()` and `sorted()`; mixed types are a TypeError, not an arbitrary order.
enum Sorting {
    static func sorted(_ elements: [Value], by comparator: ((Value, Value) throws -> Bool)? = nil) throws -> [Value] {
        var failure: Error?
        let result = elements.sorted { a, b in
            guard failure == nil else { return false }
            do {
                if let comparator { return try comparator(a, b) }
                return try Value.ordering(a, b) < 0
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return result
    }
}
