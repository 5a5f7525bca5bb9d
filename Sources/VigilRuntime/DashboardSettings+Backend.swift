import Foundation
import OperationsModel
import VigilCore

extension DashboardSettings {
    /// These settings for a dashboard on `backend`: what its service cannot do (incidents that
    /// live elsewhere or cannot be listed), the custom actions the config names per source, and
    /// whether actions are journaled. The one place a dashboard's settings meet its backend:
    /// `vigil` and the test driver both come through here.
    public func running(on backend: any OperationsBackend, customActions: [String: ConfiguredActions] = [:],
                        journaling: Bool) -> DashboardSettings {
        var settings = self
        settings.configuredActions = customActions
        settings.incidentsElsewhere = backend.incidentsElsewhere
        settings.incidentsNotListed = backend.incidentsNotListed
        settings.journaling = journaling
        return settings
    }
}
