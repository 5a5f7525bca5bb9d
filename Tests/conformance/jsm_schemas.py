"""The simulator's JSM Operations answers checked against Atlassian's published schemas.

jsm_shapes.json is transcribed from the OpenAPI types of Atlassian's JSM Operations API (its source is
at the top of the file), never from the simulator or the client, so neither can drift the other way.
Every field the simulator sends must be in the schema with the right JSON type, required fields must be
present, enum values allowed, date-times ISO 8601. Starts nothing: give it the base URL of a running
simulator (`vigil simulate`); it talks to 127.0.0.1 only. Python 3 standard library only.

    python3 Tests/conformance/jsm_schemas.py http://127.0.0.1:PORT
"""
import base64
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import loopback_only  # noqa: F401  (refuses any host but 127.0.0.1)

URL = sys.argv[1].rstrip("/")
HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../../../shared/reference/jsm-ops/swagger.v3.json")


def ops_schemas(path):
    """Atlassian's current JSM Operations schemas, read from its OpenAPI description
    (swagger.v3.json): `#/components/schemas/X` references become `X`, nothing is copied by hand."""
    def local(node, names=False):
        """`names`: the keys are property names (under `properties`), not schema keywords."""
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if names:
                    out[key] = local(value)
                elif key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                    out[key] = value.rsplit("/", 1)[1]
                elif key in ("example", "description", "discriminator"):
                    continue
                else:
                    out[key] = local(value, names=key == "properties")
            return out
        if isinstance(node, list):
            return [local(item) for item in node]
        return node
    with open(path) as f:
        return {name: local(schema) for name, schema in json.load(f)["components"]["schemas"].items()}


OPS = ops_schemas(SPEC)
# The site's own routes are not in the Ops spec: their shapes come from the Jira platform's docs (jsm_shapes.json).
JIRA = json.load(open(os.path.join(HERE, "jsm_shapes.json")))["jira"]["schemas"]
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")


def basic(email, token):
    return "Basic " + base64.b64encode(f"{email}:{token}".encode()).decode()


FULL = basic("alice@example.com", "vigil-demo-token")
READ_ONLY = basic("viewer@example.com", "vigil-demo-read-only-token")


def call(method, path, body=None, authorization=FULL):
    """One request; returns (status, parsed JSON or None, headers)."""
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, raw, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), dict(error.headers)
    try:
        return status, json.loads(raw), got
    except ValueError:
        return status, None, got


