package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The objects of its namespace a spec names and whose presence or keys change its verdict: Secrets
 * (env, the TLS secret, pull secrets, alert webhook URLs), ConfigMaps (env) and claims
 * (existingClaim, media libraries). The same answer serves two purposes, so they can never drift
 * apart: what the checks read, and which changes wake the resource.
 *
 * <p>Only names an object can have are kept: a spec may name anything (a megabyte of letters, a
 * slash), which cannot exist, and asking the API server for it fails the request, not the lookup.
 */
public record SpecReferences(Set<String> secrets, Set<String> configMaps, Set<String> claims) {

  /** A DNS subdomain, what Secrets, ConfigMaps and claims are named. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** The kinds of object a spec refers to. */
  public enum Kind {
    SECRET,
    CONFIG_MAP,
    CLAIM
  }

  public SpecReferences {
    secrets = Collections.unmodifiableSet(new TreeSet<>(secrets));
    configMaps = Collections.unmodifiableSet(new TreeSet<>(configMaps));
    claims = Collections.unmodifiableSet(new TreeSet<>(claims));
  }

  /** What a service names, its stack's defaults included: they are layered under the service. */
  public static SpecReferences ofService(StackService service, Optional<ServiceStack> stack) {
    Gathered refs = new Gathered();
    ServiceSpec spec = service.serviceSpec();
    if (spec != null) {
      refs.env(spec.getEnv());
      if (spec.getChannels() != null) {
        Stream.of(spec.getChannels().getStable(), spec.getChannels().getBeta())
            .filter(Objects::nonNull)
            .map(ChannelSpec::getEnv)
            .forEach(refs::env);
      }
      if (spec.getExpose() != null && spec.getExpose().getTls() != null) {
        refs.secrets.add(spec.getExpose().getTls().getSecretName());
      }
      if (spec.getStorage() != null) {
        spec.getStorage().stream().map(StorageSpec::getExistingClaim).forEach(refs.claims::add);
      }
      if (service instanceof MediaService media
          && media.getSpec().getMedia() != null
          && media.getSpec().getMedia().getLibraries() != null) {
        media.getSpec().getMedia().getLibraries().stream()
            .map(MediaLibrary::getClaimName)
            .forEach(refs.claims::add);
      }
    }
    stack.ifPresent(refs::stackDefaults);
    return refs.build();
  }

  /** What a stack names in its defaults and alert settings. */
  public static SpecReferences ofStack(ServiceStack stack) {
    Gathered refs = new Gathered();
    refs.stackDefaults(stack);
    return refs.build();
  }

  public boolean names(Kind kind, String name) {
    return switch (kind) {
      case SECRET -> secrets.contains(name);
      case CONFIG_MAP -> configMaps.contains(name);
      case CLAIM -> claims.contains(name);
    };
  }

  static boolean canBeAName(String name) {
    return name != null && name.length() <= 253 && OBJECT_NAME.matcher(name).matches();
  }

  /** The names as they are found, before those no object can have are dropped. */
  private static final class Gathered {
    // Hash sets: a reference may leave its name out (null), which only validation reports.
    final Set<String> secrets = new HashSet<>();
    final Set<String> configMaps = new HashSet<>();
    final Set<String> claims = new HashSet<>();

    void env(Collection<EnvVar> env) {
      if (env == null) {
        return;
      }
      for (EnvVar variable : env) {
        if (variable == null || variable.getValueFrom() == null) {
          continue;
        }
        // A reference without a name is reported by validation; there is nothing to read for it.
        if (variable.getValueFrom().getSecretKeyRef() != null) {
          secrets.add(variable.getValueFrom().getSecretKeyRef().getName());
        }
        if (variable.getValueFrom().getConfigMapKeyRef() != null) {
          configMaps.add(variable.getValueFrom().getConfigMapKeyRef().getName());
        }
      }
    }

    void stackDefaults(ServiceStack stack) {
      if (stack.getSpec() == null) {
        return;
      }
      Stream.of(
              stack.getSpec().getBase(),
              stack.getSpec().getMedia(),
              stack.getSpec().getSecurity(),
              stack.getSpec().getMonitoring())
          .filter(Objects::nonNull)
          .forEach(
              defaults -> {
                env(defaults.getEnv());
                Optional.ofNullable(defaults.getImagePullSecrets()).orElse(List.of()).stream()
                    .filter(Objects::nonNull)
                    .map(LocalObjectReference::getName)
                    .forEach(secrets::add);
              });
      if (stack.getSpec().getAlerts() != null
          && stack.getSpec().getAlerts().getWebhooks() != null) {
        stack.getSpec().getAlerts().getWebhooks().stream()
            .filter(Objects::nonNull)
            .map(AlertWebhook::getUrlSecretRef)
            .filter(Objects::nonNull)
            .forEach(ref -> secrets.add(ref.getName()));
      }
    }

    SpecReferences build() {
      return new SpecReferences(named(secrets), named(configMaps), named(claims));
    }

    private static Set<String> named(Set<String> names) {
      Set<String> kept = new TreeSet<>();
      names.stream().filter(SpecReferences::canBeAName).forEach(kept::add);
      return kept;
    }
  }
}
