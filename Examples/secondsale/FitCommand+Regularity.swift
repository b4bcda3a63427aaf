import Foundation
import RetentionModel

/// Fits an Erlang-k model (`mbgcnbd`, `bgcnbd`) with k chosen by likelihood, and adds its
/// holdout report when the summaries have a holdout period.
///
/// The models need each customer's log inter-purchase times beside (x, t_x, T), so this reads
/// the order log the summaries came from. The output's notes say which k were tried and their
/// log-likelihoods; `parameters.k` is the chosen one.
///
/// - Parameters:
///   - search: The k search of the model, such as `{ try MBGCNBDModel.fit($0) }`.
///   - log: The order log the summaries were computed from.
///   - summaries: The customers' summaries.
///   - calibrationEnd: The calibration end, if any.
/// - Returns: The fit's output.
/// - Throws: What the fit throws.
func fitRegularity<Model: ParametricModel & RepeatPurchaseModel>(
  _ search: (PurchaseTimingData) throws -> RegularitySearch<Model>, log: OrderLog, summaries: CustomerSummaries,
  calibrationEnd: Date?
) throws -> FitOutput where Model.Unit: RawRepresentable<String> {
  let result = try search(try PurchaseTimingData(summaries: summaries, log: log))
  var output = fitOutput(result.best, calibrationEnd: calibrationEnd)
  let tried = result.fits.map { fit in
    "k = \(Int(fit.parameters.values[0])): \(String(format: "%.3f", fit.logLikelihood))"
  }
  output.diagnostics.notes.insert(
    "k = \(Int(result.best.parameters.values[0])) has the largest log-likelihood of the regularities tried (\(tried.joined(separator: ", "))); the standard errors are conditional on it.",
    at: 0)
  if summaries.hasHoldout { output.holdout = try result.best.model.holdoutReport(summaries) }
  return output
}
