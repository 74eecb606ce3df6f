package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.StackService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command about one service: finds it as the user named it, acts, and turns a service that is not
 * there, or not named clearly, into a message and exit code 1.
 */
abstract class ServiceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SERVICE", description = "name, or kind/name")
  String service;

  @Mixin ClusterOptions cluster;

  @Spec CommandSpec spec;

  /** Acts on the service found; returns the exit code. */
  abstract int act(KubernetesClient client, StackService found, PrintWriter out, PrintWriter err);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KubernetesClient client = cluster.client()) {
      int code =
          act(client, ServiceLookup.find(client, cluster.namespace(client), service), out, err);
      out.flush(); // print does not flush, and the process exits next
      return code;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    }
  }
}
