package io.stackpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `stackpilot render` prints the example stack's objects to the command line's writer. */
class RenderCommandTest {

  @Test
  void theExampleStackRendersADeploymentPerServiceWithTheLayerOfEachValue() {
    String withLayers = render("render", "-f", "examples/homelab");

    assertThat(withLayers.lines().filter(l -> l.equals("kind: \"Deployment\""))).hasSize(7);
    assertThat(withLayers).contains("# MediaService/jellyfin revision ", "#   image <- ");
  }

  @Test
  void withoutProvenanceOnlyTheObjectsAndTheirHeadersArePrinted() {
    String objects = render("render", "-f", "examples/homelab", "--no-provenance");

    assertThat(objects.lines().filter(l -> l.startsWith("#   "))).isEmpty();
    assertThat(objects.lines().filter(l -> l.equals("kind: \"Deployment\""))).hasSize(7);
  }

  private static String render(String... args) {
    StringWriter output = new StringWriter();
    CommandLine command = new CommandLine(new StackpilotCommand());
    command.setOut(new PrintWriter(output, true));
    assertThat(command.execute(args)).as("exit code; output:%n%s", output).isZero();
    return output.toString();
  }
}
