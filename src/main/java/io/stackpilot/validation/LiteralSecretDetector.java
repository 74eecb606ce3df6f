package io.stackpilot.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether a name and a literal value written into a spec look like a secret. Anything in a
 * spec is readable by whoever can read the resource, and config ends up in a ConfigMap, so secrets
 * belong in Secrets. The answer says why, and never repeats the value.
 */
final class LiteralSecretDetector {

  private static final List<String> SECRET_NAME_PARTS =
      List.of(
          "PASSWORD",
          "PASSWD",
          "SECRET",
          "TOKEN",
          "API_KEY",
          "APIKEY",
          "PRIVATE_KEY",
          "CREDENTIAL");

  // A JSON Web Token: base64url header and payload (a JSON object starts "eyJ") and a signature.
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  // Generated keys (hex, base64, base64url) are long runs without spaces or punctuation such as
  // ':'.
  private static final Pattern KEY_ALPHABET = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");

  // UUIDs are usually identifiers (client IDs, tenant IDs) that are fine to show.
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  // $(OTHER_VAR) refers to another variable, e.g. one filled from a Secret.
  private static final Pattern VARIABLE_REFERENCE =
      Pattern.compile("\\$\\([A-Za-z_][-._A-Za-z0-9]*\\)");

  private static final Set<String> SWITCHES = Set.of("true", "false", "yes", "no", "on", "off");

  // Random keys have several bits of information per character; words and repeated patterns do not.
  private static final double RANDOM_BITS_PER_CHARACTER = 3.0;

  private LiteralSecretDetector() {}

  /**
   * Why the entry looks like a secret (e.g. "its name contains PASSWORD"), or empty if it does not.
   */
  static Optional<String> suspicion(String name, String value) {
    if (value == null || carriesNoSecret(value)) {
      return Optional.empty();
    }
    if (JWT.matcher(value).matches()) {
      return Optional.of("its value looks like a JSON Web Token");
    }
    if (looksRandom(value)) {
      return Optional.of("its value looks like a generated key");
    }
    String upperName =
        name == null ? "" : name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    return SECRET_NAME_PARTS.stream()
        .filter(upperName::contains)
        .findFirst()
        .map(part -> "its name contains " + part);
  }

  /**
   * Values that cannot be secrets whatever the name says: empty, an on/off switch such as
   * PASSWORD_LOGIN=false, an absolute path as in the FILE__PASSWORD=/run/secrets/db convention, or
   * a reference to another variable.
   */
  private static boolean carriesNoSecret(String value) {
    String trimmed = value.trim();
    return trimmed.isEmpty()
        || SWITCHES.contains(trimmed.toLowerCase(Locale.ROOT))
        || (trimmed.startsWith("/") && !trimmed.contains(" "))
        || VARIABLE_REFERENCE.matcher(trimmed).matches();
  }

  private static boolean looksRandom(String value) {
    return KEY_ALPHABET.matcher(value).matches()
        && !UUID.matcher(value).matches()
        && value.chars().anyMatch(Character::isDigit)
        && value.chars().anyMatch(Character::isLetter)
        && bitsPerCharacter(value) >= RANDOM_BITS_PER_CHARACTER;
  }

  /** Shannon entropy of the value's own character distribution. */
  private static double bitsPerCharacter(String value) {
    int[] counts = value.chars().collect(() -> new int[128], (c, ch) -> c[ch]++, (a, b) -> {});
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double share = (double) count / value.length();
        bits -= share * Math.log(share) / Math.log(2);
      }
    }
    return bits;
  }
}
