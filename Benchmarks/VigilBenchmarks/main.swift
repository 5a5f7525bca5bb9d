// Vigil's benchmarks; run in release:
//   swift build -c release --scratch-path .build-release
//   .build-release/release/vigil-bench          key press, poll result and tick cost with 10,000 alerts
//   .build-release/release/vigil-bench soak     24 simulated hours of ops-room with 10% faults
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "soak":
    exit(await Soak(arguments: Array(arguments.dropFirst())).run())
case "serve":
    await serveSimulator(arguments: Array(arguments.dropFirst()))
case nil, "keys":
    keyBenchmark()
default:
    print("usage: vigil-bench [keys] | soak [--hours 24] [--speed 600] [--fault-rate 0.1]")
    exit(2)
}
