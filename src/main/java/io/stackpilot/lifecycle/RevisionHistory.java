package io.stackpilot.lifecycle;

import io.stackpilot.api.HistoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The last applied revisions of a service, newest first, bounded so it fits in one ConfigMap. */
public record RevisionHistory(List<RevisionRecord> records) {

  public static final int LIMIT = 10;

  public RevisionHistory {
    records = List.copyOf(records);
  }

  public static RevisionHistory empty() {
    return new RevisionHistory(List.of());
  }

  /** With the revision at the front (replacing an older record of it), the oldest dropped past the limit. */
  public RevisionHistory recorded(RevisionRecord record) {
    List<RevisionRecord> next = new ArrayList<>();
    next.add(record);
    records.stream().filter(r -> !r.revision().equals(record.revision())).forEach(next::add);
    return new RevisionHistory(next.subList(0, Math.min(next.size(), LIMIT)));
  }

  public RevisionHistory withResult(String revision, String result) {
    return new RevisionHistory(records.stream()
        .map(r -> r.revision().equals(revision) && !r.result().equals(result) ? r.withResult(result) : r)
        .toList());
  }

  public Optional<RevisionRecord> find(String revision) {
    return records.stream().filter(r -> r.revision().equals(revision)).findFirst();
  }

  public Set<String> revisions() {
    Set<String> revisions = new LinkedHashSet<>();
    records.forEach(r -> revisions.add(r.revision()));
    return revisions;
  }

  /** The names of the ConfigMaps some recorded revision mounts: they must outlive newer revisions. */
  public Set<String> configMapNames() {
    Set<String> names = new LinkedHashSet<>();
    records.forEach(r -> names.addAll(r.configMaps().keySet()));
    return names;
  }

  public List<HistoryEntry> summary() {
    return records.stream().map(RevisionRecord::summary).toList();
  }
}
