package io.stackpilot.devcluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOwnerTest {

  private static Map<String, String> recordOf(ProcessHandle process) {
    return Map.of(
        "pid",
        Long.toString(process.pid()),
        "started",
        process.info().startInstant().map(Instant::toString).orElse(""),
        "run",
        "/tmp/stackpilot-node/run-1");
  }

  @Test
  void theRecordingProcessOwnsTheNodeWhileItRuns() {
    assertThat(NodeOwner.alive(recordOf(ProcessHandle.current()))).isTrue();
  }

  @Test
  void anEndedProcessOwnsNothing() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    Map<String, String> record = recordOf(ended.toHandle());
    ended.waitFor();

    assertThat(NodeOwner.alive(record)).isFalse();
  }

  @Test
  void aLaterProcessWithTheOwnersPidIsNotTheOwner() {
    Map<String, String> record =
        Map.of(
            "pid",
            Long.toString(ProcessHandle.current().pid()),
            "started",
            "2000-01-01T00:00:00Z",
            "run",
            "/tmp/stackpilot-node/run-1");

    assertThat(NodeOwner.alive(record)).isFalse();
  }
}
