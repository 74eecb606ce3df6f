package io.stackpilot.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layer;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.manifest.Manifest;
import io.stackpilot.manifest.ManifestReader;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the objects Stackpilot would apply for services in files, and which layer set each value.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Print the objects Stackpilot would apply for the services in FILES, with the layer"
            + " (built-in, stack base, category defaults, service, channel, overlays) that set each value.")
public final class RenderCommand implements Callable<Integer> {

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILES",
      description = "Files or folders with ServiceStack and service manifests.")
  List<Path> files;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace to render into (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--no-provenance",
      description = "Print only the objects, without the layer of each value.")
  boolean noProvenance;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The command line's writer (standard output unless a caller set another), flushed at the end.
    PrintWriter out = spec.commandLine().getOut();
    List<HasMetadata> objects =
        files.stream().flatMap(f -> ManifestReader.read(f).stream()).map(Manifest::object).toList();
    Optional<ServiceStack> stack =
        objects.stream()
            .filter(ServiceStack.class::isInstance)
            .map(ServiceStack.class::cast)
            .findFirst();
    KubernetesSerialization yaml = new KubernetesSerialization();
    for (HasMetadata object : objects) {
      if (!(object instanceof StackService service)) {
        continue;
      }
      service.getMetadata().setNamespace(namespace);
      EffectiveService effective =
          Layering.layer(
              service,
              stack,
              Layering.selectedChannel(service.serviceSpec(), stack),
              Overlays.none());
      RenderedService rendered =
          ServiceRenderer.render(
              effective,
              new OwnerReferenceBuilder()
                  .withApiVersion(service.getApiVersion())
                  .withKind(service.getKind())
                  .withName(service.getMetadata().getName())
                  .withUid("<uid of " + service.getMetadata().getName() + ">")
                  .withController(true)
                  .withBlockOwnerDeletion(true)
                  .build());
      out.println(
          "# "
              + service.getKind()
              + "/"
              + service.getMetadata().getName()
              + " revision "
              + rendered.revision());
      if (!noProvenance) {
        for (Map.Entry<String, Layer> value : effective.provenance().layers().entrySet()) {
          out.println("#   " + value.getKey() + " <- " + value.getValue().label());
        }
      }
      for (HasMetadata rendition : rendered.objects()) {
        out.print(yaml.asYaml(rendition));
      }
    }
    out.flush();
    return 0;
  }
}
