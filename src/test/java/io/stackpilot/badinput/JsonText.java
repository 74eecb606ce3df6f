package io.stackpilot.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as JSON bytes, including what
 * a general-purpose serializer refuses on purpose: nesting thousands of levels deep (iteratively,
 * so the writer's own stack is no limit), numbers no Java type can hold ({@link RawNumber}), lone
 * UTF-16 surrogates (written as \\u escapes) and bytes that are not UTF-8 at all ({@link
 * RawBytes}). What the API server does with them is the question; sending them must not be the hard
 * part.
 */
final class JsonText {

  /** A number written exactly as given, e.g. 1e400 or 9223372036854775808. */
  record RawNumber(String text) {}

  /** Bytes written inside a JSON string as they are, e.g. a lone 0xFF that is not UTF-8. */
  record RawBytes(byte[] bytes) {}

  private JsonText() {}

  static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // An explicit stack of pending work instead of recursion: each item is a value or a literal
    // token.
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(pending(value));
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof Token token) {
        out.writeBytes(token.text.getBytes(StandardCharsets.UTF_8));
      } else if (next instanceof Map<?, ?> map) {
        pushMap(map, pending);
      } else if (next instanceof List<?> list) {
        pushList(list, pending);
      } else {
        writeScalar(next, out);
      }
    }
    return out.toByteArray();
  }

  /** A piece of JSON syntax queued between values. */
  private record Token(String text) {}

  /** A JSON null on the stack of pending work, which holds no Java null. */
  private static final Token NULL = new Token("null");

  private static Object pending(Object value) {
    return value == null ? NULL : value;
  }

  private static void pushMap(Map<?, ?> map, Deque<Object> pending) {
    // Pushed in reverse, so that the entries come off the stack in order.
    pending.push(new Token("}"));
    Object[] entries = map.entrySet().toArray();
    for (int i = entries.length - 1; i >= 0; i--) {
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) entries[i];
      pending.push(pending(entry.getValue()));
      pending.push(new Token(quoted(String.valueOf(entry.getKey())) + ":"));
      if (i > 0) {
        pending.push(new Token(","));
      }
    }
    pending.push(new Token("{"));
  }

  private static void pushList(List<?> list, Deque<Object> pending) {
    pending.push(new Token("]"));
    for (int i = list.size() - 1; i >= 0; i--) {
      pending.push(pending(list.get(i)));
      if (i > 0) {
        pending.push(new Token(","));
      }
    }
    pending.push(new Token("["));
  }

  private static void writeScalar(Object value, ByteArrayOutputStream out) {
    if (value instanceof String text) {
      out.writeBytes(quoted(text).getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof RawNumber number) {
      out.writeBytes(number.text().getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof RawBytes raw) {
      out.write('"');
      out.writeBytes(raw.bytes());
      out.write('"');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.writeBytes(value.toString().getBytes(StandardCharsets.US_ASCII));
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /** A JSON string literal; control characters and unpaired surrogates as \\u escapes. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); ) {
      // A valid pair comes back as one supplementary code point; an unpaired half as itself.
      int codePoint = text.codePointAt(i);
      if (codePoint == '"' || codePoint == '\\') {
        out.append('\\').append((char) codePoint);
      } else if (codePoint < 0x20
          || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
        out.append(String.format("\\u%04x", codePoint));
      } else {
        out.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return out.append('"').toString();
  }
}
