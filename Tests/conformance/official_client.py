"""The official Opsgenie Python SDK (generated from the same API description) against the simulator."""
import ast
import datetime
import sys
import time

import loopback_only  # noqa: F401  (first: refuses any host but 127.0.0.1)
import opsgenie_sdk

url = sys.argv[1]
conf = opsgenie_sdk.configuration.Configuration()
conf.api_key["Authorization"] = "vigil-demo-key"
conf.host = url
conf.retry_enabled = False
client = opsgenie_sdk.api_client.ApiClient(configuration=conf)
alerts = opsgenie_sdk.AlertApi(api_client=client)
heartbeats = opsgenie_sdk.HeartbeatApi(api_client=client)
incidents = opsgenie_sdk.IncidentApi(api_client=client)
passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def outcome(request_id, deadline=10, ask=None):
    ask = ask or alerts.get_request_status
    end = time.time() + deadline
    while time.time() < end:
        try:
            return ask(request_id=request_id).data
        except opsgenie_sdk.exceptions.ApiException as error:
            if error.status != 404:
                raise
            time.sleep(0.05)
    raise AssertionError(f"request {request_id} never processed")


listed = alerts.list_alerts(query="status:open", limit=5, sort="createdAt", order="desc")
check("list alerts", len(listed.data) == 5 and listed.paging is not None, str(listed.data)[:200])
count = alerts.count_alerts(query="status:open").data
# The description types `data` as a bare object, so the SDK hands back the raw mapping (or its text).
count_value = count.get("count") if isinstance(count, dict) else ast.literal_eval(str(count)).get("count")
check("count alerts", isinstance(count_value, int) and count_value >= 5, f"{type(count)} {count}")

created = alerts.create_alert(create_alert_payload=opsgenie_sdk.CreateAlertPayload(
    message="conformance check alert", alias="conformance-1", priority="P2", tags=["conformance"]))
status = outcome(created.request_id)
check("create alert + request status", status.is_success and status.alert_id, str(status))
alert_id = status.alert_id

alert = alerts.get_alert(identifier=alert_id, identifier_type="id").data
check("get alert", alert.message == "conformance check alert" and alert.priority == "P2", str(alert)[:200])
tiny = alerts.get_alert(identifier=alert.tiny_id, identifier_type="tiny").data
check("get alert by tiny id", tiny.id == alert_id)

ack = alerts.acknowledge_alert(identifier=alert_id, acknowledge_alert_payload=opsgenie_sdk.AcknowledgeAlertPayload(user="sdk", note="ack via sdk"))
check("acknowledge accepted", outcome(ack.request_id).is_success)
check("acknowledge read back", alerts.get_alert(identifier=alert_id).data.acknowledged is True)

until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3650)
snooze = alerts.snooze_alert(identifier=alert_id, snooze_alert_payload=opsgenie_sdk.SnoozeAlertPayload(end_time=until))
check("snooze accepted", outcome(snooze.request_id).is_success)
snoozed = alerts.get_alert(identifier=alert_id).data
check("snooze read back", snoozed.snoozed is True and snoozed.snoozed_until is not None, str(snoozed.snoozed_until))

assign = alerts.assign_alert(identifier=alert_id, assign_alert_payload=opsgenie_sdk.AssignAlertPayload(
    owner=opsgenie_sdk.UserRecipient(username="alice@example.com")))
check("assign accepted", outcome(assign.request_id).is_success)
check("assign read back", alerts.get_alert(identifier=alert_id).data.owner == "alice@example.com")

bad_assign = alerts.assign_alert(identifier=alert_id, assign_alert_payload=opsgenie_sdk.AssignAlertPayload(
    owner=opsgenie_sdk.UserRecipient(username="nobody@example.com")))
bad = outcome(bad_assign.request_id)
check("assign unknown user fails with reason", bad.is_success is False and "nobody" in (bad.status or ""), str(bad))

note = alerts.add_note(identifier=alert_id, add_note_to_alert_payload=opsgenie_sdk.AddNoteToAlertPayload(note="note via sdk"))
check("add note accepted", outcome(note.request_id).is_success)
notes = alerts.list_notes(identifier=alert_id).data
check("note read back", any(n.note == "note via sdk" for n in notes), str(notes)[:200])

close = alerts.close_alert(identifier=alert_id, close_alert_payload=opsgenie_sdk.CloseAlertPayload(note="done"))
check("close accepted", outcome(close.request_id).is_success)
check("close read back", alerts.get_alert(identifier=alert_id).data.status == "closed")
again = alerts.close_alert(identifier=alert_id, close_alert_payload=opsgenie_sdk.CloseAlertPayload())
check("closing a closed alert fails with reason", outcome(again.request_id).is_success is False)

logs = alerts.list_logs(identifier=alert_id).data
check("list logs", len(logs) >= 3, str(len(logs)))

