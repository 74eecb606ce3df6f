package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.lifecycle.RevisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns rendered objects into a history record and a record back into objects, so a rollback
 * applies the old revision exactly: the same pod template and the same ConfigMap contents.
 */
public final class RevisionSnapshots {

  public static final String RESTARTED_AT_ANNOTATION = "stackpilot.io/restartedAt";
  private static final KubernetesSerialization COPY = new KubernetesSerialization();

  private RevisionSnapshots() {}

  public static RevisionRecord record(
      RenderedService rendered, String channel, String image, Instant now) {
    SortedMap<String, SortedMap<String, String>> configMaps = new TreeMap<>();
    for (ConfigMap map : rendered.configMaps()) {
      configMaps.put(map.getMetadata().getName(), new TreeMap<>(map.getData()));
    }
    return new RevisionRecord(
        rendered.revision(),
        image,
        channel,
        now.toString(),
        RevisionRecord.PROGRESSING,
        COPY.clone(rendered.deployment().getSpec().getTemplate()),
        configMaps);
  }

  /**
   * The objects of the current spec, with the Deployment and ConfigMaps of the recorded revision.
   */
  public static RenderedService restore(
      RenderedService current, RevisionRecord record, OwnerReference owner) {
    Deployment deployment =
        new DeploymentBuilder(COPY.clone(current.deployment()))
            .editMetadata()
            .addToAnnotations(DeploymentRenderer.REVISION_ANNOTATION, record.revision())
            .addToAnnotations(DeploymentRenderer.CHANNEL_ANNOTATION, record.channel())
            .endMetadata()
            .editSpec()
            .withTemplate(COPY.clone(record.podTemplate()))
            .endSpec()
            .build();
    List<ConfigMap> configMaps =
        record.configMaps().entrySet().stream()
            .map(
                e ->
                    new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(e.getKey())
                        .withNamespace(current.deployment().getMetadata().getNamespace())
                        .withLabels(Labels.standardFrom(current.deployment()))
                        .withOwnerReferences(owner)
                        .endMetadata()
                        .withImmutable(true)
                        .withData(e.getValue())
                        .build())
            .toList();
    return new RenderedService(
        record.revision(),
        deployment,
        current.service(),
        configMaps,
        current.claims(),
        current.exposure());
  }

  /** The same objects with a rollout restart stamped on the pod template; the revision stays. */
  public static RenderedService restarted(RenderedService rendered, Instant at) {
    PodTemplateSpec template = COPY.clone(rendered.deployment().getSpec().getTemplate());
    if (template.getMetadata().getAnnotations() == null) {
      template.getMetadata().setAnnotations(new TreeMap<>());
    }
    template.getMetadata().getAnnotations().put(RESTARTED_AT_ANNOTATION, at.toString());
    Deployment deployment =
        new DeploymentBuilder(COPY.clone(rendered.deployment()))
            .editSpec()
            .withTemplate(template)
            .endSpec()
            .build();
    return new RenderedService(
        rendered.revision(),
        deployment,
        rendered.service(),
        rendered.configMaps(),
        rendered.claims(),
        rendered.exposure());
  }
}
