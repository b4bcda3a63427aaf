import Foundation

/// The country calling code and national trunk prefix of a country, which turn a national phone
/// number into its international (E.164) form.
///
/// A national number starts with the trunk prefix (`0` in most of Europe, `1` in the North
/// American Numbering Plan, `8` in Russia); the international form drops it and puts the calling
/// code in front: German `0151 2345678` is `+49 151 2345678`, American `1 555 010 2030` and
/// `555 010 2030` are `+1 555 010 2030`. Countries without a trunk prefix (Italy, Spain, Denmark,
/// Norway, Poland, ...) keep every digit: Italian `06 1234 5678` is `+39 06 1234 5678`.
struct CallingCode: Sendable, Hashable {
  /// The country calling code's digits (`49`, `1`).
  let code: [UInt8]
  /// The national trunk prefix's digits (`0`, `1`, `8`), empty where there is none.
  let trunk: [UInt8]

  init(code: String, trunk: String) {
    self.code = Array(code.utf8)
    self.trunk = Array(trunk.utf8)
  }

  /// The calling code of a configured default, with the trunk prefix of its countries.
  ///
  /// The default is written `"49"` or `"+1"` (spaces allowed); `nil` when it holds no digit. A
  /// code of no listed country has no trunk prefix.
  init?(defaultCode: String) {
    let digits = defaultCode.unicodeScalars.filter { $0.isASCII && CharacterSet.decimalDigits.contains($0) }
    guard !digits.isEmpty else { return nil }
    let code = String(String.UnicodeScalarView(digits))
    self.init(code: code, trunk: Self.trunkOfCode[code] ?? "")
  }

  /// The calling code of a country given by its ISO 3166-1 alpha-2 code (`DE`, `us`) or its
  /// English or native name (`Germany`, `Deutschland`, `United States`), ignoring case and
  /// surrounding spaces; `nil` for a country not listed.
  ///
  /// - Complexity: O(*n*) for a name of *n* characters; two-letter codes are found without
  ///   building a string.
  init?(country: String) {
    let utf8 = country.utf8
    if utf8.count == 2, let first = utf8.first, let last = utf8.last,
      let entry = Self.entry(isoLetters: first, last)
    {
      self = entry
      return
    }
    let key = country.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    if key.utf8.count == 2, let first = key.utf8.first, let last = key.utf8.last,
      let entry = Self.entry(isoLetters: first, last)
    {
      self = entry
      return
    }
    guard let iso = Self.isoOfName[key], let entry = Self.entry(isoLetters: iso.utf8.first ?? 0, iso.utf8.last ?? 0)
    else { return nil }
    self = entry
  }

  /// The entry of a two-letter ISO code given as its two ASCII letters in either case.
  private static func entry(isoLetters first: UInt8, _ second: UInt8) -> CallingCode? {
    func letter(_ byte: UInt8) -> Int? {
      switch byte {
      case 0x41...0x5A: Int(byte - 0x41)
      case 0x61...0x7A: Int(byte - 0x61)
      default: nil
      }
    }
    guard let a = letter(first), let b = letter(second) else { return nil }
    return byISO[a * 26 + b]
  }

