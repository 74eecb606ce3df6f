# The entry points a newcomer needs: `make demo` and `make test`.
MVN ?= mvn -B -ntp
SHELL := /bin/bash

.PHONY: test unit k8s-binaries crds demo jar build clean

## Builds the control-plane binaries if missing, then runs unit tests and integration tests.
test: k8s-binaries
	$(MVN) verify

## Unit tests only: no control plane needed.
unit:
	$(MVN) test

## etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and helm from the Go module proxy.
k8s-binaries:
	scripts/k8s-binaries

## Regenerates crds/ from the API classes, and the chart's and the kustomize base's copies of it
## (CrdsAreCurrentTest and ChartCrdsAreCurrentTest fail when one is stale).
crds:
	$(MVN) -q process-classes
	rm -f crds/*-v1.yml helm/stackpilot/crds/*-v1.yml deploy/crds/*-v1.yml
	cp target/classes/META-INF/fabric8/*-v1.yml crds/
	cp crds/*-v1.yml helm/stackpilot/crds/
	cp crds/*-v1.yml deploy/crds/

build:
	$(MVN) -DskipTests package

## A local control plane, the operator and the example stack; then a bad upgrade rolls back by itself.
demo: k8s-binaries jar
	java -jar target/stackpilot.jar demo $(DEMO_ARGS)

## target/stackpilot.jar, without running the tests.
jar:
	$(MVN) -q -DskipTests package

clean:
	$(MVN) clean
