package io.stackpilot.badinput;

/** The verdict on one object of a case, with what the API server or the operator said about it. */
record Outcome(FuzzCase fuzzCase, FuzzCase.FuzzObject object, Verdict verdict, String detail) {

  String describe() {
    return fuzzCase.describe()
        + " "
        + object.kind().kind
        + "/"
        + object.name()
        + " ("
        + object.json().length
        + " bytes): "
        + verdict.description
        + (detail.isEmpty() ? "" : ": " + abbreviate(detail));
  }

  private static String abbreviate(String text) {
    return text.length() <= 400
        ? text
        : text.substring(0, 400) + "... (" + text.length() + " characters)";
  }
}
