/// OpsgenieKit speaks in the service-neutral vocabulary: a caller that imports it gets the
/// alerts, heartbeats, actions and errors of `OperationsModel` too.
@_exported import OperationsModel
