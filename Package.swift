// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "SecondSale",
  products: [
    .library(name: "RetentionCore", targets: ["RetentionCore"]),
    .library(name: "RetentionModel", targets: ["RetentionModel"]),
    .library(name: "LTVMath", targets: ["LTVMath"]),
    .library(name: "Segmentation", targets: ["Segmentation"]),
    .library(name: "Recommendations", targets: ["Recommendations"]),
    .library(name: "Campaigns", targets: ["Campaigns"]),
    .library(name: "RetentionReport", targets: ["RetentionReport"]),
  ],
  targets: [
    // Libraries
    .target(name: "RetentionCore", dependencies: ["_RetentionSupport"]),
    .target(name: "RetentionModel", dependencies: ["RetentionCore", "_RetentionSupport"]),
    .target(name: "LTVMath", dependencies: ["RetentionCore", "RetentionModel", "_RetentionSupport"]),
    .target(name: "Segmentation", dependencies: ["RetentionCore", "_RetentionSupport"]),
    .target(name: "Recommendations", dependencies: ["RetentionCore", "_RetentionSupport"]),
    .target(
      name: "Campaigns", dependencies: ["RetentionCore", "RetentionModel", "Segmentation", "Recommendations", "_RetentionSupport"]),
    .target(
      name: "RetentionReport",
      dependencies: ["RetentionCore", "RetentionModel", "LTVMath", "Segmentation", "Campaigns"]),
    // Internal helpers, not API.
    .target(name: "_RetentionSupport", path: "Sources/_RetentionSupport"),
    .target(name: "_TestSupport", dependencies: ["RetentionCore"], path: "Sources/_TestSupport"),
    .target(name: "_CommandLineSupport", dependencies: ["RetentionCore", "Segmentation"], path: "Sources/_CommandLineSupport"),
    // Examples and benchmarks
    .executableTarget(
      name: "secondsale",
      dependencies: [
        "RetentionCore", "RetentionModel", "LTVMath", "Segmentation", "Recommendations", "Campaigns",
        "_CommandLineSupport", "_RetentionSupport",
      ],
      path: "Examples/secondsale",
      // A command runs for tens of milliseconds: on Linux the dynamic loader's relocations of the
      // shared Swift runtime and Foundation cost several of them (issue 15, section 5). The
      // release program links them statically (the C library stays shared): compiled with
      // -static-stdlib too, so that it links all of Foundation's static libraries, and linked by
      // the toolchain's lld, which does not repeat glibc's link-time note about mktemp as a
      // warning. Only this executable, never a library a package depends on. No test target may
      // depend on this target: it would be linked the same way, and XCTest and Testing have no
      // static libraries.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
      linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]),
    .executableTarget(
      name: "retention-report",
      dependencies: [
        "RetentionCore", "RetentionModel", "LTVMath", "Segmentation", "Recommendations", "Campaigns", "RetentionReport",
        "_CommandLineSupport",
      ],
      path: "Examples/retention-report",
      resources: [.copy("Resources")]),
    .executableTarget(
      name: "cdnow-walkthrough", dependencies: ["RetentionModel", "LTVMath", "_CommandLineSupport"], path: "Examples/cdnow-walkthrough"),
    .executableTarget(
      name: "second-purchase-campaign",
      dependencies: ["Segmentation", "RetentionModel", "Recommendations", "Campaigns", "_CommandLineSupport"],
      path: "Examples/second-purchase-campaign"),
    .executableTarget(
      name: "daily-campaigns", dependencies: ["Campaigns", "Segmentation", "_CommandLineSupport"],
      path: "Examples/daily-campaigns"),
    .executableTarget(
      name: "replenishment-reminders", dependencies: ["Recommendations", "_CommandLineSupport"],
      path: "Examples/replenishment-reminders"),
    .executableTarget(
      name: "retention-benchmarks",
      dependencies: ["RetentionCore", "RetentionModel", "LTVMath", "Segmentation", "Recommendations", "Campaigns"],
      path: "Examples/retention-benchmarks"),
    // Tests
    .testTarget(name: "_RetentionSupportTests", dependencies: ["_RetentionSupport", "_TestSupport"]),
    .testTarget(
      name: "RetentionCoreTests",
      dependencies: ["RetentionCore", "Segmentation", "_RetentionSupport", "_TestSupport", "RetentionModel"]),
    .testTarget(name: "RetentionModelTests", dependencies: ["RetentionModel", "_TestSupport"]),
    .testTarget(name: "LTVMathTests", dependencies: ["LTVMath", "RetentionModel", "_TestSupport"]),
    .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "_TestSupport"]),
    .testTarget(name: "RecommendationsTests", dependencies: ["Recommendations", "Segmentation", "_TestSupport"]),
    .testTarget(name: "CampaignsTests", dependencies: ["Campaigns", "Recommendations", "Segmentation", "_TestSupport"]),
    .testTarget(
      name: "RetentionReportTests",
      dependencies: ["RetentionReport", "RetentionModel", "LTVMath", "Segmentation", "Campaigns", "_TestSupport"]),
    // ExamplesTests runs the example programs that `swift build --build-tests` and `swift test` build
    // beside it; it does not depend on `secondsale`, whose release link is static (see above).
    .testTarget(
      name: "ExamplesTests",
      dependencies: [
        "retention-report", "retention-benchmarks", "cdnow-walkthrough", "second-purchase-campaign",
        "replenishment-reminders", "daily-campaigns", "RetentionCore", "RetentionModel", "Campaigns", "_TestSupport",
        "_CommandLineSupport",
      ]),
  ]
)

for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(contentsOf: [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
  ])
  target.swiftSettings = settings
}
