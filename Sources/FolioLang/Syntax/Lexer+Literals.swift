import FolioRuntime

/// Number and string literals, including interpolation, escapes and multi-line strings.
extension Lexer {
    mutating func scanNumber() {
        let start = position
        if peek() == "0", let radixMark = peek(1), let radix = ["x": 16, "b": 2, "o": 8][Character(radixMark)] {
            position += 2
            scanInteger(from: start, digitsFrom: position, radix: radix)
            return
        }
        skipDigits(radix: 10)
        var isDouble = false
        // After `.` a number is a tuple field (`pair.0.1`), never a fraction.
        if tokens.last?.isSymbol(".") == true {
            scanInteger(from: start, digitsFrom: start, radix: 10)
            return
        }
        if peek() == ".", let next = peek(1), ("0"..."9").contains(next) {
            isDouble = true
            position += 1
            skipDigits(radix: 10)
        }
        if let marker = peek(), marker == "e" || marker == "E" {
            let signLength = (peek(1) == "+" || peek(1) == "-") ? 1 : 0
            if let digit = peek(1 + signLength), ("0"..."9").contains(digit) {
                isDouble = true
                position += 1 + signLength
                skipDigits(radix: 10)
            }
        }
        if isDouble {
            let text = digitsText(from: start)
            add(Double(text).map(TokenKind.double) ?? .invalid("invalid number '\(text)'"), from: start)
        } else {
            scanInteger(from: start, digitsFrom: start, radix: 10)
        }
    }

    private mutating func scanInteger(from start: Int, digitsFrom digitsStart: Int, radix: Int) {
        skipDigits(radix: radix)
        let digits = digitsText(from: digitsStart)
        if let value = Int(digits, radix: radix) {
            add(.integer(value), from: start)
        } else if digits.isEmpty {
            add(.invalid("a number needs digits after its prefix"), from: start)
        } else {
            add(.invalid("integer literal \(digitsText(from: start)) does not fit in 64 bits"), from: start)
        }
    }

    private mutating func skipDigits(radix: Int) {
        while let scalar = peek(), scalar == "_" || Character(scalar).hexDigitValue.map({ $0 < radix }) == true {
            position += 1
        }
    }

    private func digitsText(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<position].filter { $0 != "_" }))
    }

    mutating func scanString() {
        let start = position
        let isMultiline = peek(1) == "\"" && peek(2) == "\""
        position += isMultiline ? 3 : 1
        var segments: [StringSegment] = []
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                // Only a multi-line string can still be closed by typing more lines.
                endsInsideLiteral = isMultiline
                add(.invalid(isMultiline ? "unterminated multi-line string literal" : "unterminated string literal"), from: start)
                return
            }
            if isMultiline, scalar == "\"", peek(1) == "\"", peek(2) == "\"" {
                position += 3
                break
            }
            if !isMultiline, scalar == "\"" {
                position += 1
                break
            }
            if !isMultiline, scalar == "\n" {
                add(.invalid("unterminated string literal"), from: start)
                return
            }
            if scalar == "\\" {
                guard scanEscape(into: &text, segments: &segments) else {
                    add(.invalid("invalid escape sequence in string literal"), from: start)
                    skipRestOfString(isMultiline: isMultiline)
                    return
                }
                continue
            }
            text.append(scalar)
            position += 1
        }
        if !text.isEmpty || segments.isEmpty { segments.append(.text(String(text))) }
        add(.string(isMultiline ? Lexer.dedented(segments) : segments), from: start)
    }

    private mutating func skipRestOfString(isMultiline: Bool) {
        while let scalar = peek() {
            position += 1
            if scalar == "\"", !isMultiline { return }
            if scalar == "\n", !isMultiline { position -= 1; return }
        }
    }

    /// Reads one escape at `\`; returns false for an invalid one.
    private mutating func scanEscape(into text: inout String.UnicodeScalarView, segments: inout [StringSegment]) -> Bool {
        guard let kind = peek(1) else { return false }
        position += 2
        switch kind {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "r": text.append("\r")
        case "0": text.append("\0")
        case "\\", "\"", "'": text.append(kind)
        case "x": return scanHexEscape(digits: 2, braced: false, into: &text)
        case "u": return scanHexEscape(digits: 8, braced: true, into: &text)
        case "(":
            if !text.isEmpty { segments.append(.text(String(text))) }
            text = String.UnicodeScalarView()
            return scanInterpolation(into: &segments)
        default: return false
        }
        return true
    }

    private mutating func scanHexEscape(digits: Int, braced: Bool, into text: inout String.UnicodeScalarView) -> Bool {
        if braced {
            guard peek() == "{" else { return false }
            position += 1
        }
        var value: UInt32 = 0
        var count = 0
        while count < digits, let scalar = peek(), let digit = Character(scalar).hexDigitValue {
            value = value &* 16 &+ UInt32(digit)
            count += 1
            position += 1
        }
        if braced {
            guard peek() == "}" else { return false }
            position += 1
        }
        guard count > 0, braced || count == digits, let scalar = Unicode.Scalar(value) else { return false }
        text.append(scalar)
        return true
    }

    /// `\(expr)`: finds the matching parenthesis (skipping nested strings) and scans the code inside.
    private mutating func scanInterpolation(into segments: inout [StringSegment]) -> Bool {
        let codeStart = position
        var depth = 1
        var inString = false
        while let scalar = peek() {
            if inString {
                if scalar == "\\" { position += 1 } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth -= 1
                if depth == 0 { break }
            } else if scalar == "\n" {
                return false
            }
            position += 1
        }
        guard depth == 0, interpolationDepth < Lexer.maximumInterpolationDepth else { return false }
        var inner = Lexer(scalars: scalars, sourceID: sourceID, range: codeStart..<position)
        inner.interpolationDepth = interpolationDepth + 1
        let tokens = inner.scanAll()
        segments.append(.code(tokens, SourceSpan(sourceID: sourceID, start: codeStart, end: position)))
        position += 1
        return true
    }

    /// A multi-line string drops its first and last line breaks and the closing delimiter's indentation.
    static func dedented(_ segments: [StringSegment]) -> [StringSegment] {
        guard case .text(let last)? = segments.last, let lastBreak = last.lastIndex(of: "\n") else { return segments }
        let indentation = last[last.index(after: lastBreak)...]
        guard indentation.allSatisfy({ $0 == " " || $0 == "\t" }) else { return segments }
        var result: [StringSegment] = []
        for (index, segment) in segments.enumerated() {
            guard case .text(var text) = segment else { result.append(segment); continue }
            if index == 0, text.hasPrefix("\n") { text.removeFirst() }
            if index == segments.count - 1, let cut = text.lastIndex(of: "\n") { text = String(text[..<cut]) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let stripped = lines.enumerated().map { lineIndex, line -> String in
                (lineIndex == 0 && index > 0) || !line.hasPrefix(indentation) ? String(line) : String(line.dropFirst(indentation.count))
            }
            result.append(.text(stripped.joined(separator: "\n")))
        }
        return result
    }
}

