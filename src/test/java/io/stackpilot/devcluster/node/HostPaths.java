package io.stackpilot.devcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the node's parts write outside any folder they can be given (kubelet's device-plugin socket
 * folder and container log links, containerd's shim sockets, the CNI result cache), and the mounts
 * they leave: recorded before the node starts, removed when it stops when they did not exist
 * before.
 */
final class HostPaths {

  static final List<Path> WRITTEN_OUTSIDE_THE_RUN_FOLDER =
      List.of(
          Path.of("/var/lib/kubelet"),
          Path.of("/var/log/containers"),
          Path.of("/var/log/pods"),
          Path.of("/run/containerd"),
          Path.of("/var/lib/cni"));

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private final List<Path> absentBefore;
  private final List<Path> cgroupsAbsentBefore;

  private HostPaths(List<Path> absentBefore, List<Path> cgroupsAbsentBefore) {
    this.absentBefore = absentBefore;
    this.cgroupsAbsentBefore = cgroupsAbsentBefore;
  }

  /** What an earlier node recorded as absent before it (see {@link NodeOwner}). */
  static HostPaths of(List<Path> absentBefore, List<Path> cgroupsAbsentBefore) {
    return new HostPaths(absentBefore, cgroupsAbsentBefore);
  }

  List<Path> absentBefore() {
    return absentBefore;
  }

  List<Path> cgroupsAbsentBefore() {
    return cgroupsAbsentBefore;
  }

  /** The processes in the pods' cgroups this node's kubelet made: the containers of its pods. */
  List<Long> processesInItsCgroups() {
    List<Long> pids = new ArrayList<>();
    for (Path cgroup : cgroupsAbsentBefore) {
      if (!Files.isDirectory(cgroup)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(cgroup)) {
        for (Path procs : walk.filter(p -> p.endsWith("cgroup.procs")).toList()) {
          for (String line : Files.readAllLines(procs)) {
            if (!line.isBlank() && !pids.contains(Long.parseLong(line.trim()))) {
              pids.add(Long.parseLong(line.trim()));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the processes of " + cgroup, e);
      }
    }
    return pids;
  }

  static HostPaths record() {
    return new HostPaths(
        WRITTEN_OUTSIDE_THE_RUN_FOLDER.stream().filter(p -> !Files.exists(p)).toList(),
        podCgroups().stream().filter(p -> !Files.exists(p)).toList());
  }

  /** kubelet's cgroup of the pods, in every hierarchy (cgroup v1 has one per controller). */
  private static List<Path> podCgroups() {
    try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
      return hierarchies.filter(Files::isDirectory).map(h -> h.resolve("kubepods")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes the pods' cgroups kubelet made, deepest first: a cgroup folder goes with rmdir once no
   * process is left in it (its files are the kernel's).
   */
  List<Path> removeCgroups() {
    List<Path> removed = new ArrayList<>();
    for (Path cgroup : cgroupsAbsentBefore) {
      if (!Files.isDirectory(cgroup)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(cgroup)) {
        for (Path dir :
            walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not remove the cgroup " + cgroup, e);
      }
      removed.add(cgroup);
    }
    return removed;
  }

  /** Unmounts what is mounted under the folders, deepest first; returns what it unmounted. */
  static List<String> unmountUnder(List<Path> folders) {
    List<String> unmounted = new ArrayList<>();
    for (String mountPoint : mountPointsUnder(folders)) {
      if (HostCommand.attempt("umount", mountPoint).exitCode() != 0) {
        HostCommand.run("umount", "-l", mountPoint);
      }
      unmounted.add(mountPoint);
    }
    return unmounted;
  }

  /** The mount points under the folders, deepest first. */
  static List<String> mountPointsUnder(List<Path> folders) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(line -> line.split(" ")[4].replace("\\040", " "))
          .filter(point -> folders.stream().anyMatch(f -> Path.of(point).startsWith(f)))
          .sorted(Comparator.comparingInt(String::length).reversed())
          .distinct()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the folders that were not there before, once nothing is mounted under them. */
  List<Path> removeWhatWasNotThere() {
    unmountUnder(absentBefore);
    List<Path> removed = new ArrayList<>();
    for (Path path : absentBefore) {
      if (Files.exists(path)) {
        deleteTree(path);
        removed.add(path);
      }
    }
    return removed;
  }

  static void deleteTree(Path dir) {
    if (!mountPointsUnder(List.of(dir)).isEmpty()) {
      throw new IllegalStateException(
          "Not deleting " + dir + ": something is still mounted under it");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir, e);
    }
  }
}
