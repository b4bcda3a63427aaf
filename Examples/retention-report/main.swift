print("retention-report: nothing yet")
