package io.stackpilot.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.api.AlertEvent;
import java.time.format.DateTimeFormatter;

/**
 * The Slack webhook body: an incoming-webhook message with a plain {@code text} (what the
 * notification and old clients show) and a few blocks (what the channel shows). Each event kind
 * gets its own emoji and words, so a glance at the channel tells a rollback from a recovery.
 */
final class SlackPayload {

  /** Slack rejects a section whose text is over 3000 characters; a message is cut well below. */
  static final int MAX_MESSAGE_CHARS = 1500;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SlackPayload() {}

  static String render(Alert alert) {
    String headline =
        emoji(alert.event())
            + " *"
            + words(alert.event())
            + "* "
            + alert.kind()
            + " `"
            + escape(alert.namespace() + "/" + alert.name())
            + "`";
    String message = escape(truncate(alert.message().strip()));

    ObjectNode body = NODES.objectNode();
    body.put("text", emoji(alert.event()) + " " + escape(AlertSummary.of(alert)));

    ArrayNode blocks = body.putArray("blocks");
    blocks.add(section(message.isEmpty() ? headline : headline + "\n" + message));
    ArrayNode fields = NODES.arrayNode();
    alert
        .revision()
        .ifPresent(revision -> fields.add(mrkdwn("*Revision*\n`" + escape(revision) + "`")));
    alert.image().ifPresent(image -> fields.add(mrkdwn("*Image*\n`" + escape(image) + "`")));
    if (!fields.isEmpty()) {
      ObjectNode details = blocks.addObject();
      details.put("type", "section");
      details.set("fields", fields);
    }
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    context
        .putArray("elements")
        .add(mrkdwn("Stackpilot · " + DateTimeFormatter.ISO_INSTANT.format(alert.at())));
    return GenericPayload.write(body);
  }

  static String emoji(AlertEvent event) {
    // A switch without default: a new event does not compile until it has its own emoji.
    return switch (event) {
      case ROLLED_BACK -> ":rewind:";
      case DEGRADED -> ":red_circle:";
      case BETA_FAILED -> ":x:";
      case PROMOTED -> ":rocket:";
      case RESTARTED -> ":arrows_counterclockwise:";
      case RECOVERED -> ":white_check_mark:";
    };
  }

  static String words(AlertEvent event) {
    return switch (event) {
      case ROLLED_BACK -> "Rolled back";
      case DEGRADED -> "Degraded";
      case BETA_FAILED -> "Beta failed";
      case PROMOTED -> "Promoted";
      case RESTARTED -> "Restarted";
      case RECOVERED -> "Recovered";
    };
  }

  /**
   * Slack reads {@code <...>} as links and mentions, so a message holding {@code <!channel>} would
   * page a whole channel. Its documented escapes for the three control characters make user values
   * plain text.
   */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String truncate(String text) {
    if (text.length() <= MAX_MESSAGE_CHARS) {
      return text;
    }
    int end = MAX_MESSAGE_CHARS - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never cut an emoji in half: Slack would show a replacement character
    }
    return text.substring(0, end) + "…";
  }

  private static ObjectNode section(String text) {
    ObjectNode section = NODES.objectNode();
    section.put("type", "section");
    section.set("text", mrkdwn(text));
    return section;
  }

  private static ObjectNode mrkdwn(String text) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "mrkdwn");
    node.put("text", text);
    return node;
  }
}
