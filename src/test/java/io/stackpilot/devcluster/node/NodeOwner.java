package io.stackpilot.devcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which process owns the machine's one real node, kept in {@link #RECORD} under /run from before
 * the node makes anything until it is torn down cleanly.
 *
 * <p>A run killed before its teardown (SIGKILL, an ended session) leaves its devices, nftables
 * tables, mounts, cgroups and folders behind, and every later node failed on the first of them.
 * With the record, a node finds out whether the owner still lives: if it does, another node runs
 * and this one refuses; if not, it clears what the dead owner left, as the record names it, and
 * takes the machine.
 */
final class NodeOwner {

  static final Path RECORD = Path.of("/run/stackpilot/real-node-owner");

  private static final Logger log = LoggerFactory.getLogger(NodeOwner.class);

  private NodeOwner() {}

  /**
   * Makes the machine free for a node of this process: refuses while another live process owns one,
   * and clears what a dead owner left. Called before anything of the machine is recorded, so the
   * dead owner's leftovers are not taken for the machine's own.
   */
  static void takeOver() {
    Optional<Map<String, String>> earlier = read();
    if (earlier.isPresent()) {
      Map<String, String> owner = earlier.get();
      if (alive(owner)) {
        throw new IllegalStateException(
            "Another real node runs on this machine: process "
                + owner.get("pid")
                + ", run folder "
                + owner.get("run"));
      }
      List<String> cleared = clearAfterDeadOwner(owner);
      log.warn(
          "A real node's run (process {}, {}) ended without its teardown; cleared: {}",
          owner.get("pid"),
          owner.get("run"),
          cleared);
    }
  }

  /** Records this process as the owner: its binaries, run folder and the paths it must remove. */
  static void record(NodePaths paths, HostPaths hostPaths) {
    ProcessHandle self = ProcessHandle.current();
    Map<String, String> record = new LinkedHashMap<>();
    record.put("pid", Long.toString(self.pid()));
    record.put("started", self.info().startInstant().map(Instant::toString).orElse(""));
    record.put("binaries", paths.binaries().toString());
    record.put("run", paths.run().toString());
    record.put("absentBefore", joined(hostPaths.absentBefore()));
    record.put("cgroupsAbsentBefore", joined(hostPaths.cgroupsAbsentBefore()));
    write(record);
  }

  private static String joined(List<Path> paths) {
    return String.join(":", paths.stream().map(Path::toString).toList());
  }

  private static List<Path> split(String joined) {
    return joined == null || joined.isEmpty()
        ? List.of()
        : Stream.of(joined.split(":")).map(Path::of).toList();
  }

  /** Gives the machine up: called once the node was torn down with nothing left over. */
  static void release() {
    try {
      Files.deleteIfExists(RECORD);
      try (Stream<Path> left = Files.list(RECORD.getParent())) {
        if (left.findAny().isEmpty()) {
          Files.delete(RECORD.getParent());
        }
      }
    } catch (java.nio.file.NoSuchFileException gone) {
      // No record, nor its folder: nothing to give up.
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + RECORD, e);
    }
  }

  /** The same process: its PID and its start time, so a reused PID is not taken for the owner. */
  static boolean alive(Map<String, String> owner) {
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner.get("pid")));
    return process.isPresent()
        && process.get().isAlive()
        && process
            .get()
            .info()
            .startInstant()
            .map(Instant::toString)
            .orElse("")
            .equals(owner.getOrDefault("started", ""));
  }

  /**
   * What teardown would have done, without the processes' handles: the node's processes found by
   * their binaries' folder and the pods' processes by their cgroups, each killed by its PID; then
   * mounts, devices, tables, cgroups and folders.
   */
  private static List<String> clearAfterDeadOwner(Map<String, String> owner) {
    List<String> cleared = new ArrayList<>();
    for (ProcessHandle p : HostCommand.processesRunningFrom(Path.of(owner.get("binaries")))) {
      cleared.add("process " + p.pid() + " " + p.info().command().orElse(""));
      p.destroyForcibly();
    }
    HostPaths left =
        HostPaths.of(split(owner.get("absentBefore")), split(owner.get("cgroupsAbsentBefore")));
    for (long pid : left.processesInItsCgroups()) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                cleared.add("pod process " + pid);
                p.destroyForcibly();
              });
    }
    Path run = Path.of(owner.get("run"));
    cleared.addAll(HostPaths.unmountUnder(List.of(run)).stream().map(m -> "mount " + m).toList());
    cleared.addAll(NodeNetwork.removeLeftovers());
    cleared.addAll(NetworkPolicyAgent.removeLeftovers(Path.of(owner.get("binaries"))));
    cleared.addAll(left.removeWhatWasNotThere().stream().map(f -> "folder " + f).toList());
    cleared.addAll(left.removeCgroups().stream().map(c -> "cgroup " + c).toList());
    if (Files.exists(run)) {
      HostPaths.deleteTree(run);
      cleared.add("run folder " + run);
    }
    release();
    return cleared;
  }

  private static Optional<Map<String, String>> read() {
    if (!Files.exists(RECORD)) {
      return Optional.empty();
    }
    try {
      Map<String, String> record = new LinkedHashMap<>();
      for (String line : Files.readAllLines(RECORD, StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          record.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      if (!record.containsKey("pid") || !record.containsKey("run")) {
        throw new IllegalStateException(
            RECORD + " is not a node owner's record; remove it once no real node runs");
      }
      return Optional.of(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RECORD, e);
    }
  }

  private static void write(Map<String, String> record) {
    StringBuilder text = new StringBuilder();
    record.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    try {
      Files.createDirectories(RECORD.getParent());
      Files.writeString(RECORD, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + RECORD, e);
    }
  }
}
