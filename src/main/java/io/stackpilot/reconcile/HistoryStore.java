package io.stackpilot.reconcile;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RevisionRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps a service's revision history in a ConfigMap it owns ({@code <name>-history}), gzipped JSON,
 * so it survives operator restarts and goes away with the service. Java's gzip writes no timestamp,
 * so equal history gives equal bytes and an unchanged history costs no write.
 */
final class HistoryStore {

  static final String HISTORY_LABEL = "stackpilot.io/history";
  private static final String KEY = "history.json.gz";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final TypeReference<List<RevisionRecord>> RECORDS = new TypeReference<>() {};

  private HistoryStore() {}

  static String name(HasMetadata service) {
    return service.getMetadata().getName() + "-history";
  }

  static RevisionHistory read(HasMetadata service, Collection<ConfigMap> cached) {
    Optional<ConfigMap> map =
        cached.stream().filter(c -> c.getMetadata().getName().equals(name(service))).findFirst();
    if (map.isEmpty()
        || map.get().getBinaryData() == null
        || !map.get().getBinaryData().containsKey(KEY)) {
      return RevisionHistory.empty();
    }
    byte[] zipped = Base64.getDecoder().decode(map.get().getBinaryData().get(KEY));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      return new RevisionHistory(
          JSON.unmarshal(new ByteArrayInputStream(in.readAllBytes()), RECORDS));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the history of " + service.getMetadata().getName() + " cannot be read", e);
    }
  }

  static ConfigMap render(
      HasMetadata service, Map<String, String> labels, RevisionHistory history) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(JSON.asJson(history.records()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> allLabels = new TreeMap<>(labels);
    allLabels.put(HISTORY_LABEL, "true");
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(service))
        .withNamespace(service.getMetadata().getNamespace())
        .withLabels(allLabels)
        .withOwnerReferences(OwnerReferences.controllerOf(service))
        .endMetadata()
        .withBinaryData(Map.of(KEY, Base64.getEncoder().encodeToString(bytes.toByteArray())))
        .build();
  }

  static boolean isHistory(ConfigMap map) {
    return map.getMetadata().getLabels() != null
        && "true".equals(map.getMetadata().getLabels().get(HISTORY_LABEL));
  }
}
