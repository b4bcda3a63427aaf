import Foundation
import RetentionCore

func coreBenchmarks(_ runner: inout BenchmarkRunner) {
}
