package io.stackpilot.devcluster.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server as pods on the real node reach it. The control plane listens on loopback only,
 * which a pod cannot reach and an EndpointSlice may not name; this forwards TCP from a port on the
 * node's address to that loopback port, byte for byte (TLS passes through: pods verify the API
 * server's own certificate). The {@code kubernetes} Service's EndpointSlice points here, so
 * kube-proxy sends in-cluster clients (the operator's pods) to it as on any cluster.
 */
final class ApiServerForwarder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServerForwarder.class);

  private final ServerSocket listener;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private ApiServerForwarder(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
    this.acceptor = new Thread(this::accept, "api-server-forwarder");
    acceptor.setDaemon(true);
  }

  /** Listens on {@code address} (a free port) and forwards to {@code 127.0.0.1:target}. */
  static ApiServerForwarder start(String address, int target) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      ApiServerForwarder forwarder = new ApiServerForwarder(listener, target);
      forwarder.acceptor.start();
      return forwarder;
    } catch (IOException e) {
      throw new UncheckedIOException("listening on " + address + " for the API server", e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(server);
        pump(client, server, "api-server-forwarder-in");
        pump(server, client, "api-server-forwarder-out");
      } catch (IOException e) {
        log.warn("The API server refused a forwarded connection: {}", e.getMessage());
        closeQuietly(client);
      }
    }
  }

  /** Copies one direction until either side closes, then closes both. */
  private void pump(Socket from, Socket to, String name) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (SocketException closed) {
                // The other direction or close() ended the connection.
              } catch (IOException e) {
                log.debug("Forwarded connection ended: {}", e.getMessage());
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a socket that failed already.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing the listener ends the acceptor either way.
    }
    open.forEach(this::closeQuietly);
  }
}
