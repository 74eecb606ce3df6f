package io.stackpilot.validation;

import java.util.List;
import java.util.Map;

/** Absent lists and maps read as empty: a spec may omit any of them. */
final class Nulls {

  private Nulls() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
