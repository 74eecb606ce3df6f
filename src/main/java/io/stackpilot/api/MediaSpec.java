package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** What is particular to a media service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MediaSpec {

  @JsonPropertyDescription("Media libraries mounted into the service.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "media.libraries must have unique names: two libraries share a name")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.mountPath == a.mountPath))",
      message = "media.libraries must have unique mountPaths: two libraries share a mountPath")
  private List<MediaLibrary> libraries;

  @JsonPropertyDescription("Transcoding scratch space and devices.")
  private TranscodeSpec transcode;

  public List<MediaLibrary> getLibraries() {
    return libraries;
  }

  public void setLibraries(List<MediaLibrary> libraries) {
    this.libraries = libraries;
  }

  public TranscodeSpec getTranscode() {
    return transcode;
  }

  public void setTranscode(TranscodeSpec transcode) {
    this.transcode = transcode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaSpec other
        && Objects.equals(libraries, other.libraries)
        && Objects.equals(transcode, other.transcode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(libraries, transcode);
  }
}
