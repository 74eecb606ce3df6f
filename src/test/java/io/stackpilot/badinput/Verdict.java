package io.stackpilot.badinput;

/** What became of one generated object. The first four are answers; the rest are failures. */
enum Verdict {
  REJECTED_NAMING_THE_FIELD("rejected by the API server, naming the field"),
  REJECTED_AS_TOO_LARGE("rejected by the API server as too large (over its 3 MiB request limit)"),
  REJECTED_BY_THE_JSON_DECODER(
      "rejected by the API server's JSON decoder before any field is checked"
          + " (nesting past its depth limit, a number beyond float64, metadata of the wrong type)"),
  ACCEPTED_AND_REPORTED_VALID("accepted; the operator reports ConfigValid=True"),
  ACCEPTED_AND_REPORTED_INVALID("accepted; the operator reports Invalid, naming the field"),
  REJECTED_WITHOUT_A_FIELD("FAILURE: rejected without naming a field"),
  ACCEPTED_BUT_UNREPORTED("FAILURE: accepted, but the operator wrote no status for it"),
  ACCEPTED_BUT_MISREPORTED(
      "FAILURE: accepted, but the operator's report is wrong or names no field");

  final String description;

  Verdict(String description) {
    this.description = description;
  }

  boolean failure() {
    return ordinal() >= REJECTED_WITHOUT_A_FIELD.ordinal();
  }
}
