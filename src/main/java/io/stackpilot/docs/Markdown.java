package io.stackpilot.docs;

/** The little Markdown the API reference needs: table cells that stay one cell, and code spans. */
final class Markdown {

  private Markdown() {}

  /** Text for a table cell: one line, with the cell separator escaped. */
  static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r", "")
        .replace("\n", " ")
        .strip();
  }

  /**
   * A code span in a table cell: the cell separator is escaped, which GitHub undoes inside code.
   */
  static String code(String text) {
    return span(text.replace("|", "\\|"));
  }

  /** A code span outside tables, where a backslash would show. */
  static String codeOutsideTable(String text) {
    return span(text);
  }

  private static String span(String text) {
    String fence = text.contains("`") ? "``" : "`";
    String padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return fence + padding + text.replace("\n", " ") + padding + fence;
  }
}
