package io.stackpilot.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Texts gathered to be searched for canaries, counted by what they came from, for the report. */
final class Haystack {

  private record Piece(String source, String what, String text) {}

  private final List<Piece> pieces = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();

  void add(String source, String what, String text) {
    pieces.add(new Piece(source, what, text));
    counts.merge(source, 1, Integer::sum);
  }

  /** How many texts of each source, e.g. "ConfigMaps" -> 23. */
  Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }

  long characters() {
    return pieces.stream().mapToLong(p -> p.text().length()).sum();
  }

  /** Every canary found, as "where it was planted: in what". */
  List<String> leaks(Canaries canaries) {
    List<String> leaks = new ArrayList<>();
    for (Piece piece : pieces) {
      for (String canary : canaries.foundIn(piece.text())) {
        leaks.add(canary + ": in " + piece.source() + " " + piece.what());
      }
    }
    return leaks;
  }
}
