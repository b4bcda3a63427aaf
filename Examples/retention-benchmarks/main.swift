print("retention-benchmarks: nothing yet")
