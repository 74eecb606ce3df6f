package io.stackpilot.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The {@link LeaseWriteGate} on every request of the operator's client: a refused write fails
 * before it is sent.
 */
public final class LeaseGatedWrites implements Interceptor {

  public static final String NAME = "stackpilot-lease-gate";
  private final LeaseWriteGate gate;

  public LeaseGatedWrites(LeaseWriteGate gate) {
    this.gate = gate;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String path = request.uri().getRawPath();
    if (!gate.mayWrite(request.method(), path, request.uri().getRawQuery())) {
      throw new KubernetesClientException(
          "Not sent: "
              + request.method()
              + " "
              + path
              + "; this replica last"
              + " renewed its leader lease "
              + gate.sinceLastRenewal()
              + " ago, so another may lead by now");
    }
    gate.sending(request.method(), path);
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    gate.answered(request.method(), request.uri().getRawPath(), response.code());
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    gate.failed(request.method(), request.uri().getRawPath());
  }
}
