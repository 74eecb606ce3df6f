package io.stackpilot.lifecycle;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.stackpilot.api.HistoryEntry;
import java.util.Map;
import java.util.SortedMap;

/**
 * One applied revision with everything needed to apply it again exactly: the pod template (image,
 * env, probes, volumes, the names of its content-addressed ConfigMaps) and the content of those
 * ConfigMaps, in case they were deleted since.
 */
public record RevisionRecord(
    String revision,
    String image,
    String channel,
    String appliedAt,
    String result,
    PodTemplateSpec podTemplate,
    SortedMap<String, SortedMap<String, String>> configMaps) {

  public static final String PROGRESSING = "Progressing";
  public static final String HEALTHY = "Healthy";
  public static final String FAILED = "Failed";

  public RevisionRecord withResult(String newResult) {
    return new RevisionRecord(
        revision, image, channel, appliedAt, newResult, podTemplate, configMaps);
  }

  public HistoryEntry summary() {
    HistoryEntry entry = new HistoryEntry();
    entry.setRevision(revision);
    entry.setImage(image);
    entry.setChannel(channel);
    entry.setResult(result);
    entry.setAppliedAt(appliedAt);
    return entry;
  }

  public Map<String, SortedMap<String, String>> configMapData() {
    return configMaps;
  }
}
