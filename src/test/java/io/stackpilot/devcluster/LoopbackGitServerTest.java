package io.stackpilot.devcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback git server speaks smart HTTP: git itself clones and fetches what was pushed. */
class LoopbackGitServerTest {

  @TempDir Path folder;

  @Test
  void aCloneOverHttpHoldsEachCommitPushed() throws Exception {
    try (LoopbackGitServer server = LoopbackGitServer.start(folder.resolve("server"))) {
      Files.writeString(server.work().resolve("stack.yaml"), "first\n");
      String first = server.commit("First");
      Path clone = folder.resolve("clone");

      assertThat(git(folder, "clone", "--quiet", server.url(), clone.toString())).isZero();
      assertThat(Files.readString(clone.resolve("stack.yaml"))).isEqualTo("first\n");
      assertThat(output(clone, "rev-parse", "HEAD")).isEqualTo(first);

      Files.writeString(server.work().resolve("stack.yaml"), "second\n");
      String second = server.commit("Second");
      assertThat(git(clone, "pull", "--quiet", "--ff-only")).isZero();
      assertThat(Files.readString(clone.resolve("stack.yaml"))).isEqualTo("second\n");
      assertThat(output(clone, "rev-parse", "HEAD")).isEqualTo(second).isNotEqualTo(first);
    }
  }

  private static int git(Path directory, String... args) throws Exception {
    return start(directory, args).waitFor();
  }

  private static String output(Path directory, String... args) throws Exception {
    Process process = start(directory, args);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }

  private static Process start(Path directory, String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = directory.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
