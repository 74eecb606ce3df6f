# The entry points a newcomer needs: `make demo` and `make test`.
MVN ?= mvn -B -ntp
SHELL := /bin/bash

.PHONY: test unit k8s-binaries node-binaries csi-binaries flux-binaries edge-binaries test-images crds docs demo demo-real-node jar build image image-multiarch operator-image clean bench format

## Builds the control-plane and node binaries and the test images if missing, then runs unit tests
## and integration tests (the real-node ones need root, as CI has).
test: k8s-binaries node-binaries csi-binaries flux-binaries edge-binaries test-images
	$(MVN) verify

## Unit tests only: no control plane needed.
unit:
	$(MVN) test

## etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and helm from the Go module proxy.
k8s-binaries:
	scripts/k8s-binaries

## kubelet, kube-proxy, containerd, CNI plugins, crictl and CoreDNS from the Go module proxy, and
## Debian's runc, nftables and busybox-static: a real node beside the control plane.
node-binaries: k8s-binaries
	scripts/node-binaries

## The real node's CSI storage: the hostpath driver and its sidecars (provisioner, snapshotter,
## snapshot-controller, registrar).
csi-binaries:
	scripts/csi-binaries

## Flux's source-controller and kustomize-controller, and their CRDs, from the Go module proxy: the
## GitOps tests run them beside the control plane, following a git repository served on loopback.
flux-binaries:
	scripts/flux-binaries

## Traefik (the ingress controller) and oauth2-proxy (a SecurityService's proxy) from the Go module
## proxy, for the real-node tests of exposure and forward auth.
edge-binaries:
	scripts/edge-binaries

## The images of the real-node tests, built here (pause, busybox, podinfo in four builds, ledger,
## standin, prometheus, traefik, oauth2-proxy).
test-images: node-binaries edge-binaries
	scripts/test-images

## The benchmark harness (src/test/java/io/stackpilot/bench, never run by `make test`) on a local
## control plane; writes bench/results/<date>.csv and .md. BENCH_ARGS takes key=value words, e.g.
## BENCH_ARGS="n=100,300 pairs=2 changes=20 resync=10" (see BenchOptions); without any, N=100, 500 and
## 1000, about 25 minutes on 2 cores. docs/performance.md reads them.
## The jar comes first: the operator also runs as a process of its own, to measure its own memory.
## The harness runs in Maven's JVM; on 2 cores its common pool has one thread, so the JDK HTTP client
## would start a thread per response (see docs/performance.md) in the harness and the in-JVM operator.
BENCH_ARGS ?=
bench: k8s-binaries jar
	MAVEN_OPTS="$$MAVEN_OPTS -Djava.util.concurrent.ForkJoinPool.common.parallelism=2" \
	$(MVN) -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.stackpilot.bench.BenchMain -Dexec.args="$(BENCH_ARGS)"

## Formats the Java sources as the build checks them (google-java-format through Spotless).
format:
	$(MVN) -q spotless:apply

## Regenerates crds/ from the API classes (CrdsAreCurrentTest fails when it is stale). The kustomize
## base reads crds/ itself; every build copies it into the chart.
crds:
	$(MVN) -q process-classes
	rm -f crds/*-v1.yml
	cp target/classes/META-INF/fabric8/*-v1.yml crds/
	$(MVN) -q generate-resources

## Regenerates docs/api.md from the CRDs (ApiReferenceIsCurrentTest fails when it is stale).
docs:
	$(MVN) -q process-classes exec:java -Dexec.mainClass=io.stackpilot.docs.ApiReferenceGenerator -Dexec.args=docs/api.md

build:
	$(MVN) -DskipTests package

## A local control plane, the operator and the example stack; then a bad upgrade rolls back by itself.
## The demo and the local control plane are test support, not part of the operator's jar: they run
## from the test classpath in a JVM of their own.
demo: k8s-binaries
	$(MVN) -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
	  -Dexec.args="-classpath %classpath io.stackpilot.demo.DemoCommand $(DEMO_ARGS)"

## The demo with a real node beside the fake ones (needs root): podinfo in real containers answers
## HTTP, and its bad upgrade crashes for real before it rolls back.
demo-real-node: k8s-binaries node-binaries test-images
	$(MVN) -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
	  -Dexec.args="-classpath %classpath io.stackpilot.demo.DemoCommand --real-node $(DEMO_ARGS)"

## target/stackpilot.jar, without running the tests.
jar:
	$(MVN) -q -DskipTests package

## The operator image, with docker or podman when one can build here (a CLI alone, without a
## daemon, cannot). IMAGE names the result.
IMAGE ?= ghcr.io/stackpilot/stackpilot:0.1.0
image:
	@if docker info >/dev/null 2>&1; then builder=docker; \
	elif podman info >/dev/null 2>&1; then builder=podman; \
	else \
	  echo "make image: no container builder on this machine (no docker daemon answers, no podman)." >&2; \
	  echo "Build the jar here with 'make jar', then run 'docker build -t $(IMAGE) .' where a builder exists." >&2; \
	  exit 1; \
	fi; \
	$(MAKE) jar && $$builder build -t $(IMAGE) .

## The users' image for amd64 and arm64 (docker buildx, emulating the other architecture), pushed
## to IMAGE's registry, where a multi-arch image lives. Reproducible: the jar is (the pom fixes its
## entries' time), and the layers' timestamps are rewritten to the last commit's.
image-multiarch: jar
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) docker buildx build \
	  --platform linux/amd64,linux/arm64 \
	  --output type=image,name=$(IMAGE),push=true,rewrite-timestamp=true .

## The operator image without docker or a registry: an OCI archive built from Debian's OpenJDK
## (scripts/operator-image says how), for `ctr images import`.
operator-image: jar
	scripts/operator-image target/stackpilot.jar

clean:
	$(MVN) clean
