package io.stackpilot.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.WebhookFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenericPayloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void carriesEveryFieldOfTheAlert() throws Exception {
    JsonNode body = JSON.readTree(AlertPayloads.render(WebhookFormat.GENERIC, Alerts.rolledBack()));

    assertThat(body.get("event").asText()).isEqualTo("RolledBack");
    assertThat(body.get("namespace").asText()).isEqualTo("home");
    assertThat(body.get("kind").asText()).isEqualTo("MediaService");
    assertThat(body.get("name").asText()).isEqualTo("sonarr");
    assertThat(body.get("message").asText())
        .isEqualTo("revision 9c1e2aa crashed (CrashLoopBackOff); back on 3f2a9c1");
    assertThat(body.get("revision").asText()).isEqualTo("3f2a9c1");
    assertThat(body.get("image").asText()).isEqualTo("lscr.io/linuxserver/sonarr:4.0.9");
    assertThat(body.get("at").asText()).isEqualTo("2026-03-01T02:03:04Z");
  }

  @Test
  void summaryIsOneLineNamingEventServiceAndDetails() throws Exception {
    JsonNode body = JSON.readTree(AlertPayloads.render(WebhookFormat.GENERIC, Alerts.rolledBack()));

    assertThat(body.get("summary").asText())
        .isEqualTo(
            "RolledBack MediaService home/sonarr: revision 9c1e2aa crashed (CrashLoopBackOff); back on 3f2a9c1"
                + " (revision 3f2a9c1, image lscr.io/linuxserver/sonarr:4.0.9)");
  }

  @Test
  void absentRevisionAndImageAreExplicitNullsSoTheShapeNeverChanges() throws Exception {
    JsonNode body =
        JSON.readTree(AlertPayloads.render(WebhookFormat.GENERIC, Alerts.of(AlertEvent.RECOVERED)));

    assertThat(body.has("revision")).isTrue();
    assertThat(body.get("revision").isNull()).isTrue();
    assertThat(body.get("image").isNull()).isTrue();
    assertThat(body.get("summary").asText())
        .isEqualTo("Recovered MediaService home/sonarr: something happened");
  }

  @Test
  void timeIsRfc3339InUtcEvenWithFractions() throws Exception {
    Alert alert =
        new Alert(
            AlertEvent.PROMOTED,
            "home",
            "MediaService",
            "sonarr",
            "",
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2026-03-01T02:03:04.250Z"));

    String at =
        JSON.readTree(AlertPayloads.render(WebhookFormat.GENERIC, alert)).get("at").asText();

    assertThat(at).isEqualTo("2026-03-01T02:03:04.250Z");
    assertThat(OffsetDateTime.parse(at).toInstant()).isEqualTo(alert.at());
  }

  @Test
  void quotesBackslashesAndNewlinesInUserValuesStayInsideTheirField() throws Exception {
    String hostile = "bad \"image\"\\ },\n\"event\": \"Promoted\"";

    JsonNode body =
        JSON.readTree(AlertPayloads.render(WebhookFormat.GENERIC, Alerts.withMessage(hostile)));

    assertThat(body.get("message").asText()).isEqualTo(hostile);
    assertThat(body.get("event").asText()).isEqualTo("Degraded");
    assertThat(body.size()).isEqualTo(9);
  }

  @Test
  void anUnsetFormatIsGenericAsTheCrdDefaultsIt() {
    assertThat(AlertPayloads.render(null, Alerts.rolledBack()))
        .isEqualTo(AlertPayloads.render(WebhookFormat.GENERIC, Alerts.rolledBack()));
  }
}
