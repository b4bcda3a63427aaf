import Testing
@testable import Segmentation

/// The name rule on its own: which two names may be one person, and which are clearly different
/// people.
struct NameVariantsTests {
  private func compare(_ first: String, _ second: String) -> NameVariants.Comparison {
    let resolver = DeterministicIdentityResolver()
    let normalized = [first, second].map { resolver.normalizedName($0) ?? "" }
    return NameVariants.compare(NameVariants.Words(normalized[0]), NameVariants.Words(normalized[1]))
  }

  @Test(arguments: [
    ("Licup Jel Sinafe", "Licup Bacafome Jel Sinafe", ["middle name or double surname"]),
    ("Vovo Mim Mikeni", "Vovo Mikeni", ["middle name or double surname"]),
    ("Anna Müller", "A. Müller", ["initial"]),
    ("Anna Müller", "Anna Mueller", ["transliteration"]),
    ("A. Müller", "Anna Mueller", ["initial", "transliteration"]),
    ("Jürgen Groß", "JUERGEN GROSS", ["transliteration"]),
    ("José Núñez", "Jose Nunez", ["accents"]),
    ("Müller, Anna", "Anna Müller", []),
    ("Anna-Lena Schmidt", "Anna Lena Schmidt", []),
    ("Anna Müller", "Anna Schmidt-Müller", ["middle name or double surname"]),
    ("Ada", "Ada Lovelace", ["surname left out"]),
    ("Sean O'Neil", "sean oneil", []),
    ("Anna M. Schmidt", "Anna Maria Schmidt", ["initial"]),
  ])
  func mayBeOnePerson(first: String, second: String, ways: [String]) {
    #expect(compare(first, second) == .mayBeOnePerson(ways))
    #expect(compare(second, first) == .mayBeOnePerson(ways))
  }

  @Test(arguments: [
    ("Mia Neumann", "Clara Schwarz", "different given names (mia / clara)"),
    ("Tom Berger", "Lena Berger", "different given names (tom / lena)"),
    ("Eva Kranz", "Eva Stein", "different surnames (kranz / stein), neither an extension of the other"),
    (
      "Anna Maria Schmidt", "Anna Lena Schmidt",
      "different names after the given name (maria schmidt / lena schmidt), neither an extension of the other"
    ),
    ("Alex Berg", "Alexander Berg", "different given names (alex / alexander)"),
    ("Jan Berg", "J. Bergmann", "different surnames (berg / bergmann), neither an extension of the other"),
  ])
  func clearlyDifferentPeople(first: String, second: String, reason: String) {
    #expect(compare(first, second) == .differentPeople(reason))
    guard case .differentPeople = compare(second, first) else {
      Issue.record("\(second) / \(first) should be different people too")
      return
    }
  }

  @Test func anInitialThatFitsTwoPeopleDoesNotJoinThem() {
    // "A. Müller" may be Anna or Andreas, but Anna and Andreas are two people: the identifier
    // they share is shared.
    let people = NameVariants.people(among: ["anna müller", "a. müller", "andreas müller"], limit: 5)
    #expect(people.groups == [[0, 1], [2]])
    #expect(people.split?.first == 0 && people.split?.second == 2)
    // With a limit of 1 the search stops at the second person.
    #expect(NameVariants.people(among: ["mia", "clara", "tom", "lena"], limit: 1).groups.count == 2)
  }
}
