package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;

/** The image and overrides of one release channel of a service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelSpec {

  @JsonPropertyDescription(
      "Container image of this channel, with a tag or digest, e.g. lscr.io/linuxserver/sonarr:4.0.9.")
  @Required
  @Pattern(ImageReference.PATTERN)
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription(
      "Environment variables that override those of the service (by name) while this channel is live.")
  @Size(max = 64)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "env must have unique names: two variables share a name")
  @SchemaFrom(type = EnvVarSchema[].class)
  private List<EnvVar> env;

  @JsonPropertyDescription(
      "Configuration entries that override those of the service (by key) while this channel is live.")
  @Size(max = 128)
  @ValidationRule(
      value = "self.all(k, k.matches('^[-._a-zA-Z][-._a-zA-Z0-9]*$'))",
      message =
          "config keys must be valid environment variable names (letters, digits, '_', '-', '.'); rename the key")
  private Map<String, String> config;

  @JsonPropertyDescription(
      "Images of the service's initContainers and containers on this channel, by container name,"
          + " replacing their own image while this channel is live.")
  @Size(max = 16)
  private Map<String, String> containerImages;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public Map<String, String> getContainerImages() {
    return containerImages;
  }

  public void setContainerImages(Map<String, String> containerImages) {
    this.containerImages = containerImages;
  }
}
