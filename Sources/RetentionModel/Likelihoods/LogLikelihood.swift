import Foundation

/// The log-likelihood of one data set as a function of a model's log-parameters, with its exact
/// gradient: what a model hands to ``ParametricModel/maximumLikelihoodFit(_:starts:options:)``.
///
/// The argument is θ = ln(parameters) in the order of the model's ``ModelParameters/names``
/// (the optimiser works on the log scale, where every parameter is free and positive on the
/// natural scale). A conforming type holds validated, compressed data and sums the model's
/// log-likelihood over it; the formulas and their citations are in the model's file.
protocol LogLikelihood: Sendable {
  /// The number of customers in the data (the sum of the counts).
  var customers: Double { get }
  /// The number of distinct rows the sum runs over: unique (x, t_x, T) triples, (x, t_x, n)
  /// patterns, or periods of cohorts.
  var rows: Int { get }
  /// The log-likelihood at the log-parameters θ; writes its gradient with respect to θ into
  /// `gradient`, which has one entry per parameter.
  ///
  /// - Complexity: O(*rows*), or as the model's file states.
  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double
}

extension LogLikelihood {
  /// The log-likelihood at natural-scale parameters, without its gradient.
  ///
  /// - Complexity: One ``evaluate(logParameters:gradient:)``.
  func value(at parameters: some ModelParameters) -> Double {
    let values = parameters.values
    var gradient = [Double](repeating: 0, count: values.count)
    return evaluate(logParameters: values.map { log($0) }, gradient: &gradient)
  }
}

/// A log-likelihood over indexed (x, t_x, T) triples, the data of the buy-till-you-die models.
protocol TripleLogLikelihood: LogLikelihood {
  /// The validated, indexed triples the likelihood sums over.
  var triples: IndexedTriples { get }
}

extension TripleLogLikelihood {
  /// The sum of the triples' counts.
  var customers: Double { triples.customers }
  /// The number of triples with a positive count.
  var rows: Int { triples.count }
}
