package io.stackpilot.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A media workload (Jellyfin, Plex, Sonarr, Radarr, Prowlarr) with its libraries and transcoding
 * scratch.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("media")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Channel",
    jsonPath = ".status.channel",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Stage",
    jsonPath = ".status.rollout.stage",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Image",
    jsonPath = ".status.image",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = ApiGroup.NAME_LENGTH_RULE, message = ApiGroup.NAME_LENGTH_MESSAGE)
@ValidationRule(value = ApiGroup.SPEC_REQUIRED_RULE, message = ApiGroup.SPEC_REQUIRED_MESSAGE)
public class MediaService extends CustomResource<MediaServiceSpec, ServiceStatus>
    implements Namespaced, StackService {

  @Override
  public ServiceSpec serviceSpec() {
    return getSpec();
  }

  @Override
  public ServiceKind serviceKind() {
    return ServiceKind.MEDIA_SERVICE;
  }
}
