package io.stackpilot.devcluster.node;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short command on the host (ip, nft, umount, ctr, crictl), its output read and checked. */
final class HostCommand {

  private HostCommand() {}

  /** The processes whose executable lies in {@code folder}: found by path, stopped by PID. */
  static List<ProcessHandle> processesRunningFrom(Path folder) {
    String prefix = folder + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().filter(c -> c.startsWith(prefix)).isPresent())
        .toList();
  }

  /** Runs it and returns its output; fails with the output when it does not exit 0. */
  static String run(String... command) {
    Result result = attempt(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "`"
              + String.join(" ", command)
              + "` exited "
              + result.exitCode()
              + ": "
              + result.output());
    }
    return result.output();
  }

  /** Runs it and returns how it ended, whatever that was. */
  static Result attempt(String... command) {
    try {
      Process process =
          new ProcessBuilder(List.of(command))
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + " (no exit within 60 s)");
      }
      return new Result(process.exitValue(), output.trim());
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  record Result(int exitCode, String output) {}
}
