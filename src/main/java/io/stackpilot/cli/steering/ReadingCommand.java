package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that reads one service and prints part of its status; it changes nothing. */
abstract class ReadingCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SERVICE", description = "name, or kind/name")
  String service;

  @Mixin ClusterOptions cluster;

  @Spec CommandSpec spec;

  abstract String report(String name, ServiceStatus status);

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      StackService found = ServiceLookup.find(client, cluster.namespace(client), service);
      PrintWriter out = spec.commandLine().getOut();
      out.print(report(ServiceLookup.describe(found), found.getStatus()));
      out.flush(); // print does not flush, and the process exits next
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
  }
}
