package io.stackpilot.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The {@link LeaseWriteGate} on every request of the operator's client: a refused write fails before it is sent. */
public final class LeaseGatedWrites implements Interceptor {

  public static final String NAME = "stackpilot-lease-gate";
  private final LeaseWriteGate gate;

  public LeaseGatedWrites(LeaseWriteGate gate) {
    this.gate = gate;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String method = request.method();
    String path = request.uri().getRawPath();
    String query = request.uri().getRawQuery();
    if (!gate.mayWrite(method, path, query)) {
      throw new KubernetesClientException(refusal(method, path));
    }
    gate.sending(method, path);
    String body = request.bodyString();
    if (gate.gates(method, path, query) && body != null && builder instanceof HttpRequest.Builder requestBuilder
        && request instanceof StandardHttpRequest standard) {
      // The check above runs on the caller's thread; the body is written later, on the client's own.
      // A process frozen in between (SIGSTOP, a suspended VM) would send the write when it wakes, after
      // another replica took over: the body asks the gate again as it is read for sending.
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      requestBuilder.method(method, standard.getContentType(),
          new GatedBody(bytes, () -> gate.mayWrite(method, path, query), () -> refusal(method, path)), bytes.length);
    }
  }

  private String refusal(String method, String path) {
    return "Not sent: " + method + " " + path + "; this replica last renewed its leader lease "
        + gate.sinceLastRenewal() + " ago, so another may lead by now";
  }

  /** A request body that may be read only while the gate lets writes through. */
  static final class GatedBody extends InputStream {
    private final ByteArrayInputStream bytes;
    private final BooleanSupplier open;
    private final Supplier<String> refusal;
    private boolean checked;

    GatedBody(byte[] bytes, BooleanSupplier open, Supplier<String> refusal) {
      this.bytes = new ByteArrayInputStream(bytes);
      this.open = open;
      this.refusal = refusal;
    }

    private void check() throws IOException {
      if (!checked) {
        if (!open.getAsBoolean()) {
          throw new IOException(refusal.get());
        }
        checked = true;
      }
    }

    @Override
    public int read() throws IOException {
      check();
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      check();
      return bytes.read(buffer, offset, length);
    }

    @Override
    public int available() {
      return bytes.available();
    }
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    gate.answered(request.method(), request.uri().getRawPath(), response.code());
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    gate.failed(request.method(), request.uri().getRawPath());
  }
}
