package io.stackpilot.api;

import java.util.regex.Pattern;

/**
 * The grammar of a Kubernetes quantity (resource.Quantity): a decimal number, then nothing, a
 * binary suffix (Ki to Ei), a decimal one (n, u, m, k, M to E) or an exponent (e3). Stricter than
 * the expression the API server quotes when it refuses one ("1.5.5Gi" matches that, and is still
 * refused), so that what the CRD or the operator lets through, the API server takes.
 */
public final class QuantitySyntax {

  private static final String NUMBER = "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)";
  private static final String SUFFIX = "(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?";

  /** A size: a quantity without a sign. */
  public static final String SIZE = "^" + NUMBER + SUFFIX + "$";

  private static final Pattern QUANTITY = Pattern.compile("^[+-]?" + NUMBER + SUFFIX + "$");

  private QuantitySyntax() {}

  public static boolean isQuantity(String text) {
    return text != null && QUANTITY.matcher(text).matches();
  }
}
