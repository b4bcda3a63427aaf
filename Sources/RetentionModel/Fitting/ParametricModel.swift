/// The named parameters of a model, convertible to and from a plain vector for the optimiser.
///
/// Conforming types are small structs whose stored properties are named as in the papers
/// (`r`, `alpha`, `a`, `b`, ...), so that they encode to JSON such as
/// `{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}`.
public protocol ModelParameters: Sendable, Hashable, Codable {
  /// The parameter names in vector order, as in the papers.
  static var names: [String] { get }
  /// Creates parameters from a vector in ``names`` order.
  ///
  /// - Parameter values: One value per name.
  init(values: [Double])
  /// The parameters as a vector in ``names`` order.
  var values: [Double] { get }
}

/// A model described by a fixed set of named positive parameters.
public protocol ParametricModel: Sendable {
  /// The model's parameter type.
  associatedtype Parameters: ModelParameters
  /// A short lowercase identifier used in reports and JSON (`"bgnbd"`, `"paretonbd"`, ...).
  static var identifier: String { get }
  /// The parameters.
  var parameters: Parameters { get }
  /// Creates the model with given parameters.
  ///
  /// - Parameter parameters: Positive, finite parameters.
  /// - Precondition: Every parameter is positive and finite.
  init(parameters: Parameters)
}

extension ModelParameters {
  /// Whether every value is positive and finite, as every model here requires.
  public var arePositiveAndFinite: Bool { values.allSatisfy { $0 > 0 && $0.isFinite } }
}
