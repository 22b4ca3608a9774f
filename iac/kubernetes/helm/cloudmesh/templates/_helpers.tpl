{{/* Names and labels shared by the templates. */}}
{{- define "cloudmesh.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cloudmesh.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "cloudmesh.server.name" -}}{{ include "cloudmesh.fullname" . }}-server{{- end -}}
{{- define "cloudmesh.controller.name" -}}{{ include "cloudmesh.fullname" . }}-controller{{- end -}}
{{- define "cloudmesh.webhook.name" -}}{{ include "cloudmesh.fullname" . }}-webhook{{- end -}}

{{- define "cloudmesh.server.endpoint" -}}
{{- if .Values.controller.cloudMeshEndpoint -}}
{{- .Values.controller.cloudMeshEndpoint -}}
{{- else -}}
{{- printf "http://%s.%s.svc:%v" (include "cloudmesh.server.name" .) .Release.Namespace .Values.server.apiPort -}}
{{- end -}}
{{- end -}}

{{- define "cloudmesh.xds.endpoint" -}}
{{- if .Values.injector.xdsEndpoint -}}
{{- .Values.injector.xdsEndpoint -}}
{{- else -}}
{{- printf "http://%s.%s.svc:%v" (include "cloudmesh.server.name" .) .Release.Namespace .Values.server.xdsPort -}}
{{- end -}}
{{- end -}}