def validate(value, schema, where, table):
    """The ways `value` breaks `schema` (empty when it conforms)."""
    if "$ref" in schema:
        return validate(value, table[schema["$ref"]], where, table)
    if "oneOf" in schema:
        attempts = [validate(value, option, where, table) for option in schema["oneOf"]]
        if any(not errors for errors in attempts):
            return []
        return [f"{where}: matches none of {[o.get('$ref', '?') for o in schema['oneOf']]}: " + "; ".join(e[0] for e in attempts)]
    kind = schema.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if kind in checks and not checks[kind](value):
        return [f"{where}: {json.dumps(value)[:60]} is not a JSON {kind}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if schema.get("format") == "date-time" and not DATE_TIME.match(value):
        errors.append(f"{where}: {value!r} is not an ISO 8601 date-time")
    if kind == "number" and schema.get("format") in ("int32", "int64") and "integralNotEnforced" not in schema \
            and value != int(value):
        errors.append(f"{where}: {value} is not integral ({schema['format']})")
    if kind == "array":
        for index, item in enumerate(value):
            errors += validate(item, schema["items"], f"{where}[{index}]", table)
    if kind == "object":
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        errors += [f"{where}: required field '{name}' is missing" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                errors += validate(item, properties[name], f"{where}.{name}", table)
            elif extra is not None:
                errors += validate(item, extra, f"{where}.{name}", table)
            else:
                errors.append(f"{where}: field '{name}' is not in the schema")
    return errors


passed = failed = 0


def report(label, errors):
    global passed, failed
    if errors:
        failed += 1
        print(f"FAIL {label}: " + "; ".join(errors)[:600])
    else:
        passed += 1
        print(f"ok   {label}")


def check(method, path, status, schema, body=None, authorization=FULL, table=OPS, nonempty=None):
    """Calls, then checks the status, the shape, and (when `nonempty` names a list) that it has items."""
    got, payload, _ = call(method, path, body, authorization)
    errors = [] if got == status else [f"status {got}, expected {status}: {json.dumps(payload)[:200]}"]
    if not errors:
        errors = validate(payload, table[schema], schema, table)
    if not errors and nonempty and not payload.get(nonempty):
        errors = [f"'{nonempty}' is empty, so its items were not checked"]
    report(f"{method} {path} {status} {schema}", errors)
    return payload if got == status and isinstance(payload, dict) else {}


def first(items, key):
    for item in items or []:
        if item.get(key):
            return item[key]
    return None


def request_status(base, request_id, deadline_seconds=10):
    """Polls the request status until it is found, then checks its shape."""
    deadline = time.monotonic() + deadline_seconds
    path = f"{base}/v1/alerts/requests/{request_id}"
    while call("GET", path)[0] == 404 and time.monotonic() < deadline:
        time.sleep(0.05)
    return check("GET", path, 200, "GetRequestStatusResponse")


def alerts(base):
    """The alert routes: list, get, alias, writes and their status, notes, logs, and their errors."""
    listed = check("GET", f"{base}/v1/alerts?size=3", 200, "ListAlertResponse", nonempty="values")
    next_link = (listed.get("links") or {}).get("next", "")
    report("links.next is a relative /v1 path", [] if next_link.startswith("/v1/alerts?") else [f"next is {next_link!r}"])
    opened = check("GET", f"{base}/v1/alerts?size=5&query=status%3Aopen&sort=priority&order=asc", 200, "ListAlertResponse",
                   nonempty="values").get("values") or [{}]
    alert_id, alias = opened[0].get("id", "none"), opened[0].get("alias", "none")
    path = f"{base}/v1/alerts/{alert_id}"
    check("GET", path, 200, "AlertResponse")
    check("GET", f"{base}/v1/alerts/alias?alias={urllib.parse.quote(alias)}", 200, "AlertResponse")
    accepted = check("POST", f"{path}/acknowledge", 202, "SuccessResponse")
    request_status(base, accepted.get("requestId", "none"))
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400 * 400))
    return path, later


def writes(base, path, later, account_id, escalation_id):
    """Every asynchronous write answers SuccessResponse; a note answers AlertNote at once."""
    check("POST", f"{path}/assign", 202, "SuccessResponse", body={"accountId": account_id})
    check("POST", f"{path}/escalate", 202, "SuccessResponse", body={"escalationId": escalation_id})
    check("POST", f"{path}/tags", 202, "SuccessResponse", body={"tags": ["conformance"]})
    check("DELETE", f"{path}/tags", 202, "SuccessResponse", body={"tags": ["conformance"]})
    check("POST", f"{path}/snooze", 202, "SuccessResponse", body={"endTime": later})
    check("POST", f"{path}/unacknowledge", 202, "SuccessResponse")
    check("POST", f"{path}/notes", 200, "AlertNote", body={"note": "checked by jsm_schemas.py"})
    check("GET", f"{path}/notes?size=5", 200, "GetAlertNotesResponse", nonempty="values")
    check("GET", f"{path}/logs?size=5", 200, "AlertLogsResponse", nonempty="values")
    closed = check("POST", f"{path}/close", 202, "SuccessResponse")
    request_status(base, closed.get("requestId", "none"))


