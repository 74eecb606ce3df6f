# syntax=docker/dockerfile:1
# The operator image for users: `make image` (or `make jar`, then `docker build -t IMAGE .`), and
# for amd64 and arm64 at once `make image-multiarch` (docker buildx). It copies the jar Maven built;
# nothing of the operator is compiled inside the image. scripts/operator-image builds the same image
# without docker or a registry, reading this file's runtime recipe, user, flags and entrypoint.

# A Java runtime cut by jlink to the modules the jar uses, plus what it loads by name at run time:
# the EC and TLS providers of the API server's certificates, and jdk.management for the process
# metrics. Built on the platform of the image (under emulation for the other architecture).
# java.desktop is there for java.beans only: a headless server never loads its graphics and sound
# libraries, which would pull X11, fonts and ALSA in.
FROM eclipse-temurin:17-jdk AS runtime
COPY target/stackpilot.jar /stackpilot.jar
RUN modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps /stackpilot.jar),jdk.crypto.ec,jdk.management" \
 && jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
      --generate-cds-archive --output /opt/java \
 && cd /opt/java/lib \
 && rm -f libawt.so libawt_headless.so libawt_xawt.so libfontmanager.so libjavajpeg.so \
      libjsound.so liblcms.so libmlib_image.so libsplashscreen.so

# A small Debian base (glibc, zlib and libstdc++, which the runtime loads), for amd64 and arm64.
FROM debian:bookworm-slim
# A fixed numeric user, so that runAsNonRoot can verify it; the chart runs the pod as 10001.
RUN groupadd --system --gid 10001 stackpilot \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin stackpilot
COPY --from=runtime /opt/java /opt/java
COPY target/stackpilot.jar /opt/stackpilot/stackpilot.jar
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The jar's classes in a dynamic CDS archive over the runtime's (docs/performance.md): recorded from
# a training run that starts the operator against an API server that is not there, loads what
# start-up loads, fails to connect and exits. JAVA_TOOL_OPTIONS below names the archive.
RUN --network=none KUBERNETES_MASTER=https://127.0.0.1:1 KUBERNETES_AUTH_TRYKUBECONFIG=false \
      KUBERNETES_AUTH_TRYSERVICEACCOUNT=false MALLOC_ARENA_MAX=2 \
      java -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xmn8m -XX:TieredStopAtLevel=1 -Xss512k \
      -XX:ArchiveClassesAtExit=/opt/stackpilot/stackpilot.jsa -jar /opt/stackpilot/stackpilot.jar run \
      || test -s /opt/stackpilot/stackpilot.jsa

USER 10001:10001
# /metrics, /healthz and /readyz.
EXPOSE 8080
# The heap follows the container's memory limit; the chart sets the same through its values
# (jvmOptions), and docs/performance.md says why each flag is there. The root filesystem can be
# read-only: the JVM writes only to /tmp (the chart mounts an emptyDir there).
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xmn8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:TrimNativeHeapInterval=10000 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/opt/stackpilot/stackpilot.jsa"
# Fewer glibc malloc arenas for the JVM's native memory: a smaller resident set.
ENV MALLOC_ARENA_MAX=2
# For docker and compose (Kubernetes uses the chart's probes): the operator asks its own /readyz,
# as the image has no curl.
HEALTHCHECK --interval=30s --timeout=10s CMD ["java", "-XX:TieredStopAtLevel=1", "-jar", "/opt/stackpilot/stackpilot.jar", "healthcheck"]
ENTRYPOINT ["java", "-jar", "/opt/stackpilot/stackpilot.jar", "run"]
