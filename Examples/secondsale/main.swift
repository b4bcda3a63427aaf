print("secondsale: nothing yet")