  /// Each listed country: ISO code, calling code, trunk prefix, and names (lowercased).
  ///
  /// Sources: ITU-T E.164 assigned country codes (list of 2023) and national numbering plans
  /// (ITU Operational Bulletin). NANP countries share `1` with trunk prefix `1`; Mexico (2019),
  /// Chile and Colombia (2021) dropped their trunk prefixes.
  private static let countries: [(iso: String, code: String, trunk: String, names: [String])] = [
    ("US", "1", "1", ["united states", "united states of america", "usa", "u.s.a.", "u.s."]),
    ("CA", "1", "1", ["canada"]), ("PR", "1", "1", ["puerto rico"]), ("JM", "1", "1", ["jamaica"]),
    ("BS", "1", "1", ["bahamas"]), ("BB", "1", "1", ["barbados"]), ("TT", "1", "1", ["trinidad and tobago"]),
    ("DO", "1", "1", ["dominican republic"]), ("BM", "1", "1", ["bermuda"]), ("GU", "1", "1", ["guam"]),
    ("VI", "1", "1", ["u.s. virgin islands"]),
    ("RU", "7", "8", ["russia", "russian federation"]), ("KZ", "7", "8", ["kazakhstan"]),
    ("EG", "20", "0", ["egypt"]), ("ZA", "27", "0", ["south africa"]), ("GR", "30", "", ["greece"]),
    ("NL", "31", "0", ["netherlands", "the netherlands", "nederland", "holland"]),
    ("BE", "32", "0", ["belgium", "belgië", "belgique", "belgien"]), ("FR", "33", "0", ["france", "frankreich"]),
    ("ES", "34", "", ["spain", "españa", "spanien"]), ("HU", "36", "06", ["hungary"]),
    ("IT", "39", "", ["italy", "italia", "italien"]), ("VA", "39", "", ["vatican city", "holy see"]),
    ("RO", "40", "0", ["romania"]), ("CH", "41", "0", ["switzerland", "schweiz", "suisse", "svizzera"]),
    ("AT", "43", "0", ["austria", "österreich"]),
    ("GB", "44", "0", ["united kingdom", "uk", "great britain", "england", "scotland", "wales", "northern ireland"]),
    ("GG", "44", "0", ["guernsey"]), ("JE", "44", "0", ["jersey"]), ("IM", "44", "0", ["isle of man"]),
    ("DK", "45", "", ["denmark", "danmark", "dänemark"]), ("SE", "46", "0", ["sweden", "sverige", "schweden"]),
    ("NO", "47", "", ["norway", "norge", "norwegen"]), ("PL", "48", "", ["poland", "polska", "polen"]),
    ("DE", "49", "0", ["germany", "deutschland"]), ("PE", "51", "0", ["peru"]), ("MX", "52", "", ["mexico", "méxico"]),
    ("AR", "54", "0", ["argentina"]), ("BR", "55", "0", ["brazil", "brasil"]), ("CL", "56", "", ["chile"]),
    ("CO", "57", "", ["colombia"]), ("VE", "58", "0", ["venezuela"]), ("MY", "60", "0", ["malaysia"]),
    ("AU", "61", "0", ["australia"]), ("ID", "62", "0", ["indonesia"]), ("PH", "63", "0", ["philippines"]),
    ("NZ", "64", "0", ["new zealand"]), ("SG", "65", "", ["singapore"]), ("TH", "66", "0", ["thailand"]),
    ("JP", "81", "0", ["japan"]), ("KR", "82", "0", ["south korea", "korea, republic of", "republic of korea"]),
    ("VN", "84", "0", ["vietnam", "viet nam"]), ("CN", "86", "0", ["china"]),
    ("TR", "90", "0", ["turkey", "türkiye", "türkei"]), ("IN", "91", "0", ["india"]), ("PK", "92", "0", ["pakistan"]),
    ("LK", "94", "0", ["sri lanka"]), ("IR", "98", "0", ["iran"]), ("MA", "212", "0", ["morocco"]),
    ("DZ", "213", "0", ["algeria"]), ("TN", "216", "", ["tunisia"]), ("GH", "233", "0", ["ghana"]),
    ("NG", "234", "0", ["nigeria"]), ("KE", "254", "0", ["kenya"]), ("PT", "351", "", ["portugal"]),
    ("LU", "352", "", ["luxembourg", "luxemburg"]), ("IE", "353", "0", ["ireland", "irland"]),
    ("IS", "354", "", ["iceland"]), ("AL", "355", "0", ["albania"]), ("MT", "356", "", ["malta"]),
    ("CY", "357", "", ["cyprus"]), ("FI", "358", "0", ["finland", "suomi", "finnland"]),
    ("BG", "359", "0", ["bulgaria"]),
    ("LV", "371", "", ["latvia"]), ("EE", "372", "", ["estonia"]), ("MD", "373", "0", ["moldova"]),
    ("AD", "376", "", ["andorra"]), ("MC", "377", "", ["monaco"]), ("SM", "378", "", ["san marino"]),
    ("UA", "380", "0", ["ukraine"]), ("RS", "381", "0", ["serbia"]), ("ME", "382", "0", ["montenegro"]),
    ("HR", "385", "0", ["croatia", "kroatien"]), ("SI", "386", "0", ["slovenia"]),
    ("BA", "387", "0", ["bosnia and herzegovina"]), ("MK", "389", "0", ["north macedonia"]),
    ("CZ", "420", "", ["czechia", "czech republic", "tschechien"]), ("SK", "421", "0", ["slovakia"]),
    ("LI", "423", "", ["liechtenstein"]), ("CR", "506", "", ["costa rica"]), ("EC", "593", "0", ["ecuador"]),
    ("UY", "598", "0", ["uruguay"]), ("HK", "852", "", ["hong kong"]), ("TW", "886", "0", ["taiwan"]),
    ("BD", "880", "0", ["bangladesh"]), ("LB", "961", "0", ["lebanon"]), ("JO", "962", "0", ["jordan"]),
    ("KW", "965", "", ["kuwait"]), ("SA", "966", "0", ["saudi arabia"]), ("OM", "968", "", ["oman"]),
    ("AE", "971", "0", ["united arab emirates", "uae"]), ("IL", "972", "0", ["israel"]), ("BH", "973", "", ["bahrain"]),
    ("QA", "974", "", ["qatar"]), ("NP", "977", "0", ["nepal"]),
  ]

  /// The entries by `first letter * 26 + second letter` of the ISO code.
  private static let byISO: [CallingCode?] = {
    var table = [CallingCode?](repeating: nil, count: 26 * 26)
    for country in countries {
      let letters = Array(country.iso.utf8)
      table[Int(letters[0] - 0x41) * 26 + Int(letters[1] - 0x41)] = CallingCode(
        code: country.code, trunk: country.trunk)
    }
    return table
  }()

  /// The ISO code of each listed name.
  private static let isoOfName: [String: String] = {
    var names: [String: String] = [:]
    for country in countries { for name in country.names { names[name] = country.iso } }
    return names
  }()

  /// The trunk prefix of each calling code's countries.
  private static let trunkOfCode: [String: String] = {
    var trunks: [String: String] = [:]
    for country in countries where trunks[country.code] == nil { trunks[country.code] = country.trunk }
    return trunks
  }()
}
