import DeskTheme
import Synchronization
import Testing

@testable import ThemeFiles

@Suite struct ThemeLibraryTests {
  @Test func theFirstSearchPathWithANameWins() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let user = try folder.folder("user")
    let shared = try folder.folder("shared")
    try folder.write("user/ocean.toml", themeText(name: "ocean", description: "the user's"))
    try folder.write("shared/ocean.toml", themeText(name: "ocean", description: "shared"))
    try folder.write("shared/forest.toml", themeText(name: "forest", description: "shared forest"))
    let library = ThemeLibrary(searchPaths: [user, shared])
    #expect(try library.load("ocean").description == "the user's")
    #expect(try library.load("forest").description == "shared forest")
    let reversed = ThemeLibrary(searchPaths: [shared, user])
    #expect(try reversed.load("ocean").description == "shared")
  }

  @Test func listsFilesInSearchOrderThenTheBuiltInOnes() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let user = try folder.folder("user")
    let shared = try folder.folder("shared")
    try folder.write("user/ocean.toml", themeText(name: "ocean", description: "the user's"))
    try folder.write("user/broken.toml", "name = \"broken\"\n[slots]\nlock-secur = {}\n")
    try folder.write("user/notes.txt", "not a theme")
    try folder.write("shared/ocean.toml", themeText(name: "ocean", description: "shared"))
    try folder.write("shared/monochrome.toml", themeText(name: "monochrome", description: "mine"))
    let listings = ThemeLibrary(searchPaths: [user, folder.path + "/missing", shared])
      .availableThemes()
    #expect(listings.map(\.name) == ["broken", "ocean", "monochrome", "default"])
    #expect(
      listings.map(\.path) == [
        user + "/broken.toml", user + "/ocean.toml", shared + "/monochrome.toml", nil,
      ])
    #expect(listings[1].description == "the user's")
    #expect(listings[1].problem == nil)
    #expect(listings[3].description == Theme.default.description)
    #expect(
      listings[0].problem?.description
        == user + #"/broken.toml:3: unknown slot "lock-secur" (did you mean "lock-secure"?)"#)
  }

  @Test func theBuiltInThemesAreThereWithNoFilesAtAll() throws {
    let library = ThemeLibrary(searchPaths: ["/nonexistent/orderdesk/themes"])
    #expect(library.availableThemes().map(\.name) == ["default", "monochrome"])
    #expect(try library.load("default") == Theme.default)
    #expect(try library.load("monochrome") == Theme.monochrome)
  }

  @Test func anUnknownNameListsTheNamesThereAre() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("ocean.toml", themeText(name: "ocean"))
    let library = ThemeLibrary(searchPaths: [folder.path])
    #expect(
      throws: ThemeError(
        source: "",
        #"no theme named "ocaen" (did you mean "ocean"?); there are: ocean, default, monochrome"#)
    ) {
      try library.load("ocaen")
    }
  }

  @Test func anArgumentWithASlashOrTomlIsAPath() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("any-name.toml", themeText(name: "called-otherwise"))
    let library = ThemeLibrary(searchPaths: [])
    #expect(try library.load(path).name == "called-otherwise")
    #expect(throws: ThemeError(source: "nowhere.toml", "no such file")) {
      try library.load("nowhere.toml")
    }
    #expect(throws: ThemeError(source: "./default", "no such file")) {
      try library.load("./default")
    }
  }

  @Test func aFileFoundByNameMustCarryThatName() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("ocean.toml", themeText(name: "sea"))
    let library = ThemeLibrary(searchPaths: [folder.path])
    #expect(throws: ThemeError.self) { try library.load("ocean") }
    let listing = library.availableThemes().first
    #expect(listing?.name == "ocean")
    #expect(
      listing?.problem?.description.hasPrefix(path + #": the theme calls itself "sea""#) == true)
  }

  @Test func aBrokenFileShadowsTheBuiltInOfItsNameAndSaysSo() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("default.toml", "name = \"default\"\n[slots]\ntext = { fg = \"purple\" }\n")
    let library = ThemeLibrary(searchPaths: [folder.path])
    #expect(throws: ThemeError.self) { try library.load("default") }
    let (theme, problem) = library.load(
      ThemeLibrary.choose(themeOption: nil, variable: reading([:])))
    #expect(theme == Theme.default)
    #expect(problem?.problems.first?.line == 3)
  }

  @Test func theBuiltInThemesComeBeforeTheShippedFoldersButAfterThePersonsOwn() throws {
    let personal = try TemporaryFolder()
    let shipped = try TemporaryFolder()
    defer {
      personal.remove()
      shipped.remove()
    }
    // A shipped default.toml is never read (even a broken one): the built-in answers first.
    try shipped.write("default.toml", "name = \"default\"\n[slots]\ntext = { fg = \"purple\" }\n")
    try shipped.write(
      "ocean.toml", "name = \"ocean\"\ndescription = \"Sea\"\n[slots]\ntext = { fg = \"blue\" }\n")
    let library = ThemeLibrary(searchPaths: [personal.path], shippedPaths: [shipped.path])
    #expect(try library.load("default") == Theme.default)
    #expect(try library.load("ocean").description == "Sea")
    let listed = library.availableThemes().map {
      "\($0.name) \($0.path == nil ? "built in" : "file")"
    }
    #expect(listed == ["default built in", "monochrome built in", "ocean file"])

    // The person's own default.toml still wins over the built-in.
    try personal.write(
      "default.toml",
      "name = \"default\"\ndescription = \"Mine\"\n[slots]\ntext = { fg = \"green\" }\n")
    #expect(try library.load("default").description == "Mine")
    #expect(library.availableThemes().first?.path == personal.path + "/default.toml")
  }

  @Test func theStandardLibrarySearchesThePersonsFolderFirstAndTheShippedOnesLast() {
    let library = ThemeLibrary.standard(
      variable: reading(["HOME": "/home/ada"]), executablePath: "/opt/od/bin/orderdesk")
    #expect(library.searchPaths == ["/home/ada/.config/orderdesk/themes"])
    #expect(library.shippedPaths == ["/opt/od/share/orderdesk/themes"])
  }

  @Test func theProgramIsLookedForOnlyWhenTheShippedFoldersAreSearched() throws {
    let asked = Mutex(0)
    let library = ThemeLibrary.standard(
      variable: reading([:]),
      executablePath: asked.withLock {
        $0 += 1
        return "/opt/od/bin/orderdesk"
      })
    #expect(try library.load("default") == Theme.default)
    #expect(asked.withLock { $0 } == 0)
    #expect(throws: ThemeError.self) { try library.load("nowhere") }
    #expect(asked.withLock { $0 } > 0)
  }

  @Test func refusesFilesThatAreNotSmallUTF8Text() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let big = try folder.write("big.toml", String(repeating: "# padding\n", count: 7000))
    #expect(
      throws: ThemeError(
        source: big, "cannot be read: larger than 64 KiB; a theme file may be at most that")
    ) {
      try ThemeLibrary.loadFile(big)
    }
    let bytes: [UInt8] = Array("name = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
    let latin1 = try folder.write("latin1.toml", bytes: bytes)
    #expect(throws: ThemeError(source: latin1, "cannot be read: not UTF-8 text")) {
      try ThemeLibrary.loadFile(latin1)
    }
    let directory = try folder.folder("folder.toml")
    #expect(throws: ThemeError(source: directory, "cannot be read: not a regular file")) {
      try ThemeLibrary.loadFile(directory)
    }
  }
}

