// Vigil's benchmarks; run in release:
//   swift build -c release --scratch-path .build-release
//   .build-release/release/vigil-bench          key press, poll result and tick cost with 10,000 alerts
//   .build-release/release/vigil-bench soak     24 simulated hours of ops-room with 10% faults
//   .build-release/release/vigil-bench recovery time from the end of an outage to every feed answering
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "soak":
    exit(await Soak(arguments: Array(arguments.dropFirst())).run())
case "serve":
    await serveSimulator(arguments: Array(arguments.dropFirst()))
case "recovery":
    try await recoveryBenchmark()
case nil, "keys":
    keyBenchmark()
default:
    print("usage: vigil-bench [keys] | recovery | soak [--hours 24] [--speed 600] [--fault-rate 0.1]")
    exit(2)
}
