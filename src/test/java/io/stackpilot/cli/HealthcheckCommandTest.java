package io.stackpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stackpilot.devcluster.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `stackpilot healthcheck`, the chart's test hook: its exit code follows the answer. */
class HealthcheckCommandTest {

  private HttpServer server;

  @BeforeEach
  void answerReadyAndNotReady() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/readyz", exchange -> reply(exchange, 200, "ok"));
    server.createContext("/starting", exchange -> reply(exchange, 503, "caches not synced"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aReadyOperatorExitsZeroAndPrintsItsAnswer() {
    Run run = healthcheck(url("/readyz"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(url("/readyz") + ": 200 ok\n");
  }

  @Test
  void anOperatorThatIsNotReadyExitsOneWithItsAnswer() {
    Run run = healthcheck(url("/starting"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(url("/starting") + ": 503 caches not synced\n");
  }

  @Test
  void noOperatorListeningExitsOne() {
    String refused = "http://127.0.0.1:" + FreePorts.next() + "/readyz";

    Run run = healthcheck(refused);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith(refused + ": no answer (");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Run healthcheck(String url) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new StackpilotCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exitCode = command.execute("healthcheck", "--url", url, "--timeout", "2s");
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