@Suite struct StandardSearchPathTests {
  @Test func configThenShareThenTheSourceTree() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("repo/Package.swift", "// swift-tools-version:6.1\n")
    let themes = try folder.folder("repo/themes")
    let executable = folder.path + "/repo/.build/x86_64-unknown-linux-gnu/debug/orderdesk"
    let paths = standardPaths(
      variable: reading(["XDG_CONFIG_HOME": "/config", "HOME": "/home/ann"]),
      executablePath: executable)
    #expect(
      paths == [
        "/config/orderdesk/themes",
        folder.path + "/repo/.build/x86_64-unknown-linux-gnu/share/orderdesk/themes",
        themes,
      ])
  }

  @Test func homeWhenXDGConfigHomeIsUnsetEmptyOrRelative() {
    for environment in [
      ["HOME": "/home/ann"], ["HOME": "/home/ann", "XDG_CONFIG_HOME": ""],
      ["HOME": "/home/ann", "XDG_CONFIG_HOME": "relative"],
    ] {
      let paths = standardPaths(
        variable: reading(environment), executablePath: "/usr/local/bin/orderdesk")
      #expect(paths == ["/home/ann/.config/orderdesk/themes", "/usr/local/share/orderdesk/themes"])
    }
    #expect(
      standardPaths(variable: reading([:]), executablePath: "/opt/od/bin/orderdesk")
        == ["/opt/od/share/orderdesk/themes"])
  }

  @Test func theSourceTreeMustHoldBothPackageSwiftAndThemes() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("repo/Package.swift", "")
    try folder.write("repo/.build/debug/themes/x.toml", "")  // themes without Package.swift
    let paths = standardPaths(
      variable: reading([:]), executablePath: folder.path + "/repo/.build/debug/orderdesk")
    #expect(paths == [folder.path + "/repo/.build/share/orderdesk/themes"])
  }

  @Test func theSourceTreeIsLookedForAtMostSixLevelsUp() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("repo/Package.swift", "")
    _ = try folder.folder("repo/themes")
    let near = folder.path + "/repo/1/2/3/4/5/6/orderdesk"
    let far = folder.path + "/repo/1/2/3/4/5/6/7/orderdesk"
    let env: [String: String] = [:]
    #expect(
      standardPaths(variable: reading(env), executablePath: near).last == folder.path
        + "/repo/themes")
    #expect(
      standardPaths(variable: reading(env), executablePath: far).last != folder.path
        + "/repo/themes")
  }

  @Test func thisTestBinaryFindsTheRepositorysThemes() {
    let paths = standardPaths(
      variable: reading([:]), executablePath: ThemeLibrary.currentExecutablePath())
    #expect(paths.last == Repository.themes)
  }
}

