extension TunableRecommender {
  /// The personal frequency shrunk toward recent popularity (``ShrunkFrequencyRecommender``) on a
  /// grid of prior strengths β (0.5, 2, 8, 32 and 128 baskets) and popularity windows (30 and 90
  /// days, the recent-popularity baseline's grid), without decay; the popularity of each window
  /// is counted once and shared.
  ///
  /// β is the empirical-Bayes prior strength: a small β trusts the customer's own baskets (the
  /// personal top-frequency baseline with popular products after them), a large β gives
  /// everyone the recent popularity list. Choosing it on the validation window measures how much
  /// the customers' own baskets say about their next ones.
  public static var shrunkFrequency: TunableRecommender {
    shrunkFrequency(priors: [0.5, 2, 8, 32, 128], windows: [30, 90])
  }

  /// The shrunk personal frequency on a grid of priors, windows and (optionally) half-lives.
  package static func shrunkFrequency(priors: [Double], windows: [Double], halfLives: [Double?] = [nil])
    -> TunableRecommender
  {
    var grid: [Parameters] = []
    for window in windows {
      for halfLife in halfLives {
        for prior in priors {
          var point: Parameters = ["prior": prior, "windowDays": window]
          if let halfLife { point["halfLifeDays"] = halfLife }
          grid.append(point)
        }
      }
    }
    return TunableRecommender("shrunk frequency", grid: grid) { history, points in
      var shares: [Double: RecentBasketShares] = [:]
      return points.map { point in
        let window = point["windowDays"] ?? 90
        let popularity = shares[window] ?? RecentBasketShares(history, windowDays: window, candidateCount: 100)
        shares[window] = popularity
        return ShrunkFrequencyRecommender(
          history, prior: point["prior"] ?? 4, halfLifeDays: point["halfLifeDays"], popularity: popularity,
          windowDays: window)
      }
    }
  }
}
