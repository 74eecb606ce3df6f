package io.stackpilot.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.WebhookFormat;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlackPayloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void textIsTheSummaryBehindTheEventsEmoji() throws Exception {
    JsonNode body = slack(Alerts.rolledBack());

    assertThat(body.get("text").asText())
        .isEqualTo(
            ":rewind: RolledBack MediaService home/sonarr: revision 9c1e2aa crashed (CrashLoopBackOff); back on 3f2a9c1"
                + " (revision 3f2a9c1, image lscr.io/linuxserver/sonarr:4.0.9)");
  }

  @Test
  void blocksShowHeadlineMessageDetailsAndTime() throws Exception {
    JsonNode blocks = slack(Alerts.rolledBack()).get("blocks");

    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).get("text").get("text").asText())
        .isEqualTo(
            ":rewind: *Rolled back* MediaService `home/sonarr`\nrevision 9c1e2aa crashed (CrashLoopBackOff); back on 3f2a9c1");
    assertThat(blocks.get(1).get("fields"))
        .extracting(field -> field.get("text").asText())
        .containsExactly("*Revision*\n`3f2a9c1`", "*Image*\n`lscr.io/linuxserver/sonarr:4.0.9`");
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(2).get("elements").get(0).get("text").asText())
        .contains("2026-03-01T02:03:04Z");
  }

  @Test
  void noDetailsBlockWithoutRevisionOrImage() throws Exception {
    JsonNode blocks = slack(Alerts.of(AlertEvent.DEGRADED)).get("blocks");

    assertThat(blocks)
        .extracting(block -> block.get("type").asText())
        .containsExactly("section", "context");
  }

  @Test
  void everyEventHasItsOwnEmojiAndWords() throws Exception {
    List<AlertEvent> events = Arrays.asList(AlertEvent.values());

    var emojis = events.stream().map(SlackPayload::emoji).collect(Collectors.toSet());
    var words = events.stream().map(SlackPayload::words).collect(Collectors.toSet());

    assertThat(emojis).hasSize(events.size());
    assertThat(words).hasSize(events.size());
    for (AlertEvent event : events) {
      assertThat(slack(Alerts.of(event)).get("text").asText())
          .startsWith(SlackPayload.emoji(event) + " ");
    }
  }

  @Test
  void userValuesCannotMentionAChannelOrFormLinks() throws Exception {
    JsonNode body = slack(Alerts.withMessage("<!channel> see <https://evil.example|here> & more"));

    String all = body.toString();
    assertThat(all).doesNotContain("<!channel>").doesNotContain("<https://");
    assertThat(body.get("blocks").get(0).get("text").get("text").asText())
        .endsWith("&lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; more");
  }

  @Test
  void aHugeMessageIsCutBelowSlacksSectionLimit() throws Exception {
    JsonNode body = slack(Alerts.withMessage("x".repeat(10_000)));

    assertThat(body.get("blocks").get(0).get("text").get("text").asText().length())
        .isLessThan(3000);
  }

  @Test
  void cuttingNeverSplitsAnEmoji() throws Exception {
    // The cut falls between the two halves of the first emoji.
    String message = "x".repeat(SlackPayload.MAX_MESSAGE_CHARS - 2) + "😀".repeat(10);

    String text =
        slack(Alerts.withMessage(message)).get("blocks").get(0).get("text").get("text").asText();

    assertThat(text).endsWith("x…");
    assertThat(text.codePoints().filter(cp -> Character.isSurrogate((char) cp) && cp <= 0xFFFF))
        .isEmpty();
  }

  private static JsonNode slack(Alert alert) throws Exception {
    return JSON.readTree(AlertPayloads.render(WebhookFormat.SLACK, alert));
  }
}