@Suite struct ThemeChoiceTests {
  @Test(arguments: [
    // --theme, environment, chosen, reason
    (String?.none, [String: String](), "default", ThemeChoice.Reason.fallback),
    (nil, ["ORDERDESK_THEME": "light"], "light", .environment),
    (nil, ["ORDERDESK_THEME": ""], "default", .fallback),
    ("workbench", ["ORDERDESK_THEME": "light"], "workbench", .option),
    ("", ["ORDERDESK_THEME": "light"], "light", .environment),
    (nil, ["NO_COLOR": "1"], "monochrome", .noColor),
    (nil, ["NO_COLOR": "1", "ORDERDESK_THEME": "light"], "monochrome", .noColor),
    (nil, ["NO_COLOR": "", "ORDERDESK_THEME": "light"], "light", .environment),
    ("workbench", ["NO_COLOR": "yes", "ORDERDESK_THEME": "light"], "workbench", .option),
    ("./mine.toml", ["NO_COLOR": "0"], "./mine.toml", .option),
  ])
  func precedence(
    option: String?, environment: [String: String], chosen: String, reason: ThemeChoice.Reason
  ) {
    let choice = ThemeLibrary.choose(themeOption: option, variable: reading(environment))
    #expect(choice.nameOrPath == chosen)
    #expect(choice.reason == reason)
    #expect(choice.noColor == !(environment["NO_COLOR"] ?? "").isEmpty)
  }

  @Test func aThemeThatCannotBeLoadedFallsBackToABuiltInOne() {
    let library = ThemeLibrary(searchPaths: [])
    let coloured = library.load(ThemeLibrary.choose(themeOption: "nope", variable: reading([:])))
    #expect(coloured.theme == Theme.default)
    #expect(coloured.problem != nil)
    let noColor = library.load(
      ThemeLibrary.choose(themeOption: "nope", variable: reading(["NO_COLOR": "1"])))
    #expect(noColor.theme == Theme.monochrome)
    let fine = library.load(
      ThemeLibrary.choose(themeOption: nil, variable: reading(["NO_COLOR": "1"])))
    #expect(fine.theme == Theme.monochrome)
    #expect(fine.problem == nil)
  }
}

/// Reads environment variables from `environment`, as `getenv` reads the process's.
func reading(_ environment: [String: String]) -> (String) -> String? {
  { environment[$0] }
}

/// Every folder the standard library searches, in order; the built-in themes come between
/// its ``ThemeLibrary/searchPaths`` and its ``ThemeLibrary/shippedPaths``.
func standardPaths(variable: (String) -> String?, executablePath: String) -> [String] {
  let library = ThemeLibrary.standard(variable: variable, executablePath: executablePath)
  return library.searchPaths + library.shippedPaths
}
