import FolioPlot
import FolioTensor

/// Plot data from language values: tensors, arrays of numbers and ranges become `[Double]`;
/// 2-d tensors and nested arrays become row-major grids. FolioPlot itself knows no tensors.
public enum PlotData {
    public static func values(_ value: Value, _ name: String) throws -> [Double] {
        switch value {
        case .native(let object as TensorObject):
            return object.tensor.toArray()
        case .range(let range):
            return (0..<range.count).map { Double(range.element(at: $0)) }
        case .array(let elements):
            return try elements.map { element in
                if case .native(let object as TensorObject) = element, object.tensor.count == 1 { return object.tensor.toArray()[0] }
                guard let number = element.numericValue else {
                    throw FolioError(.TypeError, "\(name) must hold numbers, got a \(element.typeName)")
                }
                return number
            }
        default:
            throw FolioError(.TypeError, "\(name) must be a tensor or an array of numbers, got \(value.typeName)")
        }
    }

    public static func optionalValues(_ value: Value?, _ name: String) throws -> [Double]? {
        guard let value, !value.isNone else { return nil }
        return try values(value, name)
    }

    /// A matrix as row-major values with its row and column counts.
    public static func grid(_ value: Value, _ name: String) throws -> (values: [Double], rows: Int, columns: Int) {
        let tensor = try TensorConversion.tensor(from: value, dtype: .f64, name: name)
        guard tensor.rank == 2 else {
            throw FolioError(.ShapeError, "\(name) must be a matrix (2-d), got shape \(formatShape(tensor.shape))")
        }
        return (tensor.toArray(), tensor.shape[0], tensor.shape[1])
    }

    public static func color(_ value: Value?) throws -> Color? {
        guard let value, !value.isNone else { return nil }
        guard case .string(let text) = value, let color = Color(parsing: text) else {
            throw FolioError(.ValueError, "color: expects a hex string such as \"#0072b2\", got \(value.repr)")
        }
        return color
    }

    public static func colormap(_ value: Value?) throws -> Colormap {
        guard let value, !value.isNone else { return .viridis }
        guard case .string(let name) = value, let colormap = Colormap.named(name) else {
            throw FolioError(.ValueError, "colormap: unknown colormap \(value.repr); try \"viridis\", \"magma\", \"cividis\", \"RdBu\" or \"gray\"")
        }
        return colormap
    }

    /// A line's `marker:`: a matplotlib code at `size` (default 6 px), nil for none, or a number,
    /// which is the diameter of a dot (how markers were given before codes, kept for old notebooks).
    public static func lineMarker(_ value: Value?, size: Double?) throws -> Marker? {
        guard let value, !value.isNone else { return nil }
        if let diameter = value.numericValue {
            guard size == nil else {
                throw FolioError(.ValueError, "marker: a number is already the dot's diameter; give markersize: with a marker code such as \"o\" instead")
            }
            guard diameter.isFinite, diameter > 0 else {
                throw FolioError(.ValueError, "marker: a dot diameter must be a positive number of px, got \(value.repr)")
            }
            return Marker(.circle, size: diameter)
        }
        guard case .string(let code) = value else {
            throw FolioError(.TypeError, "marker: expects a marker code such as \"o\" or a number, got \(value.typeName)")
        }
        if MarkerShape.noneCodes.contains(code) { return nil }
        guard let shape = MarkerShape(rawValue: code) else {
            throw FolioError(.ValueError, "marker: unknown marker \(value.repr); expects \(MarkerShape.catalog); \"\" or \"none\" for none; or a number (a dot diameter in px)")
        }
        return Marker(shape, size: size ?? Marker.defaultSize)
    }

    /// A scatter's `marker:`, a matplotlib code; scatter always draws a marker.
    public static func scatterMarker(_ value: Value?) throws -> MarkerShape {
        guard let value, !value.isNone else { return .circle }
        guard case .string(let code) = value else {
            throw FolioError(.TypeError, "marker: expects a marker code such as \"o\" (size: sets the size), got \(value.typeName)")
        }
        guard let shape = MarkerShape(rawValue: code) else {
            throw FolioError(.ValueError, "marker: unknown marker \(value.repr); scatter expects \(MarkerShape.catalog)")
        }
        return shape
    }

    public static func lineStyle(_ value: Value?) throws -> LineStyle {
        guard let value, !value.isNone else { return .solid }
        guard case .string(let name) = value, let style = LineStyle(rawValue: name) else {
            throw FolioError(.ValueError, "style: expects solid, dashed, dotted or dashdot, got \(value.repr)")
        }
        return style
    }
}
