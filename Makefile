# The entry points a newcomer needs: `make demo` and `make test`.
MVN ?= mvn -B -ntp
SHELL := /bin/bash

.PHONY: test unit k8s-binaries crds demo build clean

## Builds the control-plane binaries if missing, then runs unit tests and integration tests.
test: k8s-binaries
	$(MVN) verify

## Unit tests only: no control plane needed.
unit:
	$(MVN) test

## etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and helm from the Go module proxy.
k8s-binaries:
	scripts/k8s-binaries

## Regenerates crds/ from the API classes (CrdsAreCurrentTest fails when it is stale).
crds:
	$(MVN) -q process-classes
	rm -f crds/*-v1.yml
	cp target/classes/META-INF/fabric8/*-v1.yml crds/

build:
	$(MVN) -DskipTests package

demo:
	@echo "The demo arrives with the packaging work; for now 'make test' runs everything against a local control plane."

clean:
	$(MVN) clean
