package io.stackpilot.config;

import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.ExtraContainer;
import io.stackpilot.api.ExtraVolume;
import io.stackpilot.api.ServiceSpec;
import java.util.List;
import java.util.Map;

/**
 * The service's extra volumes and containers, copied so that rendering cannot change the spec, with
 * each container's image replaced by the live channel's containerImages entry where it has one: a
 * beta app may need the beta of its sidecar.
 */
final class PodAdditionsLayering {

  private PodAdditionsLayering() {}

  static PodAdditions layer(ServiceSpec spec, ChannelSpec channel, Map<String, Layer> provenance) {
    Map<String, String> channelImages =
        channel.getContainerImages() == null ? Map.of() : channel.getContainerImages();
    List<ExtraContainer> initContainers =
        containers("initContainers", spec.getInitContainers(), channelImages, provenance);
    List<ExtraContainer> containers =
        containers("containers", spec.getContainers(), channelImages, provenance);
    List<ExtraVolume> volumes = Copies.deepEach(spec.getVolumes());
    volumes.forEach(v -> provenance.put("volumes." + v.getName(), Layer.SERVICE));
    return new PodAdditions(
        volumes, Copies.deepEach(spec.getVolumeMounts()), initContainers, containers);
  }

  private static List<ExtraContainer> containers(
      String field,
      List<ExtraContainer> declared,
      Map<String, String> channelImages,
      Map<String, Layer> provenance) {
    List<ExtraContainer> copies = Copies.deepEach(declared);
    for (ExtraContainer container : copies) {
      String image = channelImages.get(container.getName());
      String key = field + "." + container.getName() + ".image";
      if (image != null) {
        container.setImage(image);
        provenance.put(key, Layer.CHANNEL);
      } else {
        provenance.put(key, Layer.SERVICE);
      }
    }
    return copies;
  }
}
