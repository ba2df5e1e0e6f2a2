import FolioRuntime

/// The methods of dictionaries that change them in place.
enum DictionaryMethods {
    static func mutate(_ method: String, _ dictionary: inout FolioDictionary, _ arguments: [Value]) throws -> Value {
        switch (method, arguments.count) {
        case ("pop", 1), ("remove", 1):
            guard let removed = dictionary.remove(try DictionaryKey(arguments[0])) else {
                throw FolioError(.IndexError, "key \(arguments[0].repr) is not in the Dictionary")
            }
            return removed
        case ("clear", 0):
            dictionary = FolioDictionary()
            return .none
        default:
            throw FolioError(.TypeError, "Dictionary has no method '\(method)' taking \(arguments.count) argument\(arguments.count == 1 ? "" : "s")")
        }
    }
}
