{{/* The chart's name. */}}
{{- define "stackpilot.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of every object of a release: the release name when it already says "stackpilot",
otherwise "<release>-stackpilot". Cut at 63 characters, the limit of a label value.
*/}}
{{- define "stackpilot.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "stackpilot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the operator's pods; they never change over the life of a release. */}}
{{- define "stackpilot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stackpilot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every object of the release. */}}
{{- define "stackpilot.labels" -}}
{{ include "stackpilot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: stackpilot
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "stackpilot.chart" . }}
{{- end -}}

{{- define "stackpilot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "stackpilot.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The JVM's flags, and the logback configuration of the chosen log format. */}}
{{- define "stackpilot.javaToolOptions" -}}
{{- if eq .Values.logFormat "json" -}}
{{- printf "%s -Dlogback.configurationFile=logback-json.xml" .Values.jvmOptions -}}
{{- else -}}
{{- .Values.jvmOptions -}}
{{- end -}}
{{- end -}}

{{- define "stackpilot.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
What the operator does to the API, verb by verb, read from the code (src/main/java/io/stackpilot/
reconcile, monitoring/SecretWebhookUrls.java, operator/StackpilotOperator.java). No wildcards: a
new verb or resource in the code needs a new line here, and PackagingIT pins this list.
*/}}
{{- define "stackpilot.rules" -}}
# The four kinds: informers, and a list of a namespace's services per reconcile. Never read one by
# one (the audit of the integration run shows no get), and Stackpilot never writes their spec.
- apiGroups: ["stackpilot.io"]
  resources: ["servicestacks", "mediaservices", "securityservices", "monitoringservices"]
  verbs: ["list", "watch"]
# Their status, written with server-side apply (PATCH on the status subresource).
- apiGroups: ["stackpilot.io"]
  resources: ["servicestacks/status", "mediaservices/status", "securityservices/status", "monitoringservices/status"]
  verbs: ["patch"]
# Not an endpoint of a custom resource: what the OwnerReferencesPermissionEnforcement admission
# plugin (on in OpenShift, for one) checks before it lets a Deployment, Service, ConfigMap, Ingress
# or claim carry an owner reference with blockOwnerDeletion to the service that owns it.
- apiGroups: ["stackpilot.io"]
  resources: ["mediaservices/finalizers", "securityservices/finalizers", "monitoringservices/finalizers"]
  verbs: ["update"]
# What a service renders, applied with server-side apply (PATCH; create for the first write) and
# watched by label. Each is read by name only when the API server refuses it, to tell whether
# another controller holds that name. A beta rollout's canary Deployment is deleted once no rollout
# needs it.
# A Deployment is also read by name once when data safety scales it to 0 before a snapshot.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# One per service of a stack with networkPolicy Isolate; the informer runs in every stack, so the
# operator does not start without list and watch. Both kinds are deleted once the spec no longer
# asks for them.
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# The forward-auth Middleware of a protected Ingress of class traefik: read by name (it is not
# watched) and applied.
- apiGroups: ["traefik.io"]
  resources: ["middlewares"]
  verbs: ["get", "create", "patch"]
# The HTTPRoute of a service exposed through a Gateway, watched while the Gateway API is served:
# applied, and deleted once the spec no longer asks for it.
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# ServiceMonitors, while the Prometheus Operator's API is served: a stack's, applied when it differs
# from what the operator last did and deleted once when the stack turns it off; a service's own (in
# no stack, with a metrics port), watched, applied, and deleted once the spec no longer asks for it.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# ConfigMaps a spec references are also watched (their key names only are kept), so a service
# waiting for one is woken when it appears; content-addressed ConfigMaps no recorded revision mounts
# any more are deleted; one the API server refuses is read by name, as above.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Claims are watched (existingClaim, media libraries: a service waiting for one is woken when it
# appears), and read by name when data safety labels the claim a failed upgrade migrated (the client
# reads it before its merge patch). Never deleted by Stackpilot: one with reclaim Delete goes with its
# service through the garbage collector, by owner reference.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch"]
# Health comes from the pods of a service's Deployment.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
# Pre-upgrade snapshots (storage[].snapshotBeforeUpgrade): listed by the service's label only while
# an upgrade or a rollback of such a service is under way, applied, and deleted beyond
# snapshotsToKeep (only those Stackpilot made). A cluster without the snapshot API needs none of it.
- apiGroups: ["snapshot.storage.k8s.io"]
  resources: ["volumesnapshots"]
  verbs: ["list", "create", "patch", "delete"]
# Secrets are watched so that a service waiting for one it names (env, TLS, pull secrets, alert
# webhook URLs) is woken when it appears: the operator keeps their key names only, never a value.
# An alert webhook's URL is read by name when an alert is sent.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# Events on the services (core/v1).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
