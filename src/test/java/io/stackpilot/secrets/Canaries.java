package io.stackpilot.secrets;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique random secret values, each with a name saying where it was planted, and the spellings in
 * which one could leak: as written, and base64-encoded as Secrets and Kubernetes' JSON carry bytes.
 * Finding any of them in a text means that secret leaked into it.
 */
final class Canaries {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> byName = new LinkedHashMap<>();

  /**
   * A new canary of 32 random letters and digits, so it looks like a generated key and is unique.
   */
  String plant(String where) {
    StringBuilder value = new StringBuilder("cnry");
    for (int i = 0; i < 28; i++) {
      value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    byName.put(where, value.toString());
    return value.toString();
  }

  Map<String, String> all() {
    return Map.copyOf(byName);
  }

  /** The canaries found in the text, by where they were planted. */
  List<String> foundIn(String text) {
    List<String> found = new ArrayList<>();
    byName.forEach(
        (where, value) -> {
          for (String spelling : spellings(value)) {
            if (text.contains(spelling)) {
              found.add(where + " (as " + spelling + ")");
              return;
            }
          }
        });
    return found;
  }

  /** The value as written, and base64 of it (standard and URL-safe, with and without padding). */
  private static List<String> spellings(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    String standard = Base64.getEncoder().encodeToString(bytes);
    String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
    return List.of(value, standard, standard.replace("=", ""), urlSafe, urlSafe.replace("=", ""));
  }
}
