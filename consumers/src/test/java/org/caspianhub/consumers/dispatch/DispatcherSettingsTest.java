package org.caspianhub.consumers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;

/** A bad delivery default is reported under the name an operator set it by, not a subscriptions-file field's. */
class DispatcherSettingsTest {

    @Test
    void aBadDeliveryDefaultNamesItsEnvironmentVariable() {
        assertThatThrownBy(() -> DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DELIVERY_MAX_AGE", "0s"))))
                .hasMessage("setting CASPIAN_DELIVERY_MAX_AGE must be positive, got PT0S");
        assertThatThrownBy(() -> DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DELIVERY_MAX_IN_FLIGHT", "0"))))
                .hasMessage("setting CASPIAN_DELIVERY_MAX_IN_FLIGHT must be between 1 and 4096, got 0");
        assertThatThrownBy(() -> DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DELIVERY_START_FROM", "middle"))))
                .hasMessage("setting CASPIAN_DELIVERY_START_FROM must be earliest or latest, got 'middle'");
        assertThatThrownBy(() -> DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DISPATCHER_STALL_AFTER", "0s"))))
                .hasMessageStartingWith("setting CASPIAN_DISPATCHER_STALL_AFTER must be positive, got '0s'");
    }

    @Test
    void theLongestRetryAfterIsTheMaximumAgeUnlessSet() {
        DispatcherSettings settings = DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DELIVERY_MAX_AGE", "2h")));
        assertThat(settings.defaults().maxRetryAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(DispatcherSettings.from(Settings.of(Map.of("CASPIAN_DELIVERY_MAX_AGE", "2h",
                "CASPIAN_DELIVERY_MAX_RETRY_AFTER", "10m"))).defaults().maxRetryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.port()).isEqualTo(8083);
        assertThat(settings.stallAfter()).isEqualTo(Duration.ofMinutes(1));
    }
}
