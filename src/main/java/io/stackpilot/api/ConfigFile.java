package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** A file rendered into a content-addressed ConfigMap and mounted read-only into the container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigFile {

  @JsonPropertyDescription("Absolute path of the file in the container, e.g. /config/settings.yml.")
  @Required
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  @ValidationRule(
      value = "!self.endsWith('/')",
      message = "configFiles[].path must name a file, not a directory: remove the trailing '/'")
  private String path;

  @JsonPropertyDescription(
      "Content of the file. Use env with secretKeyRef for secrets, never file content.")
  @Required
  @Size(max = 262144)
  private String content;

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigFile other
        && Objects.equals(path, other.path)
        && Objects.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, content);
  }
}