def configuration(base):
    """Teams, their heartbeats and escalations, schedules and on-calls; returns an account id and an escalation id."""
    teams = check("GET", f"{base}/v1/teams", 200, "ListPlatformTeamResponse", nonempty="platformTeams").get("platformTeams") or []
    team_ids = [team.get("teamId") for team in teams]
    beats = [t for t in team_ids if (call("GET", f"{base}/v1/teams/{t}/heartbeats")[1] or {}).get("values")]
    escalating = [t for t in team_ids if (call("GET", f"{base}/v1/teams/{t}/escalations")[1] or {}).get("values")]
    team, other = (beats or ["none"])[0], (escalating or ["none"])[0]
    check("GET", f"{base}/v1/teams/{team}/heartbeats?size=2", 200, "HeartbeatPaginatedResponse", nonempty="values")
    heartbeat = first((call("GET", f"{base}/v1/teams/{team}/heartbeats")[1] or {}).get("values"), "name") or "none"
    check("POST", f"{base}/v1/teams/{team}/heartbeats/ping?name={urllib.parse.quote(heartbeat)}", 202, "SimpleSuccessResponse")
    escalations = check("GET", f"{base}/v1/teams/{other}/escalations", 200, "EscalationPaginatedResponse", nonempty="values")
    escalation_id = first(escalations.get("values"), "id") or "none"
    check("GET", f"{base}/v1/teams/{other}/escalations/{escalation_id}", 200, "EscalationResponse")
    schedules = check("GET", f"{base}/v1/schedules?expand=rotation&size=2", 200, "ListSchedulesResponse", nonempty="values")
    schedule = first(schedules.get("values"), "id") or "none"
    check("GET", f"{base}/v1/schedules/{schedule}", 200, "Schedule")
    flat = check("GET", f"{base}/v1/schedules/{schedule}/on-calls?flat=true", 200, "OnCallResponse", nonempty="onCallUsers")
    check("GET", f"{base}/v1/schedules/{schedule}/on-calls?flat=false", 200, "OnCallResponse", nonempty="onCallParticipants")
    check("GET", f"{base}/v1/schedules/{schedule}/next-on-calls?flat=true", 200, "NextOnCallResponse", nonempty="nextOnCallUsers")
    check("GET", f"{base}/v1/schedules/{schedule}/next-on-calls", 200, "NextOnCallResponse", nonempty="nextOnCallParticipants")
    return (flat.get("onCallUsers") or ["none"])[0], escalation_id


def errors(base, path):
    """The documented error bodies: 401 UnauthorizedErrorResponse, else ErrorResponses."""
    check("GET", f"{base}/v1/alerts", 401, "UnauthorizedErrorResponse", authorization=basic("alice@example.com", "wrong"))
    check("GET", f"{base}/v1/alerts", 401, "UnauthorizedErrorResponse", authorization=None)
    check("POST", f"{path}/acknowledge", 403, "ErrorResponses", authorization=READ_ONLY)
    check("GET", f"{base}/v1/alerts/no-such-alert", 404, "ErrorResponses")
    check("GET", f"{base}/v1/alerts/requests/no-such-request", 404, "ErrorResponses")
    check("GET", "/jsm/ops/api/00000000-0000-0000-0000-000000000000/v1/alerts", 404, "ErrorResponses")
    check("GET", f"{base}/v1/alerts?offset=19999&size=1", 422, "ErrorResponses")
    check("GET", f"{base}/v1/alerts?sort=tinyId", 422, "ErrorResponses")
    check("POST", f"{path}/snooze", 422, "ErrorResponses", body={})


def main():
    tenant = check("GET", "/_edge/tenant_info", 200, "TenantInfo", authorization=None, table=JIRA)
    base = f"/jsm/ops/api/{tenant.get('cloudId', 'none')}"
    path, later = alerts(base)
    account_id, escalation_id = configuration(base)
    writes(base, path, later, account_id, escalation_id)
    errors(base, path)
    check("GET", f"/rest/api/3/user/bulk?accountId={account_id}&maxResults=1", 200, "PageBeanUser", table=JIRA, nonempty="values")
    print(f"jsm-schemas: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


main()
