package io.stackpilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GatedBodyTest {

  @Test
  void aBodyIsSentWhileTheGateIsOpen() throws IOException {
    var body = new LeaseGatedWrites.GatedBody("{\"spec\":{}}".getBytes(StandardCharsets.UTF_8), () -> true,
        () -> "closed");

    assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"spec\":{}}");
  }

  @Test
  void aGateThatClosedBetweenTheCheckAndTheSendStopsTheBody() {
    AtomicBoolean open = new AtomicBoolean(true);
    var body = new LeaseGatedWrites.GatedBody("{}".getBytes(StandardCharsets.UTF_8), open::get,
        () -> "Not sent: the lease was not renewed");
    // Frozen after the interceptor let the write through, woken after another replica took over.
    open.set(false);

    assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("Not sent");
  }

  @Test
  void onlyWritesThatChangeSomethingAreGated() {
    LeaseWriteGate gate = new LeaseWriteGate("ops", java.time.Duration.ofSeconds(10), System::nanoTime);

    assertThat(gate.gates("PATCH", "/apis/apps/v1/namespaces/home/deployments/sonarr", null)).isTrue();
    assertThat(gate.gates("GET", "/apis/apps/v1/namespaces/home/deployments", null)).isFalse();
    assertThat(gate.gates("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/stackpilot-leader", null))
        .isFalse();
    assertThat(gate.gates("PATCH", "/apis/apps/v1/namespaces/home/deployments/sonarr", "dryRun=All")).isFalse();
  }
}
