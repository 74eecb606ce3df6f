package io.stackpilot.monitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line that says what happened, for receivers that only show one line (a pager, a chat
 * notification preview). Both payload formats use it, so they tell the same story.
 */
final class AlertSummary {

  private AlertSummary() {}

  /**
   * For example: {@code RolledBack MediaService home/sonarr: new revision crashed (revision
   * 3f2a9c1, image app:2)}.
   */
  static String of(Alert alert) {
    StringBuilder line =
        new StringBuilder()
            .append(alert.event().value())
            .append(' ')
            .append(alert.kind())
            .append(' ')
            .append(alert.namespace())
            .append('/')
            .append(alert.name());
    if (!alert.message().isBlank()) {
      line.append(": ").append(alert.message().strip());
    }
    List<String> details = new ArrayList<>(2);
    alert.revision().ifPresent(revision -> details.add("revision " + revision));
    alert.image().ifPresent(image -> details.add("image " + image));
    if (!details.isEmpty()) {
      line.append(" (").append(String.join(", ", details)).append(')');
    }
    return line.toString();
  }
}
