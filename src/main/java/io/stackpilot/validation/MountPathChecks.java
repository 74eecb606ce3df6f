package io.stackpilot.validation;

import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.TranscodeSpec;
import io.stackpilot.api.VolumeMountSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every path the container mounts something at is mounted once: volumes, extra volume mounts,
 * config files, media libraries, the transcode scratch and devices. The CRD keeps each list free of
 * duplicates, but not one list from another (a library at a volume's path, a device named twice);
 * the API server refuses such a Deployment, so it is reported here, on the field that mounts a path
 * a second time.
 */
final class MountPathChecks {

  private MountPathChecks() {}

  static void check(StackService service, Findings findings) {
    Map<String, String> firstByPath = new LinkedHashMap<>();
    List<StorageSpec> storage = Nulls.list(service.serviceSpec().getStorage());
    for (int i = 0; i < storage.size(); i++) {
      mounted(
          "spec.storage[" + i + "].mountPath",
          storage.get(i).getMountPath(),
          firstByPath,
          findings);
    }
    List<ConfigFile> files = Nulls.list(service.serviceSpec().getConfigFiles());
    for (int i = 0; i < files.size(); i++) {
      mounted("spec.configFiles[" + i + "].path", files.get(i).getPath(), firstByPath, findings);
    }
    List<VolumeMountSpec> mounts = Nulls.list(service.serviceSpec().getVolumeMounts());
    for (int i = 0; i < mounts.size(); i++) {
      mounted(
          "spec.volumeMounts[" + i + "].mountPath",
          mounts.get(i).getMountPath(),
          firstByPath,
          findings);
    }
    if (service instanceof MonitoringService monitoring) {
      Optional.ofNullable(monitoring.getSpec().getMonitoring())
          .flatMap(MonitoringSpec::roleFile)
          .ifPresent(file -> mounted(file.field(), file.path(), firstByPath, findings));
    }
    if (service instanceof MediaService media && media.getSpec().getMedia() != null) {
      MediaSpec spec = media.getSpec().getMedia();
      List<MediaLibrary> libraries = Nulls.list(spec.getLibraries());
      for (int i = 0; i < libraries.size(); i++) {
        mounted(
            "spec.media.libraries[" + i + "].mountPath",
            libraries.get(i).getMountPath(),
            firstByPath,
            findings);
      }
      Optional<TranscodeSpec> transcode = Optional.ofNullable(spec.getTranscode());
      if (transcode.map(TranscodeSpec::getScratchSize).isPresent()) {
        mounted(
            "spec.media.transcode.scratchSize",
            TranscodeSpec.SCRATCH_MOUNT_PATH,
            firstByPath,
            findings);
      }
      List<String> devices = transcode.map(TranscodeSpec::getDevices).orElse(List.of());
      for (int i = 0; i < devices.size(); i++) {
        mounted("spec.media.transcode.devices[" + i + "]", devices.get(i), firstByPath, findings);
      }
    }
  }

  private static void mounted(
      String field, String path, Map<String, String> firstByPath, Findings findings) {
    if (path == null) {
      return;
    }
    String first = firstByPath.putIfAbsent(path, field);
    if (first != null) {
      findings.error(
          field,
          field
              + " mounts "
              + path
              + ", where "
              + first
              + " already mounts something: a"
              + " container cannot mount two things at one path; choose another path for one of them");
    }
  }
}
