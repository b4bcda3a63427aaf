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

/// A model described by a fixed set of named positive parameters and the unit in which it
/// counts time.
///
/// Parameters such as a purchase rate's scale α are per period, so a model is complete only with
/// its unit: the continuous-time models (``BGNBDModel``, ``MBGNBDModel``, ``ParetoNBDModel``,
/// ``NBDModel``) measure time in a ``TimeUnit``; the discrete-time models count steps whose
/// calendar length the data define (``BGBBModel/Unit``, ``ShiftedBetaGeometricModel/Unit``).
public protocol ParametricModel: Sendable {
  /// The model's parameter type.
  associatedtype Parameters: ModelParameters
  /// The type of the model's time unit: ``TimeUnit`` for the continuous-time models.
  associatedtype Unit: Sendable, Hashable, Codable
  /// A short lowercase identifier used in reports and JSON (`"bgnbd"`, `"paretonbd"`, ...).
  static var identifier: String { get }
  /// The parameters.
  var parameters: Parameters { get }
  /// The unit in which the model counts time; its parameters are per period of this unit.
  var unit: Unit { get }
  /// Creates the model with given parameters in a given unit.
  ///
  /// - Parameters:
  ///   - parameters: Positive, finite parameters.
  ///   - unit: The unit the parameters were estimated in.
  /// - Precondition: Every parameter is positive and finite.
  init(parameters: Parameters, unit: Unit)
}

extension ModelParameters {
  /// Whether every value is positive and finite, as every model here requires.
  public var arePositiveAndFinite: Bool { values.allSatisfy { $0 > 0 && $0.isFinite } }
}
