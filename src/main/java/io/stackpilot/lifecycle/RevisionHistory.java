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

  /**
   * With the revision at the front (replacing an older record of it), the oldest dropped past the
   * limit, except the newest healthy one: it is what a rollback goes back to, and a run of failed
   * upgrades must not push it out (the eleventh would have nothing to roll back to).
   */
  public RevisionHistory recorded(RevisionRecord record) {
    List<RevisionRecord> next = new ArrayList<>();
    next.add(record);
    records.stream().filter(r -> !r.revision().equals(record.revision())).forEach(next::add);
    if (next.size() <= LIMIT) {
      return new RevisionHistory(next);
    }
    List<RevisionRecord> kept = new ArrayList<>(next.subList(0, LIMIT));
    next.stream()
        .filter(r -> RevisionRecord.HEALTHY.equals(r.result()))
        .findFirst()
        .filter(healthy -> !kept.contains(healthy))
        .ifPresent(healthy -> kept.set(LIMIT - 1, healthy));
    return new RevisionHistory(kept);
  }

  public RevisionHistory withResult(String revision, String result) {
    return new RevisionHistory(
        records.stream()
            .map(
                r ->
                    r.revision().equals(revision) && !r.result().equals(result)
                        ? r.withResult(result)
                        : r)
            .toList());
  }

  /**
   * Whether this history differs from the stored one only in revisions that were Progressing there
   * and are Healthy here. The status already says which revision is the last healthy one, and the
   * next record carries the mark along, so such a change is not worth a write of its own.
   */
  public boolean onlyMarksHealthy(RevisionHistory stored) {
    if (records.size() != stored.records.size()) {
      return false;
    }
    for (int i = 0; i < records.size(); i++) {
      RevisionRecord here = records.get(i);
      RevisionRecord there = stored.records.get(i);
      boolean markedHealthy =
          RevisionRecord.HEALTHY.equals(here.result())
              && RevisionRecord.PROGRESSING.equals(there.result())
              && here.withResult(there.result()).equals(there);
      if (!here.equals(there) && !markedHealthy) {
        return false;
      }
    }
    return true;
  }

  public Optional<RevisionRecord> find(String revision) {
    return records.stream().filter(r -> r.revision().equals(revision)).findFirst();
  }

  public Set<String> revisions() {
    Set<String> revisions = new LinkedHashSet<>();
    records.forEach(r -> revisions.add(r.revision()));
    return revisions;
  }

  /**
   * The names of the ConfigMaps some recorded revision mounts: they must outlive newer revisions.
   */
  public Set<String> configMapNames() {
    Set<String> names = new LinkedHashSet<>();
    records.forEach(r -> names.addAll(r.configMaps().keySet()));
    return names;
  }

  public List<HistoryEntry> summary() {
    return records.stream().map(RevisionRecord::summary).toList();
  }
}
