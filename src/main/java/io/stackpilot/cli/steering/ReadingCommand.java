package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import java.io.PrintWriter;

/** A command that reads one service and prints part of its status; it changes nothing. */
abstract class ReadingCommand extends ServiceCommand {

  abstract String report(String name, ServiceStatus status);

  @Override
  int act(KubernetesClient client, StackService found, PrintWriter out, PrintWriter err) {
    out.print(report(ServiceLookup.describe(found), found.getStatus()));
    return 0;
  }
}
