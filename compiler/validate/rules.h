// The text rules Argo and Kubernetes apply to names, durations and cron
// schedules, as plain predicates (no diagnostics here; validate.cpp reports).
#pragma once
#include <string>
#include <string_view>

namespace flowc::rules {

// Argo's workflowFieldNameRegex: [a-zA-Z0-9][-a-zA-Z0-9]*, at most 128 characters
// (template, task, step names). Returns "" if valid, else why not.
std::string workflow_field_name_error(std::string_view name);
// Argo's paramOrArtifactNameRegex: ^[-a-zA-Z0-9_]+$ (parameter and artifact names).
bool is_param_or_artifact_name(std::string_view name);
// Kubernetes' DNS-1123 subdomain (object names): "" if valid, else why not.
std::string dns1123_subdomain_error(std::string_view name);
// Kubernetes' label value (at most 63 characters, alphanumeric ends, '-', '_', '.' inside).
std::string label_value_error(std::string_view value);
// Kubernetes' qualified name (label and annotation keys: optional DNS prefix '/', name).
std::string qualified_name_error(std::string_view key);
// Argo's isParameter(): the text holds a {{simple.variable}}.
bool has_parameter(std::string_view text);
// Go's time.ParseDuration ("1h30m", "10s", "0"): "" if valid, else why not.
std::string go_duration_error(std::string_view text);
// robfig/cron's ParseStandard (5 fields, @descriptors, @every, CRON_TZ=/TZ= prefix): "" if valid.
std::string cron_schedule_error(std::string_view schedule);
// Whether `text` parses as YAML (its first document, as sigs.k8s.io/yaml's
// Unmarshal reads it): "" if it does, else the parser's message.
std::string yaml_error(std::string_view text);
// An IANA time zone name Go's time.LoadLocation knows (read from the system's zoneinfo).
bool is_time_zone(std::string_view tz);

}  // namespace flowc::rules
