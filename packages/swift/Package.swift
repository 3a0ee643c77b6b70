// swift-tools-version:5.9
// harvest-sdk for Swift: the Rust core through uniffi, driven by async/await over URLSession.
//
// The native library comes from bindings/uniffi:
// - on Apple platforms, `scripts/build-xcframework.sh` builds `HarvestFFI.xcframework` beside this
//   file, and the package links it as a binary target;
// - elsewhere (Linux, or macOS without the XCFramework), the C module below declares the FFI and
//   the library is linked from the Cargo target folder:
//   `swift build -Xlinker -L../../target/debug` after `cargo build -p harvest-uniffi`.
import Foundation
import PackageDescription

let xcframework = "HarvestFFI.xcframework"
let hasXCFramework = FileManager.default.fileExists(atPath: Context.packageDirectory + "/" + xcframework)

let ffiTarget: Target = hasXCFramework
    ? .binaryTarget(name: "harvest_uniffiFFI", path: xcframework)
    : .target(name: "harvest_uniffiFFI", path: "Sources/harvest_uniffiFFI")

let package = Package(
    name: "Harvest",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Harvest", targets: ["Harvest"]),
    ],
    targets: [
        ffiTarget,
        .target(
            name: "HarvestFFI",
            dependencies: ["harvest_uniffiFFI"],
            path: "Sources/HarvestFFI",
            linkerSettings: hasXCFramework ? [] : [.linkedLibrary("harvest_uniffi")]
        ),
        .target(
            name: "Harvest",
            dependencies: ["HarvestFFI"],
            path: "Sources/Harvest"
        ),
        .testTarget(
            name: "HarvestTests",
            dependencies: ["Harvest"],
            path: "Tests/HarvestTests"
        ),
    ]
)
