import Foundation

/// The rule that tells one person writing their name in several ways from different people
/// sharing an email or phone.
///
/// Two names on one identifier are **clearly different people** when their given names (the
/// first word) differ, or when the rest of the names differ other than by words left out: one
/// person's surname is not an extension of the other's. They **may be one person** when one is
/// the other with words left out (a middle name added or dropped: "Licup Jel Sinafe" and "Licup
/// Bacafome Jel Sinafe", "Vovo Mim Mikeni" and "Vovo Mikeni"; a double surname: "Anna Müller"
/// and "Anna Schmidt-Müller"), with a word shortened to its initial ("A. Müller"), transliterated
/// (ü/ue, ö/oe, ä/ae, ß/ss: "Anna Mueller"), or differing in case or accents ("Jose"/"José").
///
/// Words are the runs of letters and digits (hyphens, dots and spaces separate them;
/// apostrophes are dropped: "O'Neil" is "oneil"), and "Müller, Anna" is read as "Anna Müller".
/// Nicknames (Alex/Alexander) and different middle names (Anna Maria/Anna Lena) count as
/// different people: a shared inbox of two sisters must not become one person. The rule only
/// ever splits identifiers off; names alone never link orders.
enum NameVariants {
  /// A name as words, each in the two folded forms words are compared in.
  struct Words: Sendable {
    /// Each word as written (lowercased).
    let plain: [String]
    /// Each word with ä, ö, ü, ß (and æ, ø, å) transliterated, then other accents removed.
    let transliterated: [String]
    /// Each word with every accent removed (ü → u).
    let stripped: [String]

    /// The words of a normalised (lowercased) name.
    init(_ name: String) {
      var text = name
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      if parts.count == 2, parts.allSatisfy({ $0.contains(where: \.isLetter) }) { text = parts[1] + " " + parts[0] }
      var words: [String] = []
      var word = ""
      for character in text {
        if character == "'" || character == "’" { continue }
        if character.isLetter || character.isNumber {
          word.append(character)
        } else if !word.isEmpty {
          words.append(word)
          word = ""
        }
      }
      if !word.isEmpty { words.append(word) }
      plain = words.map { $0.lowercased() }
      transliterated = plain.map { Self.fold(Self.transliterate($0)) }
      stripped = plain.map(Self.fold)
    }

    var count: Int { plain.count }

    private static let transliterations: [Character: String] = [
      "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa",
    ]

    private static func transliterate(_ word: String) -> String {
      var result = ""
      for character in word {
        if let replacement = transliterations[character] { result += replacement } else { result.append(character) }
      }
      return result
    }

    private static func fold(_ word: String) -> String {
      word.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
    }
  }

  /// How two words of names relate.
  enum WordMatch: Equatable {
    case equal, transliteration, accents, initial, different
  }

  /// How two words relate: equal, equal once transliterated or without accents, one the
  /// initial of the other, or different.
  static func match(_ a: Words, _ i: Int, _ b: Words, _ j: Int) -> WordMatch {
    if a.plain[i] == b.plain[j] { return .equal }
    let sameStripped = a.stripped[i] == b.stripped[j]
    if a.transliterated[i] == b.transliterated[j] { return sameStripped ? .accents : .transliteration }
    if sameStripped { return .accents }
    let (left, right) = (a.stripped[i], b.stripped[j])
    if left.count == 1 || right.count == 1, let l = left.first, let r = right.first, l == r { return .initial }
    return .different
  }

  /// What two names are to each other.
  enum Comparison: Equatable {
    /// They may be one person; the ways they differ (`middle name`, `initial`, ...), empty
    /// when they are the same name.
    case mayBeOnePerson([String])
    /// They are clearly different people, and why.
    case differentPeople(String)
  }

  /// Compares two normalised names.
  ///
  /// - Complexity: O(*n* + *m*) word comparisons for names of *n* and *m* words.
  static func compare(_ first: Words, _ second: Words) -> Comparison {
    guard first.count > 0, second.count > 0 else { return .mayBeOnePerson([]) }
    var differences: Set<String> = []
    func note(_ match: WordMatch) {
      switch match {
      case .transliteration: differences.insert("transliteration")
      case .accents: differences.insert("accents")
      case .initial: differences.insert("initial")
      case .equal, .different: break
      }
    }
    let given = match(first, 0, second, 0)
    guard given != .different else {
      return .differentPeople("different given names (\(first.plain[0]) / \(second.plain[0]))")
    }
    note(given)
    // The shorter name's other words must appear in the longer one's, in order.
    let (short, long) = first.count <= second.count ? (first, second) : (second, first)
    var position = 1
    for word in 1..<short.count {
      while position < long.count && match(short, word, long, position) == .different { position += 1 }
      guard position < long.count else {
        let (a, b) = (first.plain.dropFirst().joined(separator: " "), second.plain.dropFirst().joined(separator: " "))
        let what = first.count == second.count && first.count == 2 ? "surnames" : "names after the given name"
        return .differentPeople("different \(what) (\(a) / \(b)), neither an extension of the other")
      }
      note(match(short, word, long, position))
      position += 1
    }
    if short.count < long.count {
      differences.insert(short.count == 1 ? "surname left out" : "middle name or double surname")
    }
    return .mayBeOnePerson(differences.sorted())
  }

  /// The people among the names on one identifier, told apart by name: each name, in the order
  /// given, joins the first group with whose every name it may be one person, or starts a group.
  ///
  /// - Parameters:
  ///   - names: Distinct normalised names.
  ///   - limit: Stop once there are more groups than this (the identifier is shared then).
  /// - Returns: The groups (indices into `names`); when there are several, the first pair of
  ///   names found clearly different and why; and the ways the names of one group differ.
  /// - Complexity: O(*k*²) name comparisons for *k* names at worst; O(*k*) when the names are
  ///   clearly different people and `limit` is small.
  static func people(among names: [String], limit: Int) -> (
    groups: [[Int]], split: (first: Int, second: Int, reason: String)?, differences: [String]
  ) {
    var words: [Words] = []
    var groups: [[Int]] = []
    var split: (first: Int, second: Int, reason: String)?
    var differences: Set<String> = []
    for index in names.indices {
      words.append(Words(names[index]))
      var joined = false
      for group in groups.indices {
        var groupDifferences: [String] = []
        var fits = true
        for member in groups[group] {
          switch compare(words[member], words[index]) {
          case .mayBeOnePerson(let ways): groupDifferences += ways
          case .differentPeople(let reason):
            if split == nil { split = (member, index, reason) }
            fits = false
          }
          if !fits { break }
        }
        if fits {
          groups[group].append(index)
          differences.formUnion(groupDifferences)
          joined = true
          break
        }
      }
      if !joined { groups.append([index]) }
      if groups.count > limit { break }
    }
    return (groups, split, differences.sorted())
  }
}
