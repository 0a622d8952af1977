// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MentorMatch",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MentorMatch", targets: ["MentorMatch"]),
        .library(name: "MentorMatchGLPK", targets: ["MentorMatchGLPK"]),
        .library(name: "MentorMatchRoster", targets: ["MentorMatchRoster"]),
        .library(name: "MentorMatchNumpy", targets: ["MentorMatchNumpy"]),
        .executable(name: "mentor-match", targets: ["mentor-match"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // HTML reports: a typed DSL that escapes text.
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // numpy archives (`.npz`) are zip files.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `swift package generate-documentation` (DocC); a plugin, never linked into a product.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "MentorMatch",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                "CPrefetch",
            ]
        ),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(name: "MentorMatchGLPK", dependencies: ["MentorMatch", "CGLPK"]),
        .target(name: "MentorMatchRoster", dependencies: ["MentorMatch", "SwiftCSV", "Plot"]),
        .target(name: "MentorMatchNumpy", dependencies: ["MentorMatch", "ZIPFoundation"]),
        // The example rosters, read in place by the tests and bundled for `mentor-match demo`.
        .target(
            name: "MentorMatchDatasets", path: "Datasets",
            resources: [.copy("new-england-prevention"), .copy("peer-recovery-sites")]),
        .executableTarget(
            name: "mentor-match",
            dependencies: [
                "MentorMatch",
                "MentorMatchGLPK",
                "MentorMatchRoster",
                "MentorMatchNumpy",
                "MentorMatchDatasets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mentor-match-bench",
            dependencies: [
                "MentorMatch", "MentorMatchGLPK", "MentorMatchRoster", "MentorMatchNumpy", "CGLPK",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/Harness"
        ),
        // One test target per module; the core's tests need no GLPK. Shared generators, brute
        // force and corpus checks live in a support library the test targets import.
        .target(name: "MentorMatchTestSupport", dependencies: ["MentorMatch"], path: "Tests/MentorMatchTestSupport"),
        .testTarget(
            name: "MentorMatchTests",
            dependencies: ["MentorMatch", "MentorMatchTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "MentorMatchGLPKTests", dependencies: ["MentorMatch", "MentorMatchGLPK", "MentorMatchTestSupport"]),
        .testTarget(name: "MentorMatchRosterTests", dependencies: ["MentorMatch", "MentorMatchRoster", "MentorMatchGLPK", "MentorMatchTestSupport"]),
        // Runs the built command-line tool as a process: exit codes, messages, written files.
        .testTarget(name: "MentorMatchCLITests", dependencies: ["mentor-match"]),
    ]
)

// Every `any` written out, so that an existential (a witness call per use) is always visible.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}

// Micro benchmarks (ordo-one/benchmark) only when asked for, so that users of the library and CI
// never build the benchmark package: MENTORMATCH_BENCHMARKS=1 swift package benchmark
if Context.environment["MENTORMATCH_BENCHMARKS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "SolverBenchmarks",
            dependencies: ["MentorMatch", "MentorMatchGLPK", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/SolverBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ))
}

// Fuzz targets (libFuzzer) only when asked for, since they have no main of their own:
// MENTORMATCH_FUZZ=1 swift build --sanitize fuzzer --product mentor-match-fuzz (see Fuzz/run.sh).
if Context.environment["MENTORMATCH_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "mentor-match-fuzz", dependencies: ["MentorMatch", "MentorMatchRoster", "MentorMatchNumpy"], path: "Fuzz/Sources",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "mentor-match-fuzz", targets: ["mentor-match-fuzz"]))
}
