"""Responses of the simulator's routes validated against the official API description's schemas."""
import json
import sys
import time
import urllib.request

import jsonschema

import loopback_only  # noqa: F401  (refuses any host but 127.0.0.1)

url, spec_path = sys.argv[1], sys.argv[2]
spec = json.load(open(spec_path))
definitions = spec["definitions"]


def fetch(path, method="GET", body=None):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": "GenieKey vigil-demo-key", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def schema_for(path, method, status):
    operation = spec["paths"][path][method.lower()]
    response = operation["responses"].get(str(status)) or operation["responses"]["default"]
    while "$ref" in response:
        response = spec["responses"][response["$ref"].split("/")[-1]]
    return {**response["schema"], "definitions": definitions}


first = fetch("/v2/alerts?limit=3")[1]["data"][0]
alert_id = first["id"]
checks = [
    ("/v2/alerts", "/v2/alerts?limit=3&query=status%3Aopen", "GET", 200),
    ("/v2/alerts/count", "/v2/alerts/count?query=status%3Aopen", "GET", 200),
    ("/v2/alerts/{identifier}", f"/v2/alerts/{alert_id}", "GET", 200),
    ("/v2/alerts/{identifier}", "/v2/alerts/no-such-alert", "GET", 404),
    ("/v2/alerts/{identifier}/notes", f"/v2/alerts/{alert_id}/notes", "GET", 200),
    ("/v2/alerts/{identifier}/logs", f"/v2/alerts/{alert_id}/logs", "GET", 200),
    ("/v2/alerts/saved-searches", "/v2/alerts/saved-searches", "GET", 200),
    ("/v2/alerts/{identifier}/acknowledge", f"/v2/alerts/{alert_id}/acknowledge", "POST", 202),
    ("/v2/alerts/requests/{requestId}", "/v2/alerts/requests/unknown", "GET", 404),
    ("/v2/heartbeats", "/v2/heartbeats", "GET", 200),
    ("/v2/heartbeats/{name}", "/v2/heartbeats/api-gateway", "GET", 200),
    ("/v2/heartbeats/{name}/ping", "/v2/heartbeats/api-gateway/ping", "GET", 202),
    ("/v2/schedules", "/v2/schedules?expand=rotation", "GET", 200),
    ("/v2/schedules/on-calls", "/v2/schedules/on-calls", "GET", 200),
    ("/v2/schedules/{identifier}/on-calls", "/v2/schedules/sched-platform/on-calls", "GET", 200),
    ("/v2/schedules/{identifier}/next-on-calls", "/v2/schedules/sched-platform/next-on-calls", "GET", 200),
    ("/v2/schedules/{identifier}/timeline", "/v2/schedules/sched-platform/timeline?interval=1&intervalUnit=days", "GET", 200),
    ("/v2/users", "/v2/users?limit=5", "GET", 200),
    ("/v2/teams", "/v2/teams", "GET", 200),
    ("/v2/escalations", "/v2/escalations", "GET", 200),
    ("/v2/account", "/v2/account", "GET", 200),
    ("/v1/incidents/", "/v1/incidents?query=status%3Aopen", "GET", 200),
    ("/v1/incidents/{identifier}", "/v1/incidents/incident-1", "GET", 200),
]
checks += [
    ("/v1/incidents/", "/v1/incidents?query=status%3Aopen&limit=1&offset=0&sort=tinyId&order=asc", "GET", 200),
    ("/v1/incidents/{identifier}", "/v1/incidents/1?identifierType=tiny", "GET", 200),
    ("/v1/incidents/{identifier}", "/v1/incidents/no-such-incident", "GET", 404),
    ("/v1/incidents/requests/{requestId}", "/v1/incidents/requests/unknown", "GET", 404),
]
passed = failed = 0


def validate(spec_path_name, path, method, expected, body=None):
    """Checks one answer's status and schema; returns its body."""
    global passed, failed
    status, payload = fetch(path, method, body)
    try:
        assert status == expected, f"status {status}, expected {expected}"
        jsonschema.validate(payload, schema_for(spec_path_name, method, status))
        passed += 1
        print(f"ok   {method} {path} {status}")
    except (AssertionError, jsonschema.ValidationError) as error:
        failed += 1
        print(f"FAIL {method} {path}: {str(error)[:300]}")
    return payload


def processed_incident_request(request_id, deadline=10):
    """The incident request status once processed (404 until then), checked against its schema."""
    end = time.time() + deadline
    while time.time() < end and fetch(f"/v1/incidents/requests/{request_id}")[0] == 404:
        time.sleep(0.05)
    return validate("/v1/incidents/requests/{requestId}", f"/v1/incidents/requests/{request_id}", "GET", 200).get("data", {})


for spec_path_name, path, method, expected in checks:
    validate(spec_path_name, path, method, expected, {"user": "schema"} if method == "POST" else None)

# An incident's life: created, its request status, closed, deleted; each answer against its schema.
created = validate("/v1/incidents/create", "/v1/incidents/create", "POST", 202,
                   {"message": "schema check incident", "serviceId": "service-checkout", "priority": "P4"})
incident_id = processed_incident_request(created.get("requestId", "none")).get("incidentId", "none")
validate("/v1/incidents/{identifier}", f"/v1/incidents/{incident_id}", "GET", 200)
closed = validate("/v1/incidents/{identifier}/close", f"/v1/incidents/{incident_id}/close", "POST", 202, {"note": "schema"})
processed_incident_request(closed.get("requestId", "none"))
deleted = validate("/v1/incidents/{identifier}", f"/v1/incidents/{incident_id}?identifierType=id", "DELETE", 202)
processed_incident_request(deleted.get("requestId", "none"))
print(f"schemas: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
