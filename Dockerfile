# The operator image: `make image` (or `make jar`, then `docker build -t IMAGE .`).
# It copies the jar Maven built; nothing is compiled inside the image.
FROM eclipse-temurin:17-jre

# A fixed numeric user, so that runAsNonRoot can verify it; the chart runs the pod as 10001.
RUN groupadd --system --gid 10001 stackpilot \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin stackpilot

COPY target/stackpilot.jar /opt/stackpilot/stackpilot.jar

USER 10001:10001
# /metrics, /healthz and /readyz.
EXPOSE 8080
# The heap follows the container's memory limit; the chart sets the same through its values
# (jvmOptions), and docs/performance.md says why each flag is there.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xmn24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/opt/stackpilot/stackpilot.jar", "run"]