beats = heartbeats.list_heart_beats().data
names = [b.name for b in beats.heartbeats] if hasattr(beats, "heartbeats") else [b["name"] for b in beats["heartbeats"]]
check("list heartbeats", "api-gateway" in names, str(names))
beat = heartbeats.get_heartbeat(name="api-gateway").data
check("get heartbeat", beat.name == "api-gateway" and beat.interval == 5 and beat.interval_unit == "minutes", str(beat))
pong = heartbeats.ping(name="api-gateway")
check("ping heartbeat", pong.result == "PONG - Heartbeat received", str(pong))

# The Incident API: every call the SDK's IncidentApi has (create, list, get, close, delete, request status).
def incident_outcome(request_id):
    return outcome(request_id, ask=incidents.get_incident_request_status)


open_incidents = incidents.list_incidents(query="status:open", limit=5, sort="createdAt", order="desc")
check("list incidents", [i.id for i in open_incidents.data] == ["incident-1"] and open_incidents.paging is not None,
      str(open_incidents)[:300])
scenario_incident = incidents.get_incident(identifier="incident-1").data
check("get incident: the scenario's P2 with responders and details",
      scenario_incident.priority == "P2" and scenario_incident.responders[0].type == "team"
      and scenario_incident.extra_properties.get("region") == "eu-west-1", str(scenario_incident)[:300])

created_incident = incidents.create_incident(create_incident_payload=opsgenie_sdk.CreateIncidentPayload(
    message="conformance check incident", description="from the official SDK", priority="P3", tags=["conformance"],
    details={"origin": "sdk"}, service_id="service-checkout", note="opened by the SDK",
    responders=[opsgenie_sdk.Recipient(type="team", id="team-platform")]))
incident_status = incident_outcome(created_incident.request_id)
check("create incident + request status", incident_status.is_success and incident_status.success
      and incident_status.action == "Create" and incident_status.incident_id, str(incident_status))
incident_id = incident_status.incident_id

incident = incidents.get_incident(identifier=incident_id, identifier_type="id").data
check("get incident", incident.message == "conformance check incident" and incident.status == "open"
      and incident.extra_properties == {"origin": "sdk"} and incident.owner_team == "team-platform", str(incident)[:300])
check("get incident by tiny id", incidents.get_incident(identifier=incident.tiny_id, identifier_type="tiny").data.id == incident_id)
check("list incidents by free text", [i.id for i in incidents.list_incidents(query="conformance").data] == [incident_id])

closed_incident = incidents.close_incident(identifier=incident_id, close_incident_payload=opsgenie_sdk.CloseIncidentPayload(note="done"))
check("close incident accepted", incident_outcome(closed_incident.request_id).is_success)
check("close incident read back", incidents.get_incident(identifier=incident_id).data.status == "closed")
check("list closed incidents", incident_id in [i.id for i in incidents.list_incidents(query="status:closed").data])
again_incident = incidents.close_incident(identifier=incident_id)
refused = incident_outcome(again_incident.request_id)
check("closing a closed incident fails with reason", refused.is_success is False and "closed" in (refused.status or ""), str(refused))

deleted = incidents.delete_incident(identifier=incident_id, identifier_type="id")
check("delete incident accepted", incident_outcome(deleted.request_id).action == "Delete")
try:
    incidents.get_incident(identifier=incident_id)
    check("deleted incident is gone", False, "still answered")
except opsgenie_sdk.exceptions.ApiException as error:
    check("deleted incident is gone", error.status == 404, f"HTTP {error.status}")
try:
    incidents.get_incident_request_status(request_id="no-such-request")
    check("unknown incident request is 404", False, "answered")
except opsgenie_sdk.exceptions.ApiException as error:
    check("unknown incident request is 404", error.status == 404, f"HTTP {error.status}")

# The simulator, asked with no key at all (the SDK then sends no Authorization header), answers 401.
# Configuration() is a shallow copy of a shared default whose api_key dict already holds the demo key
# set above, so the key dict is replaced, not emptied in place.
no_key = opsgenie_sdk.configuration.Configuration()
no_key.host = url
no_key.retry_enabled = False
no_key.api_key = {}
sends_no_key = no_key.get_api_key_with_prefix("Authorization") is None
try:
    opsgenie_sdk.AlertApi(api_client=opsgenie_sdk.api_client.ApiClient(configuration=no_key)).list_alerts()
    check("missing key is 401", False, "answered without a key")
except opsgenie_sdk.exceptions.RetryableException as error:  # the SDK's base of every HTTP error answer
    status = getattr(error, "status", None)
    check("missing key is 401", sends_no_key and status == 401, f"{type(error).__name__} HTTP {status}, sends no key: {sends_no_key}")

print(f"conformance: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
