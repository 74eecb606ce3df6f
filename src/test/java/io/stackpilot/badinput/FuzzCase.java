package io.stackpilot.badinput;

import java.util.List;
import java.util.Map;

/**
 * One generated case: its number (with the seed, all it takes to generate it again), the objects to
 * create in order, the mutations that made them, and whether the operator must report every one of
 * them Invalid once the API server has accepted them all.
 */
record FuzzCase(
    int index,
    FuzzKind kind,
    List<FuzzObject> objects,
    List<String> mutations,
    boolean expectInvalid) {

  /** One object of a case, as the JSON bytes sent to the API server. */
  record FuzzObject(FuzzKind kind, String name, byte[] json) {}

  String describe() {
    return "case "
        + index
        + " ("
        + kind.kind
        + ", "
        + (mutations.isEmpty() ? "unmutated" : String.join("+", mutations))
        + ")";
  }

  static FuzzObject object(Map<String, Object> manifest) {
    FuzzKind kind = FuzzKind.valueOf(kindOf(manifest));
    Object metadata = manifest.get("metadata");
    String name = metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "";
    return new FuzzObject(kind, name, JsonText.write(manifest));
  }

  private static String kindOf(Map<String, Object> manifest) {
    for (FuzzKind kind : FuzzKind.values()) {
      if (kind.kind.equals(manifest.get("kind"))) {
        return kind.name();
      }
    }
    throw new IllegalArgumentException("not a Stackpilot kind: " + manifest.get("kind"));
  }
}
