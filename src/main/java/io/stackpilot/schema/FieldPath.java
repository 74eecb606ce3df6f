package io.stackpilot.schema;

/**
 * A field in an object, written as the API server writes it in its errors ({@code
 * spec.ports[0].name}), so that an offline message and the API server's name the same field the
 * same way. The object itself is the empty path; the API server shows it as {@code <nil>}.
 */
public record FieldPath(String text) {

  private static final FieldPath ROOT = new FieldPath("");

  public static FieldPath root() {
    return ROOT;
  }

  public boolean isRoot() {
    return text.isEmpty();
  }

  public FieldPath child(String name) {
    return new FieldPath(isRoot() ? name : text + "." + name);
  }

  public FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]");
  }

  /** An entry of a map, the way the API server's CEL validation names it. */
  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  /**
   * This path extended by a rule's {@code fieldPath}, a relative JSON path such as {@code .a.b},
   * {@code .a['b.c']} or {@code .a[0]}.
   */
  public FieldPath resolve(String relative) {
    FieldPath path = this;
    int i = 0;
    while (i < relative.length()) {
      char c = relative.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < relative.length()
            && relative.charAt(end) != '.'
            && relative.charAt(end) != '[') {
          end++;
        }
        path = path.child(relative.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = relative.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in field path " + relative);
        }
        String inside = relative.substring(i + 1, close);
        if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
          path = path.child(inside.substring(1, inside.length() - 1));
        } else {
          path = path.index(Integer.parseInt(inside));
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException(
            "field path " + relative + " must start each step with . or [");
      }
    }
    return path;
  }

  @Override
  public String toString() {
    return text;
  }
}
