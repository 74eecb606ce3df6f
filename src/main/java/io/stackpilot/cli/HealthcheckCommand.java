package io.stackpilot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks an operator's /readyz (or any of its endpoints) and exits 0 on a 2xx answer. The image has
 * no shell and no HTTP client of its own; this lets the chart's {@code helm test} hook, and a
 * Docker HEALTHCHECK, use the image they already have.
 */
@Command(
    name = "healthcheck",
    mixinStandardHelpOptions = true,
    description = {
      "Ask a running operator whether it is ready: GET the URL, print the answer, exit 0 on 2xx.",
      "Exit code 1 on any other status, a refused connection or no answer within the timeout."
    })
public final class HealthcheckCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080/readyz",
      description = "The endpoint to ask (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--timeout",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      String line = url + ": " + answer.statusCode() + " " + answer.body().strip();
      if (answer.statusCode() / 100 == 2) {
        out.println(line);
        return 0;
      }
      err.println(line);
      return 1;
    } catch (IOException e) {
      err.println(url + ": no answer (" + e + ")");
      return 1;
    }
  }
}
