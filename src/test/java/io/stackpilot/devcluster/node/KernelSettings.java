package io.stackpilot.devcluster.node;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The kernel settings a node changes without asking: kubelet sets overcommit and panic behaviour at
 * start, the bridge plugin turns on forwarding. They are read before the node starts and written
 * back when it stops, so a test run leaves the machine as it found it.
 *
 * <p>The values read are also kept in {@link #LEDGER}, under /run (gone at reboot, as the settings'
 * changes are), until they are written back. A node whose run was killed before its teardown leaves
 * the ledger behind, and the next node takes the machine's values from it rather than from the
 * kernel, which still holds what kubelet set: read from the kernel, the changed values would be
 * "restored" ever after.
 */
final class KernelSettings {

  static final List<String> CHANGED_BY_A_NODE =
      List.of(
          "vm/overcommit_memory",
          "vm/panic_on_oom",
          "kernel/panic",
          "kernel/panic_on_oops",
          "kernel/keys/root_maxkeys",
          "kernel/keys/root_maxbytes",
          "net/ipv4/ip_forward",
          "net/bridge/bridge-nf-call-iptables");

  private static final Path SYSCTL = Path.of("/proc/sys");

  /** The machine's values from before a node, while a node may have changed them. */
  static final Path LEDGER = Path.of("/run/stackpilot/kernel-settings-before-node");

  private final Map<String, String> saved;

  private KernelSettings(Map<String, String> saved) {
    this.saved = saved;
  }

  /**
   * The machine's values of every setting a node may change (those the kernel has): from the ledger
   * an earlier node left behind, else the current ones, which the ledger then keeps.
   */
  static KernelSettings save() {
    Map<String, String> values = new LinkedHashMap<>();
    if (Files.exists(LEDGER)) {
      for (String line : readLedger()) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      return new KernelSettings(values);
    }
    for (String key : CHANGED_BY_A_NODE) {
      Path file = SYSCTL.resolve(key);
      if (Files.exists(file)) {
        values.put(key, read(file));
      }
    }
    try {
      Files.createDirectories(LEDGER.getParent());
      StringBuilder ledger = new StringBuilder();
      values.forEach((key, value) -> ledger.append(key).append('=').append(value).append('\n'));
      Files.writeString(LEDGER, ledger);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the kernel settings in " + LEDGER, e);
    }
    return new KernelSettings(values);
  }

  private static List<String> readLedger() {
    try {
      return Files.readAllLines(LEDGER, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + LEDGER, e);
    }
  }

  /** Writes back every saved value that differs now; returns the ones it restored. */
  Map<String, String> restore() {
    Map<String, String> restored = new LinkedHashMap<>();
    saved.forEach(
        (key, value) -> {
          Path file = SYSCTL.resolve(key);
          String now = read(file);
          if (!now.equals(value)) {
            try {
              Files.writeString(file, value);
              restored.put(key, now + " -> " + value);
            } catch (IOException e) {
              throw new UncheckedIOException("Could not restore " + key + " to " + value, e);
            }
          }
        });
    if (changed().isEmpty()) {
      try {
        Files.deleteIfExists(LEDGER);
        Path folder = LEDGER.getParent();
        if (Files.isDirectory(folder)) {
          try (Stream<Path> left = Files.list(folder)) {
            if (left.findAny().isEmpty()) {
              Files.delete(folder);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not remove " + LEDGER, e);
      }
    }
    return restored;
  }

  /** The settings that differ from what was saved. */
  Map<String, String> changed() {
    Map<String, String> changed = new LinkedHashMap<>();
    saved.forEach(
        (key, value) -> {
          String now = read(SYSCTL.resolve(key));
          if (!now.equals(value)) {
            changed.put(key, value + " -> " + now);
          }
        });
    return changed;
  }

  @Override
  public String toString() {
    return saved.toString();
  }

  /**
   * One read of the whole value: a sysctl file answers only the first read, so a reader that takes
   * a byte first (as Files.readString does with a file of size 0) would see "1" of "10".
   */
  private static String read(Path file) {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      byte[] buffer = new byte[4096];
      int length = in.read(buffer);
      return new String(buffer, 0, Math.max(length, 0), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }
}
