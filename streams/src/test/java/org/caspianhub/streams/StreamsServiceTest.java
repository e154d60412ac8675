package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** The service through the embedded KRaft broker. */
class StreamsServiceTest extends StreamsServiceContract {

    @Override
    protected TestPlatform platform() {
        return TestPlatforms.embedded();
    }

    @Test
    void healthIsDownUntilStarted() {
        StreamsService service = new StreamsService(StreamsSettings.from(Settings.of(java.util.Map.of())));
        assertThat(service.health().up()).isFalse();
        assertThat(service.health().details()).containsEntry("state", "NOT_RUNNING");
        service.close();
    }
}
