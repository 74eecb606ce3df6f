package io.stackpilot.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A webhook receiver on loopback that records what arrives and answers as told, or not at all. */
final class WebhookReceiver implements AutoCloseable {

  record Request(String method, String path, String contentType, String body) {}

  private final HttpServer server;
  // One thread per exchange, so a receiver that hangs on one path still answers the others.
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.start();
  }

  /** A URL at {@code path} that answers {@code status}. */
  String answering(String path, int status) {
    server.createContext(
        path,
        exchange -> {
          record(exchange);
          respond(exchange, status);
        });
    return url(path);
  }

  /** A URL at {@code path} that takes the request and answers only after {@link #release()}. */
  String hanging(String path) {
    server.createContext(
        path,
        exchange -> {
          record(exchange);
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200);
        });
    return url(path);
  }

  /** Lets hanging paths answer. */
  void release() {
    release.countDown();
  }

  boolean released() {
    return release.getCount() == 0;
  }

  List<Request> requests() {
    return new ArrayList<>(received);
  }

  List<Request> requestsTo(String path) {
    return received.stream().filter(request -> request.path().equals(path)).toList();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }

  private String url(String path) {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort()
        + path;
  }

  private void record(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      received.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              new String(body.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
