// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DiscordBinding",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dbind", targets: ["dbind"]),
        .library(name: "DBindCore", targets: ["DBindCore"]),
        .library(name: "DBindFormats", targets: ["DBindFormats"]),
        .library(name: "DBindStore", targets: ["DBindStore"]),
        .library(name: "DBindPipeline", targets: ["DBindPipeline"]),
        .library(name: "DBindFixtures", targets: ["DBindFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System ICU (headers + libicuuc), seen only by the C shim below.
        .systemLibrary(name: "CICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
        // A tiny C wrapper over ICU's break iterators whose public header uses only <stdint.h>,
        // so Swift modules never import ICU's headers next to Foundation's private copy.
        .target(name: "ICUShim", dependencies: ["CICU"]),
        // Pure logic: models, text, segmentation, extraction, classification. No I/O, no SQLite.
        .target(
            name: "DBindCore",
            dependencies: ["ICUShim", .product(name: "Collections", package: "swift-collections")]
        ),
        // System zlib, for `.gz` exports.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's allocator settings (`mallopt`), which its Swift module leaves out.
        .systemLibrary(name: "CMalloc"),
        // File formats: DiscordChatExporter JSON (streaming), JSONL, YAML schema and label sets.
        .target(
            name: "DBindFormats",
            dependencies: [
                "DBindCore", "Yams", "CZlib",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Generated guilds in DCE's shape: the committed fixture guild (Lumen DAO) and large
        // synthetic ones for benchmarks.
        .target(
            name: "DBindFixtures",
            dependencies: [
                "DBindCore", "DBindFormats", "Yams", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Chat")]
        ),
        // SQLite store on GRDB: migrations, records, writers and queries.
        .target(
            name: "DBindStore",
            dependencies: [
                "DBindCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The review REPL: queues, commands and rendering, with input and output injected.
        .target(name: "DBindReview", dependencies: ["DBindCore", "DBindFormats", "DBindStore"]),
        // Jobs that run stages end to end (files → store, store → files), with progress and reports.
        .target(
            name: "DBindPipeline",
            dependencies: [
                "CMalloc", "DBindCore", "DBindFormats", "DBindFixtures", "DBindStore",
                .product(name: "BitCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The command-line tool: argument parsing only; the work happens in the libraries.
        .executableTarget(
            name: "dbind",
            dependencies: [
                "DBindCore", "DBindFormats", "DBindFixtures", "DBindStore", "DBindPipeline", "DBindReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets: a libFuzzer binary when built with -sanitize=fuzzer -DFUZZING (scripts/fuzz.sh),
        // a corpus replayer otherwise.
        .executableTarget(name: "dbind-fuzz", dependencies: ["DBindCore", "DBindFormats", "DBindStore", "DBindPipeline"]),
        // Helpers every test target shares: repository paths, temporary folders, Python clients.
        .target(name: "DBindTestSupport", dependencies: ["DBindFormats"], path: "Tests/DBindTestSupport"),
        .testTarget(name: "DBindCoreTests", dependencies: ["DBindCore", "DBindTestSupport"]),
        .testTarget(name: "DBindFormatsTests", dependencies: ["DBindFormats", "DBindFixtures", "DBindTestSupport"]),
        .testTarget(name: "DBindFixturesTests", dependencies: ["DBindFixtures", "DBindFormats", "DBindTestSupport"]),
        .testTarget(name: "DBindStoreTests", dependencies: ["DBindStore", "DBindFormats", "DBindTestSupport"]),
        .testTarget(
            name: "DBindPipelineTests",
            dependencies: ["DBindPipeline", "DBindTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "DBindReviewTests", dependencies: ["DBindReview", "DBindPipeline", "DBindTestSupport"]),
        .testTarget(name: "DBindCLITests", dependencies: ["dbind", "DBindFormats", "DBindStore", "DBindTestSupport"]),
    ]
)
